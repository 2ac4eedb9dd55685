"""A spaCy ``Matcher`` for many token patterns, run only where each pattern can match.

spaCy's ``Matcher`` tries every pattern at every token, so its cost grows with the number of
patterns. :class:`GatedMatcher` gives each pattern a :class:`PatternGate`: the words the doc
must hold for the pattern to match at all (for every token the pattern requires, one of the
words that token pins with ``LOWER``, ``ORTH``, ``TEXT``, ``LEMMA`` or ``NORM``). Patterns
with the same gate share one ``Matcher``; a doc runs only the groups whose gates it opens, and
only on token windows around the group's most selective word, as far as its longest pattern
reaches (the whole doc for patterns with ``*``, ``+`` or ``{n,}``). The matches are exactly
those of one ``Matcher`` holding every pattern.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes a gate can test, mapped to the (lower-cased) word sets of a doc it reads.
GATE_ATTRS = {"LOWER": "lower", "ORTH": "lower", "TEXT": "lower", "LEMMA": "lemma", "NORM": "norm"}
QUANTIFIERS = frozenset({"?", "*", "+", "!"})
_COUNT_OP = re.compile(r"^\{(\d*)(,?)(\d*)\}$")

Match = tuple[int, int, int]  # (match id, start token, end token), as spaCy's Matcher returns


@dataclass(frozen=True)
class PatternGate:
    """What a doc must hold for a token pattern to have a chance of matching.

    ``needs`` is a tuple of ``(word set, values)``: the doc must hold one of ``values`` in
    that word set (``lower``, ``lemma`` or ``norm``, see :func:`doc_words`) for each
    requirement. Values are lower-cased, so a gate may open when the pattern cannot match,
    never the reverse. The most selective requirement comes first.
    """

    needs: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, pattern: list[dict]) -> "PatternGate":
        """The gate of one token pattern (keys in upper case, see :func:`normalise`)."""
        needs = {need for token in pattern if _required(token) for need in _pinned(token)}
        return cls(tuple(sorted(needs, key=_selectivity)))

    def opens(self, words: dict[str, dict[str, list[int]]]) -> bool:
        """True when ``words`` (from :func:`doc_words`) meets every requirement."""
        return all(not values.isdisjoint(words[kind]) for kind, values in self.needs)


class GatedMatcher:
    """Token patterns added under names, matched only where their gates let them."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.grouped: dict[PatternGate, list[tuple[str, list[dict]]]] = defaultdict(list)
        self.gates: list[PatternGate] = []

    def add(self, name: str, pattern: list[dict]) -> None:
        """Add one token pattern under ``name`` (call :meth:`compile` when all are added)."""
        pattern = normalise(pattern)
        self.grouped[PatternGate.of(pattern)].append((name, pattern))

    def compile(self) -> "GatedMatcher":
        """Build one ``Matcher`` per gate and the index from words to gates."""
        self.gates = list(self.grouped)
        self.matchers: list[Matcher] = []
        self.reaches: list[int | None] = []  # how far (tokens) a group's matches reach from its anchor
        self.ungated: list[int] = []
        self.index: dict[str, dict[str, list[int]]] = {kind: defaultdict(list) for kind in set(GATE_ATTRS.values())}
        for i, gate in enumerate(self.gates):
            matcher = Matcher(self.vocab)
            for name, pattern in self.grouped[gate]:
                matcher.add(name, [pattern])
            self.matchers.append(matcher)
            lengths = [max_length(pattern) for _, pattern in self.grouped[gate]]
            self.reaches.append(None if None in lengths else max(lengths) - 1)
            if not gate.needs:
                self.ungated.append(i)
                continue
            kind, values = gate.needs[0]  # each gate is looked up by its most selective requirement
            for value in values:
                self.index[kind][value].append(i)
        return self

    def as_one_matcher(self) -> Matcher:
        """One spaCy ``Matcher`` holding every pattern: the ungated reference, for checks and benchmarks."""
        matcher = Matcher(self.vocab)
        for group in self.grouped.values():
            for name, pattern in group:
                matcher.add(name, [pattern])
        return matcher

    def windows(self, doc: Doc) -> dict[int, list[tuple[int, int]]]:
        """The pattern groups whose gates ``doc`` opens, each with the token windows
        ``(start, end)`` a match of theirs must lie in."""
        words = doc_words(doc)
        anchors: dict[int, list[int]] = {}
        for kind, present in words.items():
            index = self.index[kind]
            for value in present.keys() & index.keys():
                for i in index[value]:
                    if i in anchors:
                        anchors[i].extend(present[value])
                    elif self.gates[i].opens(words):
                        anchors[i] = list(present[value])
        whole = [(0, len(doc))]
        found = {i: whole for i in self.ungated}
        for i in sorted(anchors):
            reach = self.reaches[i]
            if reach is None:
                found[i] = whole
            else:
                found[i] = merge([(max(p - reach, 0), min(p + reach + 1, len(doc))) for p in anchors[i]])
        return found

    def __call__(self, doc: Doc) -> set[Match]:
        """All matches in ``doc``, as one ``Matcher`` with every pattern would find them."""
        matches: set[Match] = set()
        for group, spans in self.windows(doc).items():
            for start, end in spans:
                matches.update((m, start + s, start + e) for m, s, e in self.matchers[group](doc[start:end]))
        return matches


