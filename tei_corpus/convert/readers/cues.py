"""Subtitle readers: WebVTT, SubRip and YouTube's SubViewer (.sbv).

The formats are small, line-oriented and stable, so they are parsed here
rather than with webvtt-py / srt: the parser then knows the line and column of
every cue, which a one-line error needs, and keeps the cue text as written
(line breaks inside a cue kept as ``\\n``).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ...errors import InputError
from .base import Block, check_times, decode_lines, parse_seconds

# hh:mm:ss.ttt (hours optional in WebVTT); a comma is accepted for the fraction,
# as many exporters write one, and unpadded fields as Microsoft Teams writes them
# ("0:0:0.570").
_TS = r"(?:(\d+):)?([0-5]?\d):([0-5]?\d)[.,](\d{1,3})"
_VTT_TIMING = re.compile(rf"^\s*{_TS}[ \t]+-->[ \t]+{_TS}(?:[ \t]+(.*))?$")
_SRT_TIMING = re.compile(rf"^\s*{_TS}[ \t]*-->[ \t]*{_TS}(?:[ \t]+.*)?\s*$")
_ARROW = "-->"


def _seconds(h, m, s, frac) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(frac.ljust(3, "0")) / 1000


def _times(m: re.Match) -> tuple[float, float]:
    g = m.groups()
    return _seconds(*g[0:4]), _seconds(*g[4:8])


def _timing_error(name: str, lineno: int, line: str, what: str, sep: str = _ARROW,
                  expected: str = "hh:mm:ss.mmm --> hh:mm:ss.mmm") -> InputError:
    col = line.find(sep) + 1 if sep in line else 1
    shown = line.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return InputError(name, f"{what}: broken cue timing line {shown!r} "
                      f"(expected '{expected}')", lineno, col, code="bad-cue-timing")


def _paragraphs(lines: list[str], spaces_in_cues: bool = False) -> Iterator[tuple[int, list[str]]]:
    """Yield (1-based first line, lines) for each run of non-blank lines.

    Args:
        spaces_in_cues: WebVTT: only an empty line ends a cue, so a line of spaces
            inside one is part of its text (Google Meet writes one between two
            speakers of a cue), unless a timing line follows (a new cue).
    """
    start, run = 0, []
    for i, line in enumerate(lines, 1):
        if line.strip() or (spaces_in_cues and run and line and not _cue_follows(lines, i)):
            if not run:
                start = i
            run.append(line)
        elif run:
            yield start, run
            run = []
    if run:
        yield start, run


def _cue_follows(lines: list[str], i: int) -> bool:
    """A new cue starts after line ``i`` (1-based): the next line with text is a timing
    line, or a cue identifier (a line right above a timing line), or there is none."""
    ahead = lines[i:i + 4]
    k = next((k for k, line in enumerate(ahead) if line.strip()), None)
    if k is None:
        return True
    return _ARROW in ahead[k] or (k + 1 < len(ahead) and _ARROW in ahead[k + 1])


# --- WebVTT ---------------------------------------------------------------

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<\d[\d:.]*>")
_VTT_STYLE_TAGS = {"i": "italic", "b": "bold", "u": "underline"}


def _vtt_text(raw: str) -> tuple[str, frozenset[str]]:
    style = {v for k, v in _VTT_STYLE_TAGS.items() if re.search(rf"<{k}[\s.>]", raw, re.I)}
    return html.unescape(_TAG.sub("", raw)).strip(), frozenset(style)


def _vtt_voices(raw: str) -> list[tuple[str | None, str]]:
    """Split cue text at voice tags: [(voice or None, text)]."""
    marks = list(_VOICE.finditer(raw))
    if not marks:
        return [(None, raw)]
    parts = []
    if raw[:marks[0].start()].strip():
        parts.append((None, raw[:marks[0].start()]))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(raw)
        voice = html.unescape((m.group(1) or "").strip()) or None
        parts.append((voice, raw[m.end():end]))
    return parts


class VttReader:
    """WebVTT: one block per cue (per voice span where a cue has several voices).

    ``<v Name>`` gives the speaker and is removed from the text with every other
    tag; a ``Name:`` or ``[SPEAKER_00]:`` prefix stays in the text for the
    segmenter. NOTE, STYLE and REGION blocks are skipped; cue identifiers and cue
    settings are not text.
    """

    suffixes = (".vtt",)
    cue_timing = re.compile(_ARROW)     # (a file with none at all is no captions file)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        lines = decode_lines(data, name)
        first = lines[0].lstrip("\ufeff") if lines else ""
        if not (first.startswith("WEBVTT") and first[6:7] in ("", " ", "\t")):
            raise InputError(name, "not a WebVTT file: the first line is not 'WEBVTT'",
                             1, 1, code="vtt-header")
        for lineno, begin, end, body in drop_rolled_lines(list(self._cues(lines, name))):
            raw = "\n".join(body)
            for voice, part in _vtt_voices(raw):
                text, style = _vtt_text(part)
                if text:
                    yield Block(text, lineno + 1 if body else lineno, speaker=voice,
                                start=begin, end=end, style=style,
                                words=_inline_word_times(part, begin, end))

    @staticmethod
    def _cues(lines: list[str], name: str) -> Iterator[tuple[int, float, float, list[str]]]:
        """Yield (timing line, start, end, text lines) of each cue."""
        header = True
        for start, para in _paragraphs(lines, spaces_in_cues=True):
            if header:          # the WEBVTT line and any header lines under it
                header = False
                if start == 1:
                    continue
            head = para[0].strip()
            if re.match(r"(NOTE|STYLE|REGION)(\s|$)", head):
                continue
            t = next((i for i, line in enumerate(para[:2]) if _ARROW in line), None)
            if t is None:
                raise _timing_error(name, start, para[0], "cue without a timing line")
            lineno = start + t
            m = _VTT_TIMING.match(para[t])
            if not m:
                raise _timing_error(name, lineno, para[t], "cue timing")
            begin, end = _times(m)
            check_times(name, lineno, begin, end, col=1)
            yield lineno, begin, end, para[t + 1:]


def _plain(line: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", line)).split())


def drop_rolled_lines(cues: list) -> list:
    """Rolling captions (YouTube's automatic ones): each line once, in the cue that adds it.

    Such captions show a line again at the top of the next cue while the next
    line is written below it, and between the two a short cue repeats it alone.
    A document is rolling when most cues open with the last line of the cue
    before them; in it, those repeated lines are dropped (and a cue left
    without text), so no word is read twice. Other documents are left as they are.
    """
    last = [next((_plain(x) for x in reversed(body) if _plain(x)), "") for *_, body in cues]
    firsts = [next((_plain(x) for x in body if _plain(x)), "") for *_, body in cues]
    rolled = sum(1 for k in range(1, len(cues)) if firsts[k] and firsts[k] == last[k - 1])
    if rolled < 2 or rolled * 2 < len(cues) - 1:
        return cues
    out = []
    for k, (lineno, begin, end, body) in enumerate(cues):
        body = [x for x in body if _plain(x)]
        if k and body and _plain(body[0]) == last[k - 1]:
            body = body[1:]
        if body:
            out.append((lineno, begin, end, body))
    return out


_INLINE_TIME = re.compile(r"<(\d{2,}:\d{2}:\d{2}\.\d{3}|\d{2}:\d{2}\.\d{3})>")


def _inline_word_times(raw: str, begin: float, end: float) -> tuple:
    """The words of a cue with inline timestamps (``word<00:00:01.280><c> and</c>``).

    The words before the first timestamp start with the cue; each timestamp
    starts the words after it. A timestamp outside the cue's times is not one
    (its words get none); a cue without a timestamp inside it gives no words.
    """
    pieces = _INLINE_TIME.split(raw)
    words, at, inside = [], begin, False
    for k, piece in enumerate(pieces):
        if k % 2:
            at = parse_seconds(piece)
            at = at if begin <= at <= end else None
            inside |= at is not None
            continue
        text = _plain(piece)
        if text and at is not None:
            words.append((text, at, None))
    return tuple(words) if inside else ()


# --- SubRip ---------------------------------------------------------------

_SRT_TAG = re.compile(r"</?(?:i|b|u|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.I)
_SRT_STYLE = {"i": "italic", "b": "bold", "u": "underline"}


class SrtReader:
    """SubRip: one block per cue, the cue number and timing line not in the text.

    The text is kept as written (its lines joined with ``\\n``); only SubRip's
    formatting tags (``<i>``, ``<b>``, ``<u>``, ``<font>``, ``{\\an8}``) are removed
    and recorded in ``style``. The speaker is None: a ``Name:`` at the start of
    the text is found by the segmenter.
    """

    suffixes = (".srt",)
    cue_timing = re.compile(_ARROW)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        lines = decode_lines(data, name)
        if lines:
            lines[0] = lines[0].lstrip("\ufeff")
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            # A cue: an optional number line, then the timing line.
            t = i + 1 if line.strip().isdigit() and i + 1 < n else i
            m = _SRT_TIMING.match(lines[t])
            if not m:
                what = "cue timing" if _ARROW in lines[t] else "expected a cue timing line"
                raise _timing_error(name, t + 1, lines[t], what)
            begin, end = _times(m)
            check_times(name, t + 1, begin, end, col=1)
            j = t + 1
            while j < n and lines[j].strip() and not self._cue_starts(lines, j):
                j += 1
            raw = "\n".join(lines[t + 1:j])
            style = frozenset(v for k, v in _SRT_STYLE.items()
                              if re.search(rf"<{k}[\s>]", raw, re.I))
            text = _SRT_TAG.sub("", raw)
            if text.strip():
                yield Block(text, t + 2, start=begin, end=end, style=style)
            i = j

    @staticmethod
    def _cue_starts(lines: list[str], j: int) -> bool:
        """A cue that follows without a blank line: a timing line, or a number and one."""
        if _SRT_TIMING.match(lines[j]):
            return True
        return (lines[j].strip().isdigit() and j + 1 < len(lines)
                and bool(_SRT_TIMING.match(lines[j + 1])))


# --- YouTube SubViewer (.sbv) ------------------------------------------------

_SBV_TS = r"(\d+):([0-5]?\d):([0-5]\d)[.,](\d{1,3})"
_SBV_TIMING = re.compile(rf"^\s*{_SBV_TS}\s*,\s*{_SBV_TS}\s*$")


class SbvReader:
    """YouTube's SubViewer captions: a ``h:mm:ss.mmm,h:mm:ss.mmm`` line, the cue's
    text lines under it, a blank line between cues.

    As in SubRip, the text is kept as written (its lines joined with ``\\n``) and the
    speaker is None: YouTube's ``>> NAME:`` and a ``NAME:`` at the start of a cue
    are found by the segmenter. SBV has no markup.
    """

    suffixes = (".sbv",)
    cue_timing = re.compile(r"\d:[0-5]\d[.,]\d{1,3}\s*,\s*\d+:")

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        lines = decode_lines(data, name)
        if lines:
            lines[0] = lines[0].lstrip("\ufeff")
        for start, para in _paragraphs(lines):
            m = _SBV_TIMING.match(para[0])
            if not m:
                what = "cue timing" if "," in para[0] else "expected a cue timing line"
                raise _timing_error(name, start, para[0], what, sep=",",
                                    expected="h:mm:ss.mmm,h:mm:ss.mmm")
            begin, end = _times(m)
            check_times(name, start, begin, end, col=1)
            text = "\n".join(para[1:])
            if text.strip():
                yield Block(text, start + 1, start=begin, end=end)
