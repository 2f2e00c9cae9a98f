"""Readers of linguists' and oral historians' transcripts: CHAT .cha and Transcriber .trs.

CHAT (CHILDES, TalkBank) is a line format: ``@`` headers, ``*SPK:`` main tiers
(the utterances), ``%tier:`` dependent tiers (morphology, grammar, comments),
a tab at the start of a line continuing the line before. Transcriber files
are XML, parsed with the toolkit's one safe parser (``xmlio``): the DOCTYPE
they name (``trans-14.dtd``) is never read, and the encoding they declare
(often ISO-8859-1) is the one used.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...errors import InputError
from .base import Block, check_times, decode_lines, parse_seconds, xml_root

_FURNITURE = frozenset({"furniture"})

# A main tier: "*MOT:" then a tab (a space is tolerated) and the utterance.
_MAIN = re.compile(r"^\*([^:\s]+):(?:[\t ](.*))?$")
# The languages header: its first code is the transcript's ("@Languages:\tjpn, eng").
_LANGUAGES = re.compile(r"^@Languages:\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)")
# A media bullet: start and end in milliseconds between two NAK (U+0015) characters.
# NAK is a control character: it is read as its picture, U+2415, so that the
# decoder does not take a file of bullets for binary data.
_NAK = "\u2415"
_BULLET = re.compile(f"{_NAK}([^{_NAK}]*){_NAK}")
_BULLET_TIMES = re.compile(r"^(\d+)_(\d+)$")
# A word of a %wor tier and its bullet.
_WORD_BULLET = re.compile(f"(\\S+)\\s*{_NAK}(\\d+)_(\\d+){_NAK}")


class ChatReader:
    """CHAT .cha: one block per main tier (utterance), its speaker the code printed.

    The speaker is the main tier's code (``MOT``, ``CHI``): what the transcript
    prints before each utterance; the names and roles of ``@Participants`` and
    ``@ID`` are kept with the other headers. The media bullet
    (``\\x15start_end\\x15``, in milliseconds) gives the utterance's times and
    is taken out of its text; continuation lines are joined to their line.
    A ``%wor`` tier's word bullets are the words' times (``--word-times``).
    Headers and dependent tiers (``%mor``, ``%gra``, ``%com`` ...) are not
    speech: they are kept apart verbatim, as furniture, after the utterances
    (a bullet's NAK characters there become spaces, as control characters do
    in every text the toolkit reads).
    """

    suffixes = (".cha",)
    kept_apart = "Headers (participants, languages, dates) and dependent tiers (%mor, %com ...)"

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        records = _chat_records(decode_lines(data.replace(b"\x15", _NAK.encode()), name), name)
        if not any(text.startswith("*") for _, text in records):
            raise InputError(name, "not a CHAT file: no main tier (a line such as "
                             "'*CHI:\\tmore cookie .')", 1, 1, code="chat-invalid")
        said, kept = [], []
        lang = next((_LANGUAGES.match(t).group(1) for _, t in records if _LANGUAGES.match(t)), "")
        for line, text in records:
            if text.startswith("*"):
                said.append(replace(_utterance(text, line, name), lang=lang))
                continue
            if text.startswith("%wor:") and said:
                said[-1] = replace(said[-1], words=_word_times(text))
            kept.append(Block(text.replace(_NAK, " "), line, style=_FURNITURE))
        yield from said
        yield from kept


def _chat_records(lines: list[str], name: str) -> list[tuple[int, str]]:
    """The file's records (a header, a main or a dependent tier, with its continuations).

    Raises:
        InputError: a line is neither a header, a tier nor a continuation.
    """
    records: list[list] = []
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        if text[0] in "@*%":
            records.append([number, text.rstrip()])
        elif text[0] == "\t" and records:
            records[-1][1] += " " + text.strip()
        else:
            raise InputError(name, f"not a CHAT line: {text.strip()[:40]!r} starts with none "
                             "of @ (header), * (main tier), % (dependent tier) or a tab "
                             "(continuation)", number, 1, code="chat-invalid")
    return [(n, t) for n, t in records]


def _utterance(text: str, line: int, name: str) -> Block:
    """A main tier's block: its speaker code, its words without bullets, its times."""
    m = _MAIN.match(text)
    if m is None:
        raise InputError(name, f"not a CHAT main tier: {text[:40]!r} (expected '*CODE:' and "
                         "a tab before the utterance)", line, 1, code="chat-invalid")
    body, times = m.group(2) or "", []
    for b in _BULLET.finditer(body):
        t = _BULLET_TIMES.match(b.group(1).strip())
        if t is None:
            raise InputError(name, f"media bullet {b.group(1)!r} is not start_end in "
                             "milliseconds", line, len(m.group(1)) + 4 + b.start(),
                             code="bad-time")
        times.append((int(t.group(1)) / 1000, int(t.group(2)) / 1000))
    start, end = (times[0][0], times[-1][1]) if times else (None, None)
    check_times(name, line, start, end)
    words = " ".join(_BULLET.sub(" ", body).split())
    return Block(words, line, speaker=m.group(1), start=start, end=end)


