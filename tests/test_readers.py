from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_jsonl
from svcnlp.errors import SvcnlpError
from svcnlp.readers import check_paths, read_inputs
from svcnlp.records import Interaction, RecordError


def test_readers_jsonl_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "fine"}, "{not json", "", "[1]", {"id": "d", "text": "ok"}])
    out = list(read_inputs([path]))
    assert [type(r).__name__ for r in out] == ["Interaction", "RecordError", "RecordError", "Interaction"]
    assert out[1].line == 2 and "JSON" in out[1].reason
    assert out[2].line == 4


def test_readers_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "fine"}\n')
    strict = list(read_inputs([path]))
    assert isinstance(strict[0], RecordError) and "UTF-8" in strict[0].reason
    assert isinstance(strict[1], Interaction)
    replaced = list(read_inputs([path], encoding_errors="replace"))
    assert replaced[0].text == "caf\ufffd"


def test_readers_csv_with_columns(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('ref,body,stars\n1,"Agent: hi\nCustomer: help",3\n2,Nice staff,5\n3,too,many,fields\n', encoding="utf-8")
    out = list(read_inputs([path], text_col="body", id_col="ref"))
    assert out[0].id == "1" and out[0].kind == "transcript" and out[0].meta == {"stars": "3"}
    assert out[1].text == "Nice staff"
    assert isinstance(out[2], RecordError) and out[2].line == 5


def test_readers_csv_missing_text_column(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (err,) = list(read_inputs([path]))
    assert isinstance(err, RecordError) and "text-col" in err.reason


def test_readers_txt_and_directory(tmp_path: Path) -> None:
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "call-1.txt").write_text("Rep: hello\nCaller: my heating is off\n", encoding="utf-8")
    (tmp_path / "calls" / "note.md").write_text("ignored", encoding="utf-8")
    write_jsonl(tmp_path / "calls" / "more.jsonl", [{"id": "x", "text": "good"}])
    out = list(read_inputs([tmp_path / "calls"]))
    assert [r.id for r in out] == ["call-1", "x"]
    assert out[0].kind == "transcript"


def test_readers_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02binary\x00")
    (err,) = list(read_inputs([path]))
    assert isinstance(err, RecordError) and "binary" in err.reason


def test_readers_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(SvcnlpError, match="E002"):
        check_paths([tmp_path / "missing.jsonl"])
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(SvcnlpError, match="E003"):
        check_paths([tmp_path / "x.pdf"])
