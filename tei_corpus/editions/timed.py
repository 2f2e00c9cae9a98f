"""Timed editions of a TEI document: captions and annotation files.

WebVTT, SubRip and ELAN are written by shipped stylesheets (``xslt/vtt.xsl``,
``srt.xsl``, ``eaf.xsl``); a Praat TextGrid is written here from the cues the
stylesheet ``xslt/cues.xsl`` gives, because its tiers must tile the time
line without overlaps, which is a running maximum over each speaker's turns.
Each cue is one timed utterance (``u/@start`` and ``u/@end`` resolved through
the timeline); a document with none is refused (``untimed``), never written
as an empty file.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..errors import ConfigError, InputError
from .render import _as_tree, _path_of, check_tei
from .stylesheets import apply_stylesheet

#: Timed edition kinds and what each is called in messages.
TIMED_KINDS: dict[str, str] = {"vtt": "WebVTT", "srt": "SubRip", "eaf": "ELAN",
                               "textgrid": "Praat TextGrid"}
_TC = "{urn:x-tei-corpus:xslt}"


@dataclass
class _Tier:
    """One speaker's intervals, tiling the time line from 0.

    A cue that cannot have an interval of its own (no duration, or inside
    this speaker's previous one) joins the previous interval's text, or the
    next one's when it comes first: its words are kept, its times are not.
    """

    name: str
    intervals: list[list] = field(default_factory=list)     # [start, end, text]
    reached: float = 0.0
    pending: str = ""

    def add(self, start: float, end: float, text: str) -> None:
        """Add a cue, clipped where it overlaps this speaker's previous ones."""
        start = max(start, self.reached)
        if end <= start:
            if self.intervals:
                last = self.intervals[-1]
                last[2] = f"{last[2]} {text}".strip()
            else:
                self.pending = f"{self.pending} {text}".strip()
            return
        if start > self.reached:
            self.intervals.append([self.reached, start, ""])
        self.intervals.append([start, end, f"{self.pending} {text}".strip()])
        self.reached, self.pending = end, ""

    def close(self, end: float) -> None:
        """Fill the time line to ``end`` (an empty interval after the last cue)."""
        if end > self.reached or not self.intervals:
            self.intervals.append([self.reached, end, self.pending])
            self.reached, self.pending = end, ""


def render_timed(tree: etree._ElementTree, kind: str, *, path: str | None = None) -> bytes:
    """Render a timed edition: ``vtt``, ``srt``, ``eaf`` or ``textgrid``.

    Args:
        tree: a parsed TEI document whose utterances point into a timeline.
        kind: the edition kind.
        path: the input's name, for error messages.

    Returns:
        The file's bytes (UTF-8).

    Raises:
        InputError: not TEI, no timed utterance (``untimed``), or the
            stylesheet failed on it.
        ConfigError: an unknown kind.
    """
    tree = _as_tree(tree)
    if kind not in TIMED_KINDS:
        raise ConfigError(f"unknown timed edition {kind!r} (known: {', '.join(TIMED_KINDS)})")
    name = _path_of(tree, path)
    check_tei(tree, name)
    if kind == "textgrid":
        return _textgrid(apply_stylesheet("cues", tree, {}, path=name).getroot(), name)
    result = apply_stylesheet(kind, tree, {}, path=name)
    data = bytes(result) if (kind != "eaf" or result.getroot() is not None) else b""
    if not data.strip():
        raise _untimed(name, kind)
    return data


def _untimed(name: str, kind: str) -> InputError:
    return InputError(name, f"no timed utterance: a {TIMED_KINDS[kind]} edition needs u/@start "
                      "and u/@end pointing to a timeline (the source had no times)",
                      code="untimed")


def _textgrid(cues: etree._Element | None, name: str) -> bytes:
    """Write a long-form TextGrid: one interval tier per speaker, gaps as empty intervals."""
    found = [] if cues is None else cues.findall(f"{_TC}cue")
    if not found:
        raise _untimed(name, "textgrid")
    tiers = {s.get("who"): _Tier(s.get("tier")) for s in cues.iterfind(f"{_TC}speaker")}
    for cue in found:
        text = " ".join(line.text or "" for line in cue.iterfind(f"{_TC}line"))
        tiers[cue.get("who")].add(float(cue.get("start")), float(cue.get("end")), text)
    xmax = max(float(c.get("end")) for c in found)
    lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "",
             "xmin = 0 ", f"xmax = {_num(xmax)} ", "tiers? <exists> ", f"size = {len(tiers)} ",
             "item []: "]
    for i, tier in enumerate(tiers.values(), 1):
        tier.close(xmax)
        lines += [f"    item [{i}]:", '        class = "IntervalTier" ',
                  f"        name = {_quoted(tier.name)} ", "        xmin = 0 ",
                  f"        xmax = {_num(xmax)} ",
                  f"        intervals: size = {len(tier.intervals)} "]
        for k, (start, end, text) in enumerate(tier.intervals, 1):
            lines += [f"        intervals [{k}]:", f"            xmin = {_num(start)} ",
                      f"            xmax = {_num(end)} ", f"            text = {_quoted(text)} "]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _quoted(text: str) -> str:
    """A Praat string: in double quotes, a double quote doubled."""
    return '"' + " ".join(text.split()).replace('"', '""') + '"'
