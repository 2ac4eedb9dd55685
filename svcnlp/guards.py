"""Guards applied to every interaction before scoring: a size limit and a language check.

``MAX_CHARS`` (default 100,000 characters; ``--max-chars`` on the CLI) caps one interaction:
longer text is cut at the limit (whole turns kept first) and the prediction carries a
``warnings`` entry saying so. Text that does not look like English is still scored, and
the prediction is flagged with ``"lang_warning": true``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from .records import Interaction

MAX_CHARS = 100_000
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 6
_MIN_STOPWORD_SHARE = 0.12


def looks_english(text: str) -> bool:
    """False when most letters are not Latin, or when a text of some length has too few
    common English words; short Latin-script text is given the benefit of the doubt."""
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) / len(letters) < 0.5:
        return False
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS:
        return True
    return sum(w in STOP_WORDS for w in words) / len(words) >= _MIN_STOPWORD_SHARE


def truncate(item: Interaction, max_chars: int = MAX_CHARS) -> Interaction:
    """Cut an interaction to ``max_chars`` characters of text, with a warning."""
    total = len(item.text) + sum(len(t.text) for t in item.turns)
    if total <= max_chars:
        return item
    note = f"text truncated from {total} to {max_chars} characters"
    if not item.turns:
        return replace(item, text=item.text[:max_chars], warnings=[*item.warnings, note])
    kept, used = [], 0
    for turn in item.turns:
        if used >= max_chars:
            break
        kept.append(replace(turn, text=turn.text[: max_chars - used]))
        used += len(kept[-1].text)
    return replace(item, turns=kept, warnings=[*item.warnings, note])


def guard(item: Interaction, max_chars: int = MAX_CHARS) -> Interaction:
    """Apply the size limit and the language check."""
    item = truncate(item, max_chars)
    if not looks_english(item.full_text()):
        item = replace(item, lang_warning=True)
    return item
