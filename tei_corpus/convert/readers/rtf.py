"""Rich Text Format (.rtf) with striprtf: one block per paragraph.

striprtf turns RTF into plain text (paragraphs as lines) and keeps nothing of
the formatting. A bold label at the start of a paragraph is evidence of a
speaker, as in .docx and .odt, so before striprtf reads the file every control
word that turns bold on (``\\b``, not ``\\b0``) is followed by a marker
character that striprtf passes through like any other character: a paragraph
whose text starts with the marker starts in bold. The markers are removed from
the text. The marker is U+FDD0, a noncharacter, which no text holds.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...errors import InputError
from .base import Block, need_library

_BOLD = "\ufdd0"
# The marker in RTF: in a group of its own, so that the \uc skip count around it holds.
_BOLD_RTF = r"{\uc1\u-560?}"     # U+FDD0 as RTF's signed 16-bit \u value (64976 - 65536)
_SIGNATURE = re.compile(rb"^\s*\{\s*\\rtf", re.S)


def _mark_bold(rtf: str, pattern: re.Pattern) -> tuple[str, int, int]:
    """Put the marker after each ``\\b`` that turns bold on; count the groups left open.

    ``pattern`` is striprtf's tokenizer, so the control words found are the ones
    striprtf reads (an escaped ``\\\\b`` is text, ``\\bin`` is another word).

    Returns:
        The RTF with markers, how many groups are still open at its end, and the
        offset where the outermost group still open began (-1 when none).
    """
    out, last, depth, opened = [], 0, 0, -1
    for m in pattern.finditer(rtf):
        word, arg, _hex, _char, brace, _text = m.groups()
        if brace == "{":
            depth += 1
            if depth == 1:
                opened = m.start()
        elif brace == "}":
            depth -= 1
        elif word == "b" and arg in (None, "1"):
            out.append(rtf[last:m.end()])
            out.append(_BOLD_RTF)
            last = m.end()
    out.append(rtf[last:])
    return "".join(out), max(depth, 0), opened if depth > 0 else -1


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def rtf_paragraphs(data: bytes, name: str) -> Iterator[tuple[str, bool]]:
    """Yield each non-blank paragraph's text and whether it starts in bold.

    Raises:
        InputError: striprtf is missing, or the file is not RTF or is truncated.
    """
    striprtf = need_library("striprtf.striprtf", "striprtf", name, ".rtf")
    if not _SIGNATURE.match(data[:64]):
        raise InputError(name, "not an RTF file: it does not start with '{\\rtf'; "
                         "save it again as Rich Text Format", 1, 1, code="rtf-invalid")
    # RTF is 7-bit text; any 8-bit byte is kept as the Latin-1 character, which the
    # normaliser reads as the cp1252 punctuation it stands for.
    rtf = data.decode("latin-1")
    marked, still_open, opened = _mark_bold(rtf, striprtf.PATTERN)
    if still_open:
        line, col = _position(rtf, len(rtf))
        start = ":".join(map(str, _position(rtf, opened)))
        raise InputError(name, f"truncated RTF: the file ends inside {still_open} open "
                         f"group{'s' if still_open > 1 else ''} (the one opened at {start} "
                         "is never closed); save the file again in full", line, col,
                         code="rtf-invalid")
    try:
        text = striprtf.rtf_to_text(marked)
    except (UnicodeDecodeError, LookupError, ValueError) as exc:
        detail = " ".join(str(exc).split())[:100] or type(exc).__name__
        raise InputError(name, f"unreadable RTF text ({detail}); save the file again as "
                         "Rich Text Format with Unicode", code="rtf-invalid") from None
    for para in text.split("\n"):
        stripped = para.strip()
        bold = stripped.startswith(_BOLD)
        stripped = stripped.replace(_BOLD, "").strip()
        if stripped:
            yield stripped, bold


class RtfReader:
    """Rich Text Format: one block per paragraph.

    ``line`` is the block's number in reading order; ``style`` has ``"bold"``
    when the paragraph's text starts in bold (the evidence of a label).
    """

    suffixes = (".rtf",)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        paragraphs = list(rtf_paragraphs(data, name))     # whole before the first block
        for number, (text, bold) in enumerate(paragraphs, 1):
            yield Block(text, number, style=frozenset({"bold"}) if bold else frozenset())
