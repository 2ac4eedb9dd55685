"""``svcnlp info``: the model's metadata and the installed versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from ..model_files import installed_versions, read_meta
from ..model import default_model_path
from ._common import user_errors


def model_info(model: Path | None = None) -> dict[str, Any]:
    """Metadata of a model directory plus the versions installed now."""
    directory = model or default_model_path()
    return {"path": str(directory), "meta": read_meta(directory), "installed": installed_versions()}


def info_command(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the shipped model)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Show the model's metadata and versions."""
    with user_errors(debug):
        info = model_info(model)
    if as_json:
        print(json.dumps(info, indent=2, sort_keys=True))
        return
    meta = info["meta"]
    data = meta.get("training_data", {})
    cv = meta.get("metrics", {}).get("cross_validation", {})
    lines = [
        f"model:           {info['path']}",
        f"labels:          {', '.join(meta['labels'])}",
        f"spaCy pipeline:  {meta.get('spacy_pipeline', {}).get('name')} {meta.get('spacy_pipeline', {}).get('version')}",
        f"trained with:    " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()),
        f"installed:       " + ", ".join(f"{k} {v}" for k, v in info["installed"].items()),
        f"training data:   {data.get('n')} records from {', '.join(data.get('files', []))} (sha256 {str(data.get('sha256'))[:12]})",
        f"by label:        {data.get('by_label')}",
        f"created:         {meta.get('created')}  ({meta.get('training_seconds')} s)",
    ]
    if cv:
        lines.append(f"cross-validated: macro-F1 {cv['macro_f1']:.3f}, accuracy {cv['accuracy']:.3f} ({cv['folds']} folds)")
    print("\n".join(lines))
