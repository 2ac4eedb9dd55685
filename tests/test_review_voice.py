from __future__ import annotations

import pytest

from svcnlp.analysis import analyse_texts
from svcnlp.behaviours import Hit
from svcnlp.review_voice import drop_reviewer_voice, first_person_start, quote_spans, reported

REVIEW = "I noticed that the lounge was closed, so I went ahead and booked us a table at the cafe."


def in_quotes(text: str, cue: str) -> bool:
    start = text.index(cue)
    return any(a <= start < b for a, b in quote_spans(text))


@pytest.mark.parametrize(("text", "cue", "expected"), [
    ('She said "I\'ll call you tomorrow" and did.', "I'll", True),
    ("She said “I’ll call you tomorrow” and did.", "I’ll", True),
    ("'I'll sort it,' she promised.", "I'll", True),
    ("«I'll sort it» was all he wrote.", "I'll", True),
    ("We went in the '90s and I noticed that the bar had gone.", "I noticed", False),  # an apostrophe opens nothing
    ('"Wait…" I noticed nobody was on the desk.', "I noticed", False),
    ('"Fine"—I went ahead and booked elsewhere.', "I went", False),
    ('The "express" lane was slow. I noticed that nobody was on the desk.', "I noticed", False),
    ('He said "wait.\n\nI went ahead and left. The "express" lane was slow.', "I went", False),  # quotes pair within a paragraph
    ("Back in the '90s I noticed that the kids' club had gone.", "I noticed", False),
])
def test_review_voice_quote_spans(text: str, cue: str, expected: bool) -> None:
    assert in_quotes(text, cue) is expected


@pytest.mark.parametrize(("text", "cue", "expected"), [
    ("He told me I'll have it fixed by noon.", "I'll", True),
    ("She explained that we'll get a call by Friday.", "we'll", True),
    ("He said: I'll look into it.", "I'll", True),
    ("I told them I have cancelled the order.", "I have", False),  # the reviewer reporting themself
    ("I must say, I noticed that the bar was shut.", "I noticed", False),
    ("Needless to say, we went ahead and left.", "we went", False),
    ("That said, I'd recommend trying the fish.", "I'd", False),
    ("Having said that, we went ahead and left.", "we went", False),
    ("I've told them I have cancelled the order.", "I have", False),
    ("I then said we'll be back.", "we'll", False),
    ("We were told we'll get a call within a day.", "we'll", True),
])
def test_review_voice_reporting_verbs(text: str, cue: str, expected: bool) -> None:
    assert reported(text, text.index(cue)) is expected


@pytest.mark.parametrize(("text", "cue", "expected"), [
    ("I noticed that the bar was shut.", "I noticed that", 0),
    ("The fish? I'd recommend trying it.", "recommend trying", 10),
    ("Then we would go ahead and book.", "go ahead and", 5),
    ("She noticed that the bar was shut.", "noticed that", None),
    ("I was given a free glass of fizz.", "free glass", None),  # staff gave it: the reviewer is the object
    ("We flew to Hawaii would always recommend it.", "recommend it", None),  # "ii" inside a word is no "I"

])
def test_review_voice_first_person_before_or_at_the_cue(text: str, cue: str, expected: int | None) -> None:
    start = text.index(cue)
    assert first_person_start(text, Hit("proactive", start, start + len(cue), cue, False)) == expected


def test_review_voice_drops_only_staff_cues_in_the_reviewers_own_voice() -> None:
    text = 'I noticed that the bar was shut. I love this place. She said "I\'ll sort it" and she did. We were refunded.'
    mine = Hit("proactive", 0, 14, "I noticed that", False)
    feeling = Hit("delight", 33, 39, "I love", False)  # the reviewer's own mood is theirs to show
    quote = Hit("ownership", 62, 74, "I'll sort it", False)
    staff = Hit("staff_deed", 80, 87, "she did", False)
    anyone = Hit("recovery", 89, 105, "We were refunded", False)  # an error put right, whoever says it
    hits = [mine, feeling, quote, staff, anyone]
    assert all(text[h.start:h.end] == h.text for h in hits)
    assert drop_reviewer_voice(hits, text) == [feeling, quote, staff, anyone]


@pytest.mark.parametrize("side", ["agent", "customer", "unknown"])
def test_review_voice_applies_to_reviews_only(side: str) -> None:
    in_review, in_turn = analyse_texts([REVIEW, REVIEW], sides=["review", side], cue_classifier=False)
    assert {hit.behaviour for hit in in_turn.hits} == {"proactive"}  # lexicon hits of any turn stand as found
    assert not in_review.hits
