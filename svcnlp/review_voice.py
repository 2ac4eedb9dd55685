"""The reviewer's own voice: in a review, "I" and "we" are the reviewer, not the staff.

A cue for a staff behaviour said in the first person ("I noticed that the lounge was shut",
"I'd recommend trying the fish", "I'm even a shareholder") is the reviewer talking about
themself, so it is not evidence of what staff did. The first person counts when the cue begins
with "I" or "we", or when they stand just before it in the same clause ("I'd", "we would",
"I have"). It does not count inside a quotation ('she said "I'll call you tomorrow"') or after
a reporting verb whose speaker is not the reviewer ("he told me I'll have it by noon", "she
explained that we'll get a call"): there it is whoever is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .behaviours import Hit, fold_quotes, load_lexicons

STAFF_ACTORS = frozenset({"agent", "staff"})
# quotes fold_quotes leaves alone, folded here for pairing (same length)
MORE_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "‚": "'", "‹": "'", "›": "'"})
FIRST_PERSON = re.compile(r"(?:i|we)(?:'(?:m|d|ll|ve|re))?", re.I)
# "I" or "we" before a cue in its clause, with at most a contraction or a few auxiliaries between
FIRST_PERSON_BEFORE = re.compile(
    r"\b(?:i|we)(?:'(?:m|d|ll|ve|re))?(?:\s+(?:would|will|have|had|do|did|must|should|can|could|also|just|really|even|then|always|never))*\s*$",
    re.I)
# a reporting verb (and its speaker) right before a quoted first person
REPORTED = re.compile(
    r"(?:\b(\w+)\s+)?\b(?:said|told (?:me|us|him|her|them)|replied|answered|asked|promised|explained|insisted|"
    r"assured (?:me|us)|says|saying)(?:\s+that)?[,:]?\s*$", re.I)
OPENING = re.compile(r"(?:^|(?<=[\s(\[]))['\"](?=\w)")
CLOSING = re.compile(r"(?<=[\w.,!?…)])['\"](?=[\s.,;:!?)\]…—–-]|$)")
REVIEWER = frozenset({"i", "we"})


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of ``text`` inside paired quotation marks; a quote opened and never
    closed within its paragraph (an apostrophe, as in "the '90s") makes no span."""
    folded = fold_quotes(text).translate(MORE_QUOTES)
    spans = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", folded):
        start = paragraph.start()
        body = paragraph.group()
        closers = [m.start() for m in CLOSING.finditer(body)]
        pos = 0
        for opener in OPENING.finditer(body):
            if opener.start() < pos:
                continue
            mark = body[opener.start()]
            close = next((c for c in closers if c > opener.start() and body[c] == mark), None)
            if close is None:
                continue
            spans.append((start + opener.end(), start + close))
            pos = close + 1
    return spans


def reported(text: str, start: int) -> bool:
    """True when a reporting verb whose speaker is not the reviewer ends right before ``start``."""
    match = REPORTED.search(fold_quotes(text[:start]).rstrip("'\" "))
    return bool(match) and (match.group(1) or "").lower() not in REVIEWER


def first_person_start(text: str, hit: Hit) -> int | None:
    """Where the reviewer's "I" or "we" of ``hit`` begins in ``text``, or None."""
    words = fold_quotes(hit.text).split(maxsplit=1)
    if words and FIRST_PERSON.fullmatch(words[0].rstrip(",.;:!?")):
        return hit.start
    before = FIRST_PERSON_BEFORE.search(fold_quotes(text[max(0, hit.start - 40):hit.start]))
    return None if before is None else max(0, hit.start - 40) + before.start()


def drop_reviewer_voice(hits: Sequence[Hit], text: str) -> list[Hit]:
    """The ``hits`` of a review without staff-behaviour cues said in the reviewer's own voice."""
    behaviours = load_lexicons()
    spans: list[tuple[int, int]] | None = None
    kept = []
    for hit in hits:
        if behaviours[hit.behaviour].actor in STAFF_ACTORS:
            start = first_person_start(text, hit)
            if start is not None:
                spans = quote_spans(text) if spans is None else spans
                if not any(a <= start < b for a, b in spans) and not reported(text, start):
                    continue
        kept.append(hit)
    return kept
