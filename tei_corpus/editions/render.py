"""Render one TEI document as an edition: HTML page, plain text, tables.

Every rendering is done by a shipped XSLT 1.0 stylesheet (``xslt/``); these
functions check the input, pass string parameters, and return the result.
They are pure: the same tree and parameters give the same bytes.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lxml import etree

from ..errors import ConfigError, InputError
from .stylesheets import apply_stylesheet

TEI_NS = "http://www.tei-c.org/ns/1.0"
TABLES = ("utterances", "participants", "events")
FLAVOURS = ("diplomatic", "analysis")
_STRING = etree.XPath("string()", smart_strings=False)
TABLE_FORMATS = ("tsv", "jsonl")


@dataclass(frozen=True)
class IndexEntry:
    """One line of the corpus index: a document and where its page is."""

    href: str
    title: str
    doc_id: str = ""
    lang: str = ""
    date: str = ""
    utterances: int | None = None


def check_tei(tree: etree._ElementTree, path: str = "<tree>") -> None:
    """Raise :class:`InputError` unless the root is a TEI P5 ``TEI`` or ``teiCorpus``."""
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.namespace != TEI_NS or qname.localname not in ("TEI", "teiCorpus"):
        found = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
        raise InputError(path, f"not a TEI P5 document: the root element is <{found}>, "
                         f"expected <TEI> or <teiCorpus> in {TEI_NS}",
                         root.sourceline or 0, 0, code="not-tei")


def _path_of(tree: etree._ElementTree, path: str | None) -> str:
    return path or tree.docinfo.URL or "<tree>"


def _as_tree(tree) -> etree._ElementTree:
    """Accept an element as well as a tree."""
    return tree.getroottree() if isinstance(tree, etree._Element) else tree


def render_html(tree: etree._ElementTree, params: Mapping[str, str] | None = None,
                *, path: str | None = None) -> bytes:
    """Render the HTML reading edition of one document.

    Args:
        tree: a parsed TEI document.
        params: ``html.xsl`` parameters (``index``, ``boilerplate``, ``lang``, ``doc``).
        path: the input's name, for error messages.

    Returns:
        One self-contained HTML5 page, UTF-8.

    Raises:
        InputError: not TEI, or the stylesheet failed on it.
        ConfigError: an unknown parameter or value.
    """
    tree = _as_tree(tree)
    name = _path_of(tree, path)
    check_tei(tree, name)
    params = dict(params or {})
    if params.get("boilerplate", "collapsed") not in ("collapsed", "open", "hidden"):
        raise ConfigError("boilerplate must be collapsed, open or hidden")
    return bytes(apply_stylesheet("html", tree, params, path=name))


def render_text(tree: etree._ElementTree, flavour: str = "diplomatic", boilerplate: bool = False,
                *, gap: str = "", path: str | None = None) -> str:
    """Render a plain-text edition.

    Args:
        tree: a parsed TEI document.
        flavour: ``diplomatic`` (the transcript as printed, labels, cues and
            events included) or ``analysis`` (``id<TAB>who<TAB>text`` per
            utterance, events removed, resumed turns joined).
        boilerplate: diplomatic only: include the matter around the transcript.
        gap: analysis only: the text standing for a ``gap`` (default none).
        path: the input's name, for error messages.

    Returns:
        The text, lines ending in ``\\n``.

    Raises:
        InputError: not TEI, or the stylesheet failed on it.
        ConfigError: an unknown flavour.
    """
    tree = _as_tree(tree)
    if flavour not in FLAVOURS:
        raise ConfigError(f"unknown text flavour {flavour!r} (known: {', '.join(FLAVOURS)})")
    name = _path_of(tree, path)
    check_tei(tree, name)
    params = {"flavour": flavour, "boilerplate": "yes" if boilerplate else "no", "gap": gap}
    return str(apply_stylesheet("text", tree, params, path=name))


def render_tables(tree: etree._ElementTree, fmt: str = "tsv", *, doc_id: str | None = None,
                  path: str | None = None) -> dict[str, str]:
    """Render the analysis tables of one document.

    Args:
        tree: a parsed TEI document.
        fmt: ``tsv`` (header row, CSV-style quoting of ``"``) or ``jsonl``.
        doc_id: the value of the ``doc`` column (default: the root ``xml:id``).
        path: the input's name, for error messages.

    Returns:
        ``{"utterances": ..., "participants": ..., "events": ...}``.

    Raises:
        InputError: not TEI, or the stylesheet failed on it.
        ConfigError: an unknown format.
    """
    tree = _as_tree(tree)
    if fmt not in TABLE_FORMATS:
        raise ConfigError(f"unknown table format {fmt!r} (known: {', '.join(TABLE_FORMATS)})")
    name = _path_of(tree, path)
    check_tei(tree, name)
    # One transformation writes the three tables, each in an element of its own.
    result = apply_stylesheet("tables", tree, {"table": "all", "format": fmt, "doc": doc_id or ""},
                              path=name)
    root = result.getroot()
    parts = {el.get("name"): _STRING(el) for el in root} if root is not None else {}
    if set(parts) != set(TABLES):
        raise InputError(name, "tables edition failed: the stylesheet did not write the three tables",
                         code="xslt-error")
    return {table: parts[table] for table in TABLES}


def document_info(tree: etree._ElementTree, href: str = "", *, doc_id: str | None = None,
                  path: str | None = None) -> IndexEntry:
    """Return the index entry of one document (title, id, language, date, utterances)."""
    tree = _as_tree(tree)
    name = _path_of(tree, path)
    check_tei(tree, name)
    result = apply_stylesheet("info", tree, {"doc": doc_id or ""}, path=name)
    el = result.getroot()
    n = el.get("utterances")
    return IndexEntry(href=href, title=(el.text or "").strip(), doc_id=el.get("id", ""),
                      lang=el.get("lang", ""), date=el.get("date", ""),
                      utterances=int(n) if n and n.isdigit() else None)


# Characters XML 1.0 cannot hold (a file name or message may have them): shown as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render_index(entries: Iterable[IndexEntry | Mapping], title: str = "Corpus index",
                 failures: Iterable[tuple[str, str]] = (),
                 skipped: Iterable[tuple[str, str]] = ()) -> bytes:
    """Render the corpus index page linking the documents' HTML editions.

    Args:
        entries: :class:`IndexEntry` objects (or dicts with the same keys),
            listed in the given order.
        title: the page title.
        failures: ``(source, first error)`` of each file that could not be
            built, listed apart after the documents, in the given order.
        skipped: ``(source, reason)`` of each file that was not taken (a
            suffix the build does not read), listed last.

    Returns:
        One self-contained HTML5 page, UTF-8.
    """
    root = index_document(entries, title, failures, skipped)
    return bytes(apply_stylesheet("index", root.getroottree(), {}, path="<index>"))


def index_document(entries: Iterable[IndexEntry | Mapping], title: str = "Corpus index",
                   failures: Iterable[tuple[str, str]] = (),
                   skipped: Iterable[tuple[str, str]] = ()) -> etree._Element:
    """Return the ``<index>`` document that ``index.xsl`` renders (see :func:`render_index`)."""
    root = etree.Element("index", title=title)
    for entry in entries:
        if isinstance(entry, Mapping):
            entry = IndexEntry(**entry)
        el = etree.SubElement(root, "doc", href=entry.href, id=entry.doc_id)
        if entry.lang:
            el.set("lang", entry.lang)
        if entry.date:
            el.set("date", entry.date)
        if entry.utterances is not None:
            el.set("utterances", str(entry.utterances))
        el.text = entry.title
    for source, message in failures:
        etree.SubElement(root, "failed", source=_xml_text(source)).text = _xml_text(message)
    for source, reason in skipped:
        etree.SubElement(root, "skipped", source=_xml_text(source)).text = _xml_text(reason)
    return root
