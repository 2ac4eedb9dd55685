"""svcnlp: grade customer service in transcripts and reviews.

Every interaction gets one of ``bare-minimum``, ``satisfactory`` or ``above-and-beyond``,
with calibrated probabilities. Nothing heavy happens at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import Prediction, ServiceModel

__all__ = ["LABELS", "Prediction", "ServiceModel", "__version__", "evaluate", "load", "train"]


def load(path: Any = None) -> "ServiceModel":
    """Load a model directory; by default the shipped model."""
    from .model import ServiceModel

    return ServiceModel.load(path)


def train(*args: Any, **kwargs: Any) -> Any:
    """Train a model; see :func:`svcnlp.training.train`."""
    from .training import train as _train

    return _train(*args, **kwargs)


def evaluate(*args: Any, **kwargs: Any) -> Any:
    """Evaluate a model; see :func:`svcnlp.evaluation.evaluate`."""
    from .evaluation import evaluate as _evaluate

    return _evaluate(*args, **kwargs)


def __getattr__(name: str) -> Any:
    if name in ("Prediction", "ServiceModel"):
        from . import model

        return getattr(model, name)
    if name == "LABELS":
        from .labels import LABELS

        return LABELS
    raise AttributeError(f"module 'svcnlp' has no attribute {name!r}")
