from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import write_jsonl
from svcnlp.cli import app

runner = CliRunner()


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cli_score_jsonl_in_order(blank_model_dir: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "They hung up on me twice.", "meta": {"shop": 7}},
        {"id": "b", "turns": [{"speaker": "customer", "text": "hi"}, {"speaker": "agent", "text": "I've fixed it and waived the fee."}]},
    ])
    result = runner.invoke(app, ["score", str(path), "--model", str(blank_model_dir)])
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["meta"] == {"shop": 7} and out[1]["kind"] == "transcript"
    for o in out:
        assert list(o["scores"]) == ["bare-minimum", "satisfactory", "above-and-beyond"]
        assert abs(sum(o["scores"].values()) - 1) < 1e-3
        assert o["label"] == max(o["scores"], key=o["scores"].get)
    assert "read 2, scored 2, rejected 0" in result.stderr


def test_cli_score_rejects_and_exit_code(blank_model_dir: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "fine"}, "{broken", {"id": "c", "text": ""}])
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["score", str(path), "-m", str(blank_model_dir), "--errors", str(errors)])
    assert result.exit_code == 1
    assert [o["id"] for o in lines(result.stdout)] == ["a"]
    assert "read 3, scored 1, rejected 2" in result.stderr
    assert [e["line"] for e in lines(errors.read_text())] == [2, 3]


def test_cli_score_output_file_needs_force(blank_model_dir: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "fine"}])
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    refused = runner.invoke(app, ["score", str(path), "-m", str(blank_model_dir), "-o", str(out)])
    assert refused.exit_code == 2 and "E020" in refused.stderr
    assert out.read_text() == "precious\n"
    forced = runner.invoke(app, ["score", str(path), "-m", str(blank_model_dir), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and lines(out.read_text())[0]["id"] == "a"
    assert not list(tmp_path.glob(".out.jsonl.*"))


def test_cli_score_csv_output_and_stdin(blank_model_dir: Path) -> None:
    result = runner.invoke(app, ["score", "-", "-m", str(blank_model_dir), "--format", "csv"], input='{"id": "s1", "text": "ok thanks"}\n')
    assert result.exit_code == 0
    header, row = result.stdout.strip().splitlines()
    assert header.startswith("id,label,p_bare-minimum") and row.startswith("s1,")


def test_cli_score_usage_errors(blank_model_dir: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["score", str(tmp_path / "nope.jsonl"), "-m", str(blank_model_dir)])
    assert missing.exit_code == 2 and "E002" in missing.stderr
    bad_model = runner.invoke(app, ["score", "-", "-m", str(tmp_path)], input="")
    assert bad_model.exit_code == 2 and "E010" in bad_model.stderr and "Traceback" not in bad_model.output


def test_cli_evaluate_json(blank_model_dir: Path, tiny_corpus: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(tiny_corpus), "-m", str(blank_model_dir), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert set(report) == {"n", "accuracy", "macro_f1", "per_label", "confusion"}
    assert report["n"] == 24 and sum(map(sum, report["confusion"])) == 24
    assert report["accuracy"] > 0.5


def test_cli_info(blank_model_dir: Path) -> None:
    result = runner.invoke(app, ["info", "-m", str(blank_model_dir), "--json"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["meta"]["training_data"]["n"] == 24 and "scikit-learn" in info["installed"]


def test_cli_train_writes_model(tiny_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "m"
    result = runner.invoke(app, ["train", str(tiny_corpus), "-o", str(out), "--spacy-model", "blank", "--cv", "2", "--n-jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "2-fold cross-validation" in result.stdout
    assert (out / "model.skops").is_file() and (out / "meta.json").is_file()
    again = runner.invoke(app, ["train", str(tiny_corpus), "-o", str(out), "--spacy-model", "blank", "--cv", "0"])
    assert again.exit_code == 2 and "--force" in again.stderr


def test_cli_explain_shows_evidence(blank_model_dir: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "fine"},
        {"id": "b", "turns": [{"speaker": "customer", "text": "my order is lost"}, {"speaker": "agent", "text": "I'm so sorry. I'll call you back tomorrow."}]},
    ])
    result = runner.invoke(app, ["explain", str(path), "--id", "b", "-m", str(blank_model_dir)])
    assert result.exit_code == 0, result.output
    assert "follow_up" in result.stdout and "top features" in result.stdout and "ownership_reliability" in result.stdout
    missing = runner.invoke(app, ["explain", str(path), "--id", "zzz", "-m", str(blank_model_dir)])
    assert missing.exit_code == 2 and "E036" in missing.stderr
