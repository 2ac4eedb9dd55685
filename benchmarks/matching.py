"""Gated behaviour matching against one spaCy Matcher holding every pattern, on the same docs.

    python -m benchmarks.matching [N]    # N real reviews (default 1500), or corpus reviews

Prints JSON: seconds for each, their ratio, and how many docs got different matches (must be 0).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from svcnlp.behaviours import BehaviourMatcher, fold_quotes, load_lexicons
from svcnlp.nlp import load_pipeline
from svcnlp.readers import read_labelled

from . import realworld

ROOT = Path(__file__).resolve().parent.parent


def compare(texts: list[str]) -> dict[str, Any]:
    """Time both matchers over ``texts`` (parsed once, beforehand) and count differing docs."""
    nlp = load_pipeline("auto")
    gated = BehaviourMatcher(nlp).token_matcher
    plain = gated.as_one_matcher()
    docs = list(nlp.pipe((fold_quotes(t) for t in texts), batch_size=256))
    started = time.perf_counter()
    expected = [set(plain(doc)) for doc in docs]
    plain_s = time.perf_counter() - started
    started = time.perf_counter()
    found = [gated(doc) for doc in docs]
    gated_s = time.perf_counter() - started
    return {
        "docs": len(docs),
        "tokens": sum(len(d) for d in docs),
        "patterns": sum(len(b.patterns) for b in load_lexicons().values()),
        "pattern_groups": len(gated.gates),
        "one_matcher_s": round(plain_s, 2),
        "gated_s": round(gated_s, 2),
        "speedup": round(plain_s / max(gated_s, 1e-9), 1),
        "docs_with_different_matches": sum(a != b for a, b in zip(expected, found)),
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    if realworld.available():
        texts = [item.text for item in realworld.load("reviews_trustpilot")[:n]]
    else:
        items, _ = read_labelled([ROOT / "corpus" / "train.jsonl"])
        texts = [item.text for item in items if item.kind == "review"][:n]
    print(json.dumps(compare(texts), indent=1))


if __name__ == "__main__":
    main()
