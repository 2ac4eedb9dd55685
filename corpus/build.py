"""Assemble the corpus: writers' parts -> fixed train/dev/test splits and the sample.

    python corpus/build.py

Reads the existing split files and ``corpus/parts/*.jsonl`` (the writers' files, when
present: they win over the split files' copy of an item); items that already have a split
keep it, new ones are assigned one, stratified by label and
kind (about 70/15/15, fixed seed). Writes ``corpus/{train,dev,test}.jsonl`` and
``corpus/sample.jsonl`` (a small mixed sample from the test split, for the README).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
SPLITS = {"train": 0.70, "dev": 0.15, "test": 0.15}
SEED = 2026


def read(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def assign_splits(rows: list[dict]) -> None:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        if not row["meta"].get("split"):
            groups[(row["label"], row["kind"])].append(row)
    rng = random.Random(SEED)
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda r: r["id"])
        rng.shuffle(group)
        n_dev = round(len(group) * SPLITS["dev"])
        n_test = round(len(group) * SPLITS["test"])
        for i, row in enumerate(group):
            row["meta"]["split"] = "dev" if i < n_dev else "test" if i < n_dev + n_test else "train"


def main() -> None:
    existing = read([HERE / f"{s}.jsonl" for s in SPLITS if (HERE / f"{s}.jsonl").exists()])
    parts = read(sorted((HERE / "parts").glob("*.jsonl"))) if (HERE / "parts").is_dir() else []
    split_of = {row["id"]: row["meta"]["split"] for row in existing}
    rows = {row["id"]: row for row in existing}
    for row in parts:  # the writers' files are the source; an item keeps the split it had
        row["meta"].pop("split", None)
        if row["id"] in split_of:
            row["meta"]["split"] = split_of[row["id"]]
        rows[row["id"]] = row
    rows = list(rows.values())
    assign_splits(rows)
    for split in SPLITS:
        with open(HERE / f"{split}.jsonl", "w", encoding="utf-8") as handle:
            for row in sorted((r for r in rows if r["meta"]["split"] == split), key=lambda r: r["id"]):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    test = sorted((r for r in rows if r["meta"]["split"] == "test"), key=lambda r: r["id"])
    rng = random.Random(SEED)
    sample = [r for r in rng.sample(test, len(test)) if len(json.dumps(r)) < 1500][:12]
    with open(HERE / "sample.jsonl", "w", encoding="utf-8") as handle:
        for row in sorted(sample, key=lambda r: r["id"]):
            handle.write(json.dumps({k: row[k] for k in row if k != "label"}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} items: " + ", ".join(f"{s} {sum(r['meta']['split'] == s for r in rows)}" for s in SPLITS))


if __name__ == "__main__":
    main()
