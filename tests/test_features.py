from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from svcnlp.errors import SvcnlpError
from svcnlp.evidence import collect
from svcnlp.features import FEELINGS, ServiceFeaturizer
from svcnlp.readers import read_labelled
from svcnlp.records import coerce


@pytest.fixture(scope="module")
def items(tiny_corpus: Path):
    good, _ = read_labelled([tiny_corpus])
    return good


def test_features_init_only_stores_params() -> None:
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=3)
    assert featurizer.get_params()["min_df"] == 3
    assert not [k for k in vars(featurizer) if k.endswith("_")]
    assert clone(featurizer).get_params() == featurizer.get_params()


def test_features_not_fitted(items) -> None:
    with pytest.raises(NotFittedError):
        ServiceFeaturizer(spacy_model="blank").transform(items)


def test_features_names_match_columns_and_fit_twice(items) -> None:
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=1)
    first = featurizer.fit_transform(items).toarray()
    names = featurizer.get_feature_names_out()
    assert first.shape == (len(items), len(names)) and len(set(names)) == len(names)
    second = featurizer.fit(items).transform(items).toarray()
    np.testing.assert_allclose(first, second)


def test_features_agent_side_kept_apart(items) -> None:
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    names = list(featurizer.get_feature_names_out())
    row = featurizer.transform([{"id": "x", "turns": [{"speaker": "customer", "text": "refund please"}, {"speaker": "agent", "text": "please visit our website"}]}]).toarray()[0]
    assert row[names.index("cue:deflection:agent")] > 0
    assert "cue:deflection:customer" not in names  # an agent behaviour, never the customer's
    assert row[names.index("struct:is_transcript")] == 1


def test_features_cues_only_on_sides_that_can_show_them(items) -> None:
    chat = {"id": "x", "turns": [{"speaker": "customer", "text": "so sorry to bother you, thank you"}, {"speaker": "agent", "text": "ok"}]}
    attributed = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    names = list(attributed.get_feature_names_out())
    assert "cue:apology:customer" not in names and "cue:apology:agent" in names and "cue:apology:review" in names
    assert "cue:repetition:customer" in names and "cue:repetition:agent" not in names
    agent_sorry = {"id": "y", "turns": [{"speaker": "customer", "text": "hello"}, {"speaker": "agent", "text": "so sorry about that"}]}
    row = attributed.transform([agent_sorry]).toarray()[0]
    assert row[names.index("cue:apology:agent")] > 0
    every_side = ServiceFeaturizer(spacy_model="blank", min_df=1, attributed_cues=False).fit(items)
    names = list(every_side.get_feature_names_out())
    row = every_side.transform([chat]).toarray()[0]
    assert row[names.index("cue:apology:customer")] > 0


def test_features_ablation_blocks(items) -> None:
    full = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    bare = ServiceFeaturizer(spacy_model="blank", min_df=1, use_ngrams=False, use_behaviours=False).fit(items)
    assert all(n.startswith(("struct:", "mood:", "tone:")) for n in bare.get_feature_names_out())
    assert len(full.get_feature_names_out()) > len(bare.get_feature_names_out())


def test_features_english_pipeline_runs_without_parser(items) -> None:
    from svcnlp.nlp import load_pipeline

    nlp = load_pipeline("auto")
    assert "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names
    featurizer = ServiceFeaturizer(min_df=1).fit(items[:12])
    names = set(featurizer.get_feature_names_out())
    assert "lemma:call" in names and "lemma:calling" not in names  # lemmatised
    assert "lemma:the" not in names  # function words are left out of the n-grams


def test_features_cache_reused(tmp_path: Path, items) -> None:
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=1, cache_dir=str(tmp_path))
    first = featurizer.fit_transform(items).toarray()
    cached = list(tmp_path.glob("segments-*.joblib"))
    assert len(cached) == 1
    second = clone(featurizer).fit_transform(items).toarray()
    np.testing.assert_allclose(first, second)


def test_features_length_block_optional(items) -> None:
    plain = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    with_length = ServiceFeaturizer(spacy_model="blank", min_df=1, use_length=True).fit(items)
    extra = set(with_length.get_feature_names_out()) - set(plain.get_feature_names_out())
    assert extra == {"struct:log_words", "struct:log_turns", "struct:agent_turn_share", "struct:agent_word_share"}
    row = with_length.transform(items[:1]).toarray()[0]
    assert row[list(with_length.get_feature_names_out()).index("struct:log_words")] > 0