def doc_words(doc: Doc) -> dict[str, dict[str, list[int]]]:
    """Where each lower-cased word form, lemma and norm of ``doc`` occurs (token indexes)."""
    words: dict[str, dict[str, list[int]]] = {"lower": {}, "lemma": {}, "norm": {}}
    for tok in doc:
        words["lower"].setdefault(tok.lower_, []).append(tok.i)
        words["lemma"].setdefault(tok.lemma_.lower(), []).append(tok.i)
        words["norm"].setdefault(tok.norm_.lower(), []).append(tok.i)
    return words


def normalise(pattern: list[dict]) -> list[dict]:
    """``pattern`` with its keys in upper case, as spaCy reads them; unknown ``OP`` values
    are refused here rather than silently gated wrong."""
    out = []
    for token in pattern:
        token = {key.upper(): value for key, value in token.items()}
        op = token.get("OP")
        if op is not None and op not in QUANTIFIERS and not _COUNT_OP.match(op):
            raise ValueError(f"unknown OP {op!r} in token pattern {pattern!r}")
        out.append(token)
    return out


def max_length(pattern: list[dict]) -> int | None:
    """The most tokens ``pattern`` can match, or None when ``*``, ``+`` or ``{n,}`` make it unbounded."""
    total = 0
    for token in pattern:
        op = token.get("OP")
        if op in ("*", "+"):
            return None
        count = _COUNT_OP.match(op) if op else None
        if count is None:  # no OP, "?" or "!": at most one token
            total += 1
        elif not count.group(2):  # {n}
            total += int(count.group(1))
        elif not count.group(3):  # {n,}
            return None
        else:  # {n,m} or {,m}
            total += int(count.group(3))
    return total


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ``(start, end)`` windows merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _required(token: dict) -> bool:
    """True when a pattern token must match at least one token (no ``?``, ``*``, ``!``, ``{0,m}``)."""
    op = token.get("OP")
    if op is None or op == "+":
        return True
    count = _COUNT_OP.match(op)
    return bool(count and count.group(1) and int(count.group(1)) >= 1)


def _pinned(token: dict) -> list[tuple[str, frozenset[str]]]:
    """The word-set requirements one pattern token makes (none for regexes and ``NOT_IN``)."""
    needs = []
    for attr, kind in GATE_ATTRS.items():
        value = token.get(attr)
        if isinstance(value, str):
            needs.append((kind, frozenset({value.lower()})))
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            needs.append((kind, frozenset(str(v).lower() for v in value["IN"])))
    return needs


def _selectivity(need: tuple[str, frozenset[str]]) -> tuple[int, int, str]:
    """Sort key: requirements made only of rarer (non-stop) words first, then the smallest."""
    kind, values = need
    return (len(values & STOP_WORDS), len(values), kind + ":" + ",".join(sorted(values)))
