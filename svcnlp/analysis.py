"""Parsing: each text (a review or one turn) becomes a small :class:`SegmentAnalysis`.

Parsing and cue matching are most of svcnlp's running time. With ``n_process`` > 1 they run
in a pool of worker processes that lives as long as the calling process, so batch after batch
reuses the same workers and only the small analyses travel back, not spaCy docs. Workers are
started the platform's default way: forked on Linux, inheriting the pipeline and lexicons the
parent loads once before starting them; spawned on macOS and Windows, where each loads them
once, and where a script that scores with ``n_process`` > 1 needs the usual
``if __name__ == "__main__":`` guard. A worker exits when its parent dies.
"""

from __future__ import annotations

import atexit
import itertools
import math
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .behaviours import NEGATIONS, BehaviourMatcher, Hit, fold_quotes, lexicon_digest, service_terms
from .cue_classifier import shipped, shipped_digest
from .cue_refinement import refine
from .errors import SvcnlpError
from .nlp import load_pipeline
from .review_voice import drop_reviewer_voice
from .tone import compound

LINK = "_link_"  # every URL is one n-gram token: a link given, not the address
# Texts per task sent to a worker: enough to amortise the round trip, few enough that every
# worker gets a share of a small batch.
MIN_CHUNK, MAX_CHUNK = 8, 64


@dataclass(frozen=True)
class SegmentAnalysis:
    """What the features need from one parsed text (a review or one turn)."""

    lemmas: tuple[str, ...]
    content: tuple[str, ...]
    service: tuple[str, ...]
    hits: tuple[Hit, ...]
    n_questions: int
    tone_service: float = 0.0
    tone_all: float = 0.0


_MATCHERS: dict[str, tuple[Language, BehaviourMatcher]] = {}


def matcher_for(spacy_model: str) -> BehaviourMatcher:
    """The behaviour matcher for the pipeline ``spacy_model``, built once per loaded pipeline."""
    nlp = load_pipeline(spacy_model)
    cached = _MATCHERS.get(spacy_model)
    if cached is None or cached[0] is not nlp:  # a matcher must share its pipeline's vocab
        cached = _MATCHERS[spacy_model] = (nlp, BehaviourMatcher(nlp))
    return cached[1]


def process_count(n_process: int) -> int:
    """``n_process``, where a value below 1 (spaCy's ``-1``) means one per CPU core."""
    return n_process if n_process >= 1 else (os.cpu_count() or 1)


def analyse_texts(texts: Sequence[str], spacy_model: str = "auto", batch_size: int = 256, n_process: int = 1,
                  cue_classifier: bool = True, sides: Sequence[str] | None = None) -> list[SegmentAnalysis]:
    """Analyse ``texts`` in order, in this process or (``n_process`` > 1) in a worker pool.

    With ``cue_classifier`` the lexicon cues are checked and completed by the shipped
    :class:`~svcnlp.cue_classifier.CueClassifier` (see :mod:`svcnlp.cue_refinement`), told who
    says each text by ``sides``: ``agent``, ``customer``, ``review``, or any other value for an
    unknown speaker (the default).
    """
    sides = list(sides) if sides is not None else ["unknown"] * len(texts)
    if len(sides) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(sides)} sides")
    n_process = process_count(n_process)
    if n_process > 1 and len(texts) >= 2 * MIN_CHUNK:
        size = min(MAX_CHUNK, max(MIN_CHUNK, math.ceil(len(texts) / n_process)))
        tasks = [(spacy_model, batch_size, list(texts[i:i + size]), sides[i:i + size], cue_classifier) for i in range(0, len(texts), size)]
        try:
            results = list(_pool(spacy_model, n_process).map(_analyse_chunk, tasks))
        except BrokenProcessPool as exc:
            shutdown_pools()  # a broken pool cannot take more work; the next call starts a fresh one
            raise SvcnlpError("E042", reason=str(exc) or type(exc).__name__) from exc
        return [analysis for chunk in results for analysis in chunk]
    nlp = load_pipeline(spacy_model)
    matcher = matcher_for(spacy_model)
    cues = shipped() if cue_classifier else None
    out: list[SegmentAnalysis] = []
    # A memory zone frees the strings spaCy adds for each batch, so memory stays flat
    # however many texts go through; only plain Python values leave the zone.
    with nlp.memory_zone():
        folded = (fold_quotes(t) for t in texts)
        parsed = zip(texts, sides, nlp.pipe(folded, batch_size=batch_size))
        while batch := list(itertools.islice(parsed, batch_size)):
            found = [lexicon_hits(doc, matcher, text) for text, _, doc in batch]
            found = [drop_reviewer_voice(hits, text) if side == "review" else hits for hits, (text, side, _) in zip(found, batch)]
            if cues is not None:  # the classifier scores a whole batch in one call
                found = refine(cues, [(hits, text, [(s.start_char, s.end_char) for s in doc.sents], side)
                                      for hits, (text, side, doc) in zip(found, batch)])
            out += [analyse_doc(doc, hits) for hits, (_, _, doc) in zip(found, batch)]
    return out


