"""Columns for findings: where an element's start tag (or one of its attributes) is.

lxml records only the line of an element (the line where its start tag ends).
:class:`Locator` scans the document's bytes once for start tags, in document
order, and pairs the k-th start tag with the k-th element of the tree: the
document parsed, so the two sequences match one to one (comments, CDATA
sections, processing instructions and the DOCTYPE are skipped). When they do
not match (an internal DTD subset that fools the scan, a UTF-16 document), or
when the start tag does not begin on the element's reported line, the column
stays 0 ("unknown").
"""
from __future__ import annotations

import bisect
import re


XML_NS = "http://www.w3.org/XML/1998/namespace"

_TOKENS = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    rb"|<([^\s/>!?]+)", re.S)
_ATTR = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_ASCII_COMPATIBLE = re.compile(r"utf-?8|ascii|iso-?8859|latin|windows-|cp\d", re.I)


class Locator:
    """Find the 1-based column of elements and attributes in a document's bytes.

    Args:
        data: the bytes the tree was parsed from.
        tree: the tree (or root element) parsed from ``data``.
    """

    def __init__(self, data: bytes, tree) -> None:
        self.data = data
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        self.root = root
        encoding = root.getroottree().docinfo.encoding or "UTF-8"
        self.encoding = encoding if _ASCII_COMPATIBLE.match(encoding) else None
        self._offsets: dict | None = None
        self._lines: list[int] = []
        self._elements: list = []

    def _scan(self) -> dict:
        if self._offsets is not None:
            return self._offsets
        self._offsets = {}
        if self.encoding is None:
            return self._offsets
        starts = [m.start() for m in _TOKENS.finditer(self.data) if m.group(1)]
        self._elements = [el for el in self.root.getroottree().iter()
                          if isinstance(el.tag, str)]
        if len(starts) != len(self._elements):
            self._elements = []
            return self._offsets
        self._offsets = dict(zip(self._elements, starts))
        self._lines = [m.start() for m in re.finditer(rb"\n", self.data)]
        return self._offsets

    def _line_col(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_left(self._lines, offset)
        line_start = self._lines[index - 1] + 1 if index else 0
        prefix = self.data[line_start:offset]
        if index == 0 and prefix.startswith(b"\xef\xbb\xbf"):
            prefix = prefix[3:]
        return index + 1, len(prefix.decode(self.encoding, errors="replace")) + 1

    def col(self, el, attr: str | None = None) -> int:
        """Return the column of ``el``'s start tag (or of ``attr=`` in it) on ``el``'s line.

        Args:
            el: an element of the tree.
            attr: an attribute name in Clark notation (``{ns}local`` or ``local``).

        Returns:
            The 1-based column, or 0 when it cannot be found on ``el.sourceline``.
        """
        if el is None or not isinstance(getattr(el, "tag", None), str):
            return 0
        offset = self._scan().get(el)
        if offset is None:
            return 0
        line, col = self._line_col(offset)
        if line != el.sourceline:
            return 0
        if attr is not None:
            found = self._attribute_offset(el, offset, attr)
            if found is not None:
                aline, acol = self._line_col(found)
                if aline == line:
                    return acol
        return col

    def _attribute_offset(self, el, offset: int, attr: str) -> int | None:
        m = _TOKENS.match(self.data, offset)
        pos = m.end() if m else offset
        nsmap = el.nsmap
        while True:
            a = _ATTR.match(self.data, pos)
            if a is None:
                return None
            if _clark(a.group(1).decode(self.encoding, errors="replace"), nsmap) == attr:
                return a.start(1)
            pos = a.end()


def _clark(raw: str, nsmap: dict) -> str:
    prefix, colon, local = raw.rpartition(":")
    if not colon:
        return raw
    if prefix == "xml":
        return "{%s}%s" % (XML_NS, local)
    ns = nsmap.get(prefix)
    return "{%s}%s" % (ns, local) if ns else raw


def no_locator(el, attr=None) -> int:
    """Column function for when the document's bytes are not at hand: always 0."""
    return 0


__all__ = ["Locator", "no_locator"]
