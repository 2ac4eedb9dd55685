"""Explanations: the features that pushed one interaction towards its label."""

from __future__ import annotations

import numpy as np

from .labels import LABELS
from .model import ServiceModel
from .records import Interaction


def class_weights(model: ServiceModel) -> np.ndarray:
    """The classifier's weights per label (rows in label order), averaged over calibration folds."""
    calibrated = model.pipeline.named_steps["classifier"].calibrated_classifiers_
    return np.mean([c.estimator.coef_ for c in calibrated], axis=0)


def top_features(model: ServiceModel, item: Interaction, label: str, k: int = 10) -> list[tuple[str, float]]:
    """The ``k`` features contributing most to ``label`` for ``item`` (weight x value)."""
    features = model.pipeline.named_steps["features"]
    x = model.pipeline[:-1].transform([item]).toarray()[0]
    contributions = x * class_weights(model)[LABELS.index(label)]
    names = features.get_feature_names_out()
    order = np.argsort(-contributions)[:k]
    return [(str(names[i]), round(float(contributions[i]), 4)) for i in order if contributions[i] > 0]
