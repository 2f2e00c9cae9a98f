"""Bytes to text: encodings, newlines, invisible characters, front matter, HTML.

Everything here is lossless as far as words go: characters that change are
listed in the returned notes so the TEI header can say what was normalised.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import InputError

# Characters that are whitespace to a reader but not to str.split() users.
_SPACES = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u3000": " ", "\t": " ",
}
# Zero-width spaces, word joiners, stray BOMs and soft hyphens carry no letter.
# (ZWNJ and ZWJ do: they spell Persian, Indic and emoji words, and are kept.)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# C0 controls other than tab/newline/CR/form feed are not XML characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
# C1 controls in decoded text are, in practice, cp1252 punctuation stored by a
# tool that decoded cp1252 as Latin-1 (U+0096 for an en dash, U+0084/U+0093 for
# German quotes): they stand for that punctuation. The five code points cp1252
# leaves undefined become spaces.
_C1 = re.compile("[\x80-\x9f]")


def _cp1252_for_c1(c: str) -> str:
    try:
        return bytes([ord(c)]).decode("cp1252")
    except UnicodeDecodeError:
        return " "


def _replacements() -> dict:
    """What normalise() makes of each character it changes (besides line ends and tabs)."""
    table = {c: " " for c in _SPACES if c != "\t"}
    table.update((c, "") for c in "\u200b\u2060\ufeff\u00ad")
    table.update((c, _cp1252_for_c1(c)) for c in map(chr, range(0x80, 0xa0)))
    table.update((c, " ") for c in map(chr, [*range(0x20), 0x7f, 0xfffe, 0xffff])
                 if _CONTROL.match(c))
    return table


# The kinds above do not overlap, and no replacement is of another kind: each
# character is replaced on its own, in one pass over the text.
_REPLACEMENT = _replacements()
_CHANGED = re.compile("[" + re.escape("".join(_REPLACEMENT)) + "]")


# An HTML or XHTML page: the doctype or root, after an XML declaration and comments.
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"
                         rb"(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I | re.S)


# A file named as HTML may be a fragment of a page (a template's part, a content management
# system's body): its first element an HTML one, with no doctype or root before it.
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_FRAGMENT = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:div|p|h[1-6]|section|article|main|"
                            rb"header|table|ul|ol|dl|span|a|b|strong|em|i|br|hr|blockquote|pre|"
                            rb"figure|nav|aside|footer|meta|link|title|style|script)[\s>/]",
                            re.I | re.S)


@dataclass
class Decoded:
    """Text read from bytes, and what was done to read it."""

    text: str
    encoding: str
    notes: list = field(default_factory=list)      # normalisations, for editorialDecl
    warnings: list = field(default_factory=list)   # for the report
    html: bool = False


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl > max(8, len(sample) // 50)


_UTF16_MIN_BYTES = 16


def _utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when NULs sit at alternate positions.

    A few bytes are no evidence: ``000\\x00`` is a NUL after three digits far
    more often than two UTF-16 characters, so at least eight characters' worth
    of bytes are needed before the NULs are read as a byte order.
    """
    sample = data[:4096]
    if len(sample) < _UTF16_MIN_BYTES:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode a raw transcript's bytes.

    A BOM (UTF-8, UTF-16, UTF-32) decides; then UTF-16 without one; then the
    charset an HTML page declares (``<meta charset>``, ``http-equiv``, an XML
    declaration); then UTF-8. A file that is UTF-8 apart from some damaged sequences stays UTF-8:
    each damaged sequence becomes U+FFFD and is reported with its line and
    column. Only a file that is not UTF-8 at all (no valid multi-byte sequence)
    is read in a legacy 8-bit encoding, detected by charset-normalizer
    (cp1252, cp1251, KOI8-R, Mac Roman...), with a warning.

    Args:
        encoding: the user's choice (``--encoding``); no detection then.

    Raises:
        InputError: the file is empty or binary, or ``encoding`` is unknown.
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(path, "empty file: no transcript to convert", 1, 1, code="empty")
    if encoding:
        return _decode_as(data, path, encoding)
    enc, data = _sniff_bom(data)
    if enc is None and _looks_binary(data):
        raise InputError(path, "binary file: not a text transcript", 1, 1, code="binary")
    if enc is None:
        dec = _decode_declared(data, path) or _decode_utf8(data, path, bom=False)
    elif enc == "utf-8":
        dec = _decode_utf8(data, path, bom=True)
    else:
        dec = _decode_as(data, path, enc)
    head = dec.text[:2048].encode("utf-8", "ignore")
    dec.html = bool(_HTML_START.match(head) or (
        path.lower().endswith(_HTML_SUFFIXES) and _HTML_FRAGMENT.match(head)))
    return dec


