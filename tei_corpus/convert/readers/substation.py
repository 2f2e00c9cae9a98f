"""SubStation Alpha readers: Advanced SubStation (.ass) and SubStation Alpha v4 (.ssa).

Both keep their cues as ``Dialogue:`` lines of the ``[Events]`` section, whose
``Format:`` line names the columns (the text column last, so the text may hold
commas). The columns are found by name with the spreadsheet readers' one list
of column names (``profiles/_columns.toml``): ``Text``, ``Start``, ``End`` and
``Name`` (``Actor`` in some editors) for the speaker. The format is small and
line-oriented, so it is parsed here (pysubs2 would not give the line and column
of a broken time).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...errors import InputError
from .base import Block, check_times, decode_lines
from .records import column_names, is_placeholder, normalised_name

_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_FIELD = re.compile(r"^\s*([A-Za-z]+)\s*:\s?(.*)$")
# h:mm:ss.cc (hundredths); editors also write thousandths or no fraction.
_TIME = re.compile(r"^\s*(\d+):([0-5]?\d):([0-5]?\d)(?:[.,](\d{1,3}))?\s*$")
# An override block ({\b1}, {\pos(1,2)}) or a comment in braces: never shown.
_OVERRIDE = re.compile(r"\{[^}]*\}")
_DRAWING = re.compile(r"\\p(\d+)")
_STYLE_TAGS = {"b": "bold", "i": "italic", "u": "underline"}


def _seconds(value: str) -> float:
    m = _TIME.match(value)
    if not m:
        raise ValueError(value)
    h, mi, s, frac = m.groups()
    return int(h) * 3600 + int(mi) * 60 + int(s) + (int(frac.ljust(3, "0")) / 1000 if frac else 0)


def _cue_text(raw: str) -> tuple[str, frozenset[str]]:
    """The shown text of a cue: override blocks and drawings removed, ``\\N`` a line break."""
    style, out, drawing, pos = set(), [], False, 0
    for m in _OVERRIDE.finditer(raw):
        if not drawing:
            out.append(raw[pos:m.start()])
        for tag, on in re.findall(r"\\([biu])(\d)", m.group()):
            if on != "0":
                style.add(_STYLE_TAGS[tag])
        modes = _DRAWING.findall(m.group())
        if modes:
            drawing = modes[-1] != "0"
        pos = m.end()
    if not drawing:
        out.append(raw[pos:])
    text = "".join(out).replace("\\N", "\n").replace("\\n", "\n").replace("\\h", "\u00a0")
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n"), frozenset(style)


class _Columns:
    """Where the text, times and speaker are in the ``Format:`` line of [Events]."""

    def __init__(self, names: list[str], name: str, lineno: int) -> None:
        self.count = len(names)
        normed = [normalised_name(n) for n in names]
        self.role = {}
        for role, candidates in column_names().items():
            hit = next((normed.index(c) for c in candidates if c in normed), None)
            if hit is not None:
                self.role[role] = hit
        missing = [r for r in ("text", "start", "end") if r not in self.role]
        if missing:
            raise InputError(name, f"the [Events] Format line has no {', '.join(missing)} "
                             f"column (it names {', '.join(names)})", lineno, 1,
                             code="ssa-invalid")

    def split(self, value: str) -> list[str]:
        return value.split(",", self.count - 1)


class SubStationReader:
    """SubStation Alpha (.ssa) and Advanced SubStation (.ass): one block per Dialogue line.

    ``Comment:`` lines and the other sections (styles, fonts, editor data) are
    not text. The ``Name`` column is the speaker (a placeholder such as ``NTP``
    is no speaker); override tags in braces are removed (bold and italic kept
    in ``style``) and so is a vector drawing (``{\\p1}m 0 0 l ...{\\p0}``);
    ``\\N`` is a line break and ``\\h`` a hard space.
    """

    suffixes = (".ass", ".ssa")

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        lines = decode_lines(data, name)
        if lines:
            lines[0] = lines[0].lstrip("\ufeff")
        section, columns, seen_events = None, None, False
        for lineno, line in enumerate(lines, 1):
            head = _SECTION.match(line)
            if head:
                section = head.group(1).strip().lower()
                seen_events |= section == "events"
                continue
            m = _FIELD.match(line)
            if section != "events" or not m:
                continue
            kind, value = m.group(1).lower(), m.group(2)
            if kind == "format":
                columns = _Columns([c.strip() for c in value.split(",")], name, lineno)
            elif kind == "dialogue":
                if columns is None:
                    raise InputError(name, "a Dialogue line before the [Events] Format line",
                                     lineno, 1, code="ssa-invalid")
                block = self._block(line, len(line) - len(value), value, columns, name, lineno)
                if block is not None:
                    yield block
        if not seen_events:
            raise InputError(name, "not a SubStation Alpha file: no [Events] section", 1, 1,
                             code="ssa-invalid")

    @staticmethod
    def _block(line: str, offset: int, value: str, columns: _Columns, name: str,
               lineno: int) -> Block | None:
        cells = columns.split(value)
        if len(cells) < columns.count:
            raise InputError(name, f"Dialogue line with {len(cells)} of the "
                             f"{columns.count} columns its Format line names", lineno, 1,
                             code="ssa-invalid")
        times = []
        for role in ("start", "end"):
            k = columns.role[role]
            try:
                times.append(_seconds(cells[k]))
            except ValueError:
                col = offset + len(",".join(cells[:k])) + (1 if k else 0) + 1
                raise InputError(name, f"{role} time {cells[k].strip()!r} is not h:mm:ss.cc",
                                 lineno, col, code="bad-cue-timing") from None
        check_times(name, lineno, *times, col=1)
        text, style = _cue_text(cells[columns.role["text"]])
        if not text.strip():
            return None
        speaker = cells[columns.role["speaker"]].strip() if "speaker" in columns.role else ""
        if is_placeholder(speaker):
            speaker = ""
        return Block(text, lineno, speaker=speaker or None, start=times[0], end=times[1],
                     style=style)