def test_features_agent_takes_up_the_question(items) -> None:
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    column = list(featurizer.get_feature_names_out()).index("struct:agent_takes_up")
    answered = {"kind": "transcript", "turns": [
        {"speaker": "customer", "text": "How do I delete my streaming account?"},
        {"speaker": "agent", "text": "To delete your streaming account, open Settings and choose Delete account."}]}
    brushed_off = {"kind": "transcript", "turns": [
        {"speaker": "customer", "text": "How do I delete my streaming account?"},
        {"speaker": "agent", "text": "Please DM us and we will be glad to help."}]}
    review = {"kind": "review", "text": "They deleted my account quickly."}
    values = featurizer.transform([answered, brushed_off, review]).toarray()[:, column]
    assert values[0] > values[1] and values[1] == 0 and values[2] == 0


def restored_without(featurizer: ServiceFeaturizer, *params: str) -> ServiceFeaturizer:
    """``featurizer`` as unpickled by svcnlp from a model saved before ``params`` existed."""
    state = featurizer.__getstate__()
    for key in params:
        del state[key]
    restored = ServiceFeaturizer.__new__(ServiceFeaturizer)
    restored.__setstate__(state)
    return restored


def test_features_model_saved_before_engagement_keeps_its_columns(items) -> None:
    old = ServiceFeaturizer(spacy_model="blank", min_df=1, use_engagement=False).fit(items)
    restored = restored_without(old, "use_engagement")
    assert restored.use_engagement is False
    assert restored.transform(items).shape == old.transform(items).shape


def test_features_customer_questions_count_after_the_request(items) -> None:
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    column = list(featurizer.get_feature_names_out()).index("struct:customer_questions")
    asked_once = {"turns": [{"speaker": "customer", "text": "Can I change my flight?"}, {"speaker": "agent", "text": "Yes, done."}]}
    greeted_first = {"turns": [{"speaker": "agent", "text": "Hello, how can I help?"}, {"speaker": "customer", "text": "Can I change my flight?"}, {"speaker": "agent", "text": "Yes, done."}]}
    chased = {"turns": [{"speaker": "customer", "text": "Can I change my flight?"}, {"speaker": "agent", "text": "One moment."}, {"speaker": "customer", "text": "Hello? Is anyone there?"}]}
    values = featurizer.transform([asked_once, greeted_first, chased]).toarray()[:, column]
    assert values[0] == 0 and values[1] == 0 and values[2] > 0
    every_question = ServiceFeaturizer(spacy_model="blank", min_df=1, later_questions=False).fit(items)
    column = list(every_question.get_feature_names_out()).index("struct:customer_questions")
    assert every_question.transform([asked_once]).toarray()[0, column] > 0


def test_features_model_saved_before_attribution_keeps_its_features(items) -> None:
    old = ServiceFeaturizer(spacy_model="blank", min_df=1, attributed_cues=False, later_questions=False,
                            evidence_only=(), end_mood_after_reply=False, use_thanks=False).fit(items)
    restored = restored_without(old, "attributed_cues", "later_questions", "evidence_only", "end_mood_after_reply", "use_thanks", "cue_slots_")
    assert list(restored.get_feature_names_out()) == list(old.get_feature_names_out())
    np.testing.assert_allclose(restored.transform(items).toarray(), old.transform(items).toarray())


def test_features_vocabularies_saved_as_one_string_each(items) -> None:
    fitted = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    state = fitted.__getstate__()
    assert isinstance(state["lemma_vocabulary_"], str) and "\n" in state["lemma_vocabulary_"]
    restored = ServiceFeaturizer.__new__(ServiceFeaturizer)
    restored.__setstate__(state)
    assert restored.lemma_vocabulary_ == fitted.lemma_vocabulary_
    np.testing.assert_allclose(restored.transform(items).toarray(), fitted.transform(items).toarray())
    # a model saved before kept its vocabularies as lists: they load as they are
    state["lemma_vocabulary_"] = list(fitted.lemma_vocabulary_)
    older = ServiceFeaturizer.__new__(ServiceFeaturizer)
    older.__setstate__(state)
    assert older.lemma_vocabulary_ == fitted.lemma_vocabulary_


def test_features_greeting_is_evidence_but_no_classifier_feature(items) -> None:
    chat = {"turns": [{"speaker": "customer", "text": "my router is down"}, {"speaker": "agent", "text": "Hi there, good morning"}]}
    default = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    assert not any(n.startswith("cue:greeting:") for n in default.get_feature_names_out())
    assert "greeting" in {e.behaviour for e in collect(default.analyse([coerce(chat, 0)])[0])}
    every = ServiceFeaturizer(spacy_model="blank", min_df=1, evidence_only=()).fit(items)
    names = list(every.get_feature_names_out())
    assert every.transform([chat]).toarray()[0, names.index("cue:greeting:agent")] > 0


