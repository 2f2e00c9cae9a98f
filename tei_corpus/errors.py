"""Errors, diagnostics and exit statuses shared by every stage."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit statuses of the ``tei`` command."""

    OK = 0            # all valid / all written
    FINDINGS = 1      # some input is invalid, not well-formed or failed to convert
    FAILURE = 2       # could not run: usage, broken schema, unwritable output
    INTERRUPTED = 130


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place in one file."""

    path: str
    line: int
    col: int          # 0 = unknown
    severity: str     # "error" | "warning"
    code: str         # stable id, e.g. "who-unresolved"
    message: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}:{self.col}: "
                f"{self.severity}: {self.message} [{self.code}]")

    def to_dict(self) -> dict:
        """Return the diagnostic as a JSON-ready dict."""
        return asdict(self)


class TeiCorpusError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(TeiCorpusError):
    """An input file cannot be used; carries the file and the position.

    Args:
        path: the input file as given.
        message: one line saying what is wrong.
        line: 1-based line, 0 when unknown.
        col: 1-based column, 0 when unknown.
        code: a stable identifier of the problem.
    """

    def __init__(self, path: str, message: str, line: int = 0, col: int = 0,
                 code: str = "input-error") -> None:
        self.path = str(path)
        self.line = line
        self.col = col
        self.code = code
        self.message = message
        super().__init__(str(self.diagnostic()))

    def diagnostic(self) -> Diagnostic:
        """Return this error as a :class:`Diagnostic`."""
        return Diagnostic(self.path, self.line, self.col, "error", self.code, self.message)


class ConfigError(TeiCorpusError):
    """A profile, registry, schema or option cannot be used (the run cannot happen)."""


class OutputError(TeiCorpusError):
    """An output cannot be written."""
