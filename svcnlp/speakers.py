"""Speaker roles and the splitter for plain-text transcripts with speaker prefixes.

A speaker name maps to a role through :data:`SPEAKER_ALIASES` (case-insensitive, trailing
digits and punctuation ignored, so ``Agent 2`` and ``CSR:`` work). Unknown names keep their
name and get the role ``unknown``.
"""

from __future__ import annotations

import re

AGENT, CUSTOMER, UNKNOWN = "agent", "customer", "unknown"

SPEAKER_ALIASES: dict[str, str] = {
    **{name: AGENT for name in (
        "agent", "rep", "representative", "advisor", "adviser", "associate", "csr", "support",
        "operator", "staff", "assistant", "specialist", "brand", "company", "service",
    )},
    **{name: CUSTOMER for name in (
        "customer", "caller", "client", "member", "user", "guest", "consumer", "patient",
        "passenger", "buyer",
    )},
}

# "[00:01:12] Rep: text", "Agent 2: text", "CSR - text", "(12:03) Caller : text"
_PREFIX = re.compile(
    r"^\s*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*)?"  # optional timestamp
    r"(?P<name>[A-Za-z@][\w.@'&-]*(?:\s[\w.@'&-]+){0,2})"  # one to three words
    r"\s*(?::|\s-\s|\s–\s|>)\s*"  # separator
    r"(?P<text>.*)$"
)
_CLEAN = re.compile(r"[\s\d_.#:-]+$")


def role_of(speaker: str) -> str:
    """Return ``agent``, ``customer`` or ``unknown`` for a speaker name."""
    key = _CLEAN.sub("", speaker.strip().lower())
    return SPEAKER_ALIASES.get(key, UNKNOWN)


def split_turns(text: str) -> list[tuple[str, str]]:
    """Split a plain-text transcript into ``(speaker, text)`` turns.

    A line whose prefix names a known role, or a name already seen as a speaker, starts a
    turn; other lines continue the current turn. Returns an empty list when fewer than two
    lines carry a speaker prefix (the text is then not a transcript).
    """
    turns: list[list[str]] = []
    speakers_seen: set[str] = set()
    prefixed = 0
    for line in text.splitlines():
        match = _PREFIX.match(line)
        name = match.group("name").strip() if match else ""
        if match and (role_of(name) != UNKNOWN or name in speakers_seen or _looks_like_name(name)):
            speakers_seen.add(name)
            turns.append([name, match.group("text").strip()])
            prefixed += 1
        elif turns:
            turns[-1][1] = (turns[-1][1] + "\n" + line.strip()).strip()
        elif line.strip():
            turns.append(["", line.strip()])
    if prefixed < 2:
        return []
    return [(name, body) for name, body in turns if body]


def _looks_like_name(name: str) -> bool:
    """A capitalised single word or a handle (``Priya``, ``@AcmeHelp``) may be a speaker."""
    return bool(re.fullmatch(r"@?[A-Z][\w.-]{1,24}", name))
