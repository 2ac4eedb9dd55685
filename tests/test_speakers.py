from __future__ import annotations

import pytest

from svcnlp.speakers import role_of, split_turns


@pytest.mark.parametrize(
    "name,role",
    [("Agent", "agent"), ("rep", "agent"), ("CSR", "agent"), ("Representative 2", "agent"), ("support", "agent"),
     ("Customer", "customer"), ("Caller", "customer"), ("guest", "customer"), ("MEMBER", "customer"),
     ("Priya", "unknown"), ("@AcmeHelp", "unknown")],
)
def test_speakers_role_aliases(name: str, role: str) -> None:
    assert role_of(name) == role


def test_speakers_split_plain_prefixes() -> None:
    turns = split_turns("Agent: Hello, how can I help?\nCustomer: My bill is wrong.\nIt doubled.\nAgent: Let me look.")
    assert turns == [("Agent", "Hello, how can I help?"), ("Customer", "My bill is wrong.\nIt doubled."), ("Agent", "Let me look.")]


def test_speakers_split_timestamps_and_dashes() -> None:
    text = "[00:01:12] Rep: thanks for calling\n[00:01:20] Caller: hi yeah um my card\nCSR - one moment please"
    assert [s for s, _ in split_turns(text)] == ["Rep", "Caller", "CSR"]
    assert split_turns(text)[1][1] == "hi yeah um my card"


def test_speakers_split_review_is_not_a_transcript() -> None:
    assert split_turns("Great shop. Note: parking is hard to find.\nWould go again.") == []
