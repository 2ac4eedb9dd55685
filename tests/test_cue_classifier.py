from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks.detectors import HELDOUT_SET, TUNING_SETS, read_jsonl
from svcnlp.behaviours import behaviour_names
from svcnlp.cue_classifier import WORD_PATTERN, CueClassifier, shipped
from svcnlp.errors import SvcnlpError

TEXTS = ["Thanks for calling, how can I help?", "I'm so sorry about the delay.", "thank you for your patience",
         "Sorry, that was our mistake.", "The parcel left the depot today.", "Your refund is on its way."]
SPEAKERS = ["agent"] * len(TEXTS)
MARKS = [["gratitude"], ["apology"], ["gratitude"], ["apology"], [], []]


def test_cue_classifier_tfidf_matches_sklearn() -> None:
    model = CueClassifier(min_df=1).fit(TEXTS, SPEAKERS, MARKS, ["apology", "gratitude"])
    docs = ["__agent__ " + t.lower() for t in TEXTS]
    word = TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(docs)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=1, sublinear_tf=True).fit(docs)
    for block, reference in (("word", word), ("char", char)):
        np.testing.assert_allclose(model._tfidf(docs, block).toarray(), reference.transform(docs).toarray(), rtol=1e-5, atol=1e-6)


def test_cue_classifier_learns_refits_and_round_trips(tmp_path: Path) -> None:
    model = CueClassifier(min_df=1, C=50.0).fit(TEXTS, SPEAKERS, MARKS, ["apology", "gratitude", "hold"], ids=[f"x-{i}" for i in range(6)])
    probs = model.predict_proba(["so sorry about that", "thanks for calling"], ["agent", "agent"])
    assert probs[0, 0] > probs[0, 1] and probs[1, 1] > probs[1, 0]
    assert (probs[:, 2] < 0.01).all()  # never marked: never predicted
    model.save(tmp_path / "cues")  # saved under the name given
    loaded = CueClassifier.load(tmp_path / "cues")
    assert loaded.behaviours_ == ["apology", "gratitude", "hold"] and loaded.trained_on_ == [f"x-{i}" for i in range(6)]
    assert loaded.get_params() == model.get_params()
    np.testing.assert_allclose(loaded.predict_proba(["so sorry about that", "thanks for calling"], ["agent", "agent"]), probs, atol=0.01)
    model.fit(TEXTS[:4], SPEAKERS[:4], MARKS[:4], ["apology", "gratitude"])  # a second fit starts afresh
    assert model.predict_proba(["so sorry"], ["agent"]).shape == (1, 2)


def test_cue_classifier_load_never_unpickles(tmp_path: Path) -> None:
    evil = tmp_path / "evil.npz"
    np.savez(evil, params=np.array([1.0, 2, 0.2, 0.8, 40, 4]), behaviours=np.array([object()], dtype=object))
    with pytest.raises(SvcnlpError, match="E044.*allow_pickle"):
        CueClassifier.load(evil)
    (tmp_path / "broken.npz").write_bytes(b"PK\x03\x04 not a zip")
    for path in (tmp_path / "missing.npz", tmp_path / "broken.npz"):
        with pytest.raises(SvcnlpError, match="E044"):
            CueClassifier.load(path)


def test_cue_classifier_load_checks_shapes(tmp_path: Path, toy_cues: CueClassifier) -> None:
    toy_cues.save(tmp_path / "ok.npz")
    assert CueClassifier.load(tmp_path / "ok.npz").coef_.shape == (3, 5)
    with np.load(tmp_path / "ok.npz") as data:
        arrays = dict(data)
    arrays["coef"] = arrays["coef"][:, :3]
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(SvcnlpError, match="E044.*do not fit"):
        CueClassifier.load(tmp_path / "bad.npz")


def test_cue_classifier_shipped_covers_every_behaviour_and_never_saw_the_heldout_set() -> None:
    model = shipped()
    assert model.behaviours_ == behaviour_names()
    tuning_ids = [row["id"] for path in TUNING_SETS for row in read_jsonl(path)]
    assert sorted(model.trained_on_) == sorted(tuning_ids)  # retrain with corpus/train_cues.py after editing a set
    assert not set(model.trained_on_) & {row["id"] for row in read_jsonl(HELDOUT_SET)}
