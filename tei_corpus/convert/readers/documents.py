"""Document readers: PDF (pdfminer.six) and Word .docx (python-docx).

Both libraries are optional (``pip install 'tei-corpus[formats]'``); a missing
one gives a one-line InputError saying so.

PDF: pdfminer.six rather than pypdf. On sample 412 (FOMC 1978) pypdf splits
words inside the text (``tr anscription``, ``unde rstanding``); pdfminer.six
keeps every word whole, puts each speaker label at the start of a line and keeps
the ``--`` of a cut-off as printed. It is slower (about 6 s for 55 pages).
"""
from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator

from ...errors import InputError
from .base import Block, need_library

# --- PDF ------------------------------------------------------------------

# A page number standing alone: "2", "- 2 -", "Page 2", "2 of 55", "[2]".
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[\s]*\d{1,4}[-–—)\]\s]*(?:(?:of|/)\s*\d{1,4})?$", re.I)
_EDGE = 3          # lines at the top and the bottom of a page where furniture stands
_HYPHEN_END = re.compile(r"(?<![-\w])(\w*[^\W\d_]{2})-$")      # "inter-" but not "--"
_LOWER_START = re.compile(r"^([^\W\d_A-Z][\w’']*)(.*)$", re.S)


def _squash(line: str) -> str:
    return " ".join(line.split())


def pdf_pages(data: bytes, name: str) -> list[list[str]]:
    """Return each page's non-blank text lines, as pdfminer.six lays them out.

    Raises:
        InputError: pdfminer.six is missing, or the PDF is damaged, encrypted or
            has no text layer.
    """
    high = need_library("pdfminer.high_level", "pdfminer.six", name, ".pdf")
    layout = need_library("pdfminer.layout", "pdfminer.six", name, ".pdf")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(name, "not a PDF: the file does not start with '%PDF'", 1, 1,
                         code="pdf-invalid")
    pages: list[list[str]] = []
    try:
        for page in high.extract_pages(io.BytesIO(data), laparams=layout.LAParams()):
            text = "".join(el.get_text() for el in page
                           if isinstance(el, layout.LTTextContainer))
            pages.append([line.rstrip() for line in text.splitlines() if line.strip()])
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        kind = type(exc).__name__
        if kind == "PDFPasswordIncorrect":
            raise InputError(name, "encrypted PDF: it needs a password; decrypt it first "
                             "(for example qpdf --decrypt)", code="pdf-encrypted") from None
        detail = " ".join(str(exc).split())[:100] or "no detail"
        raise InputError(name, f"damaged or unreadable PDF ({kind}: {detail}); save it again "
                         "from its viewer, or extract its text", code="pdf-invalid") from None
    if not any(pages):
        raise InputError(name, "PDF has no text layer (scanned pages need OCR first)",
                         code="pdf-no-text")
    return pages


