"""Service-behaviour cue detection with spaCy's PhraseMatcher over lemmas.

Each behaviour has a lexicon file ``svcnlp/lexicons/<behaviour>.txt``: a ``#`` comment
line saying what it detects, ``# actor:`` (``agent``, ``customer``, ``staff`` for what a
reviewer says of staff, or ``any``), ``# polarity:`` (``+`` good service, ``-`` poor) and
``# dimension:`` (the service dimension it feeds), then one cue per line: a plain-text phrase
(matched with the PhraseMatcher), or a line starting with ``[`` holding a spaCy ``Matcher``
token pattern as JSON, for cues a fixed phrase cannot catch
(``[{"LEMMA": {"IN": ["call", "phone", "ring"]}}, {"LOWER": "back"}]``). Phrases
are lemmatised by the same pipeline as the text, so "I'll make sure" also matches "I will
make sure" and "I made sure". A cue preceded by a negation within the same clause ("didn't
even apologise", "no one called back") is reported as negated.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

NEGATIONS = frozenset({
    "not", "n't", "never", "no", "nobody", "nothing", "none", "without", "neither", "nor",
    "cannot", "didnt", "dont", "doesnt", "wasnt", "werent", "wont", "hardly", "barely",
})
CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ",", "but", "however", "though", "\n"})
NEGATION_WINDOW = 4
# Typographic quotes folded to ASCII before parsing, one character for one so offsets hold:
# "won’t" must negate and "I’ll" must match like "won't" and "I'll".
QUOTE_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Hit:
    """One cue found in a text: its behaviour, character span and whether it is negated."""

    behaviour: str
    start: int
    end: int
    text: str
    negated: bool


@dataclass(frozen=True)
class Behaviour:
    """A behaviour svcnlp detects, as its lexicon file declares it."""

    name: str
    description: str
    actor: str
    polarity: int
    dimension: str
    phrases: tuple[str, ...]
    patterns: tuple[str, ...] = ()


def parse_lexicon(name: str, text: str) -> Behaviour:
    """Parse one lexicon file's text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    header = {k.strip(): v.strip() for k, _, v in (line[1:].partition(":") for line in lines[1:] if line.startswith("#"))}
    return Behaviour(
        name=name,
        description=lines[0].lstrip("# ").strip(),
        actor=header.get("actor", "any"),
        polarity=-1 if header.get("polarity") == "-" else 1,
        dimension=header.get("dimension", ""),
        phrases=tuple(line for line in lines if not line.startswith(("#", "["))),
        patterns=tuple(line for line in lines if line.startswith("[")),
    )


@lru_cache(maxsize=1)
def load_lexicons() -> dict[str, Behaviour]:
    """Read every lexicon file: ``{behaviour name: Behaviour}``, sorted by name."""
    folder = resources.files("svcnlp") / "lexicons"
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".txt")), key=lambda e: e.name)
    return {e.name[:-4]: parse_lexicon(e.name[:-4], e.read_text(encoding="utf-8")) for e in entries}


@lru_cache(maxsize=1)
def service_terms() -> frozenset[str]:
    """Lemmas that mark a sentence as being about the service (``data/service_terms.txt``)."""
    text = (resources.files("svcnlp") / "data" / "service_terms.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def lexicon_digest() -> str:
    """A short hash of all lexicons, to key caches and record in model metadata."""
    digest = hashlib.sha256()
    for name, behaviour in load_lexicons().items():
        digest.update(name.encode() + b"\0" + "\n".join(behaviour.phrases + behaviour.patterns).encode() + b"\1")
    digest.update("\n".join(sorted(service_terms())).encode())
    return digest.hexdigest()[:16]


def fold_quotes(text: str) -> str:
    """``text`` with typographic quotes and apostrophes replaced by ASCII ones (same length)."""
    return text.translate(QUOTE_FOLD)


def behaviour_names() -> list[str]:
    """The behaviours svcnlp detects, in a fixed order."""
    return list(load_lexicons())


class BehaviourMatcher:
    """Finds behaviour cues in docs made by ``nlp``; matches on lemmas when it has a lemmatizer.

    Token patterns are gated: a pattern runs on a doc only when the doc holds, for every token
    the pattern requires with a fixed word or word list, one of those words (see
    :class:`PatternGate`). spaCy's ``Matcher`` tries every pattern at every token, so running
    only the few patterns a doc can match keeps the cost of a large lexicon near that of a
    small one. The matches are the same as with one ``Matcher`` holding every pattern.
    """

    def __init__(self, nlp: Language) -> None:
        self.attr = "LEMMA" if "lemmatizer" in nlp.pipe_names else "LOWER"
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr=self.attr)
        grouped: dict[PatternGate, list[tuple[str, list[dict]]]] = defaultdict(list)
        for name, behaviour in load_lexicons().items():
            self.phrase_matcher.add(name, list(nlp.pipe(behaviour.phrases)))
            for line in behaviour.patterns:
                pattern = json.loads(line)
                if self.attr == "LOWER":  # a blank pipeline has no lemmas or tags: match word forms only
                    pattern = [_without_tags(tok) for tok in pattern]
                grouped[PatternGate.of(pattern)].append((name, pattern))
        self.gates: list[PatternGate] = list(grouped)
        self.token_matchers: list[Matcher] = []
        self.reaches: list[int | None] = []  # how far (tokens) a group's matches reach from its anchor
        for gate in self.gates:
            matcher = Matcher(nlp.vocab)
            for name, pattern in grouped[gate]:
                matcher.add(name, [pattern])
            self.token_matchers.append(matcher)
            lengths = [_max_length(pattern) for _, pattern in grouped[gate]]
            self.reaches.append(None if None in lengths else max(lengths) - 1)
        # Each gate is looked up by the values of its most selective requirement.
        self.ungated: list[int] = []
        self.index: dict[str, dict[str, list[int]]] = {kind: defaultdict(list) for kind in set(GATE_ATTRS.values())}
        for i, gate in enumerate(self.gates):
            if not gate.needs:
                self.ungated.append(i)
                continue
            kind, values = gate.needs[0]
            for value in values:
                self.index[kind][value].append(i)

    def windows(self, doc: Doc) -> dict[int, list[tuple[int, int]]]:
        """The pattern groups whose gates ``doc`` opens, each with the token windows
        ``(start, end)`` a match must lie in: around each occurrence of the group's most
        selective required word, as far as its longest pattern reaches (the whole doc for
        groups with ``*``, ``+`` or ``{n,}``, whose reach has no bound)."""
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
                found[i] = _merge([(max(p - reach, 0), min(p + reach + 1, len(doc))) for p in anchors[i]])
        return found

    def __call__(self, doc: Doc) -> list[Hit]:
        """Return the cues in ``doc``; overlapping cues of one behaviour count once."""
        hits: list[Hit] = []
        taken: dict[str, int] = {}
        matches = set(self.phrase_matcher(doc))  # a match found by two groups counts once
        for i, spans in self.windows(doc).items():
            for start, end in spans:
                matches.update((m, start + s, start + e) for m, s, e in self.token_matchers[i](doc[start:end]))
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], -m[2])):
            behaviour = doc.vocab.strings[match_id]
            if taken.get(behaviour, -1) > start:
                continue
            taken[behaviour] = end
            span = doc[start:end]
            negated = doc[start].lower_ not in NEGATIONS and _negated(doc, start)  # "nobody called" is a cue as it stands
            hits.append(Hit(behaviour, span.start_char, span.end_char, span.text, negated))
        return hits


