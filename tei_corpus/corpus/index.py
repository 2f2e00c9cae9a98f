"""The HTML index of a built corpus: every document, and every file that failed.

The list of documents is rendered by the editions' ``index.xsl``; the files
that could not be built are added as a second list, each with its first error,
so a reader of the index sees what is missing and why.
"""
from __future__ import annotations

from collections.abc import Iterable

from lxml import etree, html

from ..editions import IndexEntry, render_index


def render_build_index(entries: Iterable[IndexEntry], failures: Iterable[tuple[str, str]],
                       title: str) -> bytes:
    """Return the index page.

    Args:
        entries: the built documents, in the order to list them.
        failures: ``(source, first error line)`` of each file that failed.
        title: the page title.
    """
    page = render_index(list(entries), title=title)
    failures = list(failures)
    if not failures:
        return page
    doc = html.document_fromstring(page)
    main = doc.find(".//main")
    if main is None:
        main = doc.find(".//body")
    h2 = etree.SubElement(main, "h2", id="failed-h")
    h2.text = f"Not built ({len(failures)})"
    ul = etree.SubElement(main, "ul", {"class": "index-list failed", "aria-labelledby": "failed-h"})
    for source, message in failures:
        li = etree.SubElement(ul, "li")
        code = etree.SubElement(li, "code")
        code.text = source
        span = etree.SubElement(li, "span", {"class": "doc-meta"})
        span.text = message
    return b"<!DOCTYPE html>\n" + html.tostring(doc, encoding="utf-8", method="html")
