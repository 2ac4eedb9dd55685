from __future__ import annotations

import pytest

from svcnlp.records import Interaction, RecordError, coerce, from_dict


def test_records_review_and_transcript() -> None:
    review = from_dict({"id": "r1", "text": "Lovely staff.", "label": "satisfactory", "meta": {"x": 1}})
    assert isinstance(review, Interaction) and review.kind == "review" and review.meta == {"x": 1}
    chat = from_dict({"id": "c1", "turns": [{"speaker": "Caller", "text": "hi"}, {"speaker": "Priya", "text": "hello"}]})
    assert chat.kind == "transcript"
    assert [t.role for t in chat.turns] == ["customer", "unknown"]
    assert chat.turn_sides() == ["customer", "agent"]


def test_records_text_with_prefixes_becomes_turns() -> None:
    rec = from_dict({"id": "t", "text": "Agent: hi\nCustomer: my order is late"})
    assert rec.kind == "transcript" and [t.role for t in rec.turns] == ["agent", "customer"]


def test_records_missing_id_is_derived() -> None:
    rec = from_dict({"text": "ok"}, source="in.jsonl", line=7)
    assert rec.id == "in.jsonl:7"


@pytest.mark.parametrize(
    "data,fragment",
    [([1, 2], "not a JSON object"), ({"id": "a"}, "not a string"), ({"id": "a", "text": "   "}, "empty"),
     ({"id": "a", "turns": "hi"}, "not a list"), ({"id": "a", "turns": [{"speaker": "x"}]}, "no text"),
     ({"id": "a", "text": "x", "label": "great"}, "label"), ({"id": "a", "text": "x", "kind": "poem"}, "kind")],
)
def test_records_rejects_bad_records(data: object, fragment: str) -> None:
    result = from_dict(data, source="f.jsonl", line=3)
    assert isinstance(result, RecordError)
    assert fragment in result.reason and result.source == "f.jsonl" and result.line == 3


def test_records_control_characters_removed() -> None:
    rec = from_dict({"id": "a", "text": "hel\x00lo\x07 there"})
    assert rec.text == "hello there"


def test_records_coerce_rejects_other_types() -> None:
    with pytest.raises(Exception, match="E034"):
        coerce(3.5)
