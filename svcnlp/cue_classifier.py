"""A learned second opinion for the behaviour lexicons.

One logistic regression per behaviour over word (1-2) and character (2-5, within words)
n-grams, trained on the team's marked behaviour sets (``corpus/behaviours*.jsonl``, see
``corpus/train_cues.py``). A lexicon finds a cue and its exact span, but only in wordings it
lists; the classifier has seen how many writers put each behaviour. :mod:`svcnlp.analysis`
combines the two for each text (a review or one turn):

- a lexicon cue that is not negated is kept when the classifier gives its behaviour at least
  ``keep_threshold``, in the whole text or in the cue's sentence;
- in a turn of a transcript, a behaviour no lexicon cue found is added when the classifier
  gives it at least ``add_threshold`` (in the text or one sentence); its span is the sentence
  that scores highest. Reviews get no added behaviours: real reviews run long, mostly about
  the product, where the classifier (trained on short texts about service) reads too much;
- negated cues ("didn't even apologise") are the lexicons' alone.

The classifier is told who says the text (a ``__agent__``, ``__customer__`` or ``__review__``
token before it), as the behaviour sets mark it.

The fitted classifier is saved as plain arrays in one ``.npz`` file and read back with
``allow_pickle=False``, so loading it can never run code. The shipped one is
``svcnlp/data/cue_classifier.npz``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .behaviours import Hit, fold_quotes
from .errors import SvcnlpError

SHIPPED = "cue_classifier.npz"
WORD_PATTERN = r"(?u)\b\w[\w']*\b"
SPEAKERS = ("agent", "customer", "review")
FITTED = ("behaviours_", "word_vocabulary_", "word_idf_", "char_vocabulary_", "char_idf_", "coef_", "intercept_")


class CueClassifier(BaseEstimator):
    """Per-behaviour probabilities for short texts.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of each behaviour's logistic regression.
    min_df : int
        An n-gram is kept when at least this many training texts hold it.
    keep_threshold : float
        A lexicon cue is kept when its behaviour scores at least this.
    add_threshold : float
        A behaviour the lexicons missed is added when it scores at least this.
    max_words : int
        Texts and sentences longer than this are not judged (see :func:`scored_units`).
    """

    def __init__(self, C: float = 8.0, min_df: int = 2, keep_threshold: float = 0.2, add_threshold: float = 0.8,
                 max_words: int = 40) -> None:
        self.C = C
        self.min_df = min_df
        self.keep_threshold = keep_threshold
        self.add_threshold = add_threshold
        self.max_words = max_words

    def fit(self, texts: Sequence[str], speakers: Sequence[str], marks: Sequence[Sequence[str]],
            behaviours: Sequence[str]) -> "CueClassifier":
        """Learn one model per behaviour from ``texts``, who says each (``agent``, ``customer``,
        ``review``) and the behaviours each is marked with."""
        docs = [_normalise(t, s) for t, s in zip(texts, speakers)]
        word = TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=self.min_df, sublinear_tf=True)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=self.min_df, sublinear_tf=True)
        X = sp.hstack([word.fit_transform(docs), char.fit_transform(docs)], format="csr")
        self.behaviours_ = list(behaviours)
        self.word_vocabulary_ = word.get_feature_names_out().tolist()
        self.word_idf_ = word.idf_.astype(np.float32)
        self.char_vocabulary_ = char.get_feature_names_out().tolist()
        self.char_idf_ = char.idf_.astype(np.float32)
        coef, intercept = [], []
        for behaviour in self.behaviours_:
            y = np.array([behaviour in m for m in marks])
            if y.all() or not y.any():  # nothing to learn: the behaviour is never (or always) marked
                coef.append(np.zeros(X.shape[1]))
                intercept.append(-30.0 if not y.any() else 30.0)
                continue
            model = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000).fit(X, y)
            coef.append(model.coef_[0])
            intercept.append(float(model.intercept_[0]))
        self.coef_ = np.asarray(coef, dtype=np.float32)
        self.intercept_ = np.asarray(intercept, dtype=np.float32)
        return self

    def predict_proba(self, texts: Sequence[str], speakers: Sequence[str]) -> np.ndarray:
        """An array (texts x behaviours): the probability that each text shows each behaviour."""
        check_is_fitted(self, FITTED)
        if not texts:
            return np.zeros((0, len(self.behaviours_)), dtype=np.float32)
        docs = [_normalise(t, s) for t, s in zip(texts, speakers)]
        X = sp.hstack([self._tfidf(docs, "word"), self._tfidf(docs, "char")], format="csr")
        scores = np.asarray(X @ self.coef_.T) + self.intercept_
        return (1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))).astype(np.float32)

    def _tfidf(self, docs: list[str], block: str) -> sp.csr_matrix:
        """TF-IDF as the fitted ``TfidfVectorizer`` computes it: 1 + log(tf), times IDF, L2-normed."""
        cached = self.__dict__.setdefault("_counters", {})
        if block not in cached:
            vocabulary = getattr(self, f"{block}_vocabulary_")
            if block == "word":
                cached[block] = CountVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), vocabulary=vocabulary)
            else:
                cached[block] = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), vocabulary=vocabulary)
        counts = cached[block].transform(docs).astype(np.float32)
        counts.data = 1.0 + np.log(counts.data)
        return normalize(counts @ sp.diags(getattr(self, f"{block}_idf_")), norm="l2", copy=False).tocsr()

    def save(self, path: str | Path) -> None:
        """Write the fitted classifier as plain arrays to ``path`` (``.npz``), with the ids of
        the texts it was trained on (``trained_on_``) when they were set."""
        check_is_fitted(self, FITTED)
        np.savez_compressed(
            path,
            params=np.array([self.C, self.min_df, self.keep_threshold, self.add_threshold, self.max_words], dtype=np.float64),
            behaviours=np.array(self.behaviours_, dtype=str),
            word_vocabulary=np.array(self.word_vocabulary_, dtype=str),
            word_idf=self.word_idf_,
            char_vocabulary=np.array(self.char_vocabulary_, dtype=str),
            char_idf=self.char_idf_,
            coef=self.coef_.astype(np.float16),
            intercept=self.intercept_,
            trained_on=np.array(getattr(self, "trained_on_", []), dtype=str),
        )

    @classmethod
    def load(cls, path: str | Path) -> "CueClassifier":
        """Read a classifier written by :meth:`save` (plain arrays only: no code runs)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                C, min_df, keep, add, max_words = data["params"].tolist()
                model = cls(C=C, min_df=int(min_df), keep_threshold=keep, add_threshold=add, max_words=int(max_words))
                model.behaviours_ = data["behaviours"].tolist()
                model.word_vocabulary_ = data["word_vocabulary"].tolist()
                model.word_idf_ = data["word_idf"].astype(np.float32)
                model.char_vocabulary_ = data["char_vocabulary"].tolist()
                model.char_idf_ = data["char_idf"].astype(np.float32)
                model.coef_ = data["coef"].astype(np.float32)
                model.intercept_ = data["intercept"].astype(np.float32)
                model.trained_on_ = data["trained_on"].tolist() if "trained_on" in data else []
        except (OSError, ValueError, KeyError) as exc:
            raise SvcnlpError("E044", path=str(path), reason=str(exc) or type(exc).__name__) from None
        return model


