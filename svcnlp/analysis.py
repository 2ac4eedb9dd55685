"""Parsing: each text (a review or one turn) becomes a small :class:`SegmentAnalysis`.

Parsing and cue matching are most of svcnlp's running time. With ``n_process`` > 1 they run
in a pool of worker processes that lives as long as the calling process, so batch after batch
reuses the same workers (each loads the spaCy pipeline and the lexicons once) and only the
small analyses travel back, not spaCy docs.
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from .behaviours import NEGATIONS, BehaviourMatcher, Hit, fold_quotes, service_terms
from .nlp import load_pipeline
from .tone import compound

LINK = "_link_"  # every URL is one n-gram token: a link given, not the address
# Texts per task sent to a worker: large enough to amortise the round trip, small enough that
# both workers stay busy on one scoring batch.
CHUNK = 64


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


@lru_cache(maxsize=4)
def matcher_for(spacy_model: str) -> BehaviourMatcher:
    """The behaviour matcher for the pipeline ``spacy_model``, built once per process."""
    return BehaviourMatcher(load_pipeline(spacy_model))


def analyse_texts(texts: Sequence[str], spacy_model: str = "auto", batch_size: int = 256, n_process: int = 1) -> list[SegmentAnalysis]:
    """Analyse ``texts`` in order, in this process or (``n_process`` > 1) in a worker pool."""
    if n_process > 1 and len(texts) > CHUNK:
        chunks = [list(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
        results = _pool(spacy_model, n_process).map(_analyse_chunk, [(spacy_model, batch_size, c) for c in chunks])
        return [analysis for chunk in results for analysis in chunk]
    nlp = load_pipeline(spacy_model)
    matcher = matcher_for(spacy_model)
    out = []
    # A memory zone frees the strings spaCy adds for each batch, so memory stays flat
    # however many texts go through; only plain Python values leave the zone.
    with nlp.memory_zone():
        folded = (fold_quotes(t) for t in texts)
        for text, doc in zip(texts, nlp.pipe(folded, batch_size=batch_size)):
            out.append(analyse_doc(doc, matcher, text))
    return out


def analyse_doc(doc: Doc, matcher: BehaviourMatcher, original: str) -> SegmentAnalysis:
    """Lemmas, content lemmas, content lemmas of service sentences, cues, questions.

    ``doc`` is parsed from the quote-folded text; cue texts are cut from ``original``.
    """
    hits = tuple(Hit(h.behaviour, h.start, h.end, original[h.start:h.end], h.negated) for h in matcher(doc))
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


def _analyse_chunk(task: tuple[str, int, list[str]]) -> list[SegmentAnalysis]:
    """Worker side: analyse one chunk of texts in this worker process."""
    spacy_model, batch_size, texts = task
    return analyse_texts(texts, spacy_model, batch_size)


_POOLS: dict[tuple[str, int], ProcessPoolExecutor] = {}


def _pool(spacy_model: str, n_process: int) -> ProcessPoolExecutor:
    """The worker pool for this pipeline and size, started on first use."""
    key = (spacy_model, n_process)
    if key not in _POOLS:
        _POOLS[key] = ProcessPoolExecutor(max_workers=n_process)
    return _POOLS[key]


@atexit.register
def _shutdown_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(cancel_futures=True)
    _POOLS.clear()
