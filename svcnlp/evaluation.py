"""Evaluation: accuracy, macro-F1, per-label precision/recall/F1 and the confusion matrix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from .errors import SvcnlpError
from .labels import LABELS, label_index
from .model import ServiceModel
from .readers import read_labelled


def metrics(y_true: Sequence[int], y_pred: Sequence[int]) -> dict[str, Any]:
    """Measures over label indices: ``n``, ``accuracy``, ``macro_f1``, ``per_label``, ``confusion``.

    ``confusion`` rows are the true label and columns the predicted one, in label order.
    """
    order = list(range(len(LABELS)))
    precision, recall, f1, support = precision_recall_fscore_support(y_true, y_pred, labels=order, zero_division=0)
    return {
        "n": int(len(y_true)),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=order, average="macro", zero_division=0)), 4),
        "per_label": {
            label: {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4), "support": int(s)}
            for label, p, r, f, s in zip(LABELS, precision, recall, f1, support)
        },
        "confusion": confusion_matrix(y_true, y_pred, labels=order).tolist(),
    }


def evaluate(model: ServiceModel | str | Path | None, paths: Iterable[str | Path], batch_size: int = 256) -> dict[str, Any]:
    """Score the labelled records in ``paths`` with ``model`` and return :func:`metrics`."""
    if not isinstance(model, ServiceModel):
        model = ServiceModel.load(model)
    items, _errors = read_labelled(paths)
    if not items:
        raise SvcnlpError("E023")
    y_true = [label_index(item.label) for item in items]  # type: ignore[arg-type]
    probs = np.vstack([model.predict_proba(items[i:i + batch_size]) for i in range(0, len(items), batch_size)])
    return metrics(y_true, probs.argmax(axis=1).tolist())


def format_report(result: dict[str, Any]) -> str:
    """A plain-text table of :func:`metrics` output for people."""
    lines = [f"n={result['n']}  accuracy={result['accuracy']:.3f}  macro-F1={result['macro_f1']:.3f}", ""]
    lines.append(f"{'label':<18}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for label, row in result["per_label"].items():
        lines.append(f"{label:<18}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>10.3f}{row['support']:>10}")
    lines += ["", "confusion (rows = true, columns = predicted): " + " / ".join(LABELS)]
    for label, row in zip(LABELS, result["confusion"]):
        lines.append(f"{label:<18}" + "".join(f"{v:>8}" for v in row))
    return "\n".join(lines)