# An HTML page's declared charset: <meta charset>, <meta http-equiv content="...;
# charset=...">, or an XHTML page's XML declaration, in the page's first bytes.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([\w.:+-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([\w.:+-]+)[\"']")
_DECLARED_SPAN = 8192
# What browsers read for these labels (the WHATWG Encoding Standard): Latin-1 and
# ASCII are read as windows-1252; a UTF-16 label in ASCII-compatible bytes as UTF-8.
_LABEL_MEANS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                "ascii": "cp1252", "us-ascii": "cp1252", "utf-16": "utf-8", "utf-16le": "utf-8",
                "utf-16be": "utf-8"}


def declared_charset(data: bytes) -> tuple[str, str] | None:
    """Return the charset an HTML page declares (its label, and the codec that reads it)."""
    if not _HTML_START.match(data[:2048]):
        return None
    head = data[:_DECLARED_SPAN]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    try:
        return label, codecs.lookup(_LABEL_MEANS.get(label, label)).name
    except LookupError:
        return None


def _decode_declared(data: bytes, path: str) -> Decoded | None:
    """Decode an HTML page in the charset it declares; None when it declares none.

    A page declared UTF-8 is read as any UTF-8 file (damaged sequences replaced and
    reported). A page that the charset it declares cannot decode is read as an
    undeclared one, with a warning, as is a page in an unknown charset.
    """
    declared = declared_charset(data)
    if declared is None:
        return None
    label, enc = declared
    if enc == "utf-8":
        return _decode_utf8(data, path, bom=False)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        dec = _decode_utf8(data, path, bom=False)
        dec.warnings.insert(0, f"{line}:{col}: not {label} as the page declares; read as "
                               f"{dec.encoding}")
        return dec
    dec = Decoded(text, enc, [f"The source was decoded from {enc.upper()}, the charset "
                              "the page declares."])
    if _UTF8_MULTI.search(data) and _is_utf8(data):
        dec.warnings.append(f"the page declares {label} but its bytes are UTF-8; read as "
                            f"{enc} (--encoding utf-8 reads it as UTF-8)")
    return dec


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be")]
# A well-formed multi-byte UTF-8 sequence.
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _sniff_bom(data: bytes) -> tuple[str | None, bytes]:
    """Return (encoding or None, the bytes without BOM)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom):]
    return _utf16_without_bom(data), data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, col


def _decode_utf8(data: bytes, path: str, bom: bool) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first = exc
    if not bom and not _UTF8_MULTI.search(data):
        return _decode_legacy(data, path, first)
    text, bad = _replace_damaged(data.decode("utf-8", "surrogateescape"))
    shown = ", ".join(f"{ln}:{col}" for ln, col in bad[:10])
    more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
    warnings = [f"{ln}:{col}: damaged UTF-8 sequence replaced by U+FFFD" for ln, col in bad[:100]]
    if len(bad) > 100:
        warnings.append(f"{len(bad) - 100} more damaged UTF-8 sequences were replaced")
    notes = [f"Damaged UTF-8 sequences ({len(bad)}, at {shown}{more}) were replaced by U+FFFD."]
    return Decoded(text, "utf-8", notes, warnings)


_ESCAPED = re.compile("[\udc80-\udcff]+")


def _replace_damaged(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Replace each run of undecodable bytes (surrogate-escaped) by one U+FFFD.

    Returns the text and the 1-based (line, column) of every replacement.
    """
    found = []
    line, line_start, scanned = 1, 0, 0
    for m in _ESCAPED.finditer(text):
        line += text.count("\n", scanned, m.start())
        nl = text.rfind("\n", 0, m.start())
        line_start = nl + 1
        scanned = m.start()
        found.append((line, m.start() - line_start + 1))
    return _ESCAPED.sub("\ufffd", text), found


