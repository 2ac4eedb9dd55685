"""``svcnlp score``: score interactions; one output record per input record, in order."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Optional

import typer

from ..batch import Tally, score_stream
from ..errors import SvcnlpError
from ..model import ServiceModel
from ..readers import check_paths, read_inputs
from ..records import RecordError
from ..writers import FORMATS, csv_header, format_row, output_stream
from ._common import EXIT_OK, EXIT_REJECTED, say, user_errors


def score_command(
    inputs: list[str] = typer.Argument(..., help="JSONL, CSV, .txt files, directories, or - for JSONL on stdin."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the shipped model)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout (atomically)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="Output format: jsonl or csv."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="Records per batch."),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Processes for spaCy parsing."),
    text_col: str = typer.Option("text", "--text-col", help="CSV column with the text."),
    id_col: str = typer.Option("id", "--id-col", help="CSV column with the id."),
    encoding_errors: str = typer.Option("strict", "--encoding-errors", help="'strict' rejects invalid UTF-8; 'replace' decodes it with U+FFFD."),
    errors_file: Optional[Path] = typer.Option(None, "--errors", help="Write rejected records with their reasons here (JSONL)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first rejected record."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Score interactions with a model. Exit 0: all scored; 1: some rejected; 2: usage error."""
    tally = Tally()
    with user_errors(debug):
        if fmt not in FORMATS:
            raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
        if encoding_errors not in ("strict", "replace"):
            raise typer.BadParameter("--encoding-errors must be 'strict' or 'replace'")
        check_paths(inputs)
        if errors_file is not None and errors_file.exists() and not force:
            raise SvcnlpError("E020", path=errors_file)
        service_model = ServiceModel.load(model)
        records = read_inputs(inputs, text_col=text_col, id_col=id_col, encoding_errors=encoding_errors)
        with ExitStack() as stack:
            out = stack.enter_context(output_stream(output, force=force))
            errors_out = stack.enter_context(output_stream(errors_file, force=True)) if errors_file else None
            progress = _progress(stack, enabled=sys.stderr.isatty() and "-" not in inputs)
            if fmt == "csv":
                out.write(csv_header())
            for result in score_stream(service_model, records, tally, batch_size=batch_size, n_process=n_process):
                if isinstance(result, RecordError):
                    say(f"rejected {result.source}:{result.line}" + (f" (id {result.id})" if result.id else "") + f": {result.reason}")
                    if errors_out is not None:
                        errors_out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                    if strict:
                        raise typer.Exit(EXIT_REJECTED)
                    continue
                out.write(format_row(result.to_dict(), fmt))
                if progress is not None:
                    progress()
    say(tally.summary())
    raise typer.Exit(EXIT_REJECTED if tally.rejected else EXIT_OK)


def _progress(stack: ExitStack, enabled: bool):  # noqa: ANN202 - returns a step callback or None
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    bar = stack.enter_context(Progress(SpinnerColumn(), TextColumn("scored {task.completed} records"), console=Console(stderr=True), transient=True))
    task = bar.add_task("score", total=None)
    return lambda: bar.advance(task)
