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
    reasons: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        text = f"read {self.read}, scored {self.scored}, rejected {self.rejected}"
        if self.reasons:
            text += " (" + "; ".join(f"{n} x {reason}" for reason, n in self.reasons.most_common()) + ")"
        return text


def score_stream(
    model: ServiceModel,
    records: Iterable[Interaction | RecordError],
    tally: Tally,
    batch_size: int = 256,
    n_process: int = 1,
) -> Iterator[Prediction | RecordError]:
    """Yield a prediction for each interaction and each rejection as it comes, in order.

    Rejections are yielded as soon as the batch they fall in is scored, so the output stays
    in input order; ``tally`` is updated as records pass.
    """
    pending: list[Interaction | RecordError] = []
    waiting = 0

    def flush() -> Iterator[Prediction | RecordError]:
        good = [r for r in pending if isinstance(r, Interaction)]
        scored = iter(model.score(good, batch_size=max(1, len(good)), n_process=n_process)) if good else iter(())
        for record in pending:
            if isinstance(record, RecordError):
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
            waiting += 1
        pending.append(record)
        if waiting >= batch_size:
            yield from flush()
            waiting = 0
    yield from flush()
