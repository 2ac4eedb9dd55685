"""Token patterns whose word values are split the way the tokenizer splits text.

A lexicon writer lists words as people write them: ``"don't"``, ``"i've"``, ``"cannot"``,
``"re-booked"``. spaCy's tokenizer never makes one token of these ("do" + "n't", "i" + "'ve",
"can" + "not", "re" + "-" + "booked"), so a token pattern holding such a value as one token's
``LOWER`` or ``LEMMA`` could never match it. :func:`split_values` rewrites a pattern so that it
can: a value of several tokens becomes a run of tokens, as an alternative pattern.

- A value of one token stays where it is.
- A token whose values split (no ``OP``, or ``OP: "?"``) gets one alternative per run length:
  ``{"LOWER": {"IN": ["don't", "dont", "never"]}}`` becomes ``{"LOWER": "never"}`` or the run
  ``{"LOWER": {"IN": ["do"]}}, {"LOWER": {"IN": ["n't", "nt"]}}``. Runs of the same length
  share one alternative (each position takes the values found there), which keeps the number
  of patterns small; the extra combinations it allows are word pairs nobody writes.
- Other token keys (``POS``, ``IS_SENT_START``...) stay on a one-token alternative and go to
  the first token of a run.
- In a ``NOT_IN`` list, or on a repeated token (``*``, ``+``, ``{n,m}``), a value of several
  tokens cannot be expressed; it is dropped (it could never have matched).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

WORD_KEYS = ("LOWER", "ORTH", "TEXT", "NORM", "LEMMA")
MAX_PATTERNS = 64  # alternatives of one lexicon line, at most
# Contexts a value is tokenized in: a clitic ("'ve", "n't") is one token only after a word.
CONTEXTS = ("{}", "I{}", "do{}", "James{}")

Tokenize = Callable[[str], Sequence[str]]


def split_values(pattern: list[dict], tokenize: Tokenize) -> list[list[dict]]:
    """The patterns that together match what ``pattern``'s writer meant (see the module doc).

    ``tokenize`` returns the token texts of a string (``lambda s: [t.text for t in nlp.tokenizer(s)]``).
    """
    choices = [_alternatives(token, tokenize) for token in pattern]
    patterns = [[tok for run in combo for tok in run] for combo in itertools.product(*choices)]
    return [p for p in patterns if p][:MAX_PATTERNS]


def pieces(value: str, tokenize: Tokenize) -> list[str]:
    """The tokens of ``value`` as it is split in text: one piece when some context keeps it whole."""
    for context in CONTEXTS:
        if value.lower() in {t.lower() for t in tokenize(context.format(value))}:
            return [value]
    return list(tokenize(value))


def _alternatives(token: dict, tokenize: Tokenize) -> list[list[dict]]:
    """The runs of tokens that can stand for ``token``: each a list of token patterns; an empty
    list is no token at all."""
    key = next((k for k in WORD_KEYS if k in token), None)
    if key is None:
        return [[token]]
    spec = token[key]
    values = [spec] if isinstance(spec, str) else list(spec.get("IN", [])) if isinstance(spec, dict) else []
    if isinstance(spec, dict) and "NOT_IN" in spec:
        kept = [v for v in spec["NOT_IN"] if not isinstance(v, str) or len(pieces(v, tokenize)) == 1]
        token = {**token, key: {**spec, "NOT_IN": kept}}
        spec = token[key]
    if not values:
        return [[token]]
    split = {v: pieces(v, tokenize) if isinstance(v, str) else [v] for v in values}
    single = [v for v in values if len(split[v]) == 1]
    runs = [split[v] for v in values if len(split[v]) > 1]
    op = token.get("OP")
    if not runs:
        return [[token]]
    out: list[list[dict]] = []
    if single:
        out.append([{**token, key: single[0] if isinstance(spec, str) else {**spec, "IN": single}}])
    elif op == "?":
        out.append([])  # the token may be absent
    if op not in (None, "?"):  # a repeated token cannot stand for a run
        return out or [[{**token, key: {"IN": []}}]]
    extra = {k: v for k, v in token.items() if k not in (key, "OP")}
    for length in sorted({len(r) for r in runs}):
        same = [r for r in runs if len(r) == length]
        run_key = "LOWER" if key == "LEMMA" else key  # the pieces are words as written, not lemmas
        run = [{run_key: {"IN": sorted({r[i].lower() if run_key == "LOWER" else r[i] for r in same})}} for i in range(length)]
        run[0] = {**extra, **run[0]}
        out.append(run)
    return out
