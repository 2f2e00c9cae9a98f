"""Write the corpus file: one ``teiCorpus`` with a shared header and every document.

The shared header holds the corpus statistics (``extent``), the union of the
documents' taxonomies and languages, and the merged participant registry: one
``person``/``personGrp`` per distinct participant (same id and same
description in several documents = one entry), whose ``@corresp`` lists the
documents they take part in.

Each document is embedded whole. Ids must be unique in one XML file, so inside
the corpus file every id of a document is prefixed with the document's id and
a dot (``u12`` becomes ``state-blinken-cho-seoul-2025.u12``) and its local
pointers (``#u12``) follow; the standalone TEI files keep their own ids. Header
ids never contain a dot, so they cannot meet a document's ids.

The file is streamed: documents are parsed and written one at a time into a
temporary file that replaces the target only when complete.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import __version__
from ..xmlio import atomic_stream, make_parser, parse_file

TEI = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def ncname(text: str) -> str:
    """Return ``text`` as a dot-free NCName (letters, digits, ``-``, ``_``)."""
    t = re.sub(r"[^\w-]", "-", text, flags=re.ASCII).strip("-") or "x"
    return t if t[0].isalpha() or t[0] == "_" else "x-" + t


class IdAllocator:
    """Hand out unique ids: the wanted one, else ``wanted-2``, ``wanted-3``…"""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def __call__(self, wanted: str) -> str:
        base = ncname(wanted)
        got, n = base, 1
        while got in self.taken:
            n += 1
            got = f"{base}-{n}"
        self.taken.add(got)
        return got


@dataclass
class Header:
    """What the shared header is made of, gathered from the documents' summaries."""

    title: str
    documents: list[str] = field(default_factory=list)          # embedding ids, in order
    totals: dict = field(default_factory=dict)                  # stats.Counts.to_dict()
    speakers: int = 0
    languages: dict[str, str] = field(default_factory=dict)     # ident -> name
    # (taxonomy id) -> list of (category id, catDesc xml)
    categories: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # (kind, id, xml without xml:id) -> embedding ids of the documents
    participants: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)

    def add_document(self, embed_id: str, summary: dict) -> None:
        """Fold one document's summary (see :func:`summarize`) into the header."""
        self.documents.append(embed_id)
        for ident, name in summary.get("languages", []):
            self.languages.setdefault(ident, name)
        for tax, cid, xml in summary.get("categories", []):
            cats = self.categories.setdefault(tax, [])
            if (cid, xml) not in cats:
                cats.append((cid, xml))
        for kind, pid, xml in summary.get("participants", []):
            self.participants.setdefault((kind, pid, xml), []).append(embed_id)


def summarize(tree: etree._ElementTree) -> dict:
    """Return what the shared header needs from one document (JSON-ready, small)."""
    root = tree.getroot()
    langs = [(l.get("ident"), " ".join("".join(l.itertext()).split()))
             for l in root.iterfind(f"{T}teiHeader//{T}langUsage/{T}language") if l.get("ident")]
    cats = []
    for tax in root.iterfind(f"{T}teiHeader//{T}classDecl/{T}taxonomy"):
        for cat in tax.iter(f"{T}category"):
            desc = cat.find(f"{T}catDesc")
            xml = etree.tostring(desc, encoding="unicode", with_tail=False) if desc is not None else ""
            cats.append((tax.get(XML_ID) or "taxonomy", cat.get(XML_ID) or "category",
                         _strip_ns(xml)))
    parts = []
    for lp in root.iterfind(f"{T}teiHeader//{T}particDesc/{T}listPerson"):
        for p in lp:
            if p.tag not in (f"{T}person", f"{T}personGrp"):
                continue
            copy = etree.fromstring(etree.tostring(p, with_tail=False), make_parser())
            pid = copy.attrib.pop(XML_ID, "") or "participant"
            _unindent(copy)
            parts.append((etree.QName(p).localname, pid,
                          _strip_ns(etree.tostring(copy, encoding="unicode", with_tail=False))))
    return {"languages": langs, "categories": cats, "participants": parts}


def _unindent(el) -> None:
    for e in el.iter():
        if e.text is not None and not e.text.strip() and len(e):
            e.text = None
        if e.tail is not None and not e.tail.strip():
            e.tail = None


def _strip_ns(xml: str) -> str:
    return xml.replace(f' xmlns="{TEI}"', "")


