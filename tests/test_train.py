from __future__ import annotations

from pathlib import Path

import pytest

from svcnlp import load, train
from svcnlp.errors import SvcnlpError
from conftest import write_jsonl


def test_train_end_to_end_then_score(tiny_corpus: Path, tmp_path: Path) -> None:
    model = train([tiny_corpus], tmp_path / "m", seed=1, cv=0, spacy_model="auto", min_df=1)
    assert model.meta["training_data"]["by_label"] == {"bare-minimum": 8, "satisfactory": 8, "above-and-beyond": 8}
    loaded = load(tmp_path / "m")
    predictions = loaded.score([
        "Customer: where is my parcel\nAgent: please contact the courier, not our department",
        {"id": "x", "text": "She phoned another branch and drove the part over herself after closing."},
    ])
    assert [p.id for p in predictions] == ["0", "x"]
    assert predictions[0].label == "bare-minimum"
    assert predictions[1].label == "above-and-beyond"
    assert predictions[1].to_dict()["scores"]["above-and-beyond"] == predictions[1].scores["above-and-beyond"]


def test_train_same_seed_same_model(tiny_corpus: Path) -> None:
    a = train([tiny_corpus], seed=3, cv=0, spacy_model="blank", min_df=1)
    b = train([tiny_corpus], seed=3, cv=0, spacy_model="blank", min_df=1)
    texts = ["Waited an hour.", "Thanks, all fixed."]
    assert [p.scores for p in a.score(texts)] == [p.scores for p in b.score(texts)]


def test_train_needs_every_label(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "one.jsonl", [{"id": str(i), "text": "ok", "label": "satisfactory"} for i in range(10)])
    with pytest.raises(SvcnlpError, match="E022"):
        train([path], cv=0, spacy_model="blank")


def test_train_score_streams_in_batches(blank_model) -> None:
    texts = (f"Order {i} arrived fine." for i in range(7))
    predictions = list(blank_model.iter_score(texts, batch_size=3))
    assert [p.id for p in predictions] == [str(i) for i in range(7)]


def test_train_hard_weight_zero_ignores_hard_cases(tiny_corpus: Path, tmp_path: Path) -> None:
    import json

    rows = [json.loads(line) for line in open(tiny_corpus)]
    rows[0]["meta"]["hard"] = "sarcasm"
    rows[9]["meta"]["hard"] = "enthusiasm-no-deed"
    marked = write_jsonl(tmp_path / "marked.jsonl", rows)
    dropped = write_jsonl(tmp_path / "dropped.jsonl", [r for i, r in enumerate(rows) if i not in (0, 9)])
    texts = ["Waited an hour, then they hung up.", "They fixed it and sent a gift."]
    weighted = train([marked], cv=0, spacy_model="blank", min_df=1, hard_weight=0.0, use_ngrams=False)
    without = train([dropped], cv=0, spacy_model="blank", min_df=1, use_ngrams=False)
    full = train([marked], cv=0, spacy_model="blank", min_df=1, hard_weight=1.0, use_ngrams=False)
    assert weighted.meta["params"]["hard_weight"] == 0.0
    a, b, c = ([p.scores for p in m.score(texts)] for m in (weighted, without, full))
    assert a != c

    def distance(p: list[dict], q: list[dict]) -> float:
        return sum(abs(x[label] - y[label]) for x, y in zip(p, q) for label in x)

    # Zero weight makes the marked rows count for almost nothing: the model is nearer the one
    # trained without them than the one that weighs them fully. (Not identical: the calibration
    # folds and the feature vocabulary still see those rows.)
    assert distance(a, b) < distance(c, b)


def test_train_records_which_cue_classifier_the_model_used(tiny_corpus: Path, tmp_path: Path) -> None:
    from svcnlp.cue_classifier import shipped_digest

    with_cues = train([tiny_corpus], tmp_path / "on", cv=0, spacy_model="blank", min_df=1)
    lexicons_only = train([tiny_corpus], tmp_path / "off", cv=0, spacy_model="blank", min_df=1, cue_classifier=False)
    assert with_cues.meta["cue_classifier_sha256"] == shipped_digest()
    assert lexicons_only.meta["cue_classifier_sha256"] is None
    assert load(tmp_path / "off").pipeline.named_steps["features"].cue_classifier is False