def test_features_end_mood_needs_a_later_customer_turn(items) -> None:
    one_turn = {"turns": [{"speaker": "customer", "text": "This is ridiculous, I am so fed up"}, {"speaker": "agent", "text": "Sorry, DM us."}]}
    two_turns = {"turns": one_turn["turns"] + [{"speaker": "customer", "text": "Still ridiculous, so fed up"}]}
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=1, use_feelings=True).fit(items)
    names = list(featurizer.get_feature_names_out())
    start, end = names.index("mood:customer_start"), names.index("mood:customer_end")
    rows = featurizer.transform([one_turn, two_turns]).toarray()
    assert rows[0, start] < 0 and rows[0, end] == 0  # one customer turn: no end mood
    assert rows[1, end] < 0
    split_complaint = {"turns": [one_turn["turns"][0], one_turn["turns"][0], {"speaker": "agent", "text": "Sorry."}]}
    greeted = {"turns": [{"speaker": "agent", "text": "Hello, how can I help?"}] + one_turn["turns"]}
    rows = featurizer.transform([split_complaint, greeted]).toarray()
    assert (rows[:, start] < 0).all() and (rows[:, end] == 0).all()  # no customer turn after a reply
    twice = ServiceFeaturizer(spacy_model="blank", min_df=1, end_mood_after_reply=False, use_feelings=True).fit(items)
    row = twice.transform([one_turn]).toarray()[0]
    assert row[end] == row[start] < 0


def test_features_thanks_counted_per_side(items) -> None:
    chat = {"turns": [{"speaker": "customer", "text": "my card was declined, thanks in advance"},
                      {"speaker": "agent", "text": "Fixed, thanks for waiting."}, {"speaker": "customer", "text": "Thank you, perfect!"}]}
    in_advance = {"turns": [{"speaker": "customer", "text": "my card was declined"}, {"speaker": "customer", "text": "thanks in advance"},
                            {"speaker": "agent", "text": "Fixed, thanks."}]}
    answer_first = {"turns": [{"speaker": "agent", "text": "I've waived the fee."}, {"speaker": "customer", "text": "thanks!"}]}
    not_great = {"turns": [{"speaker": "customer", "text": "my card was declined"}, {"speaker": "agent", "text": "Try again."},
                           {"speaker": "customer", "text": "not so great"}]}
    enough = {"turns": [{"speaker": "customer", "text": "my card was declined"}, {"speaker": "agent", "text": "Fixed."},
                        {"speaker": "customer", "text": "I can't thank you enough"}]}
    review = {"kind": "review", "text": "Thanks to the staff, great people."}
    staff_not_great = {"kind": "review", "text": "The staff were not great."}
    featurizer = ServiceFeaturizer(spacy_model="blank", min_df=1, use_feelings=True).fit(items)
    names = list(featurizer.get_feature_names_out())
    customer, in_review = names.index("mood:thanks_customer"), names.index("mood:thanks_review")
    rows = featurizer.transform([chat, in_advance, answer_first, not_great, enough, review, staff_not_great]).toarray()
    assert rows[0, customer] > 0 and rows[0, in_review] == 0  # the agent's "thanks" is not the customer's
    assert rows[1, customer] == 0  # thanks in advance, before any reply
    assert rows[2, customer] > 0 and rows[4, customer] > 0  # thanks for an answer; "can't thank you enough"
    assert rows[3, customer] == 0  # "not so great" is no approval
    assert rows[5, in_review] > rows[6, in_review] == 0
    without = ServiceFeaturizer(spacy_model="blank", min_df=1, use_thanks=False).fit(items)
    assert not any(n.startswith("mood:thanks") for n in without.get_feature_names_out())
    default = list(ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items).get_feature_names_out())
    assert "mood:thanks_review" in default and "mood:thanks_customer" not in default  # a feeling, see below


