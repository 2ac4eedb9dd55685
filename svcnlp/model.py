"""The model users load and score with: :class:`ServiceModel` and its :class:`Prediction`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline

from .labels import LABELS
from .model_files import load_pipeline_file, save_model
from .evidence import Evidence, collect, dimensions
from .guards import MAX_CHARS, guard
from .records import Interaction, coerce


@dataclass
class Prediction:
    """The service level of one interaction and the probability of each level."""

    id: str
    label: str
    scores: dict[str, float]
    kind: str
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    lang_warning: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    dimensions: dict[str, float] = field(default_factory=dict)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        """The output record: ``{"id", "label", "scores", "kind", "meta", "dimensions",
        "evidence"}``, plus ``"warnings"`` and ``"lang_warning": true`` when they apply."""
        out: dict[str, Any] = {"id": self.id, "label": self.label, "scores": self.scores, "kind": self.kind, "meta": self.meta}
        if evidence:
            out["dimensions"] = self.dimensions
            out["evidence"] = [e.to_dict() for e in self.evidence]
        if self.warnings:
            out["warnings"] = self.warnings
        if self.lang_warning:
            out["lang_warning"] = True
        return out


def default_model_path() -> Path:
    """The shipped model: inside the installed package, or ``models/default`` in a checkout."""
    packaged = Path(str(resources.files("svcnlp"))) / "models" / "default"
    if (packaged / "meta.json").is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "models" / "default"


class ServiceModel:
    """A fitted svcnlp pipeline with its metadata."""

    def __init__(self, pipeline: Pipeline, meta: dict[str, Any], path: Path | None = None, max_chars: int = MAX_CHARS) -> None:
        self.pipeline = pipeline
        self.meta = meta
        self.path = path
        self.max_chars = max_chars

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ServiceModel":
        """Load a model directory (default: the shipped model), checking it is safe and whole."""
        directory = Path(path) if path is not None else default_model_path()
        pipeline, meta = load_pipeline_file(directory)
        return cls(pipeline, meta, directory)

    def save(self, path: str | Path) -> None:
        """Write the model to a directory (``model.skops`` and ``meta.json``)."""
        self.meta = save_model(Path(path), self.pipeline, self.meta)
        self.path = Path(path)

    def predict_proba(self, items: Iterable[Any]) -> np.ndarray:
        """Probabilities, one row per item, columns in :data:`~svcnlp.labels.LABELS` order."""
        interactions = [guard(coerce(item, i), self.max_chars) for i, item in enumerate(items)]
        return self._analyse_and_predict(interactions)[1]

    def _analyse_and_predict(self, items: list[Interaction]) -> tuple[list, np.ndarray]:
        """Parse once; return the analyses (for evidence) and the probabilities."""
        if not items:
            return [], np.zeros((0, len(LABELS)))
        features = self.pipeline.named_steps["features"]
        analyses = features.analyse(items)
        return analyses, self.pipeline[1:].predict_proba(features.transform_analysed(analyses))

    def iter_score(self, items: Iterable[Any], batch_size: int = 256, n_process: int = 1) -> Iterator[Prediction]:
        """Score items lazily, ``batch_size`` at a time, in input order."""
        self.pipeline.set_params(features__n_process=n_process)
        iterator = iter(items)
        offset = 0
        while batch := [guard(coerce(item, offset + i), self.max_chars) for i, item in enumerate(islice(iterator, batch_size))]:
            offset += len(batch)
            analyses, probs = self._analyse_and_predict(batch)
            for item, segments, row in zip(batch, analyses, probs):
                yield _prediction(item, row, collect(segments))

    def score(self, items: Iterable[Any], batch_size: int = 256, n_process: int = 1) -> list[Prediction]:
        """Score items (strings, dicts in the input contract, or interactions)."""
        return list(self.iter_score(items, batch_size=batch_size, n_process=n_process))


def _prediction(item: Interaction, row: np.ndarray, evidence: list[Evidence]) -> Prediction:
    scores = {label: round(float(p), 4) for label, p in zip(LABELS, row)}
    return Prediction(
        id=item.id, label=LABELS[int(np.argmax(row))], scores=scores, kind=item.kind, meta=item.meta,
        warnings=item.warnings, lang_warning=item.lang_warning, evidence=evidence, dimensions=dimensions(evidence),
    )