# Token attributes a gate can test, mapped to the (lower-cased) word sets of a doc it reads.
GATE_ATTRS = {"LOWER": "lower", "ORTH": "lower", "TEXT": "lower", "LEMMA": "lemma", "NORM": "norm"}
_COUNT_OP = re.compile(r"^\{(\d*),?(\d*)\}$")


@dataclass(frozen=True)
class PatternGate:
    """What a doc must hold for a token pattern to have a chance of matching.

    ``needs`` is a tuple of ``(word set, values)``: for each token the pattern requires (no
    optional ``OP``) and pins to a word or a word list (``LOWER``, ``ORTH``, ``TEXT``,
    ``LEMMA``, ``NORM`` as a string or ``IN`` list), the doc must hold one of ``values``
    in that word set. Values are lower-cased, so the gate may open when the pattern cannot
    match, never the reverse. The most selective requirement comes first.
    """

    needs: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, pattern: list[dict]) -> "PatternGate":
        """The gate of one token pattern."""
        needs = {need for token in pattern if _required(token) for need in _pinned(token)}
        return cls(tuple(sorted(needs, key=_selectivity)))

    def opens(self, words: dict[str, dict[str, list[int]]]) -> bool:
        """True when ``words`` (from :func:`doc_words`) meets every requirement."""
        return all(not values.isdisjoint(words[kind]) for kind, values in self.needs)


def doc_words(doc: Doc) -> dict[str, dict[str, list[int]]]:
    """Where each lower-cased word form, lemma and norm of ``doc`` occurs (token indexes)."""
    words: dict[str, dict[str, list[int]]] = {"lower": {}, "lemma": {}, "norm": {}}
    for tok in doc:
        words["lower"].setdefault(tok.lower_, []).append(tok.i)
        words["lemma"].setdefault(tok.lemma_.lower(), []).append(tok.i)
        words["norm"].setdefault(tok.norm_, []).append(tok.i)
    return words


def _max_length(pattern: list[dict]) -> int | None:
    """The most tokens ``pattern`` can match, or None when ``*``, ``+`` or ``{n,}`` make it unbounded."""
    total = 0
    for token in pattern:
        op = token.get("OP")
        if op in ("*", "+"):
            return None
        count = _COUNT_OP.match(op) if op else None
        if count is None:
            total += 1
        elif "," not in op:
            total += int(count.group(1))
        elif not count.group(2):
            return None
        else:
            total += int(count.group(2))
    return total


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ``(start, end)`` windows merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _required(token: dict) -> bool:
    """True when a pattern token must match exactly one or more tokens (no ``?``, ``*``, ``!``)."""
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


def _without_tags(token: dict) -> dict:
    """A token pattern for a pipeline without lemmatizer or tagger: LEMMA becomes LOWER, tag
    constraints are dropped."""
    return {("LOWER" if k == "LEMMA" else k): v for k, v in token.items() if k not in ("POS", "TAG", "MORPH", "DEP")}


def _negated(doc: Doc, start: int) -> bool:
    """True when a negation word stands within the window before ``start`` in its clause.

    A cue that itself begins at a clause break (", then nobody called") starts a new clause.
    """
    if doc[start].lower_ in CLAUSE_BREAKS:
        return False
    for i in range(start - 1, max(start - NEGATION_WINDOW, 0) - 1, -1):
        lower = doc[i].lower_
        if lower in CLAUSE_BREAKS or "\n" in doc[i].text:
            return False
        if lower in NEGATIONS or lower.endswith("n't"):
            return True
    return False
