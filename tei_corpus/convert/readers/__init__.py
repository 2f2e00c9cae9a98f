"""Format readers: bytes of subtitles and captions, ASR output, CSV and spreadsheets (Excel,
OpenDocument), PDF, Word, OpenDocument text, RTF, ELAN, Praat, EXMARaLDA, CHAT and Transcriber
files into blocks.

Each reader is a small class with ``suffixes`` and ``read(data, name)``; the
segmenter only ever sees :class:`Block` objects. Plain text, Markdown and HTML
are not read here: the text segmenter reads them itself.

    blocks = read_blocks(path.read_bytes(), str(path))
    if blocks is None:          # .txt, .md, .html: the text path
        ...
    turns = speaker_turns(blocks)
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from ..read import decode
from .annotations import EafReader, ExbReader, TextGridReader
from .base import Block, Reader
from .cues import SbvReader, SrtReader, VttReader
from .documents import DocxReader, PdfReader
from .odt import OdtReader
from .records import CsvReader, JsonReader, TableReader, column_names
from .rtf import RtfReader
from .sheets import OdsReader, XlsxReader
from .substation import SubStationReader
from .talk import ChatReader, TrsReader
from .timedtext import SamiReader, TtmlReader

__all__ = ["Block", "Reader", "READERS", "TEXT_SUFFIXES", "reader_for", "read_blocks",
           "speaker_turns", "block_warnings", "misnamed_captions", "VttReader", "SrtReader",
           "JsonReader", "CsvReader",
           "kept_apart", "PdfReader", "DocxReader", "EafReader", "TextGridReader", "OdtReader",
           "RtfReader", "SbvReader", "TtmlReader", "SamiReader", "SubStationReader",
           "ExbReader", "ChatReader", "TrsReader", "XlsxReader", "OdsReader"]

# Suffixes the text segmenter reads itself (no reader).
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")

READERS: tuple[Reader, ...] = (VttReader(), SrtReader(), JsonReader(), CsvReader(),
                               PdfReader(), DocxReader(), EafReader(), TextGridReader(),
                               OdtReader(), RtfReader(), SbvReader(), TtmlReader(),
                               SamiReader(), SubStationReader(), ExbReader(), ChatReader(),
                               TrsReader(), XlsxReader(), OdsReader())


def reader_for(name: str) -> Reader | None:
    """Return the reader for a file name's suffix (case-insensitive), or None."""
    suffix = PurePath(name).suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes:
            return reader
    return None


def read_blocks(data: bytes, name: str, *, columns: dict | None = None) -> list[Block] | None:
    """Read a source's bytes into blocks with the reader its suffix names.

    Args:
        data: the file's bytes.
        name: the file name (its suffix chooses the reader; it names the file in errors).
        columns: for CSV/TSV and spreadsheets, the user's names for the ``text``, ``speaker``,
            ``start`` and ``end`` columns (header names or 0-based indexes).

    Returns:
        The blocks in source order, or None for the formats the text segmenter
        reads itself (.txt, .md, .html, .htm) and for suffixes no reader knows. A .txt
        file holding WebVTT or SRT captions is read as its captions.

    Raises:
        InputError: the file cannot be read as its format, or the format's
            optional library is not installed.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        reader = _captions_in_text(data) if suffix == ".txt" else None
        return list(reader.read(data, name)) if reader is not None else None
    reader = reader_for(name)
    if reader is None or misnamed_captions(data, name):
        return None
    if columns is not None and isinstance(reader, TableReader):
        reader = replace(reader, columns=columns)
    return list(reader.read(data, name))


# Captions saved with a .txt name (a download, a meeting tool's export): WebVTT's header,
# or SRT's first cue (its number, then its times).
_WEBVTT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*WEBVTT(?:[ \t].*)?\r?\n")
_SRT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\d{1,6}[ \t]*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")


def _captions_in_text(data: bytes) -> Reader | None:
    """The caption reader of a text file that holds WebVTT or SRT captions, else None."""
    head = data[:512]
    if _WEBVTT.match(head):
        return VttReader()
    if _SRT.match(head):
        return SrtReader()
    return None


def misnamed_captions(data: bytes, name: str) -> str | None:
    """What the report says of a file named as captions (.srt, .vtt, .sbv) that holds no cue
    timing line at all (a transcript saved under a caption name): it is read as plain text.
    None for every other file, and for a captions file with a damaged cue, whose error
    names the cue."""
    timing = getattr(reader_for(name), "cue_timing", None)
    if timing is None or timing.search(decode(data, name).text):
        return None
    return (f"the {PurePath(name).suffix.lower()} file holds no cue timing line: "
            "read as plain text")


def block_warnings(blocks, name: str) -> list[str]:
    """Return what the report should warn about a source's blocks (none for most formats).

    A CSV/TSV or spreadsheet without a speaker column is read, but its turns can then only come
    from labels printed in the text: the report says so, and how to name the column.
    """
    if isinstance(reader_for(name), TableReader) and blocks and all(
            b.speaker is None for b in blocks):
        names = ", ".join(column_names()["speaker"][:5])
        return [f"no speaker column (a header named {names}): turns come only from labels "
                "in the text; rename the speaker column to speaker"]
    return []


def kept_apart(name: str) -> str:
    """Say what a format's furniture blocks are, for the editorial notes.

    A reader names it in ``kept_apart`` (the PDF reader: page heads and page
    numbers; CHAT: headers and dependent tiers); otherwise it is said generally.
    """
    return getattr(reader_for(name), "kept_apart", "Text the format keeps apart from the speech")


def speaker_turns(blocks) -> list[tuple[str | None, list[Block]]]:
    """Group blocks into turns: a run of consecutive blocks with one speaker is one turn.

    This is the rule for structured and timed formats (cues, segments, rows by the
    same speaker in a row are one turn; a new speaker starts a new one). Blocks
    whose speaker is None are not merged: each stays alone, for the segmenter to
    attribute (a ``Name:`` prefix, or the continuation of the current turn).
    Furniture blocks (``style`` has ``"furniture"``) are dropped.

    Returns:
        (speaker, blocks) pairs in source order.
    """
    turns: list[tuple[str | None, list[Block]]] = []
    for block in blocks:
        if "furniture" in block.style:
            continue
        if block.speaker is not None and turns and turns[-1][0] == block.speaker:
            turns[-1][1].append(block)
        else:
            turns.append((block.speaker, [block]))
    return turns
