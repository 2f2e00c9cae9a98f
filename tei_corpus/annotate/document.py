"""Annotate one TEI document in place: every ``seg`` of every ``u``, and the header.

The languages come from the document: ``TEI/@xml:lang``, or the nearest
``xml:lang`` above a ``seg`` (an interpreted ``u``), or a ``foreign``'s own.
The tools are recorded in ``teiHeader/encodingDesc/appInfo``, one
``application`` each, replaced when the file is annotated again. A ``seg``
that already holds sentences or tokens is left as it is.
"""
from __future__ import annotations

from lxml import etree

from .. import __version__
from ..errors import InputError
from .analysers import Application
from .layer import (TEI, XML_ID, is_annotated, read_segment, split_sentences,
                    write_segment)

#: The application entry of the tokeniser and sentence splitter.
TOKENISER = Application(
    "tei-corpus", __version__,
    "Sentences (s), words (w) and punctuation (pc) with @join by tei annotate's rule-based "
    "tokeniser; the spaces between tokens are kept as printed.")


def annotate_tree(tree: etree._ElementTree, analyser, *, path: str = "<tree>") -> int:
    """Write ``s``, ``w`` and ``pc`` into every ``seg`` of every ``u``; return the sentences written.

    Args:
        tree: a parsed TEI document (``TEI``; a ``teiCorpus``'s members too).
        analyser: gives tokens their lemma and tags (:mod:`.analysers`).
        path: the input's name, for error messages.

    Raises:
        InputError: not TEI (``not-tei``), or an id it would give is taken (``id-duplicate``).
    """
    from ..editions.render import check_tei

    check_tei(tree, path)
    root = tree.getroot()
    taken = set(root.xpath("//@xml:id"))
    written = 0
    for number, u in enumerate(root.iter(TEI + "u"), 1):
        written += _annotate_turn(u, number, analyser, taken, path)
    for tei in _documents(root):
        record_applications(tei, [TOKENISER, analyser.application])
    return written


def _annotate_turn(u: etree._Element, number: int, analyser, taken: set, path: str) -> int:
    """Annotate the ``seg``s of one ``u``; sentence numbers run on through the turn."""
    u_base = u.get(XML_ID) or f"u{number}"
    n_in_turn = 0
    written = 0
    for seg in u.iter(TEI + "seg"):
        if is_annotated(seg):
            continue
        lang = _lang_of(seg)
        base = seg.get(XML_ID) or u_base
        first = 1 if seg.get(XML_ID) else n_in_turn + 1
        top = read_segment(seg, lang)
        units = split_sentences(top.items)
        _check_ids(seg, base, first, units, taken, path)
        n = write_segment(top, units, base, first, analyser)
        if not seg.get(XML_ID):
            n_in_turn += n
        written += n
    return written


def _check_ids(seg, base: str, first: int, units: list, taken: set, path: str) -> None:
    n = sum(1 for unit in units if isinstance(unit, list))
    for k in range(first, first + n):
        sid = f"{base}.s{k}"
        if sid in taken:
            raise InputError(path, f"cannot give a sentence the id {sid!r}: another element "
                             "has it", seg.sourceline or 0, 0, code="id-duplicate")
        taken.add(sid)


def _lang_of(el: etree._Element) -> str:
    found = el.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")
    return str(found[0]) if found else ""


def _documents(root: etree._Element) -> list:
    """The elements whose header records the tools: the TEI, or a corpus and its members."""
    if etree.QName(root).localname == "TEI":
        return [root]
    return [root] + list(root.iter(TEI + "TEI"))


def record_applications(doc: etree._Element, apps: list[Application]) -> None:
    """Add (or replace) one ``application`` per tool in the header's ``encodingDesc/appInfo``."""
    header = doc.find(TEI + "teiHeader")
    if header is None:
        return
    enc = header.find(TEI + "encodingDesc")
    if enc is None:
        enc = etree.Element(TEI + "encodingDesc")
        header.find(TEI + "fileDesc").addnext(enc)
    info = enc.find(TEI + "appInfo")
    if info is None:
        info = etree.SubElement(enc, TEI + "appInfo")
    for app in apps:
        for old in info.findall(TEI + "application"):
            if old.get("ident") == app.ident:
                info.remove(old)
        el = etree.SubElement(info, TEI + "application", ident=app.ident, version=app.version)
        etree.SubElement(el, TEI + "desc").text = app.desc
    _indent_like(info)


def _indent_like(info: etree._Element) -> None:
    """Indent ``appInfo`` one space per level, as the converter lays out its header."""
    depth = sum(1 for _ in info.iterancestors())
    etree.indent(info, space=" ", level=depth)
    prev = info.getprevious()
    if prev is not None and (prev.tail or "").strip() == "":
        info.tail = prev.tail if info.getnext() is not None else "\n" + " " * (depth - 1)
        prev.tail = "\n" + " " * depth
