"""Training: fit the pipeline on labelled records and write a model directory."""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold

from .behaviours import lexicon_digest
from .cue_classifier import shipped_digest
from .errors import SvcnlpError
from .evaluation import metrics
from .labels import LABELS, label_index
from .model import ServiceModel
from .model_files import installed_versions
from .nlp import load_pipeline, resolve_name
from .pipeline import DEFAULT_C, build_pipeline
from .readers import read_labelled
from .records import Interaction

# The weight the shipped model gives records marked ``meta.hard``: a corpus written to test the
# hard cases holds many more of them than real traffic does, so they count for less in training.
DEFAULT_HARD_WEIGHT = 0.3


def data_sha256(paths: Iterable[str | Path]) -> str:
    """SHA-256 over the bytes of the training files, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def train(
    paths: Iterable[str | Path],
    output: str | Path | None = None,
    seed: int = 0,
    C: float = DEFAULT_C,
    cv: int = 5,
    spacy_model: str = "auto",
    cache_dir: str | Path | None = None,
    hard_weight: float = DEFAULT_HARD_WEIGHT,
    n_jobs: int = 1,
    **featurizer: Any,
) -> ServiceModel:
    """Train on the labelled records in ``paths``; save to ``output`` when given.

    ``cv`` > 1 also reports stratified ``cv``-fold cross-validated metrics in
    ``model.meta["metrics"]``. ``hard_weight`` is the sample weight of records marked
    ``meta.hard`` (a corpus over-represents hard cases on purpose, so they can be tested;
    a weight below 1 brings them back towards their natural frequency in training).
    ``n_jobs`` processes parse the texts and run the cross-validation folds. Parsed texts are
    cached with joblib in ``cache_dir`` (a temporary folder by default) so the folds and the
    final fit parse each text once.
    """
    paths = [Path(p) for p in paths]
    items, errors = read_labelled(paths)
    if not items:
        raise SvcnlpError("E021")
    y = np.array([label_index(item.label) for item in items])  # type: ignore[arg-type]
    weights = np.array([hard_weight if item.meta.get("hard") else 1.0 for item in items])
    counts = Counter(item.label for item in items)
    if any(counts.get(label, 0) < 4 for label in LABELS):
        raise SvcnlpError("E022", counts=dict(counts))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="svcnlp-cache-") as tmp:
        params = dict(spacy_model=spacy_model, cache_dir=str(cache_dir or tmp), **featurizer)
        pipeline = build_pipeline(seed=seed, C=C, calibration_folds=min(5, min(counts.values())), **params)
        warm_parse_cache(pipeline, items, n_jobs)
        report = _cross_validate(pipeline, items, y, weights, cv, seed, n_jobs) if cv > 1 else None
        pipeline.fit(items, y, classifier__sample_weight=weights)
    pipeline.set_params(features__cache_dir=None)
    nlp = load_pipeline(spacy_model)
    pipeline_name = resolve_name(spacy_model)
    meta = {
        "svcnlp_model": "service-level classifier",
        "labels": list(LABELS),
        "versions": installed_versions(),
        "spacy_pipeline": {"name": pipeline_name, "version": "" if pipeline_name == "blank" else nlp.meta.get("version", ""), "components": nlp.pipe_names},
        "lexicons_sha256": lexicon_digest(),
        "cue_classifier_sha256": shipped_digest() if pipeline.named_steps["features"].cue_classifier else None,
        "seed": seed,
        "params": {"C": C, "hard_weight": hard_weight, **{k: v for k, v in params.items() if k != "cache_dir"}},
        "training_data": {
            "files": [p.name for p in paths],
            "sha256": data_sha256(paths),
            "n": len(items),
            "rejected": len(errors),
            "by_label": {label: counts.get(label, 0) for label in LABELS},
            "by_kind": dict(Counter(item.kind for item in items)),
        },
        "training_seconds": round(time.perf_counter() - started, 1),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "metrics": {"cross_validation": report} if report else {},
        "n_features": int(pipeline.named_steps["features"].n_features_out_),
    }
    model = ServiceModel(pipeline, meta)
    if output is not None:
        model.save(output)
    return model


def warm_parse_cache(pipeline: Any, items: list[Interaction], n_process: int = 1) -> None:
    """Parse ``items`` once into the featurizer's cache (if it has one), in ``n_process`` processes."""
    features = pipeline.named_steps["features"]
    if not features.cache_dir:
        return
    before = features.n_process
    features.set_params(n_process=n_process)
    try:
        features.analyse(items)
    finally:
        features.set_params(n_process=before)


def _cross_validate(
    pipeline: Any, items: list[Interaction], y: np.ndarray, weights: np.ndarray, cv: int, seed: int, n_jobs: int = 1
) -> dict[str, Any]:
    """Stratified k-fold predictions over the training data, scored with :func:`metrics`.

    Folds run in ``n_jobs`` processes (joblib). The caller fills the parse cache first
    (:func:`warm_parse_cache`), so the workers only read it (with an empty cache they would
    all write the same file).
    """
    k = min(cv, int(np.bincount(y).min()))
    splits = list(StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
    folds = Parallel(n_jobs=n_jobs)(delayed(_fit_fold)(pipeline, items, y, weights, train_idx, test_idx) for train_idx, test_idx in splits)
    predicted = np.zeros(len(items), dtype=int)
    for (_, test_idx), fold_pred in zip(splits, folds):
        predicted[test_idx] = fold_pred
    return {"folds": k, **metrics(y.tolist(), predicted.tolist())}


def _fit_fold(pipeline: Any, items: list[Interaction], y: np.ndarray, weights: np.ndarray, train_idx: np.ndarray, test_idx: np.ndarray) -> np.ndarray:
    fold = clone(pipeline)
    smallest = int(np.bincount(y[train_idx]).min())
    fold.set_params(classifier__cv=max(2, min(fold.get_params()["classifier__cv"], smallest)))
    fold.fit([items[i] for i in train_idx], y[train_idx], classifier__sample_weight=weights[train_idx])
    return fold.predict([items[i] for i in test_idx])
