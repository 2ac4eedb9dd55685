"""Output formats (JSONL, CSV) and the atomic output file."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import SvcnlpError
from .labels import LABELS

FORMATS = ("jsonl", "csv")
CSV_COLUMNS = ["id", "label", *(f"p_{label}" for label in LABELS), "kind", "meta"]


def format_row(record: dict[str, Any], fmt: str) -> str:
    """One output line (with its newline) for a prediction's ``to_dict()``."""
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    row = [record["id"], record["label"], *(record["scores"][label] for label in LABELS), record["kind"], json.dumps(record.get("meta", {}), ensure_ascii=False)]
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return buffer.getvalue()


def csv_header() -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(CSV_COLUMNS)
    return buffer.getvalue()


@contextmanager
def output_stream(path: Path | None, force: bool = False) -> Iterator[IO[str]]:
    """Stdout, or a temporary file beside ``path`` that replaces it only on success.

    An existing ``path`` is refused without ``force``; on an error or interruption the
    temporary file is removed and ``path`` is left as it was.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(path)
    if path.exists() and not force:
        raise SvcnlpError("E020", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
