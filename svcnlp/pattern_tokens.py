"""Token patterns whose word values are also matched the way the tokenizer splits text.

A lexicon writer lists words as people write them: ``"don't"``, ``"i've"``, ``"cannot"``,
``"re-booked"``. spaCy's tokenizer usually makes several tokens of these ("do" + "n't", "i" +
"'ve", "can" + "not", "re" + "-" + "booked"), so a pattern holding such a value as one token's
``LOWER`` or ``LEMMA`` would not match it. :func:`split_values` adds, for each such value, an
alternative pattern where the value is the run of tokens the tokenizer makes of it:

- the pattern as written is always kept, unchanged: the tokenizer splits by case too ("ID",
  "Mr.", "CANNOT" can stay one token where "id", "mr.", "cannot" do not), so a value that
  splits in lower case may still match as one token;
- a token (no ``OP``, or ``OP: "?"``) with values that split gets one more alternative per
  distinct run: ``{"LOWER": {"IN": ["don't", "never"]}}`` also becomes the run
  ``{"LOWER": "do"}, {"LOWER": "n't"}``. A hyphenated ``LEMMA`` value's pieces keep ``LEMMA``
  ("re-book" also matches "re-booked"); other split values are matched as written;
- a token with other constraints (``POS``, ``LENGTH``...: they describe the whole word) gets no
  run; ``IS_UPPER`` goes to every piece of a run, ``IS_SENT_START`` to its first, and a
  ``NOT_IN`` of another key is not carried over;
- a value that splits cannot stand for a run in a ``NOT_IN`` list or on a repeated token
  (``*``, ``+``, ``{n,m}``, ``!``): there only its one-token form counts, as before. A
  repeated token matches the run when its list holds every piece and it may repeat as often;
  :func:`unmatched_values` names the values that can match in no way, so a lexicon test can
  keep them out.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from .gating import max_length

WORD_KEYS = ("LOWER", "ORTH", "TEXT", "NORM", "LEMMA")
CASED_KEYS = ("ORTH", "TEXT")  # keys whose values keep their case
FIRST_PIECE = ("IS_SENT_START",)  # kept on a run's first token
EVERY_PIECE = ("IS_UPPER",)  # kept on each token of a run
MAX_PATTERNS = 64  # alternatives of one lexicon line, at most
# Contexts a value is tokenized in: a clitic ("'ve", "n't") is one token only after a word.
CONTEXTS = ("{}", "I{}", "do{}", "James{}")

Tokenize = Callable[[str], Sequence[str]]


def split_values(pattern: list[dict], tokenize: Tokenize) -> list[list[dict]]:
    """``pattern`` itself, then the alternatives that match its split values as runs of tokens.

    ``tokenize`` returns the token texts of a string. Raises ``ValueError`` when one line
    would make more than ``MAX_PATTERNS`` patterns.
    """
    choices = [[[token]] + _runs(token, tokenize) for token in pattern]
    patterns = [[tok for run in combo for tok in run] for combo in itertools.product(*choices)]
    if len(patterns) > MAX_PATTERNS:
        raise ValueError(f"{len(patterns)} alternatives (more than {MAX_PATTERNS}) for token pattern {pattern!r}")
    return patterns


def unmatched_values(pattern: list[dict], tokenize: Tokenize) -> list[str]:
    """The word values in ``pattern`` that no text can match: values the tokenizer splits, on a
    token that gets no run. A repeated token (``*``, ``+``, ``{n,m}``) still matches the run when
    its list holds every piece and it may repeat as often as there are pieces; a token with
    whole-word constraints (``POS``, ``LENGTH``...) never does. ``NOT_IN`` lists and ``!``
    tokens deny words, so they are not checked."""
    unmatched = []
    for token in pattern:
        if not _runs_blocked(token) or token.get("OP") == "!":
            continue
        repeats = max_length([token])  # None: unbounded
        for key in WORD_KEYS:
            listed = _listed(token.get(key))
            known = {v.lower() for v in listed}
            for value in listed:
                split = pieces(value.upper() if token.get("IS_UPPER") else value, tokenize)
                fits = repeats is None or repeats >= len(split)
                if len(split) > 1 and not (fits and {p.lower() for p in split} <= known):
                    unmatched.append(value)
    return unmatched


def pieces(value: str, tokenize: Tokenize) -> list[str]:
    """The tokens of ``value`` in text: one piece when some context keeps it whole."""
    for context in CONTEXTS:
        if value.lower() in {t.lower() for t in tokenize(context.format(value))}:
            return [value]
    return list(tokenize(value))


def _runs(token: dict, tokenize: Tokenize) -> list[list[dict]]:
    """The runs of several tokens that can also stand for ``token``, one per split value."""
    if _runs_blocked(token):
        return []
    runs: list[list[dict]] = []
    for key in WORD_KEYS:
        for value in _listed(token.get(key)):
            split = pieces(value, tokenize)
            if len(split) > 1:
                runs.append([{_piece_key(key, value): piece if key in CASED_KEYS else piece.lower()} for piece in split])
    first = {k: token[k] for k in FIRST_PIECE if k in token}
    every = {k: token[k] for k in EVERY_PIECE if k in token}
    unique = {repr(run): [{**every, **piece} for piece in run] for run in runs}
    return [[{**first, **run[0]}] + run[1:] for run in unique.values()]


def _runs_blocked(token: dict) -> bool:
    """True when ``token`` cannot be replaced by a run: it repeats, or constrains the whole word."""
    return token.get("OP") not in (None, "?") or bool(set(token) - {*WORD_KEYS, *FIRST_PIECE, *EVERY_PIECE, "OP"})


def _listed(spec: object) -> list[str]:
    """The word values a token key lists: the value itself, or its ``IN`` list (not ``NOT_IN``)."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [v for v in spec.get("IN", []) if isinstance(v, str)]
    return []


def _piece_key(key: str, value: str) -> str:
    """The key the pieces of a split ``value`` are matched on: the lemmas of a hyphenated
    word's parts are words ("re-booked": "re", "-", "book"), those of a contraction's are not
    ("can't": "can", "not" for the pieces "ca", "n't"), so it is matched as written."""
    return "LOWER" if key == "LEMMA" and "-" not in value else key
