from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks.detectors import HELDOUT_SET, TUNING_SETS, read_jsonl
from svcnlp.analysis import analyse_texts
from svcnlp.behaviours import Hit, behaviour_names
from svcnlp.cue_classifier import WORD_PATTERN, CueClassifier, refine, shipped
from svcnlp.errors import SvcnlpError

TEXTS = ["Thanks for calling, how can I help?", "I'm so sorry about the delay.", "thank you for your patience",
         "Sorry, that was our mistake.", "The parcel left the depot today.", "Your refund is on its way."]
SPEAKERS = ["agent"] * len(TEXTS)
MARKS = [["gratitude"], ["apology"], ["gratitude"], ["apology"], [], []]


def test_cue_classifier_tfidf_matches_sklearn() -> None:
    model = CueClassifier(min_df=1).fit(TEXTS, SPEAKERS, MARKS, ["apology", "gratitude"])
    docs = ["__agent__ " + t.lower() for t in TEXTS]
    reference = TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(docs)
    np.testing.assert_allclose(model._tfidf(docs, "word").toarray(), reference.transform(docs).toarray(), rtol=1e-5, atol=1e-6)


def test_cue_classifier_learns_and_round_trips(tmp_path: Path) -> None:
    model = CueClassifier(min_df=1, C=50.0).fit(TEXTS, SPEAKERS, MARKS, ["apology", "gratitude", "hold"])
    probs = model.predict_proba(["so sorry about that", "thanks for calling"], ["agent", "agent"])
    assert probs[0, 0] > probs[0, 1] and probs[1, 1] > probs[1, 0]
    assert (probs[:, 2] < 0.01).all()  # never marked: never predicted
    model.trained_on_ = ["x-1", "x-2"]
    model.save(tmp_path / "cues.npz")
    loaded = CueClassifier.load(tmp_path / "cues.npz")
    assert loaded.behaviours_ == ["apology", "gratitude", "hold"] and loaded.trained_on_ == ["x-1", "x-2"]
    assert loaded.get_params() == model.get_params()
    np.testing.assert_allclose(loaded.predict_proba(["so sorry about that", "thanks for calling"], ["agent", "agent"]), probs, atol=0.01)


def test_cue_classifier_load_never_unpickles(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    np.savez(path, params=np.array([1.0, 2, 0.1, 0.8]), behaviours=np.array([object()], dtype=object))
    with pytest.raises(SvcnlpError, match="E044"):
        CueClassifier.load(path)
    with pytest.raises(SvcnlpError, match="E044"):
        CueClassifier.load(tmp_path / "missing.npz")


def test_cue_classifier_refine_keeps_drops_and_adds(toy_cues: CueClassifier) -> None:
    text = "Thanks a lot. We apologise for nothing."
    lexicon = [Hit("apology", 17, 26, "apologise", False)]  # no "sorry": the classifier doubts it
    sentences = [(0, 13), (14, len(text))]
    (agent,) = refine(toy_cues, [(lexicon, text, sentences, "agent")])
    assert [(h.behaviour, h.text) for h in agent] == [("gratitude", "Thanks a lot.")]  # apology dropped, thanks added
    (negated,) = refine(toy_cues, [([Hit("apology", 17, 26, "apologise", True)], text, sentences, "agent")])
    assert ("apology", True) in [(h.behaviour, h.negated) for h in negated]  # negated cues are the lexicon's
    (review,) = refine(toy_cues, [([], text, sentences, "review")])
    assert review == []  # reviews are checked, never completed
    (kept,) = refine(toy_cues, [([Hit("apology", 0, 5, "Sorry", False)], "Sorry, thanks.", [(0, 14)], "agent")])
    assert [h.behaviour for h in kept] == ["apology", "gratitude"]


def test_cue_classifier_shipped_covers_every_behaviour_and_never_saw_the_heldout_set() -> None:
    model = shipped()
    assert model.behaviours_ == behaviour_names()
    tuning_ids = [row["id"] for path in TUNING_SETS for row in read_jsonl(path)]
    assert sorted(model.trained_on_) == sorted(tuning_ids)  # retrain with corpus/train_cues.py after editing a set
    assert not set(model.trained_on_) & {row["id"] for row in read_jsonl(HELDOUT_SET)}


def test_cue_classifier_off_leaves_lexicon_cues_only() -> None:
    texts = ["Thank you!", "I am so sorry, I will ring you back tomorrow with the answer."]
    lexicon_only = analyse_texts(texts, "blank", cue_classifier=False, sides=["agent", "agent"])
    with_classifier = analyse_texts(texts, "blank", cue_classifier=True, sides=["agent", "agent"])
    assert [h.behaviour for h in with_classifier[0].hits] == ["gratitude"]  # the lexicons want "thank you for ..."
    assert "gratitude" not in [h.behaviour for h in lexicon_only[0].hits]
    assert {h.behaviour for h in lexicon_only[1].hits} >= {"apology", "follow_up"}
