"""Every message svcnlp shows a user, numbered, in one place.

Error codes (``E0xx``) are raised as :class:`SvcnlpError`; warning codes (``W0xx``) are
issued with :func:`warnings.warn` as :class:`SvcnlpWarning`. Per-record input problems are
not exceptions: readers yield :class:`svcnlp.records.RecordError` values so a batch goes on.
"""

from __future__ import annotations


class Errors:
    """Error message templates; format them with keyword arguments."""

    E001 = "Unknown label {label!r}; expected one of: {labels}."
    E002 = "Input file not found: {path}"
    E003 = "Unsupported input file type {suffix!r} for {path}; use .jsonl, .json, .csv, .tsv or .txt."
    E004 = "CSV input {path} has no text column {column!r}; columns are: {columns}. Use --text-col."
    E010 = "No model found at {path}: the directory has no meta.json. Train one with 'svcnlp train'."
    E011 = "Model file {path} could not be read ({reason}). It may be truncated or altered; retrain or re-install."
    E012 = (
        "Model file {path} holds types svcnlp does not trust: {types}. Refusing to load it, "
        "because loading could run code. Only load models you or svcnlp created."
    )
    E013 = "Model file {path} does not match the checksum in meta.json; it was altered or truncated."
    E014 = "Model at {path} predicts labels {found}, but svcnlp needs exactly {labels}."
    E015 = "meta.json at {path} is not valid: {reason}."
    E020 = "Output file {path} exists; pass --force to overwrite it."
    E021 = "Training data has no labelled records."
    E022 = "Training data needs at least four examples of every label; counts are {counts}."
    E023 = "Evaluation data has no labelled records."
    E030 = "Record has no usable text: {reason}."
    E031 = "Line is not valid JSON: {reason}."
    E032 = "Record is not a JSON object (got {type})."
    E033 = "Field {field!r} must be {expected}, got {got}."
    E034 = "Cannot score {type}; pass a string, a dict in the input contract or an Interaction."
    E035 = "Could not read {path}: {reason}."
    E036 = "No record with id {id} in {path}."
    E040 = "The featurizer is not fitted yet; call fit() first."
    E041 = "spaCy pipeline {name!r} is not installed and no fallback is available."
    E042 = (
        "A parsing worker process stopped unexpectedly ({reason}); it may have run out of memory. "
        "Try fewer processes (--n-process) or a smaller --batch-size."
    )
    E043 = "evidence_only must be a list or tuple of behaviour names; got {got}. Known behaviours: {known}."
    E044 = (
        "Could not read the cue classifier {path}: {reason}. Write one with CueClassifier.fit() and .save() "
        "(svcnlp's own is rebuilt with `python corpus/train_cues.py` in a source checkout)."
    )


class Warnings:
    """Warning message templates."""

    W001 = (
        "Model at {path} was made with {package} {saved}; this is {package} {installed}. "
        "Scores may differ; retrain with 'svcnlp train' to be sure."
    )
    W002 = "No English spaCy pipeline installed; using a blank English pipeline (fewer features)."
    W003 = "{path}: {n} records were rejected."
    W004 = (
        "Model at {path} was trained with other behaviour lexicons than the installed ones "
        "(digest {saved}, installed {installed}); its behaviour-cue features may differ. "
        "Retrain with 'svcnlp train' to be sure."
    )
    W005 = (
        "Model at {path} was trained with another cue classifier than the installed one "
        "(digest {saved}, installed {installed}); its behaviour-cue and service-sentence features may differ. "
        "Retrain with 'svcnlp train' to be sure."
    )


class SvcnlpError(Exception):
    """An error svcnlp explains to the user; ``code`` is its number (e.g. ``E011``)."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.kwargs = kwargs
        message = getattr(Errors, code).format(**kwargs)
        super().__init__(f"[{code}] {message}")

    def __reduce__(self) -> tuple:
        # Rebuilt from its code and arguments, so an error raised in a worker process
        # reaches the caller intact.
        return (_rebuild_error, (self.code, self.kwargs))


def _rebuild_error(code: str, kwargs: dict) -> SvcnlpError:
    """Unpickle a :class:`SvcnlpError`."""
    return SvcnlpError(code, **kwargs)


class SvcnlpWarning(UserWarning):
    """A warning issued by svcnlp."""


def warning_message(code: str, **kwargs: object) -> str:
    """Format warning ``code`` with its number in front."""
    return f"[{code}] " + getattr(Warnings, code).format(**kwargs)