def _word_times(text: str) -> tuple:
    """The (word, start, end) of a %wor tier's words that have a bullet, in order."""
    return tuple((m.group(1), int(m.group(2)) / 1000, int(m.group(3)) / 1000)
                 for m in _WORD_BULLET.finditer(text.split(":", 1)[1]))


class TrsReader:
    """Transcriber .trs: one block per synchronised segment of a turn.

    The speaker is the ``name`` the ``Speakers`` list gives the turn's speaker
    id (the id where it has none). A turn is cut at its ``Sync`` points: each
    segment runs from its point to the next one (or the turn's end). In a turn
    of several speakers (``speaker="spk1 spk2"``) each ``Who nb="n"`` part is
    the n-th speaker's. ``Event`` marks stay in the text where they stand, as
    Transcriber shows them: ``[desc]`` (``[desc-]`` where an event begins,
    ``[-desc]`` where it ends). Comments and the topics' descriptions are kept
    apart verbatim, as furniture; background sound marks carry no words and
    are left out. ``line`` is the segment's line in the file.
    """

    suffixes = (".trs",)
    kept_apart = "Comments and topic descriptions"

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        root = xml_root(data, name, "Transcriber", "Trans", "trs-invalid")
        names = {s.get("id"): (s.get("name") or "").strip() or s.get("id")
                 for s in root.iterfind("Speakers/Speaker")}
        kept = [Block(t.get("desc").strip(), t.sourceline or 0, style=_FURNITURE)
                for t in root.iterfind("Topics/Topic") if (t.get("desc") or "").strip()]
        lang = (root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("lang") or "").strip()
        for turn in root.iterfind("Episode/Section/Turn"):
            for block in _turn_blocks(turn, names, name):
                if "furniture" in block.style:
                    kept.append(block)
                else:
                    yield replace(block, lang=lang)
        yield from kept


def _turn_blocks(turn, names: dict, name: str) -> list[Block]:
    """A turn's segments (cut at Sync, and at Who in a turn of several speakers)."""
    line = turn.sourceline or 0
    ids = (turn.get("speaker") or "").split()
    unknown = [i for i in ids if i not in names]
    if unknown:
        raise InputError(name, f"turn speaker {unknown[0]!r} is not in the Speakers list",
                         line, 0, code="trs-invalid")
    end = _seconds(turn, "endTime", name)
    parts = [[_seconds(turn, "startTime", name), ids[0] if len(ids) == 1 else None,
              line, []]]
    out = []
    for node in turn.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "Sync":
            parts.append([_seconds(node, "time", name), parts[-1][1], node.sourceline, []])
        elif tag == "Who":
            parts.append([parts[-1][0], _who(node, ids, name), node.sourceline, []])
        elif tag == "Event":
            parts[-1][3].append(_event_text(node))
        elif tag == "Comment" and (node.get("desc") or "").strip():
            out.append(Block(node.get("desc").strip(), node.sourceline or 0,
                             style=_FURNITURE))
        parts[-1][3].append(node.tail if node is not turn else node.text)
    return _segments(parts, end, names, name) + out


def _segments(parts: list, end: float | None, names: dict, name: str) -> list[Block]:
    """The parts with words, each timed from its Sync to the next one's (or the turn's end)."""
    blocks = []
    for k, (start, spk, line, texts) in enumerate(parts):
        words = " ".join("".join(t or "" for t in texts).split())
        if not words:
            continue
        stop = next((p[0] for p in parts[k + 1:] if p[0] != start), end)
        check_times(name, line or 0, start, stop)
        blocks.append(Block(words, line or 0, speaker=names.get(spk) if spk else None,
                            start=start, end=stop))
    return blocks


def _seconds(node, attr: str, name: str) -> float | None:
    try:
        return parse_seconds(node.get(attr))
    except ValueError:
        raise InputError(name, f"{attr} {node.get(attr)!r} is not a number of seconds",
                         node.sourceline or 0, 0, code="bad-time") from None


def _who(node, ids: list, name: str) -> str:
    """The speaker id a ``Who nb="n"`` mark names among the turn's speakers."""
    nb = node.get("nb") or ""
    if not nb.isdigit() or not 1 <= int(nb) <= len(ids):
        raise InputError(name, f"Who nb={nb!r} names none of the turn's {len(ids)} "
                         "speakers", node.sourceline or 0, 0, code="trs-invalid")
    return ids[int(nb) - 1]


def _event_text(node) -> str:
    """An event as Transcriber shows it in the text."""
    desc = (node.get("desc") or "").strip()
    extent = node.get("extent") or "instantaneous"
    shown = {"begin": f"[{desc}-]", "end": f"[-{desc}]"}.get(extent, f"[{desc}]")
    return f" {shown} "
