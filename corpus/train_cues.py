"""Train the cue classifier svcnlp ships (``svcnlp/data/cue_classifier.npz``).

It learns from the behaviour sets the lexicons were tuned on (``benchmarks.detectors.TUNING_SETS``),
never from the held-out set the detector report is judged on. Run from the repository root:

    python corpus/train_cues.py [--output PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.detectors import TUNING_SETS, read_jsonl  # noqa: E402
from svcnlp.behaviours import behaviour_names  # noqa: E402
from svcnlp.cue_classifier import CueClassifier, shipped_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=shipped_path(), help="where to write the .npz file")
    args = parser.parse_args()
    rows = [row for path in TUNING_SETS for row in read_jsonl(path)]
    model = CueClassifier().fit([r["text"] for r in rows], [r["speaker"] for r in rows], [r["behaviours"] for r in rows],
                                behaviour_names(), ids=[r["id"] for r in rows])
    model.save(args.output)
    print(f"{len(rows)} texts, {len(model.behaviours_)} behaviours, "
          f"{len(model.word_vocabulary_) + len(model.char_vocabulary_)} n-grams -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
