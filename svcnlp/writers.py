"""Output formats (JSONL, CSV) and the atomic output file."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import SvcnlpError
from .labels import LABELS
from .model_files import current_umask

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
        os.chmod(tmp, 0o666 & ~current_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def done_ids(path: Path, fmt: str) -> Counter:
    """Ids already in a partial output file (for ``--resume``), each with its count.

    A last line cut short by a kill is removed from the file first, so appending goes on
    from a clean line boundary.
    """
    path = Path(path)
    if not path.exists():
        return Counter()
    data = path.read_bytes()
    cut = data.rfind(b"\n") + 1
    if cut < len(data):
        with open(path, "r+b") as handle:
            handle.truncate(cut)
        data = data[:cut]
    lines = data.decode("utf-8").splitlines()
    if fmt == "csv":
        return Counter(row[0] for row in csv.reader(lines[1:]) if row)
    return Counter(json.loads(line)["id"] for line in lines if line.strip())


@contextmanager
def append_stream(path: Path, fmt: str) -> Iterator[IO[str]]:
    """Open ``path`` for appending (``--resume``); a new CSV file gets its header."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8", newline="") as handle:
        if new and fmt == "csv":
            handle.write(csv_header())
        yield handle
