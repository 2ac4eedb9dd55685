"""``svcnlp explain``: one interaction in the terminal, with its evidence highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from ..errors import SvcnlpError
from ..explain import top_features
from ..model import Prediction, ServiceModel
from ..readers import check_paths, read_inputs
from ..records import Interaction
from ._common import user_errors


def explain_record(model: ServiceModel, item: Interaction, k: int = 10) -> dict[str, Any]:
    """Prediction, evidence and top features of one interaction, as data."""
    prediction = model.score([item])[0]
    return {"item": item, "prediction": prediction, "top_features": top_features(model, item, prediction.label, k)}


def explain_command(
    input_path: str = typer.Argument(..., metavar="INPUT", help="A file or directory svcnlp can read, or - for stdin."),
    record_id: Optional[str] = typer.Option(None, "--id", help="Which record (default: the first)."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the shipped model)."),
    k: int = typer.Option(10, "--top", help="How many contributing features to show."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Show why one interaction got its label."""
    with user_errors(debug):
        check_paths([input_path])
        item = _find(input_path, record_id)
        result = explain_record(ServiceModel.load(model), item, k)
    _render(result)


def _find(input_path: str, record_id: str | None) -> Interaction:
    for record in read_inputs([input_path]):
        if isinstance(record, Interaction) and (record_id is None or record.id == record_id):
            return record
    raise SvcnlpError("E036", id=record_id or "(any)", path=input_path)


def _render(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    item: Interaction = result["item"]
    prediction: Prediction = result["prediction"]
    console.print(f"[bold]{item.id}[/bold] ({item.kind}): [bold]{prediction.label}[/bold]")
    console.print("  " + "   ".join(f"{label} {p:.2f}" for label, p in prediction.scores.items()))
    table = Table("dimension", "score", box=None)
    for dim, score in prediction.dimensions.items():
        table.add_row(dim, f"{score:.2f}")
    console.print(table)
    texts = [item.text] if not item.turns else [t.text for t in item.turns]
    speakers = ["review"] if not item.turns else [t.speaker for t in item.turns]
    for turn, (speaker, body) in enumerate(zip(speakers, texts)):
        text = Text(f"{speaker}: " if item.turns else "")
        offset = len(text)
        text.append(body)
        for ev in (e for e in prediction.evidence if e.turn == turn):
            text.stylize("bold green" if ev.polarity == "positive" else "bold red", offset + ev.start, offset + ev.end)
        console.print(text)
    console.print("\n[bold]evidence[/bold]")
    for ev in prediction.evidence:
        sign = "+" if ev.polarity == "positive" else "-"
        console.print(f"  {sign} {ev.behaviour:<18} {ev.speaker:<9} turn {ev.turn}: \"{ev.text}\"")
    console.print(f"\n[bold]top features for {prediction.label}[/bold]")
    for name, value in result["top_features"]:
        console.print(f"  {value:+.3f}  {name}")
