"""Speed and memory: words per second against spaCy baselines, peak RSS, cold start.

Every number is measured in the same run as its baseline and reported as a ratio too.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from svcnlp.records import Interaction


def n_words(items: Sequence[Interaction]) -> int:
    return sum(len(item.full_text().split()) for item in items)


def timed(func: Callable[[], Any]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def write_jsonl(items: Sequence[Interaction], path: Path, with_labels: bool = False) -> Path:
    """Write interactions in the input contract (with their labels if asked)."""
    with open(path, "w", encoding="utf-8") as handle:
        for item in items:
            record: dict[str, Any] = {"id": item.id, "kind": item.kind}
            if with_labels:
                record["label"] = item.label
            if item.turns:
                record["turns"] = [{"speaker": t.speaker, "text": t.text} for t in item.turns]
            else:
                record["text"] = item.text
            handle.write(json.dumps(record) + "\n")
    return path


def cli_run(args: list[str]) -> dict[str, float]:
    """Run ``svcnlp score ARGS`` in a child process: wall seconds and the child's peak RSS (MiB)."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "svcnlp", "score", *args], capture_output=True, text=True, check=True)
    seconds, rss_kib, code = out.stdout.split()
    if int(code) not in (0, 1):
        raise RuntimeError(f"svcnlp score {' '.join(args)} exited {code}")
    return {"seconds": float(seconds), "peak_rss_mib": round(int(rss_kib) / 1024, 1)}


def spacy_baselines(items: Sequence[Interaction]) -> dict[str, float]:
    """Seconds for the full spaCy pipeline, the components svcnlp runs, and the tokenizer."""
    import spacy

    from svcnlp.nlp import UNUSED_COMPONENTS, load_pipeline, resolve_name

    texts = [t for item in items for t in ([item.text] if not item.turns else [turn.text for turn in item.turns])]
    full = spacy.load(resolve_name("auto"))
    ours = load_pipeline("auto")
    assert not set(UNUSED_COMPONENTS) & set(ours.pipe_names)
    return {
        "spacy_all_components": timed(lambda: list(full.pipe(texts, batch_size=256))),
        "spacy_svcnlp_components": timed(lambda: list(ours.pipe(texts, batch_size=256))),
        "spacy_tokenizer_only": timed(lambda: list(full.tokenizer.pipe(texts, batch_size=256))),
    }


def scoring(model_dir: Path, items: Sequence[Interaction], label: str, n_process: Sequence[int] = (1, 2)) -> dict[str, Any]:
    """Throughput of ``svcnlp score`` on ``items`` (minus cold start), and the spaCy baselines."""
    words = n_words(items)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(items, Path(tmp) / "in.jsonl")
        one = write_jsonl(items[:1], Path(tmp) / "one.jsonl")
        cold = min(cli_run([str(one), "-m", str(model_dir)])["seconds"] for _ in range(2))
        runs = {n: cli_run([str(path), "-m", str(model_dir), "--n-process", str(n)]) for n in n_process}
    base = spacy_baselines(items)
    result: dict[str, Any] = {"texts": label, "records": len(items), "words": words, "cold_start_s": round(cold, 2)}
    for n, run in runs.items():
        result[f"svcnlp_n{n}_words_per_s"] = round(words / max(run["seconds"] - cold, 1e-6))
    for name, seconds in base.items():
        result[f"{name}_words_per_s"] = round(words / seconds)
    result["ratio_vs_all_components"] = round(result["svcnlp_n1_words_per_s"] / result["spacy_all_components_words_per_s"], 2)
    if 2 in runs:
        result["ratio_n2_vs_n1"] = round(result["svcnlp_n2_words_per_s"] / result["svcnlp_n1_words_per_s"], 2)
    return result


COLD_START_PHASES = """
import json, sys, time
t = time.perf_counter(); phases = {}
def mark(name):
    global t
    now = time.perf_counter(); phases[name] = round(now - t, 2); t = now
import spacy; mark("import spaCy")
import svcnlp.model_files; mark("import skops and scikit-learn")
from svcnlp.nlp import load_pipeline; nlp = load_pipeline("auto"); mark("load the spaCy pipeline")
import svcnlp; model = svcnlp.load(sys.argv[1]); mark("load the model file")
from svcnlp.analysis import matcher_for; matcher_for("auto"); mark("build the behaviour matcher")
model.score(["Thanks, she sorted it at once."]); mark("score one record")
print(json.dumps(phases))
"""


def cold_start_phases(model_dir: Path) -> dict[str, float]:
    """Where the cold start goes: seconds per phase in one fresh process."""
    out = subprocess.run([sys.executable, "-c", COLD_START_PHASES, str(model_dir)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def memory(model_dir: Path, items: Sequence[Interaction], sizes: Sequence[int]) -> dict[str, Any]:
    """Peak RSS of scoring ``sizes`` records (cycling ``items``); flat means streaming works."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            batch = [items[i % len(items)] for i in range(size)]
            path = write_jsonl(batch, Path(tmp) / f"in-{size}.jsonl")
            out[str(size)] = cli_run([str(path), "-m", str(model_dir)])
            path.unlink()
    small, large = out[str(sizes[0])]["peak_rss_mib"], out[str(sizes[-1])]["peak_rss_mib"]
    out["growth_ratio"] = round(large / small, 3)
    return out


def profile_top(model_dir: Path, items: Sequence[Interaction], k: int = 12) -> list[str]:
    """Where the scoring time goes: the top functions by cumulative time."""
    import cProfile
    import io
    import pstats

    import svcnlp

    model = svcnlp.load(model_dir)
    profiler = cProfile.Profile()
    profiler.enable()
    model.score(list(items))
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(k)
    return [line for line in stream.getvalue().splitlines() if line.strip()][-k:]
