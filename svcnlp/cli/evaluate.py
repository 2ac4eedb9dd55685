"""``svcnlp evaluate``: measure a model on labelled data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..evaluation import evaluate, format_report
from ..readers import check_paths
from ._common import user_errors


def evaluate_command(
    data: list[Path] = typer.Argument(..., help="Labelled JSONL/CSV files or directories."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the shipped model)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object: n, accuracy, macro_f1, per_label, confusion."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Accuracy, macro-F1, per-label precision/recall/F1 and the confusion matrix."""
    with user_errors(debug):
        check_paths(data)
        result = evaluate(model, data)
    print(json.dumps(result) if as_json else format_report(result))
