"""The spaCy pipeline component: ``nlp.add_pipe("svcnlp")``.

It sets ``doc._.service_level`` (the label) and ``doc._.service_scores`` (the probability of
each level) on every doc, treating ``doc.text`` as one interaction (speaker-prefixed lines
become turns). The model is serialised with the pipeline by ``to_disk``/``from_disk``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path


from spacy.language import Language
from spacy.tokens import Doc

from .model import ServiceModel
from .model_files import META_FILE, MODEL_FILE

LABEL_ATTR, SCORES_ATTR = "service_level", "service_scores"


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
        for attr in (LABEL_ATTR, SCORES_ATTR):
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
        for doc, prediction in zip(docs, self.model.score([d.text for d in docs])):
            doc._.set(LABEL_ATTR, prediction.label)
            doc._.set(SCORES_ATTR, prediction.scores)
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


