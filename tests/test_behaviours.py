from __future__ import annotations

import json
from pathlib import Path

from spacy.matcher import Matcher

from svcnlp.behaviours import BehaviourMatcher, PatternGate, _max_length, behaviour_names, doc_words, fold_quotes, load_lexicons
from svcnlp.nlp import load_pipeline

BEHAVIOUR_SET = Path(__file__).resolve().parent.parent / "corpus" / "behaviours.jsonl"


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
    assert ("attitude_negative", False) in negated_help and ("attitude_positive", False) not in negated_help


def test_behaviours_spans_point_into_text(matcher_and_nlp) -> None:
    matcher, nlp = matcher_and_nlp
    text = "Please visit our website for details."
    hits = [h for h in matcher(nlp(text)) if h.behaviour == "deflection"]
    assert hits and all(text[h.start:h.end] == h.text for h in hits)


def test_behaviours_blank_pipeline_matches_lowercase() -> None:
    nlp = load_pipeline("blank")
    hits = BehaviourMatcher(nlp)(nlp("THANK YOU FOR YOUR PATIENCE, that's our policy"))
    assert {"gratitude", "policy_hiding"} <= {h.behaviour for h in hits}


def test_behaviours_gated_matching_finds_what_one_matcher_finds(matcher_and_nlp) -> None:
    matcher, nlp = matcher_and_nlp
    plain = Matcher(nlp.vocab)
    for name, behaviour in load_lexicons().items():
        if behaviour.patterns:
            plain.add(name, [json.loads(line) for line in behaviour.patterns])
    with open(BEHAVIOUR_SET, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle][:400]
    texts.append("The engineer was booked for Tuesday. He never came. Nobody called to say why. Thanks for nothing!")
    compared = 0
    for doc in nlp.pipe(fold_quotes(t) for t in texts):
        gated = set()
        for group, windows in matcher.windows(doc).items():
            for start, end in windows:
                gated.update((m, start + s, start + e) for m, s, e in matcher.token_matchers[group](doc[start:end]))
        assert gated == set(plain(doc)), doc.text
        compared += bool(gated)
    assert compared > 100  # the comparison saw real matches, not only empty sets


def test_behaviours_gate_needs_every_required_word(matcher_and_nlp) -> None:
    _, nlp = matcher_and_nlp
    pattern = [{"LOWER": {"IN": ["call", "ring"]}}, {"LOWER": "you", "OP": "?"}, {"LOWER": "back"}]
    gate = PatternGate.of(pattern)
    assert {values for _, values in gate.needs} == {frozenset({"back"}), frozenset({"call", "ring"})}
    assert gate.opens(doc_words(nlp("I will ring you back.")))
    assert not gate.opens(doc_words(nlp("I will ring you tomorrow.")))  # no "back": the pattern is skipped


def test_behaviours_pattern_reach() -> None:
    assert _max_length([{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}, {"OP": "{0,4}"}]) == 6
    assert _max_length([{"LOWER": "a"}, {"OP": "{2}"}]) == 3
    assert _max_length([{"LOWER": "a"}, {"OP": "*"}]) is None
    assert _max_length([{"LOWER": "a"}, {"OP": "{1,}"}]) is None