def test_features_customer_feelings_get_no_dense_feature_by_default(items) -> None:
    def chat(opening: str, last: str) -> dict:
        return {"turns": [{"speaker": "customer", "text": f"{opening} my parcel never arrived"},
                          {"speaker": "agent", "text": "Sorry about that, I've sent a new one today."},
                          {"speaker": "customer", "text": last}]}
    calm, furious, delighted = chat("Hello,", "ok."), chat("I'm furious, this is ridiculous,", "ok."), chat("Hello,", "wow, amazing!!")
    default = ServiceFeaturizer(spacy_model="blank", min_df=1, use_ngrams=False, cue_classifier=False).fit(items)
    names = list(default.get_feature_names_out())
    assert not FEELINGS & set(names) and "cue:repetition:customer" in names and "cue:delight:review" in names
    rows = default.transform([calm, furious, delighted]).toarray()
    np.testing.assert_allclose(rows[0], rows[1])  # an angry opening changes nothing
    # a delighted ending is only what the customer says of the service after the reply
    assert {names[i] for i in np.flatnonzero(rows[0] != rows[2])} == {"tone:service_sentences"}
    feeling = ServiceFeaturizer(spacy_model="blank", min_df=1, use_ngrams=False, cue_classifier=False, use_feelings=True).fit(items)
    names = list(feeling.get_feature_names_out())
    assert FEELINGS <= set(names)
    rows = feeling.transform([calm, furious, delighted]).toarray()
    assert rows[1, names.index("mood:customer_start")] < rows[0, names.index("mood:customer_start")]
    for name in ("mood:customer_end", "cue:delight:customer", "tone:customer_last"):
        assert rows[2, names.index(name)] > rows[0, names.index(name)], name


def test_features_model_saved_before_feelings_were_optional_keeps_them(items) -> None:
    old = ServiceFeaturizer(spacy_model="blank", min_df=1, use_feelings=True).fit(items)
    restored = restored_without(old, "use_feelings")
    assert restored.get_params()["use_feelings"] is True
    assert list(restored.get_feature_names_out()) == list(old.get_feature_names_out())
    np.testing.assert_allclose(restored.transform(items).toarray(), old.transform(items).toarray())


def test_features_evidence_only_names_known_behaviours(items) -> None:
    for wrong in (("greetings",), "greeting"):
        with pytest.raises(SvcnlpError, match="E043"):
            ServiceFeaturizer(spacy_model="blank", min_df=1, evidence_only=wrong).fit(items)


def test_features_model_saved_before_evidence_only_keeps_greeting(items) -> None:
    old = ServiceFeaturizer(spacy_model="blank", min_df=1, evidence_only=(), end_mood_after_reply=False, use_thanks=False).fit(items)
    restored = restored_without(old, "evidence_only", "end_mood_after_reply", "use_thanks")  # cue_slots_ kept, as a recent old model has it
    assert restored.get_params()["evidence_only"] == ()  # a clone refits with the greeting feature, as trained
    assert list(restored.get_feature_names_out()) == list(old.get_feature_names_out())
    np.testing.assert_allclose(restored.transform(items).toarray(), old.transform(items).toarray())


def test_features_model_saved_before_the_cue_classifier_keeps_lexicon_cues(items) -> None:
    old = ServiceFeaturizer(spacy_model="blank", min_df=1, cue_classifier=False).fit(items)
    restored = restored_without(old, "cue_classifier")
    assert restored.cue_classifier is False
    np.testing.assert_allclose(restored.transform(items).toarray(), old.transform(items).toarray())
    learned = ServiceFeaturizer(spacy_model="blank", min_df=1).fit(items)
    assert learned.cue_classifier is True
    def cue_columns(featurizer: ServiceFeaturizer) -> np.ndarray:
        names = featurizer.get_feature_names_out()
        keep = [i for i, name in enumerate(names) if name.startswith("cue:")]
        return featurizer.transform(items).toarray()[:, keep]

    assert cue_columns(learned).shape == cue_columns(old).shape
    assert not np.allclose(cue_columns(learned), cue_columns(old))  # the classifier changes cues


def test_features_cache_keeps_sides_and_cue_settings_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toy_cues) -> None:
    from svcnlp import analysis

    monkeypatch.setattr(analysis, "shipped", lambda: toy_cues)
    text = "Zorbly good work on that today."
    turn = coerce({"kind": "transcript", "turns": [{"speaker": "agent", "text": text}, {"speaker": "customer", "text": "ok"}]}, 0)
    review = coerce({"kind": "review", "text": text}, 1)
    featurizer = ServiceFeaturizer(spacy_model="blank", cache_dir=str(tmp_path))
    for _ in range(2):  # the second pass reads the cache
        (agent, _), (review_side,) = [segs for segs in featurizer.analyse([turn, review])]
        assert [h.behaviour for h in agent[1].hits] == ["gratitude"] and review_side[1].hits == ()
    ServiceFeaturizer(spacy_model="blank", cache_dir=str(tmp_path), cue_classifier=False).analyse([turn])
    assert len(list(tmp_path.glob("segments-*.joblib"))) == 2  # one cache file per cue setting
