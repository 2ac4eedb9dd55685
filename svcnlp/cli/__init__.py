"""The ``svcnlp`` command line: one module per command, each a thin wrapper."""

from __future__ import annotations

import typer

from .evaluate import evaluate_command
from .explain import explain_command
from .info import info_command
from .score import score_command
from .train import train_command

app = typer.Typer(
    name="svcnlp",
    help="Grade customer service in transcripts and reviews: bare-minimum, satisfactory or above-and-beyond.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("score")(score_command)
app.command("train")(train_command)
app.command("evaluate")(evaluate_command)
app.command("info")(info_command)
app.command("explain")(explain_command)


def main() -> None:
    """Console-script entry point."""
    app()