def furniture_lines(pages: list[list[str]]) -> set[tuple[int, int]]:
    """Return (page, line) indexes of running heads, feet and page numbers.

    Furniture stands in the first or last few lines of a page and is either a
    page number alone or a line repeated, the same, at the edge of at least half
    the pages (and at least three).
    """
    edges = [[i for i in range(len(lines)) if i < _EDGE or i >= len(lines) - _EDGE]
             for lines in pages]
    seen = Counter()
    for lines, idx in zip(pages, edges):
        seen.update({_squash(lines[i]) for i in idx})
    repeated = {text for text, n in seen.items()
                if n >= max(3, (len(pages) + 1) // 2)}
    marked = set()
    for p, (lines, idx) in enumerate(zip(pages, edges)):
        for i in idx:
            text = _squash(lines[i])
            if text in repeated or _PAGE_NUMBER.match(text):
                marked.add((p, i))
    return marked


def join_hyphens(lines: list[str]) -> tuple[list[str], set[int]]:
    """Join words broken by a hyphen at a line end, where that is safe.

    A line ending in ``letters-`` followed by a line starting in lower case is
    joined only when the document itself settles the spelling: the joined word
    written elsewhere without the hyphen (``inter-`` / ``national`` becomes
    ``international``), or the hyphenated form written elsewhere (``long-`` /
    ``term`` becomes ``long-term``). Otherwise the lines stay as they are. A
    ``--`` dash (a cut-off) is never touched.

    Returns:
        The lines, and the indexes of the lines that received a joined word.
    """
    words = Counter(w.lower() for line in lines for w in re.findall(r"[\w’'-]+", line))
    out = list(lines)
    joined = set()
    for i in range(len(out) - 1):
        m = _HYPHEN_END.search(out[i])
        n = _LOWER_START.match(out[i + 1].lstrip())
        if not m or not n:
            continue
        head, tail = m.group(1), n.group(1)
        whole, compound = (head + tail).lower(), f"{head}-{tail}".lower()
        if words[whole] > 0:
            word = head + tail
        elif words[compound] > 0:
            word = f"{head}-{tail}"
        else:
            continue
        out[i] = out[i][:m.start(1)] + word
        out[i + 1] = n.group(2).lstrip()
        joined.add(i)
    return out, joined


class PdfReader:
    """PDF with a text layer: one block per text line.

    ``line`` is the line's number in the extracted text (pages in order, blank
    lines left out). Running heads, feet and page numbers get
    ``style={"furniture"}``; a line that received a word broken at its end gets
    ``{"hyphen-joined"}``; other lines have no style.
    """

    suffixes = (".pdf",)
    kept_apart = "Page heads and page numbers"

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        pages = pdf_pages(data, name)
        furniture = furniture_lines(pages)
        body = [(p, i) for p, lines in enumerate(pages) for i in range(len(lines))
                if (p, i) not in furniture]
        texts, joined = join_hyphens([pages[p][i] for p, i in body])
        fixed = dict(zip(body, zip(texts, range(len(texts)))))
        number = 0
        for p, lines in enumerate(pages):
            for i, line in enumerate(lines):
                number += 1
                if (p, i) in furniture:
                    yield Block(line.strip(), number, style=frozenset({"furniture"}))
                    continue
                text, k = fixed[(p, i)]
                if text.strip():
                    style = frozenset({"hyphen-joined"}) if k in joined else frozenset()
                    yield Block(text.strip(), number, style=style)


# --- DOCX -----------------------------------------------------------------


def _first_run_style(paragraph) -> set[str]:
    """Bold / italic when the paragraph's first run with text is (label evidence)."""
    run = next((r for r in paragraph.runs if r.text.strip()), None)
    if run is None:
        return set()
    style = set()
    for attr, tag in (("bold", "bold"), ("italic", "italic")):
        value = getattr(run, attr)
        if value is None and run.style is not None:   # from the run's character style
            value = getattr(run.style.font, attr, None)
        # A paragraph style's bold (a heading, a bold quotation) makes the whole
        # paragraph bold: not evidence of a label at its start.
        if value:
            style.add(tag)
    return style


def _is_heading(paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.lower().startswith("heading") or name.lower() in ("title", "subtitle")


class DocxReader:
    """Word .docx: one block per paragraph, and one per table cell.

    ``line`` is the block's number in reading order. ``style`` has ``"bold"``
    (``"italic"``) when the paragraph starts with a bold (italic) run, the
    evidence of a label, ``"heading"`` for Heading/Title styles, and ``"cell"``
    for a table cell (its paragraphs joined with ``\\n``).
    """

    suffixes = (".docx",)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        docx = need_library("docx", "python-docx", name, ".docx")
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:   # BadZipFile, KeyError, PackageNotFoundError, ...
            detail = str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
            raise InputError(name, f"not a readable .docx file: {detail}; open it and save it "
                             "again (Word, LibreOffice)", code="docx-invalid") from None
        number = 0
        for item in document.iter_inner_content():
            for text, style in self._item(item):
                number += 1
                yield Block(text, number, style=frozenset(style))

    def _item(self, item) -> Iterator[tuple[str, set[str]]]:
        from docx.table import Table

        if isinstance(item, Table):
            seen: list = []     # the cells' elements, kept alive so that `is` is stable
            for row in item.rows:
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):   # a merged cell: once per span
                        continue
                    seen.append(cell._tc)
                    text = "\n".join(p.text for p in cell.paragraphs if p.text.strip())
                    if text.strip():
                        first = next(p for p in cell.paragraphs if p.text.strip())
                        yield text.strip(), _first_run_style(first) | {"cell"}
                    for inner in cell.tables:
                        yield from self._item(inner)
            return
        if item.text.strip():
            style = _first_run_style(item)
            if _is_heading(item):
                style.add("heading")
            yield item.text.strip(), style
