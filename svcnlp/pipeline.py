"""The scikit-learn pipeline svcnlp trains: featurizer, then a calibrated classifier."""

from __future__ import annotations

from typing import Any

from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .features import ServiceFeaturizer

DEFAULT_C = 0.3


def build_pipeline(seed: int = 0, C: float = DEFAULT_C, calibration_folds: int = 5, **featurizer: Any) -> Pipeline:
    """A fresh, unfitted pipeline; ``featurizer`` keywords go to :class:`ServiceFeaturizer`.

    Targets are label indices (0 = bare-minimum, 1 = satisfactory, 2 = above-and-beyond), so
    ``predict_proba`` columns come in label order. Probabilities are calibrated with
    Platt scaling fitted on ``calibration_folds``-fold out-of-fold predictions; the model
    kept is one classifier trained on all the data (``ensemble=False``: smaller and faster).
    """
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)
    return Pipeline([
        ("features", ServiceFeaturizer(**featurizer)),
        ("classifier", CalibratedClassifierCV(classifier, method="sigmoid", cv=calibration_folds, ensemble=False)),
    ])
