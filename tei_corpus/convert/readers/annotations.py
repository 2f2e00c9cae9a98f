"""Annotation readers: ELAN .eaf and Praat .TextGrid, one tier per speaker.

ELAN files are XML, so they are parsed with the toolkit's one safe parser
(``xmlio.parse_bytes``: no DTD, no external entity, size limits) rather than
with pympi-ling, which parses with the standard library's ElementTree; the
format is small (time slots, tiers, annotations). TextGrid files (long, short
and praatio's JSON forms) are parsed with praatio.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ...errors import InputError
from ...xmlio import parse_bytes
from ..read import decode
from .base import Block, check_times, need_library


def _merge(tiers: list[list[Block]]) -> list[Block]:
    """All tiers' blocks in time order (tier order, then source order, breaks ties)."""
    keyed = []
    for t, blocks in enumerate(tiers):
        last = 0.0
        for k, b in enumerate(blocks):
            last = b.start if b.start is not None else last
            keyed.append(((last, t, k), b))
    return [b for _, b in sorted(keyed, key=lambda kb: kb[0])]


class EafReader:
    """ELAN .eaf: one block per annotation of an independent tier.

    The speaker is the tier's ``PARTICIPANT`` when set, else its ``TIER_ID``.
    Dependent tiers (``PARENT_REF``: translations, glosses, notes) are not
    speech and are left out. ``line`` is the annotation's line in the file.
    """

    suffixes = (".eaf",)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        root = self._root(data, name)
        if root.tag != "ANNOTATION_DOCUMENT":
            raise InputError(name, f"not an ELAN file: the root element is <{root.tag}>, "
                             "not <ANNOTATION_DOCUMENT>", root.sourceline or 0, 0,
                             code="eaf-invalid")
        slots = {}
        for slot in root.iterfind("TIME_ORDER/TIME_SLOT"):
            value = slot.get("TIME_VALUE")
            slots[slot.get("TIME_SLOT_ID")] = int(value) / 1000 if value else None
        tiers = []
        for tier in root.iterfind("TIER"):
            if tier.get("PARENT_REF"):
                continue
            speaker = (tier.get("PARTICIPANT") or "").strip() or tier.get("TIER_ID")
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
                    blocks.append(Block(text, line, speaker=speaker, start=start, end=end))
            tiers.append(blocks)
        yield from _merge(tiers)

    @staticmethod
    def _root(data: bytes, name: str):
        """Parse with the safe parser; an XML error is an ELAN error at the same position."""
        try:
            return parse_bytes(data, name).getroot()
        except InputError as exc:
            raise InputError(name, f"not a readable ELAN file: {exc.message}; save it again "
                             "from ELAN", exc.line, exc.col, code="eaf-invalid") from None


class TextGridReader:
    """Praat .TextGrid: one block per non-empty interval of an interval tier.

    The speaker is the tier's name; point tiers are left out. ``line`` is where
    the interval's text stands in the file (found by its quoted text, in order).
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
        tiers = []
        for tier in grid["tiers"]:
            if tier.get("class") != "IntervalTier":
                continue
            blocks = []
            for start, end, label in tier["entries"]:
                found = text.find(json.dumps(label, ensure_ascii=False).replace('\\"', '""'),
                                  pos)
                if found >= 0:
                    pos = found + 1
                line = text.count("\n", 0, pos) + 1
                if label.strip():
                    check_times(name, line, float(start), float(end))
                    blocks.append(Block(label.strip(), line, speaker=tier["name"],
                                        start=float(start), end=float(end)))
            tiers.append(blocks)
        yield from _merge(tiers)
