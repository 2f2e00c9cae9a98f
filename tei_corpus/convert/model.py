"""The neutral transcript model between parsing and encoding.

A :class:`Transcript` knows nothing of TEI and nothing of the input's house
style: readers and segmenters fill it, the encoder turns it into TEI.

Inline content of a paragraph is a list of *items*: plain strings and
:class:`Inline` objects (events, cues, foreign phrases, page numbers...).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Inline:
    """A marked stretch inside a paragraph.

    ``kind`` is one of: ``vocal``, ``kinesic``, ``incident``, ``gap``,
    ``unclear``, ``pause``, ``delivery`` (an interpreter or language cue),
    ``foreign``, ``fw`` (a page number), ``time`` (a printed timestamp),
    ``elision`` (text the source itself left out, printed as an ellipsis),
    ``heading`` (a heading between turns, such as a news segment's title),
    ``label`` (the speaker's label printed again on a cue that continues the turn),
    ``point`` (a time the format gives inside a turn, a segment's or a word's:
    empty, ``text`` is ""). ``text`` is the source's wording, verbatim.
    """

    kind: str
    text: str
    type: str = ""          # the closed @type value (events) or reason (gap)
    lang: str = ""          # foreign phrases, language cues
    at: float | None = None  # a printed time's place on the timeline (seconds), when linked


Item = "str | Inline"


@dataclass
class Paragraph:
    """One paragraph of a turn (a ``seg``), or a stand-alone event."""

    items: list            # list[str | Inline]
    line: int = 0          # 1-based source line of its start
    interpreted: bool = False   # delivered through the interpreter (set on partly interpreted turns)

    def text(self) -> str:
        """Return the paragraph's printed text."""
        return "".join(i if isinstance(i, str) else i.text for i in self.items)

    def is_heading(self) -> bool:
        """Return True for a heading between turns (a segment title)."""
        return len(self.items) == 1 and isinstance(self.items[0], Inline) \
            and self.items[0].kind == "heading"

    def is_event_only(self) -> bool:
        """Return True when the paragraph holds only events and blanks."""
        has_event = False
        for i in self.items:
            if isinstance(i, str):
                if i.strip():
                    return False
            elif i.kind in {"vocal", "kinesic", "incident", "pause", "gap"}:
                has_event = True
            elif i.kind == "point":
                continue
            else:
                return False
        return has_event


@dataclass
class Turn:
    """One occurrence of a speaker label and the speech that follows it."""

    label: str                     # printed label, verbatim (without markdown)
    label_raw: str                 # the label as printed, delimiter included
    label_parts: list = field(default_factory=list)   # label_raw as items: a printed time is Inline("time")
    who: str = ""                  # participant id ("" = unattributed)
    paragraphs: list = field(default_factory=list)   # list[Paragraph]
    after: list = field(default_factory=list)        # event paragraphs after the turn
    line: int = 0
    delivery: list = field(default_factory=list)   # verbatim cues printed after the label
    interpreted: bool = False
    truncated: bool = False
    truncated_by: str = ""         # "punctuation" | "inaudible" | "cue"
    interrupting: bool = False
    overlaps: bool = False         # starts before the turn before it ends (its times say so)
    interrupting_cert: str = ""    # "medium" when inferred from punctuation
    resumes: int | None = None     # index of the turn this one continues (@prev)
    continued_by: int | None = None
    corresp: int | None = None     # the turn this one renders (interpreter) or is rendered by
    lang: str = ""                 # xml:lang of the rendition when interpreted
    unlabelled: bool = False       # speech before the first label
    start: float | None = None     # seconds from the recording's start (timed formats)
    end: float | None = None


@dataclass
class Participant:
    """A person or group that speaks (or interprets) in the transcript."""

    id: str
    labels: list = field(default_factory=list)   # printed labels that map here
    name: str = ""                 # full name where known
    surname: str = ""
    role_title: str = ""           # e.g. "Secretary of State", "Prime Minister"
    role: str = "principal"        # principal | moderator | journalist | interpreter
    affiliations: list = field(default_factory=list)   # list[(type, text)]
    idno: list = field(default_factory=list)           # list[(type, value)]
    group: bool = False            # personGrp (press, audience, unnamed interpreter)
    guessed: list = field(default_factory=list)        # what was guessed, for the report
    from_registry: bool = False


@dataclass
class Block:
    """Matter outside the transcript, kept verbatim (one source line each)."""

    kind: str                      # "boilerplate" | "frontmatter"
    lines: list                    # list[(lineno, text)]


@dataclass(frozen=True)
class Recording:
    """The recording a transcript's times refer to (``recordingStmt/recording``)."""

    kind: str = "audio"            # audio | video
    url: str = ""                  # where the media file is ("" = not given)
    mime_type: str = ""


@dataclass
class Transcript:
    """A whole transcript: metadata, participants, turns, outside matter."""

    doc_id: str
    title: str = ""
    title_source: str = ""         # "front matter" | "document" | "url" | "file name"
    source_url: str = ""
    date: str = ""
    lang: str = "en"
    front: list = field(default_factory=list)     # list[Block]
    back: list = field(default_factory=list)      # list[Block]
    turns: list = field(default_factory=list)     # list[Turn]
    participants: list = field(default_factory=list)  # list[Participant]
    languages: dict = field(default_factory=dict)  # ident -> name
    normalisations: list = field(default_factory=list)  # editorial decisions taken
    profile: str = ""
    source_name: str = ""
    recording: Recording | None = None   # the media file, when known

