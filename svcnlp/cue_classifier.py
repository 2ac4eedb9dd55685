"""The cue classifier: a learned second opinion for the behaviour lexicons.

One logistic regression per behaviour over word (1-2) and character (2-5, within words)
n-grams, trained on the team's marked behaviour sets (``corpus/behaviours*.jsonl``, see
``corpus/train_cues.py``), told who says each text (a ``__agent__``, ``__customer__`` or
``__review__`` token before it). A lexicon finds a cue and its exact span, but only in the
wordings it lists; the classifier has seen how many writers put each behaviour.
:mod:`svcnlp.cue_refinement` combines the two.

The fitted classifier is saved as plain arrays in one ``.npz`` file and read back with
``allow_pickle=False``, so loading it can never run code. The shipped one is
``svcnlp/data/cue_classifier.npz``.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .behaviours import fold_quotes
from .errors import SvcnlpError

if TYPE_CHECKING:  # importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

SHIPPED = "cue_classifier.npz"
WORD_PATTERN = r"(?u)\b\w[\w']*\b"
SPEAKERS = ("agent", "customer", "review")
FITTED = ("behaviours_", "word_vocabulary_", "word_idf_", "char_vocabulary_", "char_idf_", "coef_", "intercept_")
PARAMS = ("C", "min_df", "keep_threshold", "add_threshold", "max_words", "min_words")


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
    max_words, min_words : int
        Texts and sentences longer than ``max_words`` or shorter than ``min_words`` are not
        judged (see :func:`svcnlp.cue_refinement.judged_spans`).

    Notes
    -----
    The default thresholds (0.3 and 0.9) were chosen by leaving each earlier held-out behaviour
    set out of training in turn and counting the detectors that meet their targets on it.
    """

    def __init__(self, C: float = 8.0, min_df: int = 2, keep_threshold: float = 0.3, add_threshold: float = 0.9,
                 max_words: int = 40, min_words: int = 4) -> None:
        self.C = C
        self.min_df = min_df
        self.keep_threshold = keep_threshold
        self.add_threshold = add_threshold
        self.max_words = max_words
        self.min_words = min_words

    def fit(self, texts: Sequence[str], speakers: Sequence[str], marks: Sequence[Sequence[str]],
            behaviours: Sequence[str], ids: Sequence[str] = ()) -> "CueClassifier":
        """Learn one model per behaviour from ``texts``, who says each (``agent``, ``customer``,
        ``review``) and the behaviours each is marked with; ``ids`` (recorded in ``trained_on_``)
        name the texts, so a test can check a held-out set stayed out."""
        self.__dict__.pop("_counters", None)  # vectorizers built for an earlier fit
        docs = [_normalise(t, s) for t, s in zip(texts, speakers, strict=True)]
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
        self.trained_on_ = list(ids)
        return self

    def predict_proba(self, texts: Sequence[str], speakers: Sequence[str]) -> np.ndarray:
        """An array (texts x behaviours): the probability that each text shows each behaviour."""
        check_is_fitted(self, FITTED)
        if not texts:
            return np.zeros((0, len(self.behaviours_)), dtype=np.float32)
        docs = [_normalise(t, s) for t, s in zip(texts, speakers, strict=True)]
        X = sp.hstack([self._tfidf(docs, "word"), self._tfidf(docs, "char")], format="csr")
        scores = np.asarray(X @ self.coef_.T) + self.intercept_
        return (1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))).astype(np.float32)

    def _tfidf(self, docs: list[str], block: str) -> sp.csr_matrix:
        """TF-IDF as the fitted ``TfidfVectorizer`` computes it: 1 + log(tf), times IDF, L2-normed."""
        counters = self.__dict__.setdefault("_counters", {})  # a cache, rebuilt from the vocabularies
        if block not in counters:
            vocabulary = getattr(self, f"{block}_vocabulary_")
            if block == "word":
                counters[block] = CountVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), vocabulary=vocabulary)
            else:
                counters[block] = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), vocabulary=vocabulary)
        counts = counters[block].transform(docs).astype(np.float32)
        counts.data = 1.0 + np.log(counts.data)
        return normalize(counts @ sp.diags(getattr(self, f"{block}_idf_")), norm="l2", copy=False).tocsr()

    def save(self, path: str | Path) -> None:
        """Write the fitted classifier as plain arrays to ``path`` (an ``.npz`` file)."""
        check_is_fitted(self, FITTED)
        with open(path, "wb") as handle:  # a handle, so numpy does not add ".npz" to the name
            np.savez_compressed(
                handle,
                params=np.array([getattr(self, name) for name in PARAMS], dtype=np.float64),
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
    def load(cls, source: str | Path | BinaryIO) -> "CueClassifier":
        """Read a classifier written by :meth:`save` from a path or a binary file (plain arrays
        only: no code runs); a file that is not one raises ``E044``."""
        name = getattr(source, "name", source)
        try:
            with np.load(source, allow_pickle=False) as data:
                model = cls(**dict(zip(PARAMS, data["params"].tolist(), strict=True)))
                model.min_df, model.max_words, model.min_words = int(model.min_df), int(model.max_words), int(model.min_words)
                model.behaviours_ = data["behaviours"].tolist()
                model.word_vocabulary_ = data["word_vocabulary"].tolist()
                model.word_idf_ = data["word_idf"].astype(np.float32)
                model.char_vocabulary_ = data["char_vocabulary"].tolist()
                model.char_idf_ = data["char_idf"].astype(np.float32)
                model.coef_ = data["coef"].astype(np.float32)
                model.intercept_ = data["intercept"].astype(np.float32)
                model.trained_on_ = data["trained_on"].tolist()
            _check_shapes(model)
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
            raise SvcnlpError("E044", path=str(name), reason=str(exc) or type(exc).__name__) from None
        return model


def _check_shapes(model: CueClassifier) -> None:
    """Raise ValueError when the arrays read do not fit together."""
    n_features = len(model.word_vocabulary_) + len(model.char_vocabulary_)
    if (model.word_idf_.shape != (len(model.word_vocabulary_),) or model.char_idf_.shape != (len(model.char_vocabulary_),)
            or model.coef_.shape != (len(model.behaviours_), n_features) or model.intercept_.shape != (len(model.behaviours_),)):
        raise ValueError("the arrays do not fit together (vocabularies, IDF weights, coefficients, intercepts)")


def _normalise(text: str, speaker: str) -> str:
    """The text as the n-grams see it: lower case, ASCII quotes, who says it first."""
    tag = f"__{speaker}__ " if speaker in SPEAKERS else ""
    return tag + fold_quotes(text).lower()


def _shipped_file() -> Traversable:
    """The shipped classifier file inside the installed package."""
    return resources.files("svcnlp") / "data" / SHIPPED


@lru_cache(maxsize=1)
def shipped() -> CueClassifier:
    """The classifier svcnlp ships, loaded once per process."""
    with _shipped_file().open("rb") as handle:
        return CueClassifier.load(handle)


@lru_cache(maxsize=1)
def shipped_digest() -> str:
    """A short hash of the shipped classifier file, for cache keys and model metadata."""
    return hashlib.sha256(_shipped_file().read_bytes()).hexdigest()[:16]


def shipped_path() -> Path:
    """The shipped classifier's path in a source checkout (where ``corpus/train_cues.py`` writes)."""
    return Path(__file__).resolve().parent / "data" / SHIPPED
