from __future__ import annotations

from svcnlp.analysis import CHUNK, analyse_texts


def test_analysis_worker_pool_gives_the_single_process_result() -> None:
    texts = [f"Order {i}: I'm sorry for the wait, I'll call you back tomorrow. Thanks!" if i % 3 else f"Nobody called me back about ticket {i}." for i in range(3 * CHUNK)]
    single = analyse_texts(texts, "auto")
    pooled = analyse_texts(texts, "auto", n_process=2)
    assert pooled == single
    assert any(hit.behaviour == "follow_up" for hit in single[1].hits)  # the analyses are real, not empty
    assert all(str(i) in a.lemmas for i, a in enumerate(pooled))  # order kept across chunks
