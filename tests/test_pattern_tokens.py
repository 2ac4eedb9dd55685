from __future__ import annotations

import json

from svcnlp.behaviours import load_lexicons, token_texts
from svcnlp.pattern_tokens import split_values, unmatched_values
from conftest import found


def test_pattern_tokens_split_value_adds_a_run(matcher_and_nlp) -> None:
    tokenize = token_texts(matcher_and_nlp[1])
    pattern = [{"LOWER": {"IN": ["don't", "dont", "never"]}}, {"LOWER": "hesitate"}]
    # the pattern as written stays first; each value the tokenizer splits adds its run of tokens
    assert split_values(pattern, tokenize) == [
        pattern,
        [{"LOWER": "do"}, {"LOWER": "n't"}, {"LOWER": "hesitate"}],
        [{"LOWER": "do"}, {"LOWER": "nt"}, {"LOWER": "hesitate"}],
    ]


def test_pattern_tokens_lemma_pieces_and_optional_tokens(matcher_and_nlp) -> None:
    tokenize = token_texts(matcher_and_nlp[1])
    # a hyphenated lemma's pieces stay lemmas ("re-book" matches "re-booked"), a contraction's
    # pieces are matched as written; a constraint on the whole word (POS) leaves the token as it is
    assert split_values([{"LEMMA": {"IN": ["re-book", "can't"]}}], tokenize)[1:] == [
        [{"LEMMA": "re"}, {"LEMMA": "-"}, {"LEMMA": "book"}], [{"LOWER": "ca"}, {"LOWER": "n't"}],
    ]
    assert split_values([{"LEMMA": {"IN": ["re-book"]}, "POS": "VERB"}], tokenize) == [[{"LEMMA": {"IN": ["re-book"]}, "POS": "VERB"}]]
    # capitals stay required on every piece
    assert split_values([{"IS_UPPER": True, "LOWER": {"IN": ["didn't"]}}], tokenize)[1:] == [
        [{"IS_UPPER": True, "LOWER": "did"}, {"IS_UPPER": True, "LOWER": "n't"}],
    ]
    # an optional token keeps its own pattern (present or absent) and adds the run; a clitic
    # that is one token in text is not split, and a repeated token gets no run
    assert split_values([{"LOWER": "cannot", "OP": "?"}, {"LOWER": "'ve"}, {"LOWER": {"IN": ["i've"]}, "OP": "*"}], tokenize) == [
        [{"LOWER": "cannot", "OP": "?"}, {"LOWER": "'ve"}, {"LOWER": {"IN": ["i've"]}, "OP": "*"}],
        [{"LOWER": "can"}, {"LOWER": "not"}, {"LOWER": "'ve"}, {"LOWER": {"IN": ["i've"]}, "OP": "*"}],
    ]


def test_pattern_tokens_lexicon_words_match_in_text(matcher_and_nlp) -> None:
    # lexicon lines written with split words match them; words kept whole by their case still do
    assert ("blame_shifting", False) in found(matcher_and_nlp, "We cannot be held responsible for the courier.")
    assert ("closing", False) in found(matcher_and_nlp, "Dont hesitate to get back to us.")
    assert ("verification", False) in found(matcher_and_nlp, "Please check my ID.")


def test_pattern_tokens_unmatched_values(matcher_and_nlp) -> None:
    tokenize = token_texts(matcher_and_nlp[1])
    # a split value on a repeated token matches only when the token lists all its pieces
    assert unmatched_values([{"LOWER": {"IN": ["follow-up", "more"]}, "OP": "+"}], tokenize) == ["follow-up"]
    assert unmatched_values([{"LOWER": {"IN": ["follow-up", "follow", "-", "up"]}, "OP": "+"}], tokenize) == []
    # ... and may repeat as often as there are pieces; a "!" token denies words, it is not checked
    assert unmatched_values([{"LOWER": {"IN": ["so-called", "so", "-", "called"]}, "OP": "{0,2}"}], tokenize) == ["so-called"]
    assert unmatched_values([{"LOWER": {"IN": ["so-called"]}, "OP": "!"}], tokenize) == []
    # a whole-word constraint leaves a split value no way to match; capitals are checked as capitals
    assert unmatched_values([{"LEMMA": {"IN": ["re-book", "rebook"]}, "POS": "VERB"}], tokenize) == ["re-book"]
    assert unmatched_values([{"IS_UPPER": True, "LENGTH": {">=": 3}, "LOWER": {"IN": ["don't", "again?"]}}], tokenize) == ["again?"]
    # a plain token gets a run, and a NOT_IN list is not checked
    assert unmatched_values([{"LOWER": {"IN": ["don't"]}}, {"LOWER": {"NOT_IN": ["can't"]}, "OP": "*"}], tokenize) == []


def test_pattern_tokens_lexicons_have_no_unmatched_values(matcher_and_nlp) -> None:
    tokenize = token_texts(matcher_and_nlp[1])
    unmatched = {
        (name, pattern[:60]): values
        for name, behaviour in load_lexicons().items()
        for pattern in behaviour.patterns
        if (values := unmatched_values(json.loads(pattern), tokenize))
    }
    assert not unmatched
