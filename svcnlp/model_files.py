"""Reading and writing model directories safely.

A model directory holds ``model.skops`` (the fitted scikit-learn pipeline, saved with
:mod:`skops.io`) and ``meta.json`` (versions, labels, checksums, training counts and
metrics). Loading checks, in order: ``meta.json`` exists and parses; the model file's
SHA-256 matches the one in ``meta.json``; the file holds only the types in
:data:`TRUSTED_TYPES` (so loading can never run code); the labels are the three levels.
A version mismatch warns with both versions.

Compatibility rule: a model loads with any svcnlp, spaCy and scikit-learn version, but
unless the scikit-learn version and the spaCy pipeline's major.minor version match the
ones it was trained with, svcnlp warns (``W001``): retrain to be sure of the scores.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

import skops.io as sio
from sklearn.pipeline import Pipeline

from .errors import SvcnlpError, SvcnlpWarning, warning_message
from .labels import LABELS

MODEL_FILE = "model.skops"
META_FILE = "meta.json"

# Types skops does not trust by default that an svcnlp model legitimately holds.
TRUSTED_TYPES = [
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "svcnlp.features.ServiceFeaturizer",
]


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(directory: Path, pipeline: Pipeline, meta: dict[str, Any]) -> dict[str, Any]:
    """Write ``model.skops`` and ``meta.json`` into ``directory``; return the final meta."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    data = sio.dumps(pipeline, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    _atomic_write(model_path, data)
    meta = {**meta, "model_file": MODEL_FILE, "model_sha256": hashlib.sha256(data).hexdigest()}
    _atomic_write(directory / META_FILE, (json.dumps(meta, indent=2, sort_keys=True) + "\n").encode())
    return meta


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_meta(directory: Path) -> dict[str, Any]:
    """Parse ``meta.json`` of a model directory, with clear errors."""
    meta_path = Path(directory) / META_FILE
    if not meta_path.is_file():
        raise SvcnlpError("E010", path=directory)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SvcnlpError("E015", path=meta_path, reason=str(exc)) from None
    if not isinstance(meta, dict):
        raise SvcnlpError("E015", path=meta_path, reason="it is not a JSON object")
    if list(meta.get("labels", [])) != list(LABELS):
        raise SvcnlpError("E014", path=directory, found=meta.get("labels"), labels=list(LABELS))
    return meta


def load_pipeline_file(directory: Path) -> tuple[Pipeline, dict[str, Any]]:
    """Load and check a model directory; return the pipeline and its meta."""
    directory = Path(directory)
    meta = read_meta(directory)
    model_path = directory / str(meta.get("model_file", MODEL_FILE))
    if not model_path.is_file():
        raise SvcnlpError("E011", path=model_path, reason="the file is missing")
    data = model_path.read_bytes()  # read once: checksum and load use the same bytes
    if meta.get("model_sha256") != hashlib.sha256(data).hexdigest():
        raise SvcnlpError("E013", path=model_path)
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:  # noqa: BLE001 - any parse failure means a damaged file
        raise SvcnlpError("E011", path=model_path, reason=f"{type(exc).__name__}: {exc}") from None
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise SvcnlpError("E012", path=model_path, types=", ".join(unexpected))
    try:
        pipeline = sio.loads(data, trusted=[t for t in untrusted])
    except Exception as exc:  # noqa: BLE001
        raise SvcnlpError("E011", path=model_path, reason=f"{type(exc).__name__}: {exc}") from None
    classes = getattr(pipeline, "classes_", None)
    if not isinstance(pipeline, Pipeline) or classes is None or list(classes) != list(range(len(LABELS))):
        raise SvcnlpError("E014", path=directory, found=None if classes is None else list(classes), labels=list(LABELS))
    warn_versions(directory, meta)
    return pipeline, meta


def installed_versions() -> dict[str, str]:
    """Versions of svcnlp, spaCy, scikit-learn and skops installed now."""
    from importlib.metadata import version

    from . import __version__

    return {"svcnlp": __version__, **{name: version(name) for name in ("spacy", "scikit-learn", "skops")}}


def warn_versions(directory: Path, meta: dict[str, Any]) -> None:
    """Warn where the model was made with other versions (W001), lexicons (W004) or cue classifier
    (W005) than installed now."""
    saved = meta.get("versions", {})
    now = installed_versions()
    for package in ("svcnlp", "scikit-learn"):
        if saved.get(package) and saved[package] != now[package]:
            warnings.warn(warning_message("W001", path=directory, package=package, saved=saved[package], installed=now[package]), SvcnlpWarning, stacklevel=3)
    saved_pipe = str(meta.get("spacy_pipeline", {}).get("version", ""))
    now_pipe = _current_pipeline_version(meta)
    if saved_pipe and now_pipe and saved_pipe.split(".")[:2] != now_pipe.split(".")[:2]:
        warnings.warn(warning_message("W001", path=directory, package="the spaCy pipeline", saved=saved_pipe, installed=now_pipe), SvcnlpWarning, stacklevel=3)
    from .behaviours import lexicon_digest
    from .cue_classifier import shipped_digest

    saved_lexicons, installed_lexicons = meta.get("lexicons_sha256"), lexicon_digest()
    if saved_lexicons and saved_lexicons != installed_lexicons:
        warnings.warn(warning_message("W004", path=directory, saved=saved_lexicons[:12], installed=installed_lexicons[:12]), SvcnlpWarning, stacklevel=3)
    saved_cues = meta.get("cue_classifier_sha256")  # None: trained without the cue classifier
    if saved_cues and saved_cues != shipped_digest():
        warnings.warn(warning_message("W005", path=directory, saved=saved_cues[:12], installed=shipped_digest()[:12]), SvcnlpWarning, stacklevel=3)


def _current_pipeline_version(meta: dict[str, Any]) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    from .nlp import ENGLISH_PIPELINES

    if meta.get("spacy_pipeline", {}).get("name") == "blank":
        return None
    for name in ENGLISH_PIPELINES:
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    return None
