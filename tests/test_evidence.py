from __future__ import annotations

from svcnlp.evidence import DIMENSIONS, Evidence, dimensions, speaker_for


def test_evidence_speaker_attribution() -> None:
    assert speaker_for("agent", "agent") == "agent"
    assert speaker_for("agent", "customer") is None  # a customer saying sorry is not service
    assert speaker_for("customer", "customer") == "customer"
    assert speaker_for("agent", "review") == "staff" and speaker_for("customer", "review") == "customer"
    assert speaker_for("any", "other") == "unknown"


def test_evidence_dimensions_neutral_and_signed() -> None:
    assert dimensions([]) == {dim: 0.5 for dim in DIMENSIONS}
    good = Evidence("ownership", "agent", 1, 0, 5, "x", "positive")
    bad = Evidence("policy_hiding", "agent", 1, 0, 5, "x", "negative")
    assert dimensions([good, good])["ownership_reliability"] > 0.8
    assert dimensions([bad])["ownership_reliability"] < 0.5
    assert dimensions([good, bad])["ownership_reliability"] == 0.5


def test_evidence_in_predictions(shipped_model) -> None:
    item = {"id": "e", "turns": [
        {"speaker": "customer", "text": "I've called three times about this, it's ridiculous."},
        {"speaker": "agent", "text": "I'm so sorry. I'll make sure it's fixed today and I'll call you back at five."},
    ]}
    prediction = shipped_model.score([item])[0]
    found = {(e.behaviour, e.speaker, e.turn, e.polarity) for e in prediction.evidence}
    assert ("ownership", "agent", 1, "positive") in found
    assert ("follow_up", "agent", 1, "positive") in found
    assert ("frustration", "customer", 0, "negative") in found
    for e in prediction.evidence:
        assert item["turns"][e.turn]["text"][e.start:e.end] == e.text
    record = prediction.to_dict()
    assert set(record["dimensions"]) == set(DIMENSIONS) and record["evidence"]


def test_evidence_negation_reverses_polarity(shipped_model) -> None:
    prediction = shipped_model.score(["The clerk didn't even apologise and nobody called back."])[0]
    polarities = {e.behaviour: e.polarity for e in prediction.evidence}
    assert polarities.get("apology") == "negative"
    assert prediction.dimensions["empathy"] < 0.5


def test_evidence_typographic_apostrophes_match_like_ascii(shipped_model) -> None:
    curly = "The rep didn\u2019t even apologise and I\u2019ll never get that hour back."
    straight = curly.replace("\u2019", "'")
    found = {(e.behaviour, e.polarity, e.start, e.end) for e in shipped_model.score([curly])[0].evidence}
    assert found == {(e.behaviour, e.polarity, e.start, e.end) for e in shipped_model.score([straight])[0].evidence}
    assert ("apology", "negative") in {(b, p) for b, p, _, _ in found}
    for e in shipped_model.score([curly])[0].evidence:
        assert curly[e.start:e.end] == e.text  # evidence text is cut from the original, curly quotes and all
