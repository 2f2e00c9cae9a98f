"""Validate a built TEI document with the toolkit's validator.

:func:`check_document` is what ``tei build`` runs on every document it
writes: the project schema and the project rules, exactly as ``tei validate``
checks a file without ``--schema``. :func:`validator_name` is part of the
build's fingerprint.
"""
from __future__ import annotations

from lxml import etree

from ..errors import Diagnostic
from ..validate.check import check_tree


def validator_name() -> str:
    """Return the name of the validator behind the build (for fingerprints)."""
    return "tei_corpus.validate"


def check_document(tree: etree._ElementTree, path: str,
                   data: bytes | None = None) -> list[Diagnostic]:
    """Validate one parsed TEI document.

    Args:
        tree: the document, parsed from its bytes (so elements carry line numbers).
        path: the file's name, used in the diagnostics.
        data: the bytes it was parsed from, so findings get their columns.

    Returns:
        Diagnostics (errors and warnings), in document order; empty when valid.
    """
    return check_tree(tree, path, data=data)