_LEGACY_DETECT_SHARE = 0.05
_WESTERN = ("cp1252", "mac_roman", "latin_1", "iso8859_15", "cp850")


def _decode_legacy(data: bytes, path: str, exc: UnicodeDecodeError) -> Decoded:
    """Read a file that is not UTF-8 in the legacy encoding it most likely uses."""
    from charset_normalizer import from_bytes

    line, col = _position(data, exc.start)
    text = enc = None
    high = sum(1 for b in data if b > 0x7F)
    # Texts in non-Latin scripts have most letters outside ASCII: there the
    # detector has evidence enough to choose among all encodings. A mostly
    # ASCII text with a few high bytes is in a Latin script: the choice is
    # among the Western 8-bit encodings only.
    candidates = None if high >= _LEGACY_DETECT_SHARE * len(data) else list(_WESTERN)
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is not None:
        text, enc = str(best), best.encoding
    for plain in ("cp1252", "latin-1"):
        try:
            candidate = data.decode(plain)
        except UnicodeDecodeError:
            continue
        if text is None or candidate == text:
            text, enc = candidate, plain
        break
    return Decoded(text, enc, [f"The source was not UTF-8 and was decoded as {enc}."],
                   [f"{line}:{col}: not valid UTF-8; decoded as {enc}"])


def _decode_as(data: bytes, path: str, enc: str) -> Decoded:
    try:
        codecs.lookup(enc)
    except LookupError:
        raise InputError(path, f"unknown encoding {enc!r}", 0, 0, code="encoding") from None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start) if enc.startswith("utf-8") else (0, 0)
        raise InputError(path, f"cannot decode as {enc}: {exc.reason} at byte {exc.start}",
                         line, col, code="encoding") from None
    if "\x00" in text and _CONTROL.search(text):
        raise InputError(path, "binary file: not a text transcript", 1, 1, code="binary")
    notes = [] if enc.startswith("utf-8") else [f"The source was decoded from {enc.upper()}."]
    return Decoded(text, enc, notes)


_LINE_END = re.compile("\r\n?")


def normalise(text: str, notes: list) -> str:
    """Normalise newlines and invisible characters; keep every word.

    Form feeds (PDF page breaks) become newlines, non-breaking and other
    fixed-width spaces become spaces, zero-width characters and soft hyphens
    are removed, control characters (not allowed in XML) become spaces.
    """
    if "\r" in text:
        text = _LINE_END.sub("\n", text)     # CRLF and a lone CR, in one pass
        notes.append("Line ends were normalised to LF.")
    if "\f" in text:
        text = text.replace("\f", "\n")
    if "\t" in text:                  # (the commonest, at once)
        text = text.replace("\t", " ")
    found: set = set()

    def replace(m: re.Match) -> str:
        found.add(m.group())
        return _REPLACEMENT[m.group()]

    text = _CHANGED.sub(replace, text)
    if any(c in found for c in _SPACES):
        notes.append("Non-breaking and fixed-width spaces were replaced by ordinary spaces.")
    if any(_INVISIBLE.match(c) for c in found):
        notes.append("Zero-width characters and soft hyphens were removed.")
    if any(_C1.match(c) for c in found):
        notes.append("C1 control characters were read as the cp1252 punctuation they stand "
                     "for (U+0096 as an en dash).")
    if any(_CONTROL.match(c) for c in found):
        notes.append("Control characters not allowed in XML were replaced by spaces.")
    if _COLON_LINE.search(text) and _LONE_COLON.search(text):
        text = _LONE_COLON.sub(r" \1\n", text)
        notes.append("A colon printed on a line of its own was joined to the line before it.")
    return text


