from __future__ import annotations

import pytest

from svcnlp.analysis import analyse_texts
from svcnlp.behaviours import Hit
from svcnlp.review_voice import drop_reviewer_voice, quoted, starts_in_first_person

REVIEW = "I noticed that the lounge was closed, so I went ahead and booked us a table at the cafe."


@pytest.mark.parametrize(("text", "expected"), [
    ("I noticed that", True), ("we've also", True), ("I'm even a", True), ("i have cancelled the", True),
    ("she noticed that", False), ("Ian rang me", False), ("It was", False), ("", False),
])
def test_review_voice_first_person_is_i_or_we(text: str, expected: bool) -> None:
    assert starts_in_first_person(text) is expected


@pytest.mark.parametrize(("text", "cue", "expected"), [
    ('She said "I\'ll call you tomorrow" and did.', "I'll", True),
    ("Finally someone who said 'I'll handle it' and then did.", "I'll", True),
    ("He told me I'll have it fixed by noon.", "I'll", True),
    ('The "express" lane was slow. I noticed that nobody was on the desk.', "I noticed", False),
    ("Don't bother. I went ahead and booked elsewhere.", "I went", False),
    ("The dogs' bowls were dirty. I went ahead and complained.", "I went", False),
])
def test_review_voice_quotes_and_reported_speech(text: str, cue: str, expected: bool) -> None:
    assert quoted(text, text.index(cue)) is expected


def test_review_voice_drops_only_staff_cues_in_the_reviewers_own_voice() -> None:
    text = 'I noticed that the bar was shut. I love this place. She said "I\'ll sort it" and she did.'
    mine = Hit("proactive", 0, 14, "I noticed that", False)
    feeling = Hit("delight", 33, 39, "I love", False)  # the reviewer's own mood is theirs to show
    quote = Hit("ownership", 62, 74, "I'll sort it", False)
    staff = Hit("staff_deed", 80, 87, "she did", False)
    assert all(text[h.start:h.end] == h.text for h in (mine, feeling, quote, staff))
    assert drop_reviewer_voice([mine, feeling, quote, staff], text) == [feeling, quote, staff]


def test_review_voice_applies_to_reviews_only() -> None:
    in_review, in_turn = analyse_texts([REVIEW, REVIEW], sides=["review", "unknown"], cue_classifier=False)
    assert {hit.behaviour for hit in in_turn.hits} == {"proactive"}  # an agent (or unknown speaker) saying it
    assert not in_review.hits
