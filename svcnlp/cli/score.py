"""``svcnlp score``: score interactions; one output record per input record, in order."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from types import FrameType
from typing import IO, Optional

import typer

from ..batch import Tally, score_stream
from ..errors import SvcnlpError
from ..guards import MAX_CHARS
from ..model import ServiceModel
from ..readers import check_paths, read_inputs
from ..records import RecordError
from ..writers import FORMATS, append_stream, csv_header, done_ids, format_row, output_stream
from ._common import EXIT_OK, EXIT_REJECTED, say, user_errors

EXIT_INTERRUPTED = 130


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
    max_chars: int = typer.Option(MAX_CHARS, "--max-chars", min=1, help="Longer interactions are cut to this many characters (with a warning)."),
    errors_file: Optional[Path] = typer.Option(None, "--errors", help="Write rejected records with their reasons here (JSONL)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first rejected record."),
    resume: bool = typer.Option(False, "--resume", help="Append to -o, skipping ids it already holds (continue an interrupted run)."),
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
        if resume and output is None:
            raise typer.BadParameter("--resume needs -o/--output")
        check_paths(inputs)
        if errors_file is not None and errors_file.exists() and not (force or resume):
            raise SvcnlpError("E020", path=errors_file)
        service_model = ServiceModel.load(model)
        service_model.max_chars = max_chars
        records = read_inputs(inputs, text_col=text_col, id_col=id_col, encoding_errors=encoding_errors)
        _TERMINATED.clear()
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            with ExitStack() as stack:
                skip = done_ids(output, fmt) if resume and output is not None else None
                if resume:
                    out = stack.enter_context(append_stream(output, fmt))  # type: ignore[arg-type]
                else:
                    out = stack.enter_context(output_stream(output, force=force))
                    if fmt == "csv":
                        out.write(csv_header())
                errors_out = stack.enter_context(append_stream(errors_file, "jsonl") if resume else output_stream(errors_file, force=True)) if errors_file else None
                step = _progress(stack, enabled=sys.stderr.isatty() and "-" not in inputs)
                _write_all(service_model, records, tally, out, errors_out, fmt, batch_size, n_process, skip, strict, step)
        except KeyboardInterrupt:
            say(f"interrupted after {tally.read} records: " + ("rerun with --resume to continue" if resume else "no output file was written"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        finally:
            signal.signal(signal.SIGTERM, previous)
    say(tally.summary())
    raise typer.Exit(EXIT_REJECTED if tally.rejected else EXIT_OK)


def _write_all(
    model: ServiceModel,
    records: object,
    tally: Tally,
    out: IO[str],
    errors_out: IO[str] | None,
    fmt: str,
    batch_size: int,
    n_process: int,
    skip: object,
    strict: bool,
    step: Callable[[], None] | None,
) -> None:
    """Write each prediction, report each rejection; flush whole lines batch by batch."""
    written = 0
    for result in score_stream(model, records, tally, batch_size=batch_size, n_process=n_process, skip=skip):  # type: ignore[arg-type]
        if _TERMINATED.is_set():  # the handler's KeyboardInterrupt was swallowed (raised inside a __del__ or callback)
            raise KeyboardInterrupt
        if result is None:
            continue
        if isinstance(result, RecordError):
            where = f"{result.source}:{result.line}" + (f" (id {result.id})" if result.id else "")
            say(f"rejected {where}: {result.reason}")
            if errors_out is not None:
                errors_out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            if strict:
                say(tally.summary())
                raise typer.Exit(EXIT_REJECTED)
            continue
        out.write(format_row(result.to_dict(), fmt))
        written += 1
        if written % batch_size == 0:
            out.flush()
        if step is not None:
            step()


# Set by the SIGTERM handler. Its KeyboardInterrupt can land where Python ignores exceptions
# (a finaliser, a weakref callback): the write loop then stops at its next record.
_TERMINATED = threading.Event()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _TERMINATED.set()
    raise KeyboardInterrupt


def _progress(stack: ExitStack, enabled: bool) -> Callable[[], None] | None:
    """A spinner with a record count on stderr, when stderr is a terminal."""
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    bar = stack.enter_context(Progress(SpinnerColumn(), TextColumn("scored {task.completed} records"), console=Console(stderr=True), transient=True))
    task = bar.add_task("score", total=None)
    return lambda: bar.advance(task)
