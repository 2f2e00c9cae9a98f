"""The linguistic layer: sentences, tokens and lemmas inside each ``seg`` (``tei annotate``).

One-document function: :func:`annotate_tree` (in place). Batch:
:func:`iter_annotate` writes annotated copies of many files. Analysers:
:func:`load_analyser` (``simplemma``, or ``spacy:MODEL``).
"""
from __future__ import annotations

from .analysers import Application, Simplemma, Spacy, load_analyser
from .batch import AnnotateResult, annotate_bytes, annotate_file, iter_annotate
from .document import TOKENISER, annotate_tree, record_applications
from .layer import TOKENISED

__all__ = [
    "AnnotateResult", "Application", "Simplemma", "Spacy", "TOKENISED", "TOKENISER",
    "annotate_bytes", "annotate_file", "annotate_tree", "iter_annotate", "load_analyser",
    "record_applications",
]
