"""Lexicon cues checked and completed by the cue classifier (:mod:`svcnlp.cue_classifier`).

For each agent's turn (or turn of an unknown speaker), the classifier judges the whole turn and, when it has
several, each sentence, but only spans of ``min_words`` to ``max_words`` words: the behaviour
sets it learned from are short texts, and on a one-word reply ("No.") or a long passage it
reads too much into too little. Then:

- a lexicon cue that is not negated is dropped when every judged span overlapping it scores
  its behaviour below ``keep_threshold``. A cue no judged span overlaps is kept, and so is a
  cue in a turn of several sentences whose own sentence was not judged ("Hello!" opening a
  long turn: the turn as a whole does not read like a greeting);
- in an agent's turn, a behaviour with no lexicon cue (negated or not) is added when a judged
  span with no negation word scores it at least ``add_threshold``; its evidence is that span
  (the highest-scoring, the shorter on a tie). Turns of any other side (an unknown speaker)
  are checked but never completed: the classifier learned who says what from marked speakers;
- negated cues ("didn't even apologise") are the lexicons' alone;
- reviews and customers' turns are left to the lexicons. Judging them helped on the team's
  behaviour sets, but not on real text: on real reviews (Trustpilot stars, SemEval service
  polarity) it dropped cues the service-level model needs, and on real customer turns
  (STC-3, Twitter) it read frustration into any complaint and dropped plain "I feel unhappy".
  Real agents write much as the sets' agents do; real customers and reviewers do not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .behaviours import NEGATIONS, Hit, behaviour_names, fold_quotes
from .cue_classifier import CueClassifier

# One text to refine: its lexicon hits, the text, its sentences' (start, end) offsets, its side.
Piece = tuple[Sequence[Hit], str, Sequence[tuple[int, int]], str]
COMPLETED_SIDES = ("agent",)
LEFT_TO_LEXICONS = ("review", "customer")
WORD = re.compile(r"[\w']+")


def refine(model: CueClassifier, pieces: Sequence[Piece]) -> list[list[Hit]]:
    """The lexicon hits of each piece, checked and completed by ``model``.

    All pieces are scored in one call, several times faster than one call per text.
    """
    spans = [judged_spans(model, text, sentences, side) for _, text, sentences, side in pieces]
    texts = [text[s:e] for (_, text, _, _), piece_spans in zip(pieces, spans) for s, e in piece_spans]
    sides = [side for (_, _, _, side), piece_spans in zip(pieces, spans) for _ in piece_spans]
    probs = model.predict_proba(texts, sides)
    known = set(behaviour_names())
    index = {b: i for i, b in enumerate(model.behaviours_) if b in known}  # never a behaviour svcnlp does not know
    out, row = [], 0
    for (hits, text, sentences, side), piece_spans in zip(pieces, spans):
        scores = probs[row:row + len(piece_spans)]
        several = len(sentences) > 1
        out.append(_refine_one(model, index, hits, text, side, piece_spans, scores, several) if piece_spans else list(hits))
        row += len(piece_spans)
    return out


def judged_spans(model: CueClassifier, text: str, sentences: Sequence[tuple[int, int]], side: str) -> list[tuple[int, int]]:
    """The (start, end) spans of a turn the classifier judges: the whole turn and, when it has
    several, each sentence, each when it has ``min_words`` to ``max_words`` words; none in a
    review or a customer's turn."""
    if side in LEFT_TO_LEXICONS:
        return []
    spans = [(0, len(text))] + (list(sentences) if len(sentences) > 1 else [])
    return [(s, e) for s, e in spans if model.min_words <= _words(text[s:e]) <= model.max_words]


def _refine_one(model: CueClassifier, index: dict[str, int], hits: Sequence[Hit], text: str, side: str,
                spans: list[tuple[int, int]], probs: np.ndarray, several: bool) -> list[Hit]:
    """One piece: ``spans`` are its judged spans, ``probs`` their scores (spans x behaviours),
    ``index`` the column of each behaviour the classifier may judge, and ``several`` whether
    the text has several sentences."""

    whole = (0, len(text))

    def doubted(hit: Hit) -> bool:
        if hit.negated or hit.behaviour not in index:
            return False
        over = [k for k, (s, e) in enumerate(spans) if s < hit.end and hit.start < e]
        if several and all(spans[k] == whole for k in over):  # its own sentence was not judged
            return False
        return bool(over) and max(probs[k][index[hit.behaviour]] for k in over) < model.keep_threshold

    kept = [h for h in hits if not doubted(h)]
    if side in COMPLETED_SIDES:
        found = {h.behaviour for h in hits}
        affirmative = [k for k, (s, e) in enumerate(spans) if not _has_negation(text[s:e])]
        for behaviour, i in index.items():
            passing = [k for k in affirmative if probs[k][i] >= model.add_threshold]
            if behaviour in found or not passing:
                continue
            best = max(passing, key=lambda k: (probs[k][i], spans[k][0] - spans[k][1]))  # ties: the shorter span
            start, end = _trimmed(text, *spans[best])
            kept.append(Hit(behaviour, start, end, text[start:end], False))
    return sorted(kept, key=lambda h: (h.start, h.end, h.behaviour))


def _words(text: str) -> int:
    """The number of words in ``text``."""
    return len(WORD.findall(text))


def _has_negation(text: str) -> bool:
    """Whether ``text`` holds a negation word (the classifier does not read negation)."""
    return any(w in NEGATIONS or w.endswith("n't") for w in WORD.findall(fold_quotes(text).lower()))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``, ``end`` moved inwards past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
