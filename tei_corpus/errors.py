"""Errors, diagnostics and exit statuses shared by every stage."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit statuses of the ``tei`` command."""

    OK = 0            # all valid / all written
    FINDINGS = 1      # some input is invalid, not well-formed or failed to convert
    FAILURE = 2       # could not run: usage, broken schema, unwritable output
    INTERRUPTED = 130   # SIGINT (Ctrl-C)
    TERMINATED = 143    # SIGTERM (128 + 15)


#: Why a batch stopped working on one file (every command; schemas/RULES.md, "Limits").
LIMIT_CODES = ("time-limit", "memory-limit", "worker-crashed")


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
# Control characters (C0, DEL, C1, line and paragraph separators), the lone
# surrogates Python uses for file-name bytes that are not UTF-8 (surrogateescape),
# and in names the backslash that starts an escape.
_UNSAFE_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\\\\]")
_UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:          # an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_name(name: object) -> str:
    """Return a file name as one line of valid UTF-8 text.

    Control characters become backslash escapes (``\\n``, ``\\t``, ``\\x1b``),
    bytes that are not UTF-8 become ``\\xNN`` (``caf\\xe9.txt``) and a backslash
    is doubled, so the escaped form names one file only. The one mechanism for
    names in diagnostics, text reports and JSON.
    """
    return _UNSAFE_IN_NAME.sub(_escape_char, str(name))


def escape_text(text: object) -> str:
    """Return a message as one line of valid UTF-8.

    Line breaks become spaces (messages are prose, often wrapped by the
    libraries that produce them); other control characters and undecodable
    bytes are escaped as by :func:`escape_name`; backslashes and tabs are kept.
    """
    return _UNSAFE_IN_TEXT.sub(_escape_char, " ".join(str(text).splitlines()))


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
        """Return ``path:line:col: severity: message [code]``, always one line of UTF-8."""
        return (f"{escape_name(self.path)}:{self.line}:{self.col}: "
                f"{self.severity}: {escape_text(self.message)} [{self.code}]")

    def to_dict(self) -> dict:
        """Return the fields as a dict (``Diagnostic(**d)`` gives the diagnostic back)."""
        return asdict(self)

    def to_json(self) -> dict:
        """Return the dict a JSON report holds: path and message escaped as in the text form."""
        return {**asdict(self), "path": escape_name(self.path),
                "message": escape_text(self.message)}


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
    """A profile, registry, schema or option cannot be used (the run cannot happen).

    Args:
        message: one line saying what is wrong (and where).
        code: a stable identifier of the problem, shown as `` [code]`` after
            the message; none by default.
    """

    def __init__(self, message: str, code: str = "") -> None:
        self.code = code
        super().__init__(f"{message} [{code}]" if code else message)


class OutputError(TeiCorpusError):
    """An output cannot be written."""
