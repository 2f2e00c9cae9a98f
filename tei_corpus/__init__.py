"""tei-corpus: raw transcripts to TEI P5, validation, and editions."""
from __future__ import annotations

from .errors import Diagnostic, ExitStatus, InputError, TeiCorpusError

__version__ = "0.1.0"

__all__ = [
    "Diagnostic",
    "ExitStatus",
    "InputError",
    "TeiCorpusError",
    "__version__",
]
