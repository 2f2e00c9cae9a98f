"""Validate a built TEI document: the toolkit's validator when present, else basic rules.

:func:`check_document` is what ``tei build`` runs on every document it
writes. When :mod:`tei_corpus.validate` offers ``validate_file`` it is called;
otherwise the document is checked here for what can be expressed simply: a
TEI root, unique ids, pointers that resolve to the right kind of element,
reciprocal ``next``/``prev``, ``#interpreted`` turns with a language, and
every ``xml:lang`` declared in ``langUsage``. :func:`validator_name` says
which one is in use (it is part of the build's fingerprint).
"""
from __future__ import annotations

import dataclasses
import inspect

from lxml import etree

from ..errors import Diagnostic

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Pointer attributes and the elements they must point to (None: any element).
POINTERS: dict[str, tuple[str, ...] | None] = {
    "who": ("person", "personGrp"),
    "resp": ("person", "personGrp"),
    "ana": ("category", "interp", "interpGrp"),
    "corresp": None,
    "next": None,
    "prev": None,
}


def _real_validator():
    try:
        from ..validate import validate_file
    except ImportError:
        return None
    return validate_file


def validator_name() -> str:
    """Return ``"tei_corpus.validate"`` when the full validator is used, else ``"basic"``."""
    return "tei_corpus.validate" if _real_validator() is not None else "basic"


def check_document(tree: etree._ElementTree, path: str) -> list[Diagnostic]:
    """Validate one parsed TEI document.

    Args:
        tree: the document, parsed from its bytes (so elements carry line numbers).
        path: the file's name, used in the diagnostics.

    Returns:
        Diagnostics (errors and warnings), in document order; empty when valid.
    """
    real = _real_validator()
    if real is not None:
        params = inspect.signature(real).parameters
        found = real(tree, path=path) if "path" in params else real(tree)
        return [d if d.path == path else dataclasses.replace(d, path=path) for d in found]
    return basic_checks(tree, path)


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def basic_checks(tree: etree._ElementTree, path: str) -> list[Diagnostic]:
    """Check the rules listed in the module docstring (no schema)."""
    out: list[Diagnostic] = []

    def err(el, code, msg, severity="error"):
        out.append(Diagnostic(path, el.sourceline or 0, 0, severity, code, msg))

    root = tree.getroot()
    if etree.QName(root).namespace != TEI or _local(root) != "TEI":
        err(root, "not-tei", f"the root element is <{root.tag}>, expected TEI in {TEI}")
        return out
    ids: dict[str, etree._Element] = {}
    for el in root.iter(etree.Element):
        i = el.get(XML_ID)
        if i is None:
            continue
        if i in ids:
            err(el, "duplicate-id", f'id "{i}" is already used on line {ids[i].sourceline}')
        else:
            ids[i] = el
    declared = {lang.get("ident") for lang in root.iterfind(f".//{{{TEI}}}langUsage/{{{TEI}}}language")}
    text = root.find(f"{{{TEI}}}text")
    for el in root.iter(etree.Element):
        for attr, kinds in POINTERS.items():
            value = el.get(attr)
            if value is None:
                continue
            for tok in value.split():
                if not tok.startswith("#"):
                    continue
                target = ids.get(tok[1:])
                if target is None:
                    err(el, f"{attr}-unresolved", f'@{attr} "{tok}" points to no element')
                elif kinds and _local(target) not in kinds:
                    err(el, f"{attr}-wrong-target",
                        f'@{attr} "{tok}" points to a <{_local(target)}>, '
                        f"expected {' or '.join(kinds)}")
        nxt = el.get("next")
        if nxt and nxt.startswith("#") and nxt[1:] in ids:
            back = ids[nxt[1:]].get("prev")
            if back != "#" + (el.get(XML_ID) or ""):
                err(el, "next-prev-mismatch", f'@next "{nxt}" is not answered by a @prev pointing back')
        lang = el.get(XML_LANG)
        if lang is not None and el is not root and text is not None and lang not in declared:
            err(el, "lang-undeclared", f'xml:lang "{lang}" is not declared in langUsage')
        if _local(el) == "u" and "#interpreted" in (el.get("ana") or "").split():
            if el.get(XML_LANG) is None:
                err(el, "interpreted-no-lang", "an #interpreted turn has no xml:lang")
    return out
