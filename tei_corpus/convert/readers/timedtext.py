"""Caption readers for marked-up formats: TTML / DFXP and SAMI.

TTML is XML, so it is parsed with the toolkit's one safe parser
(``xmlio.parse_bytes``: no DTD, no external entity, size limits). SAMI is an
HTML-like tag soup (unclosed ``<SYNC>`` and ``<P>`` are the rule), so it is
parsed as the text path parses web pages: with lxml's HTML parser from
``xmlio.make_html_parser`` (no network, comments dropped, a nesting limit
reported), then read in document order, each ``<SYNC>`` starting a cue.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ...errors import InputError
from ...xmlio import check_html_depth, make_html_parser, parse_bytes
from ..read import decode
from .base import Block, check_times, parse_seconds

_STYLE_WORDS = {"italic": "italic", "bold": "bold", "underline": "underline"}


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _attr(el, local: str, ns_suffix: str | None = None) -> str | None:
    """An attribute by local name: unqualified, or in a namespace ending ``ns_suffix``
    (TTML's ``#parameter`` and ``#metadata``, whichever TTML or DFXP draft)."""
    for key, value in el.attrib.items():
        q = etree.QName(key)
        if q.localname != local:
            continue
        if (q.namespace is None) if ns_suffix is None else \
                (q.namespace or "").endswith(ns_suffix):
            return value
    return None


def _lines(parts: list[str]) -> str:
    """Join text pieces (``\\n`` where a line breaks) with each line's spaces collapsed."""
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# --- TTML / DFXP ----------------------------------------------------------------

# hh:mm:ss.fraction or hh:mm:ss:frames.subframes
_CLOCK = re.compile(r"^(\d{2,}):(\d{2}):(\d{2})(?:(\.\d+)|:(\d+)(?:\.(\d+))?)?$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$")
# Not TTML, but written by some (Apple's lyrics and podcast transcripts): m:ss.fff, seconds.
_LOOSE = re.compile(r"^(?:\d+:)?[0-5]?\d:[0-5]\d(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


class _Clock:
    """The document's time parameters (``ttp:frameRate``, ``ttp:tickRate``, ...)."""

    def __init__(self, root, name: str, source: str) -> None:
        self.name, self.source = name, source
        rate = self._number(root, "frameRate", 30.0)
        num, _, den = (_attr(root, "frameRateMultiplier", "#parameter") or "1 1").partition(" ")
        try:
            self.fps = rate * float(num) / float(den or 1)
        except (ValueError, ZeroDivisionError):
            raise self._error(root, "frameRateMultiplier",
                              "is not two numbers ('1000 1001')") from None
        self.subframes = self._number(root, "subFrameRate", 1.0)
        has_rate = _attr(root, "frameRate", "#parameter") is not None
        self.ticks = self._number(root, "tickRate", rate * self.subframes if has_rate else 1.0)

    def _number(self, root, key: str, default: float) -> float:
        value = _attr(root, key, "#parameter")
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            number = 0.0
        if not number > 0:
            raise self._error(root, key, "is not a positive number")
        return number

    def _error(self, el, key: str, what: str) -> InputError:
        line = el.sourceline or 0
        text = self.source.split("\n")[line - 1] if 0 < line <= self.source.count("\n") + 1 else ""
        col = text.find(f"{key}=") + 1
        value = next((v for k, v in el.attrib.items() if _local(k) == key), "")
        return InputError(self.name, f"{key}={value!r} {what}", line, max(col, 0),
                          code="bad-time")

    def seconds(self, el, key: str) -> float | None:
        """The ``begin``, ``end`` or ``dur`` of ``el`` in seconds, or None when absent."""
        value = _attr(el, key)
        if value is None:
            return None
        text = value.strip()
        try:
            return self._parse(text)
        except ValueError:
            raise self._error(el, key, "is not a TTML time (00:00:01.500, 00:00:01:12, "
                              "1.5s, 1500ms, 36f, 15000t)") from None

    def _parse(self, text: str) -> float:
        m = _CLOCK.match(text)
        if m:
            h, mi, s, frac, frames, sub = m.groups()
            out = int(h) * 3600 + int(mi) * 60 + int(s) + float(frac or 0)
            if frames is not None:
                out += (int(frames) + (int(sub) / self.subframes if sub else 0.0)) / self.fps
            return out
        m = _OFFSET.match(text)
        if m:
            value, unit = float(m.group(1)), m.group(2)
            if unit == "f":
                return value / self.fps
            if unit == "t":
                return value / self.ticks
            return value * _UNITS[unit]
        if not _LOOSE.match(text):
            raise ValueError(text)
        return parse_seconds(text)


def _agent_names(root) -> dict[str, str]:
    """``ttm:agent`` ids and the name each gives (its first ``ttm:name``), from the head."""
    names = {}
    for el in root.iter():
        if _local(el.tag) == "agent" and (etree.QName(el).namespace or "").endswith("#metadata"):
            ident = el.get("{http://www.w3.org/XML/1998/namespace}id")
            name = next((" ".join((n.text or "").split()) for n in el
                         if _local(n.tag) == "name" and (n.text or "").strip()), None)
            if ident:
                names[ident] = name or ident
    return names


class TtmlReader:
    """TTML and DFXP: one block per ``<p>``, timed as TTML times its elements.

    A ``begin``, ``end`` or ``dur`` counts from the begin of the element that
    holds it (a ``<div begin="3s">`` moves the paragraphs inside it); an element
    without an end ends with its parent. Times may be clock times (with frames at
    ``ttp:frameRate``) or offsets (``h``, ``m``, ``s``, ``ms``, ``f``, ``t`` at
    ``ttp:tickRate``). ``<br/>`` is a line break, spans are text, metadata is not.
    The speaker is the name of the ``ttm:agent`` the paragraph (or an element
    around it) names, from the agents declared in the head; a ``NAME:`` in the
    text is left for the segmenter.
    """

    suffixes = (".ttml", ".dfxp")

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        root = self._root(data, name)
        clock = _Clock(root, name, data.decode("utf-8", "replace"))
        agents = _agent_names(root)
        body = next((c for c in root if _local(c.tag) == "body"), None)
        if body is None:
            return
        begin, end = self._interval(body, 0.0, None, clock)
        yield from self._walk(body, begin, end, _attr(body, "agent", "#metadata"), clock,
                              agents, name)

    @staticmethod
    def _root(data: bytes, name: str):
        try:
            root = parse_bytes(data, name).getroot()
        except InputError as exc:
            raise InputError(name, f"not a readable TTML file: {exc.message}", exc.line,
                             exc.col, code="ttml-invalid") from None
        if _local(root.tag) != "tt":
            raise InputError(name, f"not a TTML file: the root element is <{_local(root.tag)}>, "
                             "not <tt>", root.sourceline or 0, 0, code="ttml-invalid")
        return root

    @staticmethod
    def _interval(el, parent_begin: float, parent_end, clock: _Clock):
        b, e, d = (clock.seconds(el, k) for k in ("begin", "end", "dur"))
        begin = parent_begin + (b or 0.0)
        if e is not None:
            end = parent_begin + e
        elif d is not None:
            end = begin + d
        else:
            end = parent_end
        check_times(clock.name, el.sourceline or 0, begin, end)
        return begin, end

    def _walk(self, el, begin, end, agent, clock, agents, name) -> Iterator[Block]:
        for child in el:
            local = _local(child.tag)
            if local not in ("div", "p"):
                continue
            b, e = self._interval(child, begin, end, clock)
            who = _attr(child, "agent", "#metadata") or agent
            if local == "div":
                yield from self._walk(child, b, e, who, clock, agents, name)
                continue
            parts, style = [], set()
            _paragraph_text(child, parts, style)
            text = _lines(parts)
            if text:
                speaker = ", ".join(agents.get(i, i) for i in who.split()) if who else None
                yield Block(text, child.sourceline or 0, speaker=speaker or None, start=b,
                            end=e, style=frozenset(style))


def _paragraph_text(el, parts: list[str], style: set) -> None:
    """The shown text of a ``<p>``/``<span>``: ``<br/>`` a break, metadata left out."""
    for key in ("fontStyle", "fontWeight", "textDecoration"):
        value = (_attr(el, key, "#styling") or "").lower()
        style.update(v for k, v in _STYLE_WORDS.items() if k in value)
    parts.append(el.text or "")
    for child in el:
        local = _local(child.tag)
        if local == "br":
            parts.append("\n")
        elif local == "span":
            _paragraph_text(child, parts, style)
        parts.append(child.tail or "")


# --- SAMI -----------------------------------------------------------------------

_SAMI_SKIP = frozenset({"head", "title", "style", "script"})
_SAMI_STYLE = {"b": "bold", "i": "italic", "u": "underline"}


class SamiReader:
    """SAMI (.smi, .sami): each ``<SYNC Start=ms>`` starts a cue that the next one ends.

    The page is read in document order whatever the parser nested (unclosed
    ``<SYNC>`` and ``<P>`` tags end up inside each other): text belongs to the
    last ``<SYNC>`` opened before it. A cue left with no text (``&nbsp;``) shows
    nothing and only ends the cue before it. ``<br>`` and ``<P>`` break lines;
    other tags are removed (bold, italic and underline kept in ``style``).
    """

    suffixes = (".smi", ".sami")

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        from lxml import html as lhtml

        text = decode(data, name).text
        parser = make_html_parser()
        root = lhtml.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
        check_html_depth(parser, name)
        cues = list(self._cues(root, name))
        if not cues:
            raise InputError(name, "not a SAMI file: no <SYNC Start=...> element", 1, 1,
                             code="sami-invalid")
        for k, (line, start, parts, style) in enumerate(cues):
            end = cues[k + 1][1] if k + 1 < len(cues) else None
            check_times(name, line, start, end)
            cue = _lines(parts)
            if cue:
                yield Block(cue, line, start=start, end=end, style=frozenset(style))

    @staticmethod
    def _cues(root, name: str) -> Iterator[tuple[int, float, list, set]]:
        """Yield (line, start, text pieces, style) per ``<SYNC>``, in document order."""
        cue, skipped = None, 0
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if event == "end":
                skipped -= tag in _SAMI_SKIP
                if cue is not None and not skipped and el.tail:
                    cue[2].append(el.tail)
                continue
            if tag in _SAMI_SKIP:
                skipped += 1
            if skipped:
                continue
            if tag == "sync":
                if cue is not None:
                    yield cue
                cue = (el.sourceline or 0, _sync_start(el, name), [], set())
            elif cue is not None and tag in ("br", "p"):
                cue[2].append("\n")
            if cue is not None:
                if tag in _SAMI_STYLE:
                    cue[3].add(_SAMI_STYLE[tag])
                cue[2].append(el.text or "")
        if cue is not None:
            yield cue


def _sync_start(el, name: str) -> float:
    value = next((v for k, v in el.attrib.items() if k.lower() == "start"), None)
    try:
        ms = float((value or "").strip().removesuffix("ms"))
    except ValueError:
        ms = -1.0
    if not ms >= 0:
        raise InputError(name, f"<SYNC Start={value!r}> is not a time in milliseconds",
                         el.sourceline or 0, 0, code="bad-time")
    return ms / 1000
