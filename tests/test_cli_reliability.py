"""Bad input end to end through the CLI, interruption and resume, n-process equivalence."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, write_jsonl
from svcnlp.cli import app

runner = CliRunner()
BAD = DATA / "bad"

EXPECTED = {  # file: (scored, rejected)
    "malformed.jsonl": (2, 1),
    "not_object.jsonl": (1, 4),
    "bad_fields.jsonl": (1, 10),
    "control_chars.jsonl": (1, 1),
    "invalid_utf8.jsonl": (1, 1),
    "binary.jsonl": (0, 1),
    "ragged.csv": (2, 2),
    "no_text_column.csv": (0, 1),
    "embedded_newlines.csv": (2, 0),
    "duplicate_ids.jsonl": (2, 0),
    "other_language.jsonl": (2, 0),
}


def out_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_bad_input_never_crashes(name: str, blank_model_dir: Path, tmp_path: Path) -> None:
    scored, rejected = EXPECTED[name]
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["score", str(BAD / name), "-m", str(blank_model_dir), "--errors", str(errors)])
    assert result.exit_code == (1 if rejected else 0), result.output
    assert len(out_lines(result.stdout)) == scored
    assert f"read {scored + rejected}, scored {scored}, rejected {rejected}" in result.stderr
    reasons = out_lines(errors.read_text()) if errors.exists() else []
    assert len(reasons) == rejected
    for reason in reasons:
        assert reason["source"].endswith(name) and reason["reason"].startswith("[E0")
    assert "Traceback" not in result.output


def test_cli_whole_bad_folder_accounts_for_every_record(blank_model_dir: Path) -> None:
    result = runner.invoke(app, ["score", str(BAD), "-m", str(blank_model_dir)])
    scored = sum(s for s, _ in EXPECTED.values())
    rejected = sum(r for _, r in EXPECTED.values())
    assert result.exit_code == 1
    assert f"read {scored + rejected}, scored {scored}, rejected {rejected}" in result.stderr
    assert "E031" in result.stderr and "E032" in result.stderr


def test_cli_encoding_errors_replace(blank_model_dir: Path) -> None:
    result = runner.invoke(app, ["score", str(BAD / "invalid_utf8.jsonl"), "-m", str(blank_model_dir), "--encoding-errors", "replace"])
    assert result.exit_code == 0 and [o["id"] for o in out_lines(result.stdout)] == ["u1", "u2"]


def test_cli_duplicates_and_language_flags(blank_model_dir: Path) -> None:
    dup = runner.invoke(app, ["score", str(BAD / "duplicate_ids.jsonl"), "-m", str(blank_model_dir)])
    first, second = out_lines(dup.stdout)
    assert "warnings" not in first and "duplicate id" in second["warnings"][0]
    assert "1 duplicate ids" in dup.stderr
    lang = runner.invoke(app, ["score", str(BAD / "other_language.jsonl"), "-m", str(blank_model_dir)])
    assert all(o["lang_warning"] is True for o in out_lines(lang.stdout))
    english = runner.invoke(app, ["score", str(BAD / "malformed.jsonl"), "-m", str(blank_model_dir)])
    assert not any("lang_warning" in o for o in out_lines(english.stdout))


def test_cli_strict_stops_at_first_bad_record(blank_model_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["score", str(BAD / "malformed.jsonl"), "-m", str(blank_model_dir), "--strict", "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()


def test_cli_huge_interaction_truncated(blank_model_dir: Path, tmp_path: Path) -> None:
    big = "The agent kept me on hold and then read me the policy. " * 190_000  # about 10 MB
    path = write_jsonl(tmp_path / "huge.jsonl", [{"id": "huge", "text": big}, {"id": "small", "text": "Fixed fast."}])
    result = runner.invoke(app, ["score", str(path), "-m", str(blank_model_dir), "--max-chars", "50000"])
    assert result.exit_code == 0, result.output
    huge, small = out_lines(result.stdout)
    assert "truncated" in huge["warnings"][0] and "warnings" not in small


def test_cli_n_process_same_output(blank_model_dir: Path, tiny_corpus: Path) -> None:
    from svcnlp import analysis

    # batches of 12 interactions hold more than 2 * MIN_CHUNK texts, so the worker pool runs
    one = runner.invoke(app, ["score", str(tiny_corpus), "-m", str(blank_model_dir), "--batch-size", "12"])
    two = runner.invoke(app, ["score", str(tiny_corpus), "-m", str(blank_model_dir), "--batch-size", "12", "--n-process", "2"])
    assert analysis._POOL, "the worker pool was not used"
    analysis.shutdown_pools()
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(out_lines(one.stdout)) == 24


def _svcnlp(*args: str) -> list[str]:
    return [sys.executable, "-m", "svcnlp", "score", *args]


def test_cli_kill_and_resume(blank_model_dir: Path, tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": f"Order {i}: the courier left it at the wrong door and nobody called back."} for i in range(4000)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    full = tmp_path / "full.jsonl"
    subprocess.run(_svcnlp(str(source), "-m", str(blank_model_dir), "-o", str(full), "--batch-size", "20"), check=True, capture_output=True)

    partial = tmp_path / "partial.jsonl"
    proc = subprocess.Popen(_svcnlp(str(source), "-m", str(blank_model_dir), "-o", str(partial), "--resume", "--batch-size", "20"), stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and (not partial.exists() or partial.stat().st_size < 20_000):
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    written = partial.read_bytes().count(b"\n")
    assert 0 < written < len(rows), "the run was not interrupted mid-way"

    resumed = subprocess.run(_svcnlp(str(source), "-m", str(blank_model_dir), "-o", str(partial), "--resume", "--batch-size", "20"), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "already in the output" in resumed.stderr
    assert partial.read_text() == full.read_text()


def test_cli_sigterm_leaves_no_output_file(blank_model_dir: Path, tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": "The agent was polite and fixed it."} for i in range(6000)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(_svcnlp(str(source), "-m", str(blank_model_dir), "-o", str(out), "--batch-size", "20"), stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not list(tmp_path.glob(".out.jsonl.*")):
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl.*"))


def test_cli_sigterm_stops_the_run_even_when_its_exception_is_swallowed(blank_model, tmp_path: Path) -> None:
    import io

    from svcnlp.batch import Tally
    from svcnlp.cli import score
    from svcnlp.readers import read_inputs

    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"r{i}", "text": "The agent fixed it."} for i in range(5)])
    score._TERMINATED.set()  # as if SIGTERM came while Python ignored the handler's exception
    try:
        with pytest.raises(KeyboardInterrupt):
            score._write_all(blank_model, read_inputs([str(source)]), Tally(), io.StringIO(), None, "jsonl", 2, 1, None, False, None)
    finally:
        score._TERMINATED.clear()
