"""Quality on real text: gold_dev metrics and proxy correlations from ../shared/realworld.

Every function takes ``predict_proba``: a callable from a list of interactions to an
``(n, 3)`` array of probabilities in label order. Evaluation only: nothing here trains.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import f1_score, roc_auc_score

from svcnlp.evaluation import metrics
from svcnlp.labels import label_index
from svcnlp.readers import read_inputs
from svcnlp.records import Interaction

def _find_realworld() -> Path:
    """``$SVCNLP_REALWORLD``, else the first ``shared/realworld`` beside the checkout or above it."""
    if os.environ.get("SVCNLP_REALWORLD"):
        return Path(os.environ["SVCNLP_REALWORLD"])
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "realworld").is_dir():
            return parent / "shared" / "realworld"
    return Path(__file__).resolve().parent.parent.parent / "shared" / "realworld"


REALWORLD = _find_realworld()
SERVICE_MENTION = re.compile(r"\b(staff|customer service|service|representative|rep|agent|support|employee)\b", re.I)
Predict = Callable[[Sequence[Interaction]], np.ndarray]


def available(root: Path = REALWORLD) -> bool:
    """True when the real-world files are present (a user's clone will not have them)."""
    return (root / "gold_dev.jsonl").is_file()


def load(name: str, root: Path = REALWORLD) -> list[Interaction]:
    """The interactions of one real-world file (e.g. ``gold_dev``)."""
    return [r for r in read_inputs([root / f"{name}.jsonl"]) if isinstance(r, Interaction)]


def expected_level(probs: np.ndarray) -> np.ndarray:
    """0*P(bare-minimum) + 1*P(satisfactory) + 2*P(above-and-beyond), per row."""
    return probs @ np.arange(probs.shape[1])


def bootstrap_macro_f1(y_true: Sequence[int], y_pred: Sequence[int], rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% bootstrap confidence interval of macro-F1."""
    rng = np.random.default_rng(seed)
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    scores = []
    for _ in range(rounds):
        idx = rng.integers(0, len(y_true), len(y_true))
        scores.append(f1_score(y_true[idx], y_pred[idx], labels=[0, 1, 2], average="macro", zero_division=0))
    low, high = np.percentile(scores, [2.5, 97.5])
    return round(float(low), 3), round(float(high), 3)


def gold_dev(predict: Predict, root: Path = REALWORLD) -> dict[str, Any]:
    """Metrics on gold_dev, with a bootstrap interval for macro-F1."""
    items = load("gold_dev", root)
    y_true = [label_index(i.label) for i in items]  # type: ignore[arg-type]
    y_pred = predict(items).argmax(axis=1).tolist()
    return {**metrics(y_true, y_pred), "macro_f1_ci95": bootstrap_macro_f1(y_true, y_pred)}


def proxies(predict: Predict, root: Path = REALWORLD, trustpilot_sample: int = 3000, seed: int = 0) -> dict[str, Any]:
    """Spearman rho with real people's ratings, and SemEval service-polarity AUC."""
    out: dict[str, Any] = {}
    sky = [i for i in load("reviews_skytrax_ba", root) if i.meta.get("cabin_staff_service") is not None]
    out["skytrax_cabin_staff_rho"] = _rho(predict, sky, "cabin_staff_service")
    stc = [i for i in load("dialogues_stc3", root) if i.meta.get("split") == "train" and i.meta.get("mean_S") is not None]
    out["stc3_mean_S_rho"] = _rho(predict, stc, "mean_S")
    tp = [i for i in load("reviews_trustpilot", root) if SERVICE_MENTION.search(i.text)]
    tp = random.Random(seed).sample(tp, min(trustpilot_sample, len(tp)))
    out["trustpilot_stars_rho"] = _rho(predict, tp, "stars")
    sem = [i for i in load("reviews_semeval", root) if i.meta.get("service_polarity") in ("positive", "negative")]
    levels = expected_level(predict(sem))
    out["semeval_service_auc"] = round(float(roc_auc_score([i.meta["service_polarity"] == "positive" for i in sem], levels)), 4)
    out["n"] = {"skytrax": len(sky), "stc3": len(stc), "trustpilot": len(tp), "semeval": len(sem)}
    return out


def _rho(predict: Predict, items: list[Interaction], key: str) -> float:
    levels = expected_level(predict(items))
    return round(float(spearmanr(levels, [float(i.meta[key]) for i in items]).statistic), 4)


def main() -> None:  # pragma: no cover - a manual check: python -m benchmarks.realworld MODEL_DIR
    import sys

    import svcnlp

    model = svcnlp.load(sys.argv[1] if len(sys.argv) > 1 else None)
    print(json.dumps({"gold_dev": gold_dev(model.predict_proba), **proxies(model.predict_proba)}, indent=1))


if __name__ == "__main__":
    main()
