"""Shared fixtures: a tiny labelled corpus, a fast blank-pipeline model, the shipped model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from svcnlp.behaviours import BehaviourMatcher
from svcnlp.cue_classifier import CueClassifier
from svcnlp.model import ServiceModel, default_model_path
from svcnlp.nlp import load_pipeline
from svcnlp.training import train

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tiny_corpus() -> Path:
    """24 labelled interactions (8 per label, reviews and transcripts) written for the tests."""
    return DATA / "tiny_corpus.jsonl"


@pytest.fixture(scope="session")
def blank_model_dir(tmp_path_factory: pytest.TempPathFactory, tiny_corpus: Path) -> Path:
    """A model trained on the tiny corpus with a blank spaCy pipeline (fast)."""
    out = tmp_path_factory.mktemp("models") / "blank"
    train([tiny_corpus], out, seed=0, cv=0, spacy_model="blank", min_df=1)
    return out


@pytest.fixture(scope="session")
def blank_model(blank_model_dir: Path) -> ServiceModel:
    return ServiceModel.load(blank_model_dir)


@pytest.fixture()
def model_copy(tmp_path: Path, blank_model_dir: Path) -> Path:
    """A throw-away copy of the blank model directory, safe to damage."""
    target = tmp_path / "model"
    target.mkdir()
    for f in blank_model_dir.iterdir():
        (target / f.name).write_bytes(f.read_bytes())
    return target


@pytest.fixture(scope="session")
def shipped_model() -> ServiceModel:
    return ServiceModel.load()


@pytest.fixture(scope="session")
def matcher_and_nlp() -> tuple[BehaviourMatcher, Language]:
    """The behaviour matcher over the installed English pipeline, with that pipeline."""
    nlp = load_pipeline("auto")
    return BehaviourMatcher(nlp), nlp


def found(matcher_and_nlp: tuple[BehaviourMatcher, Language], text: str) -> set[tuple[str, bool]]:
    """The (behaviour, negated) pairs the matcher finds in ``text``."""
    matcher, nlp = matcher_and_nlp
    return {(h.behaviour, h.negated) for h in matcher(nlp(text))}


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return ROOT / "corpus" / "sample.jsonl"


def write_jsonl(path: Path, rows: list) -> Path:
    """Write rows (dicts are JSON-encoded, strings written as they are) one per line."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


@pytest.fixture(scope="session")
def toy_cues() -> CueClassifier:
    """A cue classifier with hand-set weights: "sorry" shows apology, "thanks" and "zorbly"
    (a word no lexicon lists) show gratitude; "bogus" shows a behaviour svcnlp does not know."""
    model = CueClassifier()
    model.behaviours_ = ["apology", "gratitude", "bogus"]
    model.word_vocabulary_ = ["bogus", "sorry", "thanks", "zorbly"]
    model.word_idf_ = np.ones(4, dtype=np.float32)
    model.char_vocabulary_ = ["qq"]
    model.char_idf_ = np.ones(1, dtype=np.float32)
    model.coef_ = np.array([[0, 20, 0, 0, 0], [0, 0, 20, 20, 0], [20, 0, 0, 0, 0]], dtype=np.float32)
    model.intercept_ = np.array([-5.0, -5.0, -5.0], dtype=np.float32)
    return model
