from __future__ import annotations

import pytest

from svcnlp import analysis
from svcnlp.analysis import analyse_texts
from svcnlp.behaviours import Hit
from svcnlp.cue_classifier import CueClassifier
from svcnlp.cue_refinement import judged_spans, refine

TEXT = "Thanks a lot for that. We apologise for nothing at all."
SENTENCES = [(0, 22), (23, len(TEXT))]
APOLOGISE = Hit("apology", 26, 35, "apologise", False)


def test_cue_refinement_drops_doubted_cues_and_adds_missed_ones(toy_cues: CueClassifier) -> None:
    (agent,) = refine(toy_cues, [([APOLOGISE], TEXT, SENTENCES, "agent")])
    assert [(h.behaviour, h.text) for h in agent] == [("gratitude", "Thanks a lot for that.")]  # no "sorry": apology dropped


def test_cue_refinement_leaves_negated_and_unknown_cues_to_the_lexicons(toy_cues: CueClassifier) -> None:
    negated = Hit("apology", 26, 35, "apologise", True)
    unknown = Hit("hold", 0, 6, "Thanks", False)
    (out,) = refine(toy_cues, [([negated, unknown], TEXT, SENTENCES, "agent")])
    assert negated in out and unknown in out
    assert "gratitude" in [h.behaviour for h in out]
    assert "bogus" not in [h.behaviour for h in refine(toy_cues, [([], "Bogus bogus bogus bogus here.", [], "agent")])[0]]


def test_cue_refinement_adds_only_in_agent_turns(toy_cues: CueClassifier) -> None:
    pieces = [([], TEXT, SENTENCES, side) for side in ("agent", "customer", "review", "unknown")]
    added = [[h.behaviour for h in hits] for hits in refine(toy_cues, pieces)]
    assert added == [["gratitude"], [], [], []]
    (unknown,) = refine(toy_cues, [([APOLOGISE], TEXT, SENTENCES, "unknown")])
    assert unknown == []  # an unknown speaker's turn is still checked


def test_cue_refinement_keeps_a_cue_whose_sentence_is_too_short_to_judge(toy_cues: CueClassifier) -> None:
    text = "Hello! We apologise for the mix-up with your order today."
    hello = Hit("greeting", 0, 5, "Hello", False)
    apologise = Hit("apology", 10, 19, "apologise", False)
    (out,) = refine(toy_cues, [([hello, apologise], text, [(0, 6), (7, len(text))], "agent")])
    assert hello in out and apologise not in out  # "Hello!" is one word: only the whole turn judged it


def test_cue_refinement_leaves_reviews_and_customers_to_the_lexicons(toy_cues: CueClassifier) -> None:
    for side in ("review", "customer"):
        assert judged_spans(toy_cues, TEXT, SENTENCES, side) == []
        assert refine(toy_cues, [([APOLOGISE], TEXT, SENTENCES, side)]) == [[APOLOGISE]]


def test_cue_refinement_never_adds_from_a_negated_span(toy_cues: CueClassifier) -> None:
    text = "You never even said thanks to me. Thanks so much for waiting on us."
    (out,) = refine(toy_cues, [([], text, [(0, 33), (34, len(text))], "agent")])
    assert [h.text for h in out] == ["Thanks so much for waiting on us."]


def test_cue_refinement_judges_only_spans_of_four_to_forty_words(toy_cues: CueClassifier) -> None:
    assert judged_spans(toy_cues, "Sorry, thanks.", [(0, 14)], "agent") == []
    short = Hit("apology", 0, 5, "Sorry", False)
    assert refine(toy_cues, [([short], "Sorry, thanks.", [(0, 14)], "agent")]) == [[short]]  # nothing judged: unchanged
    long_turn = "The room was fine. " * 12 + "Staff said sorry."
    cue = Hit("apology", len(long_turn) - 6, len(long_turn) - 1, "sorry", False)
    assert judged_spans(toy_cues, long_turn, [], "agent") == []  # one sentence of 51 words
    assert refine(toy_cues, [([cue], long_turn, [], "agent")]) == [[cue]]
    assert refine(toy_cues, [([], "", [], "agent")]) == [[]]


def test_cue_refinement_in_analysis_follows_the_switch(monkeypatch: pytest.MonkeyPatch, toy_cues: CueClassifier) -> None:
    monkeypatch.setattr(analysis, "shipped", lambda: toy_cues)
    texts = ["Zorbly good work on that today.", "Zorbly good work on that today."]
    on = analyse_texts(texts, "blank", sides=["agent", "review"])
    off = analyse_texts(texts, "blank", cue_classifier=False, sides=["agent", "review"])  # the toy knows "zorbly", no lexicon does
    assert [(h.behaviour, h.start, h.end) for h in on[0].hits] == [("gratitude", 0, len(texts[0]))]
    assert on[1].hits == off[0].hits == off[1].hits == ()


def test_cue_refinement_batches_keep_texts_and_sides_aligned(monkeypatch: pytest.MonkeyPatch, toy_cues: CueClassifier) -> None:
    monkeypatch.setattr(analysis, "shipped", lambda: toy_cues)
    texts = [f"Zorbly work number {i} for you today." for i in range(7)]
    sides = ["agent", "review", "customer", "review", "agent", "unknown", "agent"]
    small = analyse_texts(texts, "blank", batch_size=2, sides=sides)
    large = analyse_texts(texts, "blank", batch_size=256, sides=sides)
    assert small == large
    assert [bool(a.hits) for a in small] == [side == "agent" for side in sides]
    with pytest.raises(ValueError, match="7 texts but 2 sides"):
        analyse_texts(texts, "blank", sides=sides[:2])
