"""Property-based tests: arbitrary text and bytes never make a reader raise."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcnlp.readers import read_csv_stream, read_jsonl_stream, read_txt
from svcnlp.records import Interaction, RecordError, from_dict
from svcnlp.speakers import split_turns

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@FAST
@given(st.text())
def test_readers_split_turns_any_text(text: str) -> None:
    for speaker, body in split_turns(text):
        assert isinstance(speaker, str) and body


@FAST
@given(st.binary(max_size=2000))
def test_readers_jsonl_any_bytes(data: bytes) -> None:
    for record in read_jsonl_stream(io.BytesIO(data), "fuzz.jsonl"):
        assert isinstance(record, (Interaction, RecordError))


@FAST
@given(st.binary(max_size=2000))
def test_readers_csv_any_bytes(data: bytes) -> None:
    for record in read_csv_stream(io.BytesIO(data), "fuzz.csv"):
        assert isinstance(record, (Interaction, RecordError))


@FAST
@given(st.binary(max_size=2000))
def test_readers_txt_any_bytes(data: bytes) -> None:
    for record in read_txt(io.BytesIO(data), Path("fuzz.txt")):
        assert isinstance(record, (Interaction, RecordError))


@FAST
@given(json_values)
def test_readers_any_json_value(value: object) -> None:
    record = from_dict(value, "fuzz.jsonl", 1)
    assert isinstance(record, (Interaction, RecordError))
    line = json.dumps(value).encode()
    assert all(isinstance(r, (Interaction, RecordError)) for r in read_jsonl_stream(io.BytesIO(line), "f"))


@FAST
@given(st.dictionaries(st.sampled_from(["id", "text", "turns", "kind", "label", "meta"]), json_values))
def test_readers_contract_shaped_dicts(value: dict) -> None:
    record = from_dict(value, "fuzz.jsonl", 1)
    if isinstance(record, Interaction):
        assert record.full_text().strip()
