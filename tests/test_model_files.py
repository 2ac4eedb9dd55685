from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import skops.io as sio

from svcnlp.errors import SvcnlpError, SvcnlpWarning
from svcnlp.model import ServiceModel
from svcnlp.model_files import sha256_file


def test_model_files_round_trip(blank_model, tmp_path: Path) -> None:
    blank_model.save(tmp_path / "again")
    again = ServiceModel.load(tmp_path / "again")
    texts = ["They hung up on me.", "Agent: I've sent a replacement at no charge.\nCustomer: wow"]
    assert [p.scores for p in again.score(texts)] == [p.scores for p in blank_model.score(texts)]
    meta = json.loads((tmp_path / "again" / "meta.json").read_text())
    assert meta["labels"] == ["bare-minimum", "satisfactory", "above-and-beyond"]
    assert {"svcnlp", "spacy", "scikit-learn", "skops"} <= set(meta["versions"])
    assert len(meta["training_data"]["sha256"]) == 64


def test_model_files_truncated_refused(model_copy: Path) -> None:
    path = model_copy / "model.skops"
    path.write_bytes(path.read_bytes()[:-500])
    with pytest.raises(SvcnlpError, match="E013"):
        ServiceModel.load(model_copy)


def _rewrite_meta(model_dir: Path, **changes: object) -> None:
    meta = json.loads((model_dir / "meta.json").read_text())
    meta.update(changes)
    (model_dir / "meta.json").write_text(json.dumps(meta))


def test_model_files_garbage_with_matching_checksum(model_copy: Path) -> None:
    (model_copy / "model.skops").write_bytes(b"this is not a zip file")
    _rewrite_meta(model_copy, model_sha256=sha256_file(model_copy / "model.skops"))
    with pytest.raises(SvcnlpError, match="E011"):
        ServiceModel.load(model_copy)


class Payload:
    """A foreign type: loading it would mean running code svcnlp does not trust."""

    def __init__(self) -> None:
        self.command = "echo pwned"


def test_model_files_untrusted_type_refused(model_copy: Path) -> None:
    sio.dump({"pipeline": Payload()}, model_copy / "model.skops")
    _rewrite_meta(model_copy, model_sha256=sha256_file(model_copy / "model.skops"))
    with pytest.raises(SvcnlpError, match="E012") as info:
        ServiceModel.load(model_copy)
    assert "Payload" in str(info.value)


def test_model_files_missing_meta_and_wrong_labels(model_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(SvcnlpError, match="E010"):
        ServiceModel.load(tmp_path / "nothing-here")
    _rewrite_meta(model_copy, labels=["good", "bad"])
    with pytest.raises(SvcnlpError, match="E014"):
        ServiceModel.load(model_copy)


def test_model_files_version_mismatch_warns(model_copy: Path) -> None:
    meta = json.loads((model_copy / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.0.1"
    (model_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.warns(SvcnlpWarning, match=r"W001.*0\.0\.1"):
        ServiceModel.load(model_copy)


def test_model_files_lexicon_change_warns(model_copy: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", SvcnlpWarning)
        ServiceModel.load(model_copy)  # trained with the installed lexicons: no warning
    _rewrite_meta(model_copy, lexicons_sha256="0" * 64)
    with pytest.warns(SvcnlpWarning, match=r"W004.*000000000000"):
        ServiceModel.load(model_copy)


def test_model_files_cue_classifier_change_warns(model_copy: Path) -> None:
    meta = json.loads((model_copy / "meta.json").read_text())
    assert len(meta["cue_classifier_sha256"]) == 16  # trained with the installed classifier: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", SvcnlpWarning)
        ServiceModel.load(model_copy)
        _rewrite_meta(model_copy, cue_classifier_sha256=None)  # trained with the lexicons alone
        ServiceModel.load(model_copy)
    _rewrite_meta(model_copy, cue_classifier_sha256="0" * 16)
    with pytest.warns(SvcnlpWarning, match=r"W005.*000000000000"):
        ServiceModel.load(model_copy)
