from __future__ import annotations

import os
import pickle

import pytest

from svcnlp import analysis
from svcnlp.analysis import MAX_CHUNK, MIN_CHUNK, analyse_texts, process_count, shutdown_pools
from svcnlp.errors import SvcnlpError


def texts_for_test(n: int) -> list[str]:
    return [f"Order {i}: I'm sorry for the wait, I'll call you back tomorrow. Thanks!" if i % 3 else f"Nobody called me back about ticket {i}." for i in range(n)]


def test_analysis_worker_pool_gives_the_single_process_result() -> None:
    texts = texts_for_test(2 * MAX_CHUNK + 5)
    sides = [("agent", "customer", "review", "other")[i % 4] for i in range(len(texts))]
    single = analyse_texts(texts, "auto", sides=sides)
    pooled = analyse_texts(texts, "auto", n_process=2, sides=sides)
    assert single != analyse_texts(texts, "auto", sides=["review"] * len(texts))  # the sides reach the cue classifier
    assert analysis._POOL, "the pool was not used"
    assert pooled == single
    assert any(hit.behaviour == "follow_up" for hit in single[1].hits)  # the analyses are real, not empty
    assert all(str(i) in a.lemmas for i, a in enumerate(pooled))  # order kept across chunks
    shutdown_pools()
    assert not analysis._POOL


def test_analysis_small_batches_use_every_process(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []

    class FakePool:
        def map(self, func, tasks):
            tasks = list(tasks)
            sizes.extend(len(t[2]) for t in tasks)
            return [func(t) for t in tasks]

    monkeypatch.setattr(analysis, "_pool", lambda model, n: FakePool())
    out = analyse_texts(texts_for_test(2 * MIN_CHUNK), "blank", n_process=2)
    assert len(out) == 2 * MIN_CHUNK and sizes == [MIN_CHUNK, MIN_CHUNK]


def test_analysis_process_count_reads_minus_one_as_every_core() -> None:
    assert process_count(3) == 3
    assert process_count(-1) == (os.cpu_count() or 1)


def test_analysis_worker_errors_reach_the_caller() -> None:
    with pytest.raises(SvcnlpError) as caught:
        analyse_texts(texts_for_test(2 * MIN_CHUNK), "no_such_pipeline_pkg", n_process=2)
    assert caught.value.code == "E041"
    shutdown_pools()


def test_analysis_errors_survive_pickling() -> None:
    error = pickle.loads(pickle.dumps(SvcnlpError("E041", name="x")))
    assert isinstance(error, SvcnlpError) and error.code == "E041" and "'x'" in str(error)


def test_analysis_dead_worker_is_reported_and_the_pool_replaced() -> None:
    texts = texts_for_test(2 * MIN_CHUNK)
    analyse_texts(texts, "blank", n_process=2)
    (pool,) = analysis._POOL.values()
    for process in list(pool._processes.values()):
        process.kill()
        process.join()
    with pytest.raises(SvcnlpError) as caught:
        analyse_texts(texts, "blank", n_process=2)
    assert caught.value.code == "E042" and not analysis._POOL
    assert len(analyse_texts(texts, "blank", n_process=2)) == len(texts)  # a fresh pool takes over
    shutdown_pools()
