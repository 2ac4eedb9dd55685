"""The spaCy pipeline component: ``nlp.add_pipe("svcnlp")``.

It sets ``doc._.service_level`` (the label), ``doc._.service_scores`` (the probability of
each level) and ``doc._.service_dimensions`` on every doc, and puts the evidence in
``doc.spans["svc_evidence"]`` (span label = behaviour), treating ``doc.text`` as one
interaction (speaker-prefixed lines become turns). The model is serialised with the pipeline by ``to_disk``/``from_disk``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path


from spacy.language import Language
from spacy.tokens import Doc, Span

from .evidence import Evidence
from .model import ServiceModel
from .records import Interaction, from_text
from .model_files import META_FILE, MODEL_FILE

LABEL_ATTR, SCORES_ATTR, DIMENSIONS_ATTR = "service_level", "service_scores", "service_dimensions"
SPANS_KEY = "svc_evidence"


@Language.factory("svcnlp", default_config={"model": None, "batch_size": 64})
def make_service_level(nlp: Language, name: str, model: str | None, batch_size: int) -> "ServiceLevelComponent":
    """Create the component; ``model`` is a model directory (default: the shipped model)."""
    return ServiceLevelComponent(nlp, name, model=model, batch_size=batch_size)


class ServiceLevelComponent:
    """Scores each doc's service level with an svcnlp model."""

    def __init__(self, nlp: Language, name: str = "svcnlp", model: str | Path | None = None, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self.model = ServiceModel.load(model)
        for attr in (LABEL_ATTR, SCORES_ATTR, DIMENSIONS_ATTR):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= (batch_size or self.batch_size):
                yield from self._score(batch)
                batch = []
        yield from self._score(batch)

    def _score(self, docs: list[Doc]) -> list[Doc]:
        items = [from_text(d.text, str(i)) for i, d in enumerate(docs)]
        usable = [(d, item) for d, item in zip(docs, items) if isinstance(item, Interaction)]
        for (doc, item), prediction in zip(usable, self.model.score([item for _, item in usable])):
            doc._.set(LABEL_ATTR, prediction.label)
            doc._.set(SCORES_ATTR, prediction.scores)
            doc._.set(DIMENSIONS_ATTR, prediction.dimensions)
            doc.spans[SPANS_KEY] = _evidence_spans(doc, item, prediction.evidence)
        return docs

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        assert self.model.path is not None
        for name in (MODEL_FILE, META_FILE):
            shutil.copyfile(self.model.path / name, path / name)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "ServiceLevelComponent":
        self.model = ServiceModel.load(path)
        return self

    def __repr__(self) -> str:
        return f"ServiceLevelComponent(model={self.model.path!s})"




def _evidence_spans(doc: Doc, item: Interaction, evidence: list[Evidence]) -> list[Span]:
    """Map evidence offsets (into each turn's text) onto ``doc``; unmappable ones are skipped."""
    starts, cursor = [], 0
    for body in [item.text] if not item.turns else [t.text for t in item.turns]:
        found = doc.text.find(body, cursor)
        starts.append(found)
        cursor = found + len(body) if found >= 0 else cursor
    spans = []
    for ev in evidence:
        if starts[ev.turn] < 0:
            continue
        span = doc.char_span(starts[ev.turn] + ev.start, starts[ev.turn] + ev.end, label=ev.behaviour, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans
