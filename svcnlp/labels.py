"""The three service levels, in their order (see LABELS.md)."""

from __future__ import annotations

from .errors import SvcnlpError

LABELS: tuple[str, ...] = ("bare-minimum", "satisfactory", "above-and-beyond")


def label_index(label: str) -> int:
    """Return the position of ``label`` in :data:`LABELS` (0, 1 or 2)."""
    try:
        return LABELS.index(label)
    except ValueError:
        raise SvcnlpError("E001", label=label, labels=", ".join(LABELS)) from None


def expected_level(scores: dict[str, float]) -> float:
    """Expected level 0*P(bare-minimum) + 1*P(satisfactory) + 2*P(above-and-beyond)."""
    return sum(i * scores[label] for i, label in enumerate(LABELS))
