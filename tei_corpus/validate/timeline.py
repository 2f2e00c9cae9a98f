"""The project's time rules (group ``time``): the timeline and the times of turns.

A ``timeline`` holds ``when`` points, each at an ``absolute`` time or an
``interval`` (in the timeline's ``unit``) ``since`` another point; turns point
to them with ``@start`` and ``@end``, other elements with ``@synch``. The
rules (schemas/RULES.md): every such pointer names a ``when``; the points of
a timeline are in the order of their times; a turn does not end before it
starts; the points inside a turn (``anchor/@synch``) come in the order of
their times, between its start and its end; a turn that starts before the
previous turn ends is marked ``trans="overlap"``.
"""
from __future__ import annotations

import re
from datetime import datetime

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TIME_POINTERS = ("start", "end", "synch")

#: Seconds per ``@unit`` of a timeline or a when (TEI's suggested values).
UNIT_SECONDS = {"d": 86400.0, "h": 3600.0, "min": 60.0, "s": 1.0, "ms": 0.001}
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$")


def _refs(value):
    return [t[1:] for t in (value or "").split() if len(t) > 1 and t[0] == "#"]


def parse_absolute(value: str | None) -> float | None:
    """Return an ``absolute`` time (``hh:mm:ss[.s]`` or an ISO date-time) in seconds, else None."""
    if not value:
        return None
    m = _CLOCK.match(value.strip())
    if m:
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    try:
        return datetime.fromisoformat(value.strip()).timestamp()
    except ValueError:
        return None


class Clock:
    """The time in seconds of each ``when`` of a document (None when it has none)."""

    def __init__(self, ids: dict) -> None:
        self.ids = ids
        self.cache: dict = {}

    def time(self, when, seen=()) -> float | None:
        """Return the time of ``when``: its ``absolute``, or its ``interval`` after ``since``."""
        key = id(when)
        if key not in self.cache:
            self.cache[key] = self._compute(when, seen)
        return self.cache[key]

    def _compute(self, when, seen) -> float | None:
        absolute = parse_absolute(when.get("absolute"))
        if absolute is not None:
            return absolute
        since = _refs(when.get("since"))
        try:
            interval = float(when.get("interval", ""))
        except ValueError:
            return None
        base = self.ids.get(since[0]) if len(since) == 1 else None
        if base is None or base.tag != T + "when" or id(base) in seen:
            return None
        start = self.time(base, (*seen, id(when)))
        return None if start is None else start + interval * self._unit(when)

    @staticmethod
    def _unit(when) -> float:
        parent = when.getparent()
        unit = when.get("unit") or (parent.get("unit") if parent is not None else None) or "s"
        return UNIT_SECONDS.get(unit, 1.0)


def check_times(checker) -> None:
    """Report the time findings of a document through ``checker.report`` (see rules.py).

    The checker gives the document's ids, its attributes (``checker.attributes``,
    gathered in one walk), its u elements (``checker.turns``, None where a TEI starts) and its
    timelines (``checker.timelines``).
    """
    clock = Clock(checker.ids)
    timed = checker.attributes.elements_with(TIME_POINTERS)
    check_time_pointers(checker, timed)
    check_when_order(checker, clock)
    check_turn_times(checker, checker.turns, clock)
    check_anchor_order(checker, [el for el in timed if el.tag == T + "anchor"], clock)


def check_time_pointers(checker, timed) -> None:
    """``time-pointer-unresolved``: @start, @end and @synch name a ``when`` of the document.

    ``timed``: the elements with any of these attributes, in document order.
    """
    for el in timed:
        for attr in TIME_POINTERS:
            value = el.get(attr)
            if not value:               # (an element may carry one of them only)
                continue
            for ref in _refs(value):
                target = checker.ids.get(ref)
                if target is not None and target.tag == T + "when":
                    continue
                what = "which is not an id in this document" if target is None else \
                    f"a <{checker.name(target)}>, not a <when> of a timeline"
                checker.report(el, "time-pointer-unresolved",
                               f"@{attr} of <{checker.name(el)}> points to \"#{ref}\", {what}",
                               attr=attr)


def check_when_order(checker, clock: Clock) -> None:
    """``time-order``: the points of each timeline come in the order of their times."""
    for timeline in checker.timelines:
        last = last_el = None
        for when in timeline.iter(T + "when"):
            t = clock.time(when)
            if t is None:
                continue
            if last is not None and t < last:
                checker.report(when, "time-order",
                               f"<when> \"{when.get(XML_ID, '')}\" is at {t:g} s, before "
                               f"the point before it (\"{last_el.get(XML_ID, '')}\", "
                               f"at {last:g} s)")
            last, last_el = t, when


def _point(checker, clock: Clock, el, attr) -> float | None:
    refs = _refs(el.get(attr))
    target = checker.ids.get(refs[0]) if len(refs) == 1 else None
    if target is None or target.tag != T + "when":
        return None
    return clock.time(target)


def check_turn_times(checker, turns, clock: Clock) -> None:
    """``time-start-after-end`` and ``time-overlap-unmarked`` for the turns of each document.

    ``turns``: the u elements in document order, None where a TEI starts.
    """
    timed = set(checker.attributes.elements_with(("start", "end")))
    previous_end = None
    for el in turns:
        if el is None:                  # a TEI: its turns follow
            previous_end = None
            continue
        if el not in timed:             # no time of its own, none to carry
            continue
        start, end = _point(checker, clock, el, "start"), _point(checker, clock, el, "end")
        if start is not None and end is not None and start > end:
            checker.report(el, "time-start-after-end",
                           f"turn starts at {start:g} s, after its end at {end:g} s",
                           attr="start")
        if start is not None and previous_end is not None and start < previous_end \
                and el.get("trans") != "overlap":
            checker.report(el, "time-overlap-unmarked",
                           f"turn starts at {start:g} s, before the turn before it ends "
                           f"({previous_end:g} s), but has no trans=\"overlap\"",
                           severity="warning", attr="start")
        if end is not None:
            previous_end = end


def check_anchor_order(checker, anchors, clock: Clock) -> None:
    """``time-anchor-order``: a turn's points come in time order, inside its start and end.

    ``anchors``: the anchors with @synch; only the turns that hold one are read.
    """
    holders = {u for anchor in anchors for u in anchor.iterancestors(T + "u")}
    for u in checker.turns:
        if u not in holders:
            continue
        start, end = _point(checker, clock, u, "start"), _point(checker, clock, u, "end")
        last, last_el = start, None
        for anchor in u.iter(T + "anchor"):
            t = _point(checker, clock, anchor, "synch")
            if t is None:
                continue
            if last is not None and t < last:
                before = f"the point before it ({last:g} s)" if last_el is not None else \
                    f"the turn's start ({last:g} s)"
                checker.report(anchor, "time-anchor-order",
                               f"<anchor> points to {t:g} s, before {before}", attr="synch")
            elif end is not None and t > end:
                checker.report(anchor, "time-anchor-order",
                               f"<anchor> points to {t:g} s, after the turn's end ({end:g} s)",
                               attr="synch")
            last, last_el = max(t, last) if last is not None else t, anchor
