"""Annotation readers: ELAN .eaf, Praat .TextGrid and EXMARaLDA .exb, one tier per speaker.

ELAN and EXMARaLDA files are XML, so they are parsed with the toolkit's one
safe parser (``xmlio.parse_bytes``: no DTD, no external entity, size limits)
rather than with pympi-ling, which parses with the standard library's
ElementTree; the formats are small (a timeline, tiers, annotations or events).
TextGrid files (long, short and praatio's JSON forms) are parsed with praatio.
All three put their tiers' blocks in one order with :func:`merge_tiers`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ...errors import InputError
from ..read import decode
from .base import Block, check_times, need_library, parse_seconds, xml_root
from .records import column_names, is_placeholder, normalised_name, tier_kinds_not_speech


def merge_tiers(tiers: list[list[Block]], positions: list[list] | None = None) -> list[Block]:
    """All tiers' blocks in time order (tier order, then source order, breaks ties).

    ``positions`` (one list per tier, one number per block) gives the order
    where the format has one of its own (EXMARaLDA's timeline, whose points
    need not have times); by default a block is placed at its start, or at the
    last start known before it in its tier.
    """
    keyed = []
    for t, blocks in enumerate(tiers):
        last = 0.0
        for k, b in enumerate(blocks):
            if positions is not None:
                last = positions[t][k]
            elif b.start is not None:
                last = b.start
            keyed.append(((last, t, k), b))
    return [b for _, b in sorted(keyed, key=lambda kb: kb[0])]


class EafReader:
    """ELAN .eaf: one block per annotation of an independent tier.

    The speaker is the tier's ``PARTICIPANT`` when set, else its ``TIER_ID``, unless
    that names nobody: ELAN's "default", or a name of the text itself
    ("transcription", "utterance": the text column names of ``_columns.toml``); such a
    tier's speech has no speaker. Where some tiers name their participant, a tier
    that names none (comments, situations) is no one's speech: its annotations are
    kept, set apart, as are a tier's of figures alone (:func:`_figures_only`). Dependent tiers (``PARENT_REF``: translations, glosses, notes)
    are not speech and are left out. ``line`` is the annotation's line in the file.
    """

    suffixes = (".eaf",)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        root = xml_root(data, name, "ELAN", "ANNOTATION_DOCUMENT", "eaf-invalid")
        slots = {}
        for slot in root.iterfind("TIME_ORDER/TIME_SLOT"):
            value = slot.get("TIME_VALUE")
            slots[slot.get("TIME_SLOT_ID")] = int(value) / 1000 if value else None
        tiers, kept = [], []
        independent = [t for t in root.iterfind("TIER") if not t.get("PARENT_REF")]
        with_participant = any((t.get("PARTICIPANT") or "").strip() for t in independent)
        for tier in independent:
            speaker, style = _tier_speaker(tier, with_participant)
            blocks = []
            for ann in tier.iterfind("ANNOTATION/ALIGNABLE_ANNOTATION"):
                line = ann.sourceline or 0
                refs = ann.get("TIME_SLOT_REF1"), ann.get("TIME_SLOT_REF2")
                if any(r not in slots for r in refs):
                    raise InputError(name, f"annotation {ann.get('ANNOTATION_ID')} refers "
                                     f"to a time slot that does not exist", line, 0,
                                     code="eaf-invalid")
                start, end = slots[refs[0]], slots[refs[1]]
                check_times(name, line, start, end)
                text = (ann.findtext("ANNOTATION_VALUE") or "").strip()
                if text:
                    blocks.append(Block(text, line, speaker=speaker, start=start, end=end,
                                        style=style))
            (kept if _figures_only(blocks) else tiers).append(blocks)
        yield from merge_tiers(tiers)
        yield from (Block(b.text, b.line, start=b.start, end=b.end, style=_NOTES)
                    for blocks in kept for b in blocks)


_NOTES = frozenset({"furniture"})
_FIGURE = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def _figures_only(blocks: list[Block]) -> bool:
    """A tier whose every annotation is a figure holds no speech: a pause's length in
    seconds ("0.643", a tier of silence durations beside the speaker's own), a count."""
    return bool(blocks) and all(_FIGURE.fullmatch(b.text) for b in blocks)


def _tier_speaker(tier, with_participant: bool) -> tuple[str | None, frozenset]:
    """An independent ELAN tier's speaker (None: nobody named) and its blocks' style
    (furniture: a tier naming no participant among tiers that do)."""
    participant = (tier.get("PARTICIPANT") or "").strip()
    if participant:
        return participant, frozenset()
    if with_participant:
        return None, _NOTES
    tier_id = (tier.get("TIER_ID") or "").strip()
    if is_placeholder(tier_id) or normalised_name(tier_id) in column_names()["text"]:
        return None, frozenset()
    return tier_id or None, frozenset()


class TextGridReader:
    """Praat .TextGrid: one block per non-empty interval of an interval tier.

    The speaker is the tier's name, or its part before " - " where a forced aligner
    names the tier "<speaker> - <kind>" ("IVR - words"); a tier of a kind that holds no
    speech ("IVR - phones", ``_columns.toml`` ``[tiers]``) is kept apart, verbatim, as
    furniture. Point tiers are left out. ``line`` is where the interval's text stands in
    the file (found by its quoted text, in order).
    """

    suffixes = (".textgrid",)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        tgio = need_library("praatio.utilities.textgrid_io", "praatio", name, ".TextGrid")
        text = decode(data, name).text.lstrip("\ufeff")
        if '"ooTextFile' not in text[:200] and not text.lstrip().startswith("{"):
            raise InputError(name, "not a Praat TextGrid: no 'File type = \"ooTextFile\"' "
                             "header", 1, 1, code="textgrid-invalid")
        try:
            grid = tgio.parseTextgridStr(text, includeEmptyIntervals=False)
        except (ValueError, KeyError, IndexError, TypeError, json.JSONDecodeError,
                AttributeError) as exc:
            detail = " ".join(str(exc).split())[:100] or type(exc).__name__
            raise InputError(name, f"damaged TextGrid: {detail}; save it again from Praat",
                             code="textgrid-invalid") from None
        pos = 0
        tiers, kept = [], []
        for tier in grid["tiers"]:
            if tier.get("class") != "IntervalTier":
                continue
            speaker, speech = _grid_tier_speaker(tier["name"])
            blocks = []
            for start, end, label in tier["entries"]:
                found = text.find(json.dumps(label, ensure_ascii=False).replace('\\"', '""'),
                                  pos)
                if found >= 0:
                    pos = found + 1
                line = text.count("\n", 0, pos) + 1
                if label.strip():
                    check_times(name, line, float(start), float(end))
                    blocks.append(Block(label.strip(), line, speaker=speaker if speech else None,
                                        start=float(start), end=float(end),
                                        style=frozenset() if speech else _NOTES))
            (tiers if speech else kept).append(blocks)
        yield from merge_tiers(tiers)
        yield from (b for blocks in kept for b in blocks)


def _grid_tier_speaker(tier_name: str) -> tuple[str, bool]:
    """(speaker, whether the tier is speech) of a TextGrid tier's name: "IVR - words" is
    IVR's speech, "IVR - phones" no speech, "Interviewer" the speaker's own tier."""
    speaker, dash, kind = tier_name.rpartition(" - ")
    if not dash or not speaker.strip():
        return tier_name, True
    kind = normalised_name(kind)
    if kind in tier_kinds_not_speech():
        return speaker.strip(), False
    return (speaker.strip(), True) if kind in column_names()["text"] else (tier_name, True)


class ExbReader:
    """EXMARaLDA basic transcription .exb: a speaker's transcription tier is its speech.

    Tiers of ``type="t"`` (transcription: the verbal tier, ``category="v"`` by
    convention) are speech; the speaker is the speaker table's
    ``abbreviation`` (the label the Partitur editor shows), else the speaker's
    id (a tier without a speaker is speech to attribute from its text).
    Events of a tier that follow on without a gap (one ends where the next
    starts) are one block, their texts joined as EXMARaLDA writes them (each
    event's text carries its own spaces; a word may run on into the next
    event). The blocks of all tiers are ordered by the common timeline, whose
    points need not have times. Events of the other tiers (annotations ``a``,
    descriptions ``d``: non-verbal behaviour, noises) are kept apart verbatim,
    as furniture. ``line`` is the first event's line in the file.
    """

    suffixes = (".exb",)
    kept_apart = "Events of the tiers other than the speakers' transcription tiers"

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        root = xml_root(data, name, "EXMARaLDA", "basic-transcription", "exb-invalid")
        timeline = {tli.get("id"): (i, _tli_time(tli, name))
                    for i, tli in enumerate(root.iterfind("basic-body/common-timeline/tli"))}
        labels = {spk.get("id"): (spk.findtext("abbreviation") or "").strip() or spk.get("id")
                  for spk in root.iterfind("head/speakertable/speaker")}
        tiers, positions, kept = [], [], []
        for tier in root.iterfind("basic-body/tier"):
            events = [_exb_event(ev, timeline, name) for ev in tier.iterfind("event")]
            if tier.get("type") != "t":
                kept.extend(Block(text.strip(), line, style=frozenset({"furniture"}))
                            for text, line, *_ in events if text.strip())
                continue
            speaker = labels.get(tier.get("speaker"), tier.get("speaker")) or None
            blocks = _exb_runs(sorted(events, key=lambda e: e[2]), speaker, timeline)
            tiers.append([b for b, _ in blocks])
            positions.append([p for _, p in blocks])
        yield from merge_tiers(tiers, positions)
        yield from kept


def _tli_time(tli, name: str) -> float | None:
    """A timeline point's time in seconds (None where the point has none)."""
    try:
        value = parse_seconds(tli.get("time"))
    except ValueError:
        raise InputError(name, f"timeline point {tli.get('id')} has time {tli.get('time')!r}, "
                         "not a number of seconds", tli.sourceline or 0, 0,
                         code="bad-time") from None
    check_times(name, tli.sourceline or 0, value, None)
    return value


def _exb_event(ev, timeline: dict, name: str) -> tuple:
    """(text, line, start point, end point) of an event, its points checked."""
    line = ev.sourceline or 0
    refs = ev.get("start"), ev.get("end")
    missing = [r for r in refs if r not in timeline]
    if missing:
        raise InputError(name, f"an event refers to timeline point {missing[0]!r}, which the "
                         "common timeline does not have", line, 0, code="exb-invalid")
    start, end = (timeline[r] for r in refs)
    if end[0] <= start[0]:
        raise InputError(name, f"an event ends at {refs[1]} before the point it starts at "
                         f"({refs[0]}) in the common timeline", line, 0, code="exb-invalid")
    check_times(name, line, start[1], end[1])
    return ev.text or "", line, start[0], end[0]


def _exb_runs(events: list, speaker: str | None, timeline: dict) -> list[tuple[Block, int]]:
    """The tier's runs of events without a gap, each a block with its timeline position."""
    times = {i: t for i, t in timeline.values()}
    runs: list[list] = []
    for ev in events:
        if runs and runs[-1][-1][3] == ev[2]:
            runs[-1].append(ev)
        else:
            runs.append([ev])
    out = []
    for run in runs:
        text = "".join(e[0] for e in run).strip()
        if text:
            out.append((Block(" ".join(text.split()), run[0][1], speaker=speaker,
                              start=times[run[0][2]], end=times[run[-1][3]]), run[0][2]))
    return out