def lexicon_hits(doc: Doc, matcher: BehaviourMatcher, original: str) -> list[Hit]:
    """The lexicon cues in ``doc`` (parsed from the quote-folded text), cut from ``original``."""
    return [Hit(h.behaviour, h.start, h.end, original[h.start:h.end], h.negated) for h in matcher(doc)]


def analyse_doc(doc: Doc, found: Sequence[Hit]) -> SegmentAnalysis:
    """Lemmas, content lemmas, content lemmas of service sentences, the cues ``found``, questions."""
    hits = tuple(found)
    cue_starts = {h.start for h in hits}
    terms = service_terms()
    lemmas: list[str] = []
    content: list[str] = []
    service: list[str] = []
    service_text: list[str] = []
    for sent in doc.sents:
        sent_content = []
        about_service = False
        for tok in sent:
            if tok.is_punct or tok.is_space:
                continue
            lemma = LINK if tok.like_url else (tok.lemma_ or tok.text).lower()
            lemmas.append(lemma)
            about_service = about_service or lemma in terms or tok.lower_ in terms or tok.idx in cue_starts
            if not tok.is_stop or tok.lower_ in NEGATIONS or lemma in NEGATIONS:
                sent_content.append(lemma)
        content += sent_content
        if about_service:
            service += sent_content
            service_text.append(sent.text)
    return SegmentAnalysis(
        tuple(lemmas), tuple(content), tuple(service), hits, doc.text.count("?"),
        tone_service=compound(" ".join(service_text)), tone_all=compound(doc.text),
    )


def _analyse_chunk(task: tuple[str, int, list[str], list[str], bool]) -> list[SegmentAnalysis]:
    """Worker side: analyse one chunk of texts in this worker process."""
    spacy_model, batch_size, texts, sides, cue_classifier = task
    return analyse_texts(texts, spacy_model, batch_size, cue_classifier=cue_classifier, sides=sides)


def _start_worker() -> None:
    """Worker start-up: watch the parent, so that no worker outlives it (even a killed one)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent.sentinel,), daemon=True).start()


def _exit_after(sentinel: int) -> None:
    """Block until ``sentinel`` (the parent process) is gone, then end this worker."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


# One pool at a time, for one (pipeline, size, lexicons); another key replaces it.
_POOL: dict[tuple[str, int, str], ProcessPoolExecutor] = {}
_POOL_LOCK = threading.Lock()
_at_exit = False  # shutdown_pools is registered with atexit when the first pool starts


def _pool(spacy_model: str, n_process: int) -> ProcessPoolExecutor:
    """The worker pool for this pipeline, size and lexicons, started on first use."""
    global _at_exit
    key = (spacy_model, n_process, lexicon_digest() + shipped_digest())
    with _POOL_LOCK:
        if key not in _POOL:
            _shutdown_locked()
            if not _at_exit:
                atexit.register(shutdown_pools)
                _at_exit = True
            context = multiprocessing.get_context()
            if context.get_start_method() == "fork":
                matcher_for(spacy_model)  # loaded once here; every forked worker inherits it
                shipped()
            _POOL[key] = ProcessPoolExecutor(max_workers=n_process, mp_context=context, initializer=_start_worker)
        return _POOL[key]


def shutdown_pools() -> None:
    """Stop the worker processes (they also stop when this process exits)."""
    with _POOL_LOCK:
        _shutdown_locked()


def _shutdown_locked() -> None:
    """Shut every pool down; the caller holds ``_POOL_LOCK``."""
    for pool in _POOL.values():
        pool.shutdown(cancel_futures=True)
    _POOL.clear()
