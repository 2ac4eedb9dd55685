"""``svcnlp train``: fit a model on a labelled corpus and write the model directory."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import SvcnlpError
from ..evaluation import format_report
from ..pipeline import DEFAULT_C
from ..readers import check_paths
from ..training import DEFAULT_HARD_WEIGHT, train
from ._common import say, user_errors


def train_command(
    corpus: list[Path] = typer.Argument(..., help="Labelled JSONL/CSV files or directories."),
    output: Path = typer.Option(..., "--output", "-o", help="Model directory to write."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    cv: int = typer.Option(5, "--cv", help="Cross-validation folds for the report (0 to skip)."),
    c: float = typer.Option(DEFAULT_C, "--c", help="Inverse regularisation strength of the classifier."),
    spacy_model: str = typer.Option("auto", "--spacy-model", help="'auto', 'blank' or a spaCy package name."),
    hard_weight: float = typer.Option(DEFAULT_HARD_WEIGHT, "--hard-weight", min=0.0, help="Sample weight of records marked meta.hard (1 counts them like any other)."),
    n_jobs: int = typer.Option(1, "--n-jobs", min=1, help="Processes for parsing and for the cross-validation folds."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Keep parsed texts here across runs."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing model directory."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Train a service-level model on labelled interactions."""
    with user_errors(debug):
        check_paths(corpus)
        if (output / "meta.json").exists() and not force:
            raise SvcnlpError("E020", path=output)
        say(f"training on {', '.join(map(str, corpus))} ...")
        model = train(corpus, output, seed=seed, cv=cv, C=c, spacy_model=spacy_model, cache_dir=cache_dir, hard_weight=hard_weight, n_jobs=n_jobs)
    data = model.meta["training_data"]
    print(f"trained on {data['n']} records {data['by_label']} in {model.meta['training_seconds']} s -> {output}")
    report = model.meta["metrics"].get("cross_validation")
    if report:
        print(f"\n{report['folds']}-fold cross-validation on the training data:\n" + format_report(report))
