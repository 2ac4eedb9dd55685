"""Readers for every input svcnlp accepts: JSONL, CSV/TSV, .txt, directories and stdin.

Each reader yields :class:`~svcnlp.records.Interaction` or
:class:`~svcnlp.records.RecordError` values, one per input record, in input order, so a
broken record never stops a batch. Files are streamed, never read whole (except .txt
files, which hold one interaction each).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import SvcnlpError
from .records import Interaction, RecordError, record_error, from_dict, from_text

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv")
TEXT_SUFFIXES = (".txt",)
SUPPORTED = JSONL_SUFFIXES + CSV_SUFFIXES + TEXT_SUFFIXES

Record = Interaction | RecordError


def read_inputs(
    paths: Iterable[str | Path],
    text_col: str = "text",
    id_col: str = "id",
    encoding_errors: str = "strict",
) -> Iterator[Record]:
    """Yield the records of every path in turn; ``-`` reads JSONL from stdin."""
    for path in paths:
        if str(path) == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>", encoding_errors)
            continue
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED):
                yield from read_file(child, text_col, id_col, encoding_errors)
        elif path.is_file():
            yield from read_file(path, text_col, id_col, encoding_errors)
        else:
            raise SvcnlpError("E002", path=path)


def check_paths(paths: Iterable[str | Path]) -> None:
    """Raise a usage error for a missing path or an unsupported file type."""
    for path in paths:
        if str(path) == "-":
            continue
        path = Path(path)
        if not path.exists():
            raise SvcnlpError("E002", path=path)
        if path.is_file() and path.suffix.lower() not in SUPPORTED:
            raise SvcnlpError("E003", suffix=path.suffix, path=path)


def read_file(path: Path, text_col: str = "text", id_col: str = "id", encoding_errors: str = "strict") -> Iterator[Record]:
    """Yield the records of one file, chosen by its suffix."""
    suffix = path.suffix.lower()
    source = str(path)
    if suffix not in SUPPORTED:
        raise SvcnlpError("E003", suffix=path.suffix, path=path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield record_error(source, 0, "E035", path=path, reason=exc.strerror or str(exc))
        return
    with handle:
        if _is_binary(handle):
            yield record_error(source, 0, "E035", path=path, reason="it is a binary file, not text")
            return
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_stream(handle, source, encoding_errors)
        elif suffix in CSV_SUFFIXES:
            delimiter = "\t" if suffix == ".tsv" else ","
            yield from read_csv_stream(handle, source, text_col, id_col, delimiter, encoding_errors)
        else:
            yield from read_txt(handle, path, encoding_errors)


def _is_binary(handle: BinaryIO) -> bool:
    head = handle.read(8192)
    handle.seek(0)
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def read_jsonl_stream(stream: BinaryIO, source: str, encoding_errors: str = "strict") -> Iterator[Record]:
    """Yield one record per non-blank line of a JSONL byte stream."""
    for number, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8", errors=encoding_errors)
        except UnicodeDecodeError as exc:
            yield record_error(source, number, "E035", path=source, reason=f"line is not valid UTF-8 ({exc.reason} at byte {exc.start}); use --encoding-errors replace")
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield record_error(source, number, "E031", reason=exc.msg + f" at column {exc.colno}")
            continue
        yield from_dict(data, source=source, line=number)


def read_csv_stream(
    stream: BinaryIO,
    source: str,
    text_col: str = "text",
    id_col: str = "id",
    delimiter: str = ",",
    encoding_errors: str = "strict",
) -> Iterator[Record]:
    """Yield one record per CSV row; ``line`` is the physical line the row starts on."""
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig", errors=encoding_errors, newline="")
    reader = csv.reader(text_stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except (UnicodeDecodeError, csv.Error) as exc:
        yield record_error(source, 1, "E035", path=source, reason=str(exc))
        return
    if text_col not in header:
        yield record_error(source, 1, "E030", reason=f"no column {text_col!r} (columns: {', '.join(header)}); use --text-col")
        return
    t_idx = header.index(text_col)
    i_idx = header.index(id_col) if id_col in header else None
    while True:
        row_number = reader.line_num + 1  # the physical line the next row starts on
        try:
            row = next(reader)
        except StopIteration:
            return
        except (UnicodeDecodeError, csv.Error) as exc:
            yield record_error(source, row_number, "E035", path=source, reason=str(exc))
            return
        if not row:
            continue
        if len(row) != len(header):
            yield record_error(source, row_number, "E030", reason=f"row has {len(row)} fields, the header has {len(header)}")
            continue
        rid = row[i_idx] if i_idx is not None and row[i_idx].strip() else f"{source}:{row_number}"
        meta = {k: v for k, v in zip(header, row) if k not in (text_col, id_col)}
        yield from_text(row[t_idx], rid, meta=meta, source=source, line=row_number)


def read_txt(stream: BinaryIO, path: Path, encoding_errors: str = "strict") -> Iterator[Record]:
    """Yield the single interaction a .txt file holds; its id is the file name."""
    try:
        text = stream.read().decode("utf-8-sig", errors=encoding_errors)
    except UnicodeDecodeError as exc:
        yield record_error(str(path), 1, "E035", path=path, reason=f"not valid UTF-8 ({exc.reason}); use --encoding-errors replace")
        return
    yield from_text(text, path.stem, source=str(path), line=1)


def read_labelled(paths: Iterable[str | Path]) -> tuple[list[Interaction], list[RecordError]]:
    """Read every record of ``paths``; return the labelled interactions and the errors."""
    good: list[Interaction] = []
    bad: list[RecordError] = []
    for record in read_inputs(paths):
        if isinstance(record, RecordError):
            bad.append(record)
        elif record.label is not None:
            good.append(record)
    return good, bad
