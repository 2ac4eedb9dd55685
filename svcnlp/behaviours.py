"""Service-behaviour cue detection with spaCy's PhraseMatcher and Matcher over lemmas.

Each behaviour has a lexicon file ``svcnlp/lexicons/<behaviour>.txt``: a ``#`` comment
line saying what it detects, ``# actor:`` (``agent``, ``customer``, ``staff`` for what a
reviewer says of staff, or ``any``), ``# polarity:`` (``+`` good service, ``-`` poor) and
``# dimension:`` (the service dimension it feeds), then one cue per line: a plain-text phrase
(matched with the PhraseMatcher), or a line starting with ``[`` holding a spaCy ``Matcher``
token pattern as JSON (run through :mod:`svcnlp.gating`), for cues a fixed phrase cannot catch
(``[{"LEMMA": {"IN": ["call", "phone", "ring"]}}, {"LOWER": "back"}]``); a word in a pattern
that the tokenizer splits ("don't", "cannot", "re-booked") also matches as the tokens it makes
(see :mod:`svcnlp.pattern_tokens`). Phrases are lemmatised by the same pipeline as the text,
so "I'll make sure" also matches "I will make sure" and "I made sure". A cue preceded by a
negation within the same clause ("didn't even apologise", "no one called back") is reported as
negated, and so is a good deed whose verb takes "no ...", "nothing" or "none" as its object,
maybe after an object pronoun ("offered me no explanation", "explained nothing").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .gating import GatedMatcher, normalise
from .pattern_tokens import split_values

NEGATIONS = frozenset({
    "not", "n't", "never", "no", "nobody", "nothing", "none", "without", "neither", "nor",
    "cannot", "didnt", "dont", "doesnt", "wasnt", "werent", "wont", "hardly", "barely",
})
CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ",", "but", "however", "though", "\n"})
NEGATION_WINDOW = 4
DENYING_OBJECTS = frozenset({"no", "nothing", "none"})  # "offered me no options", "explained nothing"
OBJECT_PRONOUNS = frozenset({"me", "us", "you", "him", "her", "them", "it"})  # "offered me no ..."
# Words after "no" that make it no denial of the deed: "fixed it no problem", "refunded me no
# questions asked", "no less than", "no sooner", "no doubt", "no one else could".
NOT_DENIALS = frozenset({
    "problem", "problems", "question", "questions", "fuss", "hassle", "charge", "cost", "extra", "bother",
    "trouble", "worries", "worry", "quibble", "quibbles", "less", "more", "later", "longer", "sooner", "end",
    "matter", "doubt", "need", "one",
})
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


def word_list(name: str) -> frozenset[str]:
    """The words of ``svcnlp/data/<name>``: one per line, ``#`` lines are comments."""
    text = (resources.files("svcnlp") / "data" / name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def service_terms() -> frozenset[str]:
    """Lemmas that mark a sentence as being about the service (``data/service_terms.txt``)."""
    return word_list("service_terms.txt")


@lru_cache(maxsize=1)
def thanks_terms() -> frozenset[str]:
    """Lemmas of a customer's thanks and approval (``data/thanks_terms.txt``)."""
    return word_list("thanks_terms.txt")


@lru_cache(maxsize=1)
def lexicon_digest() -> str:
    """A short hash of all lexicons and word lists, to key caches and record in model metadata."""
    digest = hashlib.sha256()
    for name, behaviour in load_lexicons().items():
        digest.update(name.encode() + b"\0" + "\n".join(behaviour.phrases + behaviour.patterns).encode() + b"\1")
    digest.update("\n".join(sorted(service_terms())).encode())
    digest.update(b"\2" + "\n".join(sorted(thanks_terms())).encode())
    return digest.hexdigest()[:16]


def fold_quotes(text: str) -> str:
    """``text`` with typographic quotes and apostrophes replaced by ASCII ones (same length)."""
    return text.translate(QUOTE_FOLD)


def behaviour_names() -> list[str]:
    """The behaviours svcnlp detects, in a fixed order."""
    return list(load_lexicons())


class BehaviourMatcher:
    """Finds behaviour cues in docs made by ``nlp``; matches on lemmas when it has a lemmatizer.

    Phrases go to one ``PhraseMatcher``; token patterns to a :class:`~svcnlp.gating.GatedMatcher`,
    which runs a pattern only on docs (and windows of them) holding the words it requires, so a
    large lexicon stays affordable.
    """

    def __init__(self, nlp: Language) -> None:
        self.attr = "LEMMA" if "lemmatizer" in nlp.pipe_names else "LOWER"
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr=self.attr)
        self.token_matcher = GatedMatcher(nlp.vocab)
        tokenize = token_texts(nlp)
        lexicons = load_lexicons()
        self.positive_behaviours = frozenset(name for name, b in lexicons.items() if b.polarity > 0)
        for name, behaviour in lexicons.items():
            self.phrase_matcher.add(name, list(nlp.pipe(behaviour.phrases)))
            for line in behaviour.patterns:
                pattern = normalise(json.loads(line))
                if self.attr == "LOWER":  # a blank pipeline has no lemmas or tags: match word forms only
                    pattern = [_without_tags(tok) for tok in pattern]
                for split in split_values(pattern, tokenize):  # "don't" is two tokens in text
                    self.token_matcher.add(name, split)
        self.token_matcher.compile()

    def __call__(self, doc: Doc) -> list[Hit]:
        """Return the cues in ``doc``; overlapping cues of one behaviour count once."""
        hits: list[Hit] = []
        taken: dict[str, int] = {}
        strings = doc.vocab.strings
        matches = set(self.phrase_matcher(doc)) | self.token_matcher(doc)  # found by both: counted once
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], -m[2], strings[m[0]])):
            behaviour = strings[match_id]
            if taken.get(behaviour, -1) > start:
                continue
            taken[behaviour] = end
            span = doc[start:end]
            # "nobody called" is a cue as it stands; "offered me no options" denies a good deed by
            # its object, while a poor deed's cue followed by "no" ("computer says no") stands
            negated = doc[start].lower_ not in NEGATIONS and (
                _negated(doc, start) or (behaviour in self.positive_behaviours and _object_negated(span)))
            hits.append(Hit(behaviour, span.start_char, span.end_char, span.text, negated))
        return hits


