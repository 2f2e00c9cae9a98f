"""The neutral stream every format reader yields, and helpers the readers share."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from ...errors import InputError
from ...xmlio import parse_bytes
from ..read import decode

INSTALL_HINT = "pip install 'tei-corpus[formats]'"


@dataclass(frozen=True)
class Block:
    """One piece of a source: a cue, a segment, a row, a paragraph or a PDF line."""

    text: str
    line: int                     # where it starts in the source (1-based), for messages
    speaker: str | None = None    # when the format says it (VTT voice, CSV column, JSON field)
    start: float | None = None    # seconds, when the format has times
    end: float | None = None
    style: frozenset[str] = frozenset()   # "bold", "heading", "italic", "furniture", ...
    words: tuple = ()             # ((word, start, end), ...): the format's word times, in order
    lang: str = ""                # the language the format declares for it, as written
                                  # (CHAT "@Languages: jpn", Transcriber xml:lang="fr")


class Reader(Protocol):
    """Turns the bytes of one format into blocks."""

    suffixes: tuple[str, ...]

    def read(self, data: bytes, name: str) -> Iterator[Block]: ...


_LINE_END = re.compile(r"\r\n|\r|\n")


def decode_lines(data: bytes, name: str) -> list[str]:
    """Decode a text format (BOM, legacy encodings as the text reader does) into lines.

    Lines are split at CRLF, CR and LF only, so that line numbers match an editor's.

    Raises:
        InputError: the file is empty or binary.
    """
    return _LINE_END.split(decode(data, name).text)


def need_library(module: str, package: str, name: str, suffix: str):
    """Import an optional library or raise a one-line InputError saying what to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(name, f"reading {suffix} files needs the {package} library: "
                         f"{INSTALL_HINT}", code="missing-library") from None


def check_times(name: str, line: int, start: float | None, end: float | None,
                col: int = 0) -> None:
    """Raise InputError when a time is negative or the end comes before the start."""
    for value in (start, end):
        if value is not None and (value != value or value < 0):
            raise InputError(name, f"time {value!r} is not a non-negative number",
                             line, col, code="bad-time")
    if start is not None and end is not None and end < start:
        raise InputError(name, f"ends at {end:g} s before it starts at {start:g} s",
                         line, col, code="bad-time")


# A clock time, in square brackets or not (oral-history logs write "[00:01:09]").
_CLOCK = re.compile(r"^\s*(\[\s*)?(?:(?:(\d+):)?(\d{1,2}):)?(\d+(?:[.,]\d+)?)(?(1)\s*\])\s*$")


def parse_seconds(value) -> float | None:
    """Seconds from a number or a clock string (``83.5``, ``1:23.5``, ``00:01:23,500``,
    ``[00:01:09]``).

    Returns None for an empty value; raises ValueError for anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    m = _CLOCK.match(text)
    if not m:
        raise ValueError(value)
    _, hours, minutes, seconds = m.groups()
    return (int(hours or 0) * 3600 + int(minutes or 0) * 60
            + float(seconds.replace(",", ".")))


def xml_root(data: bytes, name: str, fmt: str, tag: str, code: str):
    """The root of an XML format parsed with the safe parser, checked to be ``<tag>``.

    An XML error is an error of the format at the same position.
    """
    try:
        root = parse_bytes(data, name).getroot()
    except InputError as exc:
        raise InputError(name, f"not a readable {fmt} file: {exc.message}; save it again "
                         f"from {fmt}", exc.line, exc.col, code=code) from None
    if root.tag != tag:
        raise InputError(name, f"not a file of {fmt}: the root element is <{root.tag}>, not "
                         f"<{tag}>", root.sourceline or 0, 0, code=code)
    return root