# A label's colon that a web page set in an element of its own, on the line after the
# name ("Puhemies Anu Vehviläinen" / ":"); the line stays, empty, so line numbers hold.
_LONE_COLON = re.compile(r"(?<=\S)[ \t]*\n[ \t]*([:：])[ \t]*\n")
# A line holding only a colon, as _LONE_COLON needs: found at once from its line end.
_COLON_LINE = re.compile(r"\n[ \t]*[:：][ \t]*\n")


# --- YAML-ish front matter --------------------------------------------------------

_FM_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?:\s+(.*))?$")


def _yaml_scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        body = value[1:-1]
        body = re.sub(r"\\\s*\n\s*(\\ )?", lambda m: " " if m.group(1) else "", body)
        body = re.sub(r"\s*\n\s*", " ", body)
        def esc(m: re.Match) -> str:
            c = m.group(1)
            simple = {"n": "\n", "t": " ", "_": "\u00a0", '"': '"', "\\": "\\", "/": "/",
                      " ": " ", "0": "", "N": "\u0085", "L": "\u2028", "P": "\u2029"}
            if c in simple:
                return simple[c]
            if c[0] in "xuU":
                try:
                    return chr(int(c[1:], 16))
                except ValueError:
                    return m.group(0)
            return m.group(0)
        return re.sub(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", esc, body)
    return re.sub(r"\s*\n\s*", " ", value)


def split_front_matter(lines: list[str]) -> tuple[int, dict]:
    """Find a ``---`` fenced front-matter block at the top.

    Returns:
        (number of lines the block spans, including fences; 0 when absent),
        and a dict of its top-level keys (scalars as str, lists as list[str]).
    """
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or lines[i].strip() != "---":
        return 0, {}
    end = None
    for j in range(i + 1, min(len(lines), i + 400)):
        if lines[j].strip() in ("---", "..."):
            end = j
            break
    if end is None:
        return 0, {}
    meta: dict = {}
    key = None
    buf: list[str] = []

    def flush() -> None:
        if key is None:
            return
        if buf and all(b.lstrip().startswith("- ") for b in buf if b.strip()):
            meta[key] = [_yaml_scalar(b.lstrip()[2:]) for b in buf if b.strip()]
        else:
            meta[key] = _yaml_scalar("\n".join(buf))

    for raw in lines[i + 1:end]:
        m = _FM_KEY.match(raw)
        if m and not raw.startswith((" ", "\t")):
            flush()
            key, buf = m.group(1).lower(), ([m.group(2)] if m.group(2) else [])
        elif key is not None:
            buf.append(raw)
    flush()
    meta = {k: (v.strip() if isinstance(v, str) else v) for k, v in meta.items()}
    return end + 1, meta


# --- HTML input --------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
               "blockquote", "section", "article", "header", "footer", "pre", "dd", "dt",
               "table", "ul", "ol", "hr", "main", "aside", "nav", "title"}
_CELLS = ("td", "th")
# Where a table's speaker cell stands in the extracted text: the speaker between two
# NULs, which no text node holds (libxml2 strings end at NUL).
_SPEAKER_MARK = re.compile("\x00([^\x00]*)\x00")


