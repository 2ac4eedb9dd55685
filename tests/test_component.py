from __future__ import annotations

from pathlib import Path

import spacy

import svcnlp.component  # noqa: F401 - registers the factory (also published as an entry point)


def test_component_sets_label_and_scores(blank_model_dir: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("svcnlp", config={"model": str(blank_model_dir)})
    docs = list(nlp.pipe(["They hung up on me.", "Agent: I've waived the fee and sent a replacement.\nCustomer: thank you"]))
    for doc in docs:
        assert doc._.service_level in ("bare-minimum", "satisfactory", "above-and-beyond")
        assert abs(sum(doc._.service_scores.values()) - 1) < 1e-3


def test_component_to_disk_from_disk(blank_model_dir: Path, tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("svcnlp", config={"model": str(blank_model_dir)})
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "svcnlp" / "model.skops").is_file()
    reloaded = spacy.load(tmp_path / "pipeline")
    text = "The clerk was rude and would not help."
    assert reloaded(text)._.service_scores == nlp(text)._.service_scores


def test_component_evidence_spans(blank_model_dir: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("svcnlp", config={"model": str(blank_model_dir)})
    doc = nlp("Customer: my parcel is lost\nAgent: I'm so sorry to hear that. I'll call you back tomorrow.")
    spans = {(s.label_, s.text) for s in doc.spans["svc_evidence"]}
    assert ("follow_up", "I'll call you back") in spans
    assert any(label == "apology" for label, _ in spans)
    assert not any(label == "empathy" for label, _ in spans)  # stock "sorry to hear that" is an apology only (BEHAVIOURS.md)
    assert set(doc._.service_dimensions) == {"courtesy", "empathy", "ownership_reliability", "responsiveness_effort", "proactivity"}
