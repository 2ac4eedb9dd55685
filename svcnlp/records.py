"""The input contract: one place that turns raw input into :class:`Interaction` values.

A record is ``{"id": str, "text": str}`` or ``{"id": str, "turns": [{"speaker": str,
"text": str}, ...]}``, with optional ``kind`` (``review`` | ``transcript``), ``label`` and
``meta`` (passed through to the output). A ``text`` whose lines carry speaker prefixes is
split into turns. Problems are returned as :class:`RecordError`, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Errors, SvcnlpError
from .labels import LABELS
from .speakers import CUSTOMER, AGENT, role_of, split_turns

KINDS = ("review", "transcript")


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript."""

    speaker: str
    text: str
    role: str


@dataclass
class Interaction:
    """One service interaction: a review (``text``) or a transcript (``turns``)."""

    id: str
    kind: str
    text: str = ""
    turns: list[Turn] = field(default_factory=list)
    label: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    lang_warning: bool = False

    def turn_sides(self) -> list[str]:
        """The side of each turn: ``agent``, ``customer`` or ``other``.

        Turns of an unknown speaker take the side opposite to the known one when the
        transcript has exactly two speakers and only one of them is known.
        """
        roles = _resolved_roles(self.turns)
        return [roles.get(t.speaker, "other") for t in self.turns]

    def full_text(self) -> str:
        """All the text, turns joined by newlines."""
        return self.text if not self.turns else "\n".join(t.text for t in self.turns)


@dataclass(frozen=True)
class RecordError:
    """A rejected input record: where it came from and why."""

    source: str
    line: int
    reason: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "id": self.id, "reason": self.reason}


def _resolved_roles(turns: list[Turn]) -> dict[str, str]:
    roles = {t.speaker: t.role for t in turns}
    known = {r for r in roles.values() if r in (AGENT, CUSTOMER)}
    unknown = [s for s, r in roles.items() if r not in (AGENT, CUSTOMER)]
    if len(known) == 1 and len(roles) == 2 and unknown:
        roles[unknown[0]] = CUSTOMER if known == {AGENT} else AGENT
    return {s: (r if r in (AGENT, CUSTOMER) else "other") for s, r in roles.items()}


def record_error(source: str, line: int, code: str, rid: str | None = None, **kw: Any) -> RecordError:
    return RecordError(source=source, line=line, id=rid, reason=f"[{code}] " + getattr(Errors, code).format(**kw))


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def from_dict(data: Any, source: str = "<input>", line: int = 0) -> Interaction | RecordError:
    """Validate one decoded record against the input contract."""
    if not isinstance(data, dict):
        return record_error(source, line, "E032", type=_type_name(data))
    rid = data.get("id")
    if rid is None or rid == "":
        rid = f"{source}:{line}"
    elif not isinstance(rid, (str, int)) or isinstance(rid, bool):
        return record_error(source, line, "E033", field="id", expected="a string", got=_type_name(rid))
    rid = str(rid)
    meta = data.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return record_error(source, line, "E033", rid, field="meta", expected="an object", got=_type_name(meta))
    label = data.get("label")
    if label is not None and label not in LABELS:
        return record_error(source, line, "E033", rid, field="label", expected=" | ".join(LABELS), got=repr(label))
    kind = data.get("kind")
    if kind is not None and kind not in KINDS:
        return record_error(source, line, "E033", rid, field="kind", expected="'review' or 'transcript'", got=repr(kind))
    if "turns" in data and data["turns"] is not None:
        turns = _turns_from(data["turns"])
        if isinstance(turns, str):
            return record_error(source, line, "E030", rid, reason=turns)
        return Interaction(id=rid, kind=kind or "transcript", turns=turns, label=label, meta=meta)
    text = data.get("text")
    if not isinstance(text, str):
        return record_error(source, line, "E030", rid, reason=f"'text' is {_type_name(text)}, not a string")
    return from_text(text, rid, kind=kind, label=label, meta=meta, source=source, line=line)


def from_text(
    text: str,
    rid: str,
    kind: str | None = None,
    label: str | None = None,
    meta: dict[str, Any] | None = None,
    source: str = "<input>",
    line: int = 0,
) -> Interaction | RecordError:
    """Build an interaction from free text, splitting speaker-prefixed transcripts."""
    text = clean_text(text)
    if not text.strip():
        return record_error(source, line, "E030", rid, reason="the text is empty")
    meta = meta or {}
    split = split_turns(text) if kind != "review" else []
    if split:
        turns = [Turn(speaker=s, text=t, role=role_of(s)) for s, t in split]
        return Interaction(id=rid, kind="transcript", turns=turns, label=label, meta=meta)
    return Interaction(id=rid, kind=kind or "review", text=text, label=label, meta=meta)


def _turns_from(raw: Any) -> list[Turn] | str:
    if not isinstance(raw, list):
        return f"'turns' is {_type_name(raw)}, not a list"
    turns = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            return f"turn {i} is {_type_name(item)}, not an object"
        text = item.get("text")
        if not isinstance(text, str):
            return f"turn {i} has no text"
        speaker = item.get("speaker")
        speaker = str(speaker) if isinstance(speaker, (str, int)) and str(speaker).strip() else "unknown"
        text = clean_text(text)
        if text.strip():
            turns.append(Turn(speaker=speaker, text=text, role=role_of(speaker)))
    if not turns:
        return "every turn is empty"
    return turns


def clean_text(text: str) -> str:
    """Drop NUL bytes and control characters other than newlines and tabs."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")


def coerce(item: Any, index: int = 0) -> Interaction:
    """Turn a string, dict or Interaction given to the Python API into an Interaction."""
    if isinstance(item, Interaction):
        return item
    if isinstance(item, str):
        result = from_text(item, rid=str(index))
    elif isinstance(item, dict):
        result = from_dict(item, source="<api>", line=index)
    else:
        raise SvcnlpError("E034", type=type(item).__name__)
    if isinstance(result, RecordError):
        raise ValueError(result.reason)
    return result