def _el(parent, name: str, text: str | None = None, **attrs) -> etree._Element:
    e = etree.SubElement(parent, T + name, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        e.text = text
    return e


def _fragment(xml: str) -> etree._Element:
    return etree.fromstring(xml.replace(">", f' xmlns="{TEI}">', 1) if "xmlns=" not in xml.split(">", 1)[0]
                            else xml, make_parser())


def build_header(h: Header) -> etree._Element:
    """Return the corpus ``teiHeader`` element."""
    alloc = IdAllocator(h.documents)
    hdr = etree.Element(T + "teiHeader", nsmap={None: TEI})
    fd = _el(hdr, "fileDesc")
    _el(_el(fd, "titleStmt"), "title", h.title)
    extent = _el(fd, "extent")
    n_docs = len(h.documents)
    measures = [("documents", n_docs, "document"), ("turns", h.totals.get("turns", 0), "turn"),
                ("words", h.totals.get("words", 0), "word"),
                ("interpreted", h.totals.get("interpreted", 0), "interpreted turn"),
                ("interruptions", h.totals.get("interruptions_given", 0), "interruption"),
                ("events", h.totals.get("events", 0), "event"),
                ("participants", len(h.participants), "participant")]
    for unit, qty, noun in measures:
        _el(extent, "measure", f"{qty} {noun}{'' if qty == 1 else 's'}", unit=unit, quantity=str(qty))
    _el(_el(fd, "publicationStmt"), "p",
        f"TEI corpus of {n_docs} transcript{'' if n_docs == 1 else 's'}, built by tei-corpus {__version__}.")
    _el(_el(fd, "sourceDesc"), "p", "Each document's own header describes its source.")
    ed = _el(hdr, "encodingDesc")
    _el(_el(ed, "editorialDecl"), "p",
        "Inside this file every id of a document is prefixed with the document's id and a dot; "
        "the documents' own files keep their ids.")
    if h.categories:
        cd = _el(ed, "classDecl")
        for tax_id in sorted(h.categories):
            tax = _el(cd, "taxonomy")
            tax.set(XML_ID, alloc(tax_id))
            for cid, xml in h.categories[tax_id]:
                cat = _el(tax, "category")
                cat.set(XML_ID, alloc(cid))
                if xml:
                    cat.append(_fragment(xml))
                else:
                    _el(cat, "catDesc", cid)
    pd = _el(hdr, "profileDesc")
    if h.languages:
        lu = _el(pd, "langUsage")
        for ident in sorted(h.languages):
            _el(lu, "language", h.languages[ident] or ident, ident=ident)
    if h.participants:
        lp = _el(_el(pd, "particDesc"), "listPerson")
        for (kind, pid, xml), docs in sorted(h.participants.items(), key=lambda kv: (kv[0][1], kv[0][2])):
            src = _fragment(xml)
            p = etree.SubElement(lp, src.tag)
            p.set(XML_ID, alloc(pid))
            for k, v in src.attrib.items():
                p.set(k, v)
            p.set("corresp", " ".join("#" + d for d in docs))
            p.text = src.text
            p.extend(list(src))
    etree.indent(hdr, space=" ", level=1)
    return hdr


def embed_document(tree: etree._ElementTree, embed_id: str) -> etree._Element:
    """Return the document's ``TEI`` element with ids prefixed for the corpus file."""
    root = tree.getroot()
    ids = set()
    for el in root.iter(etree.Element):
        i = el.get(XML_ID)
        if i is not None and el is not root:
            ids.add(i)
            el.set(XML_ID, f"{embed_id}.{i}")
    root.set(XML_ID, embed_id)
    for el in root.iter(etree.Element):
        for name, value in el.attrib.items():
            if "#" not in value or name == XML_ID:
                continue
            toks = value.split()
            new = [f"#{embed_id}.{t[1:]}" if t.startswith("#") and t[1:] in ids else t for t in toks]
            if new != toks:
                el.set(name, " ".join(new))
    return root


def write_corpus(target: str | os.PathLike, header: Header,
                 documents: Iterable[tuple[str, Path]],
                 on_document: Callable[[str], None] | None = None) -> None:
    """Stream the teiCorpus file: header, then each ``(embed id, TEI file)`` in order.

    Raises:
        InputError: a document cannot be read back.
        OutputError: the target cannot be written.
    """
    hdr = etree.tostring(build_header(header), encoding="unicode")
    hdr = hdr.replace(f' xmlns="{TEI}"', "", 1)
    with atomic_stream(target) as fh:
        fh.write(b"<?xml version='1.0' encoding='UTF-8'?>\n")
        fh.write(f'<teiCorpus xmlns="{TEI}" xml:lang="en">\n '.encode())
        fh.write(hdr.encode("utf-8"))
        for embed_id, path in documents:
            tree = parse_file(path, huge_tree=True)
            root = embed_document(tree, embed_id)
            root.tail = None
            data = etree.tostring(root, encoding="unicode").replace(f' xmlns="{TEI}"', "", 1)
            fh.write(b"\n ")
            fh.write(data.encode("utf-8"))
            if on_document:
                on_document(embed_id)
        fh.write(b"\n</teiCorpus>\n")