def token_texts(nlp: Language) -> Callable[[str], tuple[str, ...]]:
    """A function from a string to the texts of the tokens ``nlp``'s tokenizer makes of it
    (remembered: lexicons repeat the same words)."""

    @lru_cache(maxsize=None)
    def tokenize(text: str) -> tuple[str, ...]:
        return tuple(t.text for t in nlp.tokenizer(text))

    return tokenize


def _without_tags(token: dict) -> dict:
    """A token pattern for a pipeline without lemmatizer or tagger: LEMMA becomes LOWER, tag
    constraints are dropped."""
    return {("LOWER" if k == "LEMMA" else k): v for k, v in token.items() if k not in ("POS", "TAG", "MORPH", "DEP")}


def _object_negated(span: Span) -> bool:
    """True when the last verb of ``span`` takes an object that denies it: "offered me no
    options", "explained nothing", "sent us none" (up to two object pronouns may stand between).
    A "no" followed by a word of ``NOT_DENIALS`` ("fixed it no problem", "no less than") does not
    deny. Needs part-of-speech tags; without them, False."""
    verbs = [t for t in span if t.pos_ == "VERB"]
    if not verbs:
        return False
    doc, i = span.doc, verbs[-1].i + 1
    while i < len(doc) and i <= verbs[-1].i + 2 and doc[i].lower_ in OBJECT_PRONOUNS:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in DENYING_OBJECTS:
        return False
    return i + 1 >= len(doc) or doc[i + 1].lower_ not in NOT_DENIALS


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