class HtmlText(NamedTuple):
    """An HTML page's readable text, its ``<title>``, and the speakers its tables name."""

    text: str
    title: str
    given: dict            # 0-based line of ``text`` -> the speaker cell of a table row


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def html_to_text(text: str, name: str = "<html>") -> HtmlText:
    """Extract readable text from an HTML page, one block per paragraph and table cell.

    Scripts and styles are dropped (they hold no transcript words); the
    ``<title>`` is returned separately. A table laid out as a transcript (a
    column of short, recurring speaker names beside a column of speech) gives
    one paragraph per row, its speech, with the speaker cell's text in
    ``given``; every other table's cells are paragraphs of their own.

    Raises:
        InputError: the page is nested deeper than the parser can read.
    """
    from lxml import html as lhtml

    from ..xmlio import check_html_depth, make_html_parser

    parser = make_html_parser()
    root = lhtml.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    check_html_depth(parser, name)
    title = ""
    t = root.find(".//title")
    if t is not None and t.text_content():
        title = " ".join(t.text_content().split())
    for bad in root.xpath("//script|//style|//noscript|//template|//title"):
        bad.drop_tree()
    body = root.find("body")
    for el in root.xpath(f"//*[@{_SPEAKER_ATTR}]"):
        del el.attrib[_SPEAKER_ATTR]        # (the mark is ours, never a page's)
    _mark_emphasis_speakers(body if body is not None else root)
    joined = "".join(_iter_html_text(body if body is not None else root))
    joined = re.sub(r"\r\n?|\f", "\n", joined)
    joined = re.sub(r"[ \t\u00a0]*\n[ \t\u00a0]*", "\n", joined)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    text, given = _take_speaker_marks(joined.strip("\n") + "\n")
    return HtmlText(text, title, given)


# Paragraphs that open with a short run in italics or bold, the speech after it ("<p><em>Els
# </em>&nbsp; Nou vooruit dan.</p>"): the run is the speaker where this many paragraphs
# open so, and their runs recur (distinct runs at most this share of them).
_EMPHASIS = {"em", "i", "b", "strong"}
_EMPHASIS_MIN, _EMPHASIS_DISTINCT = 3, 0.5
_DELIMITERS = ":：.,;-–—)]"
_SPEAKER_ATTR = "data-tei-corpus-speaker"     # (set on the run; no page sets it: see below)
_EMPHASIS_NAME = re.compile(r"[^\W\d_][\w’'.\- ]{0,38}")


def _mark_emphasis_speakers(top) -> None:
    """Where a page's paragraphs name their speaker only by a leading run in italics or
    bold (no colon), put the table rows' speaker mark in its place (see
    :func:`_take_speaker_marks`); else leave the page as it is."""
    runs = []
    for el in top.iter("p", "div", "li", "dd"):
        first = el[0] if len(el) else None
        if first is None or (el.text or "").strip() or _tag(first) not in _EMPHASIS or len(first):
            continue
        name = " ".join((first.text or "").split())
        tail = (first.tail or "").strip()
        if _EMPHASIS_NAME.fullmatch(name) and len(name.split()) <= 4 and tail \
                and tail[0] not in _DELIMITERS:     # (a colon after the run: the text's label)
            runs.append((first, name))
    names = [n for _, n in runs]
    if len(runs) < _EMPHASIS_MIN or len(set(names)) > _EMPHASIS_DISTINCT * len(runs):
        return
    for first, name in runs:
        first.set(_SPEAKER_ATTR, name)


