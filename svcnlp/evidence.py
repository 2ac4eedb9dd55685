"""Evidence and service dimensions: why an interaction got its label.

Evidence is every behaviour cue found, attributed to who showed it: in transcripts the
speaker of the turn (``agent``, ``customer`` or ``unknown``), in reviews ``staff`` (what the
reviewer says staff did) or ``customer`` (the reviewer's own effort and mood). A cue for an
agent behaviour in a customer's turn ("sorry to bother you") is not evidence of service and
is left out. A negated cue ("didn't even apologise") reverses the behaviour's polarity.

Each dimension score is ``0.5 + 0.5 * tanh((positive - negative) / 2)`` over the evidence
that feeds it (see each lexicon's ``# dimension:``): 0.5 means no evidence either way.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from .behaviours import load_lexicons
from .analysis import SegmentAnalysis

DIMENSIONS = ("courtesy", "empathy", "ownership_reliability", "responsiveness_effort", "proactivity")


@dataclass(frozen=True)
class Evidence:
    """One behaviour cue with its character span in the turn (or review) text."""

    behaviour: str
    speaker: str
    turn: int
    start: int
    end: int
    text: str
    polarity: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def speaker_for(actor: str, side: str) -> str | None:
    """Who showed a behaviour of ``actor`` found on ``side``; None when it is not evidence."""
    if side == "review":
        return "customer" if actor == "customer" else "staff"
    speaker = side if side in ("agent", "customer") else "unknown"
    if actor == "agent" and speaker == "customer" or actor == "customer" and speaker == "agent":
        return None
    return speaker


def collect(segments: list[tuple[str, SegmentAnalysis]]) -> list[Evidence]:
    """Evidence from the analysed segments of one interaction (segment i is turn i)."""
    behaviours = load_lexicons()
    found = []
    for turn, (side, analysis) in enumerate(segments):
        for hit in analysis.hits:
            behaviour = behaviours[hit.behaviour]
            speaker = speaker_for(behaviour.actor, side)
            if speaker is None:
                continue
            polarity = behaviour.polarity * (-1 if hit.negated else 1)
            found.append(Evidence(hit.behaviour, speaker, turn, hit.start, hit.end, hit.text, "positive" if polarity > 0 else "negative"))
    return found


def dimensions(evidence: list[Evidence]) -> dict[str, float]:
    """A score in [0, 1] per service dimension."""
    behaviours = load_lexicons()
    balance = {dim: 0 for dim in DIMENSIONS}
    for item in evidence:
        dim = behaviours[item.behaviour].dimension
        if dim in balance:
            balance[dim] += 1 if item.polarity == "positive" else -1
    return {dim: round(0.5 + 0.5 * math.tanh(value / 2), 3) for dim, value in balance.items()}
