"""The reviewer's own voice: in a review, "I" and "we" are the reviewer, not the staff.

A cue for a staff behaviour that begins with the reviewer's first person ("I noticed that the
lounge...", "I remembered that I had a policy", "I'm even a shareholder") is the reviewer
talking about themself, so it is not evidence of what staff did. Inside quotation marks, or
straight after "said" or "told me", the first person is whoever is quoted ('she said "I'll call
you tomorrow"', "he told me I'll sort it") and the cue stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .behaviours import Hit, fold_quotes, load_lexicons

FIRST_PERSON = frozenset({"i", "we", "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'd", "we'll"})
STAFF_ACTORS = frozenset({"agent", "staff"})
# an opening quote follows a space or the start; a closing one is followed by a space, punctuation or the end
OPENING = re.compile(r"(?:^|(?<=[\s(\[]))['\"](?=\w|$)")
CLOSING = re.compile(r"(?<=[\w.,!?])['\"](?=[\s.,;:!?)\]]|$)")
REPORTING = re.compile(r"\b(?:said|says|say|saying|told (?:me|us|him|her|them)|replied|answered|asked|promised)[,:]?\s*['\"]?$", re.I)


def starts_in_first_person(text: str) -> bool:
    """True when ``text`` begins with "I" or "we" (alone or contracted)."""
    words = fold_quotes(text).split(maxsplit=1)
    return bool(words) and words[0].lower().rstrip(",.;:!?") in FIRST_PERSON


def quoted(text: str, start: int) -> bool:
    """True when ``start`` in ``text`` falls inside quotation marks or right after a reporting verb."""
    before = fold_quotes(text[:start])
    if REPORTING.search(before):
        return True
    opened = [m.end() for m in OPENING.finditer(before)]
    return bool(opened) and not CLOSING.search(before, opened[-1])


def drop_reviewer_voice(hits: Sequence[Hit], text: str) -> list[Hit]:
    """The ``hits`` of a review without staff-behaviour cues said in the reviewer's own voice."""
    behaviours = load_lexicons()
    return [hit for hit in hits
            if not (behaviours[hit.behaviour].actor in STAFF_ACTORS
                    and starts_in_first_person(hit.text) and not quoted(text, hit.start))]
