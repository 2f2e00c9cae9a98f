"""Times on a transcript's timeline: a timed format's own, and timestamps printed in text.

A timed format (subtitles, ASR output, timed exports) gives each block a start
and an end: a turn starts at its first block's start and ends at its last
block's end. A text with printed timestamps (``A1  0:03``, ``Lenny (00:03):``,
``0:00:12.9 **Name**``, ``[07:59]``) gets one time point per timestamp: the
turn whose label prints one starts there, and a timestamp inside a turn is a
point within it. The printed marks stay in the text, verbatim. Printed times
give no ends, so turns from them have none (the next turn's start is not
asserted as this one's end). Times are kept in order: a printed time earlier
than the one before it is either a new recording starting again at zero
(continued after the previous maximum) or a slip (kept as printed, not placed).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..errors import ConfigError
from .model import Inline, Turn
from .readers.base import parse_seconds

# A printed timestamp, with or without its brackets: 0:03, (00:01:23), [07:59], 0:00:12.9.
_STAMP = re.compile(r"^[\[(]?\s*((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?)\s*[\])]?$")
# A bare timestamp opening a paragraph ("0:01:10.4 What's really..."), taken only in
# documents whose labels print times.
_OPENING = re.compile(r"^((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?)(?=\s+\S)")
# A printed time this much (seconds) or more before the one before it, and in the
# first half of it, is a new recording starting again at zero; less is a slip.
RESTART_MIN_DROP = 60.0


def parse_offset(value) -> float:
    """Return the seconds of a ``--time-offset``: ``90``, ``90.5``, ``1:30`` or ``01:00:00``.

    Raises:
        ConfigError: the value is not a time, or is negative.
    """
    try:
        seconds = parse_seconds(value)
    except ValueError:
        seconds = None
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        raise ConfigError(f"time offset {value!r} is not a number of seconds or HH:MM:SS "
                          f"(0 or more)")
    return seconds


def clock(seconds: float) -> str:
    """Write seconds as H:MM:SS (with tenths and hundredths where there are some)."""
    whole = int(seconds)
    frac = f"{seconds - whole:.3f}".rstrip("0").rstrip(".")[1:]
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}{frac}"


@dataclass
class TimeNotes:
    """What placing the times did, for the report."""

    lines: list = field(default_factory=list)      # report lines ("times: ...")
    warnings: list = field(default_factory=list)


def place_times(turns: list, seg, times: dict | None, offset: float = 0.0) -> TimeNotes:
    """Put the turns on the timeline: the format's times, else the printed ones; add ``offset``.

    Args:
        turns: the document's turns (unlabelled speech first, when there is some).
        seg: the segmentation the turns were made from.
        times: source line -> (start, end) of a timed format, or None.
        offset: seconds added to every time (a recording that does not start at 0).
    """
    notes = TimeNotes()
    if times:
        set_format_times(turns, seg, times, offset)
    else:
        place_printed_times(turns, offset, notes)
    if offset and any(t.start is not None or t.end is not None for t in turns):
        notes.lines.append(f"offset {offset:g} s ({clock(offset)}) added to every time")
    mark_overlaps(turns)
    return notes


def mark_overlaps(turns: list) -> None:
    """A turn that starts before the turn before it ends overlaps it (``trans="overlap"``).

    Diarised recordings give such turns whenever two people speak at once; the
    times say so, whatever the words do.
    """
    previous_end = None
    for t in turns:
        if t.start is not None and previous_end is not None and t.start < previous_end:
            t.overlaps = True
        if t.end is not None:
            previous_end = t.end


def set_format_times(turns: list, seg, times: dict, offset: float = 0.0) -> None:
    """Give each turn of a timed source the start of its first cue and the end of its last.

    Speech before the first label (a Whisper file without speakers is all such
    speech) is timed by its cues as well.
    """
    parts = [(seg.pre[0].line, seg.pre)] if seg.pre else []
    parts += [(lineno, paras) for _, lineno, paras in seg.turns]
    for t, (lineno, paras) in zip(turns, parts):
        spans = [times[n] for n in [lineno] + [n for p in paras for n, _ in p.lines] if n in times]
        starts = [s for s, _ in spans if s is not None]
        ends = [e for _, e in spans if e is not None]
        t.start = round(min(starts) + offset, 3) if starts else None
        t.end = round(max(ends) + offset, 3) if ends else None


def place_printed_times(turns: list, offset: float, notes: TimeNotes) -> None:
    """Place every printed timestamp on the timeline, in order, and start turns at theirs.

    Where labels print times, a bare timestamp opening a paragraph is one too.
    """
    openings = any(isinstance(it, Inline) and it.kind == "time"
                   for t in turns for it in t.label_parts)
    state = _Clock()
    placed = 0
    segments = False
    for t in turns:
        timed = False
        for item, line in _printed_times(t, openings):
            timed = True
            printed = _seconds(item.text)
            if printed is None:
                continue
            value = state.place(printed, line, item.text)
            if value is not None:
                item.at = value + offset
                placed += 1
                segments = segments or item.text.startswith("[") and ("," in item.text or "-->" in item.text)
        t.start = _opening_time(t) if timed else None
    if placed:
        ends = "the segments' printed ends are not placed" if segments else "no ends: the source prints none"
        notes.lines.append(f"{placed} printed times on the timeline; turns start at the time "
                           f"printed with their label ({ends})")
    notes.lines.extend(state.restarts)
    notes.warnings.extend(state.slips)


def _printed_times(t: Turn, openings: bool):
    """Yield (Inline, line) for every printed timestamp of a turn, label and speech, in order.

    With ``openings``, a bare timestamp opening a paragraph (``0:01:10.4 What's...``)
    is marked as a time first.
    """
    for it in t.label_parts:
        if isinstance(it, Inline) and it.kind == "time":
            yield it, t.line
    for paras, split in ((t.paragraphs, openings), (t.after, False)):
        for p in paras:
            if split:
                _split_opening(p)
            for it in p.items:
                if isinstance(it, Inline) and it.kind == "time":
                    yield it, p.line or t.line


def _split_opening(p) -> None:
    first = p.items[0] if p.items else None
    # (a timestamp begins with a digit: a cheap test before the pattern)
    if isinstance(first, str) and first[:1].isdigit() and (m := _OPENING.match(first)):
        p.items[0:1] = [Inline("time", m.group(1)), first[m.end():]]


def _opening_time(t: Turn) -> float | None:
    """The time printed with the turn's label, else the one opening its speech, if placed."""
    for it in t.label_parts:
        if _is_time(it) and it.at is not None:
            return it.at
    for p in t.paragraphs[:1]:
        first = next((it for it in p.items if not (isinstance(it, str) and not it.strip())), None)
        if _is_time(first) and first.at is not None:
            return first.at
    return None


def _is_time(item) -> bool:
    return isinstance(item, Inline) and item.kind == "time"


def _seconds(text: str) -> float | None:
    """The seconds of a printed time; of a recogniser's segment ("[0.0, 3.26]",
    "[00:00.000 --> 00:04.000]"), its start."""
    text = text.strip()
    m = _STAMP.match(text) or _SEGMENT_START.match(text)
    if m:
        return parse_seconds(m.group(1))
    m = _SEGMENT_SECONDS.match(text)
    return float(m.group(1)) if m else None


_SEGMENT_START = re.compile(r"^\[\s*((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?)\s*-->")
_SEGMENT_SECONDS = re.compile(r"^\[\s*(\d+(?:\.\d+)?)\s*,\s*\d+(?:\.\d+)?\s*\]$")


@dataclass
class _Clock:
    """Printed times in document order, continued across recordings that start again at 0."""

    base: float = 0.0              # the times of the recordings before this one
    last: float | None = None      # the last time placed, as printed
    restarts: list = field(default_factory=list)
    slips: list = field(default_factory=list)

    def place(self, printed: float, line: int, text: str) -> float | None:
        """Return the time on the timeline (before the offset), or None for a slip."""
        if self.last is not None and printed < self.last:
            drop = self.last - printed
            if drop < RESTART_MIN_DROP or printed > self.last / 2:
                self.slips.append(f"line {line}: printed time {text} comes before "
                                  f"{clock(self.last)} printed earlier: kept as printed, "
                                  f"not on the timeline")
                return None
            self.base += self.last
            self.restarts.append(f"printed times start again at line {line} ({text} after "
                                 f"{clock(self.last)}): a new recording, continued from "
                                 f"{clock(self.base)}")
        self.last = printed
        return self.base + printed


# --- points inside turns: the format's segment and word times ----------------------

# A word of the ASR's list is looked for at most this many words of text past the
# last one found (a word the text has and the list has not, or the other way round).
WORD_SKIP = 2


def anchor_inner_times(turns: list, times: dict | None, words: dict | None = None,
                       offset: float = 0.0, word_level: bool = False) -> list[str]:
    """Put the times of a turn's parts on the timeline as points inside it (``anchor``).

    A turn made of several timed blocks (a speaker's cues or ASR segments in a
    row) gets a point at the start and one at the end of each paragraph, when
    the blocks come in order; with ``word_level``, a point before each word the
    format times (WhisperX ``words``), where the word is found in the text and
    its time lies inside its segment, after the point before it. The text is
    not changed: points are empty.

    Args:
        turns: the document's turns, their starts and ends set (set_format_times).
        times: block line -> (start, end) of the timed format.
        words: block line -> ((word, start, end), ...), the format's word times.
        offset: seconds added to every time.
        word_level: anchor words too, not only the blocks' boundaries.

    Returns:
        Report lines saying what was placed.
    """
    if not times:
        return []
    divided = anchored = 0
    for t in turns:
        if t.start is None or t.end is None:
            continue
        divided += divide_at_blocks(t, times, offset)
        if word_level and words:
            anchored += anchor_turn_words(t, times, words, offset)
    lines = []
    if divided:
        turns_have = "1 turn of several timed blocks has" if divided == 1 else \
            f"{divided} turns of several timed blocks have"
        lines.append(f"{turns_have} a point at each block's start and end (anchor)")
    if anchored:
        words_have = "1 word has" if anchored == 1 else f"{anchored} words have"
        lines.append(f"{words_have} a point at its start (anchor)" if anchored == 1 else
                     f"{words_have} a point at their start (anchor)")
    return lines


def _point(seconds: float) -> Inline:
    return Inline("point", "", at=round(seconds, 3))


def divide_at_blocks(t: Turn, times: dict, offset: float) -> bool:
    """Open and close each paragraph of ``t`` with its block's times; False when they cannot be.

    Each paragraph must be one block of its own with a start and an end, and the
    times must not go back (a speaker's overlapping segments keep the turn whole).
    A cue holding only an event (``[chuckles]``) is a part like the others.
    """
    paras = t.paragraphs
    if len(paras) < 2 or len({p.line for p in paras}) < len(paras):
        return False
    spans = [times.get(p.line) for p in paras]
    if any(s is None or s[0] is None or s[1] is None for s in spans):
        return False
    bounds = [round(v + offset, 3) for s in spans for v in s]
    if bounds != sorted(bounds):
        return False
    for p, (start, end) in zip(paras, spans):
        p.items = [_point(start + offset), *p.items, _point(end + offset)]
    return True


def anchor_turn_words(t: Turn, times: dict, words: dict, offset: float) -> int:
    """Put a point before each timed word of the turn's paragraphs; return how many."""
    floor, count = t.start, 0
    for p in t.paragraphs:
        span = times.get(p.line) or (None, None)
        lo = t.start if span[0] is None else span[0] + offset
        hi = t.end if span[1] is None else span[1] + offset
        floor = max(floor, lo)
        found = []
        for at, (i, pos) in _find_words(p.items, words.get(p.line, ())):
            value = round(at + offset, 3)
            if floor < value <= hi:
                found.append((i, pos, value))
                floor = value
        for i, pos, value in reversed(found):
            text = p.items[i]
            p.items[i:i + 1] = [s for s in (text[:pos],) if s] + [_point(value), text[pos:]]
        count += len(found)
    return count


def _find_words(items: list, words: tuple):
    """Yield (start, (item index, offset)) of each word found, in order, in the string items."""
    cursor = (0, 0)
    for word, start, _ in words:
        hit = _find_word(items, word, cursor)
        if hit is not None:
            cursor = (hit[0], hit[1] + len(word))
            yield start, hit


def _find_word(items: list, word: str, cursor: tuple) -> tuple | None:
    """Where ``word`` next stands as a word, at most WORD_SKIP words of text after ``cursor``."""
    left = r"(?<!\w)" if re.match(r"\w", word) else ""
    right = r"(?!\w)" if re.search(r"\w$", word) else ""
    pattern = re.compile(left + re.escape(word) + right)
    skipped = 0
    for i in range(cursor[0], len(items)):
        if not isinstance(items[i], str):
            skipped += len(re.findall(r"\w+", items[i].text))
            continue
        begin = cursor[1] if i == cursor[0] else 0
        m = pattern.search(items[i], begin)
        gap = items[i][begin:m.start() if m else len(items[i])]
        skipped += len(re.findall(r"\w+", gap))
        if skipped > WORD_SKIP:
            return None
        if m:
            return i, m.start()
    return None
