"""Checks for a labelled corpus: counts, near-duplicates and label shortcuts.

Used by the corpus tests and the data card script, and useful on any corpus a team trains
on: run them before training to catch copy-paste items and lopsided labels.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from .labels import LABELS
from .records import Interaction

WORD = re.compile(r"[a-z0-9']+")
SHORTCUT = re.compile(r"above[\s-]and[\s-]beyond|extra mile|went out of (?:their|her|his) way", re.I)
LENGTH_BINS = ((0, 30, "1-30 words"), (31, 100, "31-100"), (101, 250, "101-250"), (251, 600, "251-600"), (601, 10**9, "601+"))


def words(item: Interaction) -> list[str]:
    """Lower-cased word tokens of an interaction."""
    return WORD.findall(item.full_text().lower())


def shingles(item: Interaction, n: int = 5) -> set[tuple[str, ...]]:
    """Word ``n``-gram shingles of an interaction."""
    w = words(item)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)} or ({tuple(w)} if w else set())


def near_duplicates(items: Sequence[Interaction], threshold: float = 0.5, n: int = 5) -> list[tuple[str, str, float]]:
    """Pairs of items whose word-``n``-gram Jaccard similarity exceeds ``threshold``."""
    sets = [shingles(item, n) for item in items]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    shared: Counter = Counter()
    for holders in index.values():
        if 1 < len(holders) < 200:
            for a in range(len(holders)):
                for b in range(a + 1, len(holders)):
                    shared[(holders[a], holders[b])] += 1
    pairs = []
    for (a, b), common in shared.items():
        jaccard = common / (len(sets[a]) + len(sets[b]) - common)
        if jaccard > threshold:
            pairs.append((items[a].id, items[b].id, round(jaccard, 3)))
    return sorted(pairs)


def length_bin(n_words: int) -> str:
    """The data card's length bucket for a word count."""
    return next(name for low, high, name in LENGTH_BINS if low <= n_words <= high)


def corpus_stats(items: Iterable[Interaction]) -> dict[str, Any]:
    """Counts by label, kind, kind x label, channel, industry, split, hard rule, length, turns."""
    items = list(items)
    turns = [len(i.turns) for i in items if i.kind == "transcript"]
    stats: dict[str, Any] = {
        "n": len(items),
        "label": Counter(i.label for i in items),
        "kind": Counter(i.kind for i in items),
        "kind_label": Counter(f"{i.kind}/{i.label}" for i in items),
        "channel": Counter(i.meta.get("channel", "?") for i in items),
        "industry": Counter(i.meta.get("industry", "?") for i in items),
        "split": Counter(i.meta.get("split", "?") for i in items),
        "split_label": Counter(f"{i.meta.get('split', '?')}/{i.label}" for i in items),
        "hard": Counter(i.meta["hard"] for i in items if i.meta.get("hard")),
        "length": Counter(length_bin(len(words(i))) for i in items),
        "turns": {"min": min(turns, default=0), "max": max(turns, default=0), "over_40": sum(t > 40 for t in turns)},
    }
    aab = [i for i in items if i.label == "above-and-beyond"]
    stats["shortcut_share_above"] = round(sum(bool(SHORTCUT.search(i.full_text())) for i in aab) / max(1, len(aab)), 4)
    return stats


def share(counter: Counter, key: str) -> float:
    """``counter[key]`` as a share of the counter's total."""
    total = sum(counter.values())
    return counter.get(key, 0) / total if total else 0.0


def label_shares(items: Iterable[Interaction]) -> dict[str, float]:
    """Share of each label, in label order."""
    counts = Counter(i.label for i in items)
    total = sum(counts.values()) or 1
    return {label: counts.get(label, 0) / total for label in LABELS}