# White space a browser shows as one space: a line break in the page's source is none.
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def _iter_html_text(top) -> Iterator[str]:
    """Yield the text of ``top`` in document order, with block breaks (no recursion:
    a page may be nested thousands of levels deep).

    White space is what a browser shows: a run of blanks and line breaks in the
    source is one space ("<b>PIRMININKĖ\n(L. GRAUŽINIENĖ).</b>" is one line), except
    inside ``pre``, whose lines are the page's.
    """
    stack: list = [(top, False)]
    pre = 0
    while stack:
        el, closing = stack.pop()
        tag = _tag(el)
        if closing:
            pre -= tag == "pre"
            if tag in _BLOCK_TAGS:
                yield "\n\n"
            if el is not top and el.tail:
                yield el.tail if pre else _HTML_SPACE.sub(" ", el.tail)
            continue
        if tag == "table":
            columns = speaker_columns(el)
            if columns is not None:
                yield from _speaker_rows(el, *columns)
                if el is not top and el.tail:
                    yield el.tail
                continue
        if tag in _BLOCK_TAGS:
            yield "\n\n" if tag != "br" else "\n"
        pre += tag == "pre"
        if tag and (speaker := el.get(_SPEAKER_ATTR)) is not None:
            yield f"\x00{speaker}\x00"    # a leading run naming the speaker
        elif tag and el.text:
            yield el.text if pre else _HTML_SPACE.sub(" ", el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def _rows(table) -> list:
    return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _cells(row) -> list:
    return [c for c in row if _tag(c) in _CELLS]


def _squash(el) -> str:
    return " ".join(el.text_content().split())


def speaker_columns(table) -> tuple[int, int, bool] | None:
    """Find a transcript table's speaker and speech columns (:func:`.layout.table_columns`:
    a header row naming them, in ``th`` or ``td``, else a speaker column by its shape).
    Tables holding tables are layout, never transcripts.

    Returns:
        (speaker column, speech column, whether the first row is a header), or None.
    """
    from .layout import named_columns, table_columns     # (layout reads tables' cells too)

    rows = [[_squash(c) for c in _cells(r)] for r in _rows(table)]
    if not rows or table.xpath(".//table") or max(len(r) for r in rows) < 2:
        return None
    txt, spk = named_columns(rows[0])
    if spk is not None and txt is not None:
        return spk, txt, True
    txt, spk = table_columns([""] * len(rows[0]), rows)
    return (spk, txt, False) if spk is not None and txt is not None else None


def _speaker_rows(table, spk: int, txt: int, header: bool) -> Iterator[str]:
    """Yield a transcript table's rows: one paragraph each, its speaker marked.

    The other cells (a time, a note) stay in the row's paragraph, in column order;
    a row without speech keeps its speaker cell as text.
    """
    for n, row in enumerate(_rows(table)):
        cells = _cells(row)
        yield "\n\n"
        if (header and n == 0) or len(cells) <= max(spk, txt) or not _squash(cells[txt]):
            for cell in cells:
                yield from _iter_html_text(cell)
            continue
        speaker = _squash(cells[spk])
        if speaker:
            yield f"\x00{speaker}\x00"
        for i, cell in enumerate(cells):
            if i != spk:
                yield from _iter_html_text(cell)
                yield "\n"
    yield "\n\n"


def _take_speaker_marks(text: str) -> tuple[str, dict]:
    """Remove the speaker marks; map each to the first line with text from it on."""
    if "\x00" not in text:
        return text, {}
    lines = text.split("\n")
    given: dict = {}
    waiting = None
    for i, line in enumerate(lines):
        m = _SPEAKER_MARK.search(line)
        if m:
            waiting = m.group(1)
            line = lines[i] = _SPEAKER_MARK.sub("", line).strip()
        if waiting is not None and line.strip():
            given[i], waiting = waiting, None
    return "\n".join(lines), given


# A line of a Markdown file that opens or closes an HTML block ("<p>", "</div>").
_HTML_BLOCK_LINE = re.compile(r"^\s*</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
# A Markdown body is HTML when at least this share of its lines with text are HTML blocks.
_HTML_BODY_SHARE = 0.5


def render_markdown_html(text: str) -> HtmlText | None:
    """Render a Markdown text whose body is HTML blocks, as static-site pages are written.

    Markdown passes HTML blocks through to the page: a body made mostly of them
    (``<p><b>MR. DAVIS</b>: If the Court please.</p>``) reads as the page shows it.
    Front matter and lines outside the blocks (a ``###`` heading) stay as they are.

    Returns:
        The text with the body rendered (as :func:`html_to_text` gives it, ``given``
        counted from the text's first line), or None when the body is not HTML.
    """
    lines = text.split("\n")
    fm_len, _ = split_front_matter(lines)
    body = [ln for ln in lines[fm_len:] if ln.strip()]
    blocks = [m for ln in body if (m := _HTML_BLOCK_LINE.match(ln))
              and m.group(1).lower() in _BLOCK_TAGS]
    if not body or len(blocks) < _HTML_BODY_SHARE * len(body):
        return None
    rendered = html_to_text("\n".join(lines[fm_len:]))
    head = "".join(ln + "\n" for ln in lines[:fm_len])
    return HtmlText(head + rendered.text, "",
                    {i + fm_len: spk for i, spk in rendered.given.items()})
