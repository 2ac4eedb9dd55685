from __future__ import annotations

import pytest

from svcnlp.behaviours import BehaviourMatcher, behaviour_names, load_lexicons
from svcnlp.nlp import load_pipeline


@pytest.fixture(scope="module")
def matcher_and_nlp():
    nlp = load_pipeline("auto")
    return BehaviourMatcher(nlp), nlp


def found(matcher_and_nlp, text: str) -> set[tuple[str, bool]]:
    matcher, nlp = matcher_and_nlp
    return {(h.behaviour, h.negated) for h in matcher(nlp(text))}


def test_behaviours_lexicons_are_data_files() -> None:
    lexicons = load_lexicons()
    assert {"apology", "empathy", "ownership", "deflection", "policy_hiding", "upsell_pressure", "repetition"} <= set(lexicons)
    assert all(b.phrases and b.description and b.dimension for b in lexicons.values())
    assert lexicons["apology"].actor == "agent" and lexicons["deflection"].polarity == -1
    assert behaviour_names() == sorted(behaviour_names())


def test_behaviours_match_on_lemmas(matcher_and_nlp) -> None:
    assert ("ownership", False) in found(matcher_and_nlp, "I will make sure it is fixed today.")
    assert ("ownership", False) in found(matcher_and_nlp, "I'll make sure the refund goes through.")
    assert ("staff_deed", False) in found(matcher_and_nlp, "She made sure the refund went through.")
    assert ("follow_up", False) in found(matcher_and_nlp, "I'll call you back tomorrow morning.")


def test_behaviours_negation(matcher_and_nlp) -> None:
    assert ("apology", True) in found(matcher_and_nlp, "He didn't even say I'm sorry.")
    assert ("apology", False) in found(matcher_and_nlp, "I'm sorry, that was our mistake.")
    negated_help = found(matcher_and_nlp, "The staff were not helpful at all.")
    assert ("attitude_positive", True) in negated_help and ("attitude_positive", False) not in negated_help


def test_behaviours_spans_point_into_text(matcher_and_nlp) -> None:
    matcher, nlp = matcher_and_nlp
    text = "Please visit our website for details."
    hits = [h for h in matcher(nlp(text)) if h.behaviour == "deflection"]
    assert hits and all(text[h.start:h.end] == h.text for h in hits)


def test_behaviours_blank_pipeline_matches_lowercase() -> None:
    nlp = load_pipeline("blank")
    hits = BehaviourMatcher(nlp)(nlp("THANK YOU FOR YOUR PATIENCE, that's our policy"))
    assert {"gratitude", "policy_hiding"} <= {h.behaviour for h in hits}
