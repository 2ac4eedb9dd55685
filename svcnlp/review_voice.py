"""The reviewer's own voice: in a review, "I" and "we" are the reviewer, not the staff.

A cue for a staff behaviour said in the first person ("I noticed that the lounge was shut",
"I'd recommend trying the fish", "I'm even a shareholder") is the reviewer talking about
themself, so it is not evidence of what staff did. The first person counts when the cue begins
with "I" or "we", or when they stand just before it, followed at most by a contraction and
auxiliaries or adverbs ("I'd", "we would", "I have also"). It does not count inside a
quotation ('she said "I'll call you tomorrow"') or after a reporting verb whose speaker is not
the reviewer ("he told me I'll have it by noon", "we were told we'll get a call"): there it is
whoever is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .behaviours import Hit, fold_quotes, load_lexicons

STAFF_ACTORS = frozenset({"agent", "staff"})
# quotes fold_quotes leaves alone, folded here for pairing (same length)
MORE_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "‚": "'", "‹": "'", "›": "'"})
FIRST_PERSON = re.compile(r"(?:i|we)(?:'(?:m|d|ll|ve|re))?", re.I)
# "I" or "we" ending right before a position, then a contraction and auxiliaries or adverbs
FIRST_PERSON_BEFORE = re.compile(
    r"\b(?:i|we)(?:'(?:m|d|ll|ve|re))?(?:[^\S\n]+(?:would|will|have|had|do|did|must|should|can|could|also|just|really|even|then|always|never))*[^\S\n]*$",
    re.I)
# a reporting verb ending right before a quoted first person; the passive ones have another speaker
REPORTED = re.compile(
    r"\b(?:(?P<passive>(?:was|were|been|being|got)\s+(?:told|assured|informed|advised|promised))|said|told (?:me|us|him|her|them)|"
    r"replied|answered|asked|promised|explained|insisted|assured (?:me|us)|says|saying)(?:\s+that)?[,:]?\s*$", re.I)
# "that said", "having said that", "enough said", "all said" report nobody
NOT_REPORTING = re.compile(r"\b(?:that|enough|all|having)\s*$", re.I)
# an apostrophe before a digit or in a shortening ("the '90s", "'em", "'til") opens no quote
OPENING = re.compile(r"(?:^|(?<=[\s(\[]))(?:\"|'(?!\d|(?:em|til|cause|cos|round|n|bout)\b))(?=\w)", re.I)
CLOSING = re.compile(r"(?<=[\w.,!?…)])['\"](?=[\s.,;:!?)\]…—–-]|$)")
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]*)*")
LOOKBACK = 80  # characters searched before a cue for "I"/"we" and a reporting verb


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of ``text`` inside paired quotation marks; a quote opened and never
    closed within its paragraph (an apostrophe, as in "the '90s") makes no span."""
    folded = fold_quotes(text).translate(MORE_QUOTES)  # same length: offsets hold
    spans = []
    for paragraph in PARAGRAPH.finditer(folded):
        body = paragraph.group()
        closers = {mark: [m.start() for m in CLOSING.finditer(body) if body[m.start()] == mark] for mark in "'\""}
        seen = {mark: 0 for mark in closers}  # closers before this index are used or passed
        pos = 0
        for opener in OPENING.finditer(body):
            if opener.start() < pos:
                continue
            mark = body[opener.start()]
            marks = closers[mark]
            while seen[mark] < len(marks) and marks[seen[mark]] <= opener.start():
                seen[mark] += 1
            if seen[mark] == len(marks):
                continue
            close = marks[seen[mark]]
            spans.append((paragraph.start() + opener.end(), paragraph.start() + close))
            pos = close + 1
    return spans


def reported(text: str, start: int) -> bool:
    """True when a reporting verb whose speaker is not the reviewer ends right before ``start``
    in ``text`` (with its quotes folded by :func:`~svcnlp.behaviours.fold_quotes`)."""
    before = text[max(0, start - LOOKBACK):start].rstrip("'\" ")
    match = REPORTED.search(before)
    if match is None:
        return False
    if match.group("passive"):  # "we were told ...": someone else told the reviewer
        return True
    prefix = before[:match.start()]
    return not NOT_REPORTING.search(prefix) and not FIRST_PERSON_BEFORE.search(prefix)


def first_person_start(text: str, hit: Hit) -> int | None:
    """Where the reviewer's "I" or "we" of ``hit`` begins in ``text`` (with its quotes folded by
    :func:`~svcnlp.behaviours.fold_quotes`), or None."""
    words = text[hit.start:hit.end].split(maxsplit=1)
    if words and FIRST_PERSON.fullmatch(words[0].rstrip(",.;:!?")):
        return hit.start
    # searched in place (not in a slice), so a word cut by the window shows no false boundary
    before = FIRST_PERSON_BEFORE.search(text, max(0, hit.start - LOOKBACK), hit.start)
    return None if before is None else before.start()


def drop_reviewer_voice(hits: Sequence[Hit], text: str) -> list[Hit]:
    """The ``hits`` of a review without staff-behaviour cues said in the reviewer's own voice."""
    behaviours = load_lexicons()
    folded = fold_quotes(text)  # once per review; every offset stays the same
    spans: list[tuple[int, int]] | None = None
    kept = []
    for hit in hits:
        if behaviours[hit.behaviour].actor in STAFF_ACTORS:
            start = first_person_start(folded, hit)
            if start is not None:
                spans = quote_spans(folded) if spans is None else spans
                if not any(a <= start < b for a, b in spans) and not reported(folded, start):
                    continue
        kept.append(hit)
    return kept
