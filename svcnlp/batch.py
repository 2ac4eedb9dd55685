"""Batch scoring: stream records through a model, keeping input order and every rejection."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import Prediction, ServiceModel
from .records import Interaction, RecordError


@dataclass
class Tally:
    """Counts of one run: ``read == scored + rejected`` always holds at the end."""

    read: int = 0
    scored: int = 0
    rejected: int = 0
    skipped: int = 0
    reasons: Counter = field(default_factory=Counter)
    duplicates: int = 0

    def summary(self) -> str:
        text = f"read {self.read}, scored {self.scored}, rejected {self.rejected}"
        if self.skipped:
            text += f" (of the scored, {self.skipped} were already in the output)"
        if self.duplicates:
            text += f"; {self.duplicates} duplicate ids (all kept)"
        if self.reasons:
            text += " (" + "; ".join(f"{n} x {reason}" for reason, n in self.reasons.most_common()) + ")"
        return text


def score_stream(
    model: ServiceModel,
    records: Iterable[Interaction | RecordError],
    tally: Tally,
    batch_size: int = 256,
    n_process: int = 1,
    skip: Counter | None = None,
) -> Iterator[Prediction | RecordError | None]:
    """Yield a prediction for each interaction and each rejection as it comes, in order.

    Rejections are yielded as soon as the batch they fall in is scored, so the output stays
    in input order; ``tally`` is updated as records pass. ``skip`` counts ids already in the
    output (``--resume``): that many records with each id are counted as scored without
    being scored again, and yield ``None``.
    """
    pending: list[Interaction | RecordError | None] = []
    waiting = 0
    seen: set[str] = set()

    def flush() -> Iterator[Prediction | RecordError | None]:
        todo = [r for r in pending if isinstance(r, Interaction)]
        scored = iter(model.score(todo, batch_size=max(1, len(todo)), n_process=n_process)) if todo else iter(())
        for record in pending:
            if record is None or isinstance(record, RecordError):
                yield record
            else:
                tally.scored += 1
                yield next(scored)
        pending.clear()

    for record in records:
        tally.read += 1
        if isinstance(record, RecordError):
            tally.rejected += 1
            tally.reasons[record.reason.split("]")[0].lstrip("[")] += 1
        else:
            if record.id in seen:
                tally.duplicates += 1
                record.warnings.append(f"duplicate id {record.id!r}")
            seen.add(record.id)
            if skip and skip.get(record.id, 0) > 0:
                skip[record.id] -= 1
                tally.scored += 1
                tally.skipped += 1
                pending.append(None)  # type: ignore[arg-type]
                continue
            waiting += 1
        pending.append(record)
        if waiting >= batch_size:
            yield from flush()
            waiting = 0
    yield from flush()
