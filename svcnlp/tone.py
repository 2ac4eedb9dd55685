"""Tone of a text, from the VADER sentiment lexicon.

Tone is not the service level (an angry customer can get excellent service), but the tone in
which a customer speaks *of the service* ("the staff were dismissive", "the rep was lovely")
is evidence about it. The featurizer uses it only on service sentences, agent turns and the
customer's last turn.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def compound(text: str) -> float:
    """VADER's compound score in [-1, 1]; 0.0 for empty text."""
    return float(_analyzer().polarity_scores(text)["compound"]) if text.strip() else 0.0