def _normalise(text: str, speaker: str) -> str:
    """The text as the n-grams see it: lower case, ASCII quotes, who says it first."""
    tag = f"__{speaker}__ " if speaker in SPEAKERS else ""
    return tag + fold_quotes(text).lower()


def shipped_path() -> Path:
    """Where the shipped classifier lives in the installed package."""
    return Path(str(resources.files("svcnlp") / "data" / SHIPPED))


@lru_cache(maxsize=1)
def shipped() -> CueClassifier:
    """The classifier svcnlp ships, loaded once per process."""
    return CueClassifier.load(shipped_path())


@lru_cache(maxsize=1)
def shipped_digest() -> str:
    """A short hash of the shipped classifier file, for cache keys and model metadata."""
    return hashlib.sha256(shipped_path().read_bytes()).hexdigest()[:16]


Piece = tuple[Sequence[Hit], str, Sequence[tuple[int, int]], str]


def refine(model: CueClassifier, pieces: Sequence[Piece]) -> list[list[Hit]]:
    """The lexicon hits of each piece, checked and completed by ``model``.

    A piece is ``(hits, text, sentences, side)``: the lexicon hits of one text, the text, the
    (start, end) character offsets of its sentences, and who says it. All pieces are scored in
    one call, which is several times faster than one call per text.
    """
    units = [scored_units(model, text, sentences, side) for _, text, sentences, side in pieces]
    texts = [text[s:e] for (_, text, _, _), spans in zip(pieces, units) for s, e in spans]
    sides = [side for (_, _, _, side), spans in zip(pieces, units) for _ in spans]
    probs = model.predict_proba(texts, sides)
    out, row = [], 0
    for (hits, text, _, side), spans in zip(pieces, units):
        out.append(_refine_one(model, hits, text, side, spans, probs[row:row + len(spans)]) if spans else list(hits))
        row += len(spans)
    return out


def scored_units(model: CueClassifier, text: str, sentences: Sequence[tuple[int, int]], side: str) -> list[tuple[int, int]]:
    """The spans of ``text`` the classifier judges: the whole text and, when it has several,
    each sentence, each only when it is no longer than ``max_words`` (the behaviour sets it
    learned from are short texts; on longer ones it reads too little into a cue). A review
    longer than that is left to the lexicons: real reviews run long, mostly about the product."""
    def short(start: int, end: int) -> bool:
        return len(text[start:end].split()) <= model.max_words

    if side == "review" and not short(0, len(text)):
        return []
    spans = [(0, len(text))] + (list(sentences) if len(sentences) > 1 else [])
    return [span for span in spans if short(*span)]


def _refine_one(model: CueClassifier, hits: Sequence[Hit], text: str, side: str,
                spans: list[tuple[int, int]], probs: np.ndarray) -> list[Hit]:
    """One piece: ``spans`` are its scored units and ``probs`` their scores.

    A cue is dropped when every unit holding it scores its behaviour below ``keep_threshold``
    (a cue in no scored unit is kept); a behaviour is added with the shortest unit that scores it
    at least ``add_threshold`` as its span.
    """
    index = {b: i for i, b in enumerate(model.behaviours_)}

    def doubted(hit: Hit) -> bool:
        scores = [probs[k][index[hit.behaviour]] for k, (s, e) in enumerate(spans) if s <= hit.start < e]
        return bool(scores) and max(scores) < model.keep_threshold

    kept = [h for h in hits if h.negated or h.behaviour not in index or not doubted(h)]
    found = {h.behaviour for h in hits}
    candidates = index.items() if side != "review" else ()  # reviews: check only, add nothing
    for behaviour, i in candidates:
        passing = [span for k, span in enumerate(spans) if probs[k][i] >= model.add_threshold]
        if behaviour in found or not passing:
            continue
        start, end = _trimmed(text, *min(passing, key=lambda span: span[1] - span[0]))  # the tightest span
        if end > start:
            kept.append(Hit(behaviour, start, end, text[start:end], False))
    return sorted(kept, key=lambda h: (h.start, h.end, h.behaviour))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``, ``end`` moved inwards past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
