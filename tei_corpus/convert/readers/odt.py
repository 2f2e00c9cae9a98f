"""OpenDocument text (.odt) with odfpy: one block per paragraph, heading and cell."""
from __future__ import annotations

import io
from collections.abc import Iterator

from ...errors import InputError
from .base import Block, need_library

_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _styles(doc) -> dict[str, dict]:
    """Each named style's own bold/italic and parent, from styles.xml and content.xml."""
    found = {}
    for root in (doc.styles, doc.automaticstyles):
        for st in root.childNodes:
            if st.qname != (_STYLE, "style"):
                continue
            props = {}
            for child in st.childNodes:
                if child.qname == (_STYLE, "text-properties"):
                    weight = child.attributes.get((_FO, "font-weight"))
                    slant = child.attributes.get((_FO, "font-style"))
                    if weight:
                        props["bold"] = weight == "bold" or weight.isdigit() and int(weight) >= 600
                    if slant:
                        props["italic"] = slant in ("italic", "oblique")
            props["parent"] = st.attributes.get((_STYLE, "parent-style-name"))
            props["display"] = st.attributes.get((_STYLE, "display-name")) or ""
            found[st.attributes.get((_STYLE, "name"))] = props
    return found


def _prop(styles: dict, name: str | None, key: str) -> bool | None:
    seen = set()
    while name and name in styles and name not in seen:
        seen.add(name)
        if key in styles[name]:
            return styles[name][key]
        name = styles[name].get("parent")
    return None


def _first_span_style(par, styles: dict) -> set[str]:
    """Bold / italic when the paragraph's text starts inside a bold (italic) span."""
    for node in par.childNodes:
        if node.nodeType == node.TEXT_NODE:
            if str(node).strip():
                return set()
            continue
        if node.qname == (_TEXT, "span"):
            if not _text(node).strip():
                continue
            name = node.attributes.get((_TEXT, "style-name"))
            return {k for k in ("bold", "italic") if _prop(styles, name, k)}
        if _text(node).strip():
            return set()
    return set()


def _text(node) -> str:
    from odf import teletype

    return teletype.extractText(node)


class OdtReader:
    """OpenDocument text: one block per paragraph or heading, one per table cell.

    ``style`` as for .docx: ``"bold"``/``"italic"`` when the text starts in a
    bold/italic span, ``"heading"`` for ``text:h`` and Heading/Title styles,
    ``"cell"`` for table cells. ``line`` is the block's number in reading order.
    """

    suffixes = (".odt",)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        opendocument = need_library("odf.opendocument", "odfpy", name, ".odt")
        try:
            doc = opendocument.load(io.BytesIO(data))
            body = doc.text
        except Exception as exc:   # BadZipFile, KeyError, XML errors from inside the zip
            detail = " ".join(str(exc).split())[:100] or type(exc).__name__
            raise InputError(name, f"not a readable .odt file: {detail}; open it and save it "
                             "again (LibreOffice)", code="odt-invalid") from None
        styles = _styles(doc)
        for number, (text, style) in enumerate(self._walk(body, styles), 1):
            yield Block(text, number, style=frozenset(style))

    def _walk(self, node, styles) -> Iterator[tuple[str, set[str]]]:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname == (_TABLE, "table-cell"):
                pars = [p for p in child.childNodes if p.nodeType == p.ELEMENT_NODE
                        and p.qname in ((_TEXT, "p"), (_TEXT, "h")) and _text(p).strip()]
                if pars:
                    text = "\n".join(_text(p).strip() for p in pars)
                    yield text, _first_span_style(pars[0], styles) | {"cell"}
                for inner in child.childNodes:       # nested tables
                    if inner.nodeType == inner.ELEMENT_NODE and inner.qname == (_TABLE, "table"):
                        yield from self._walk(inner, styles)
            elif child.qname in ((_TEXT, "p"), (_TEXT, "h")):
                text = _text(child).strip()
                if text:
                    style = _first_span_style(child, styles)
                    pname = child.attributes.get((_TEXT, "style-name"))
                    display = (styles.get(pname, {}).get("display") or pname or "").lower()
                    if child.qname == (_TEXT, "h") or display.startswith(("heading", "title")):
                        style.add("heading")
                    yield text, style
            else:
                yield from self._walk(child, styles)
