"""Helpers for converter tests: read counts back from the TEI itself."""
from __future__ import annotations

import re
from collections import Counter

from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
_MD = re.compile(r"\\([\[\]*_#`()\\])")
# Scripts written without spaces between words are compared character by character.
_UNSPACED = re.compile(r"([\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])")


def _tokens(text: str) -> Counter:
    return Counter(t for token in text.split() for t in _UNSPACED.split(token) if t)


def counts(tree: etree._ElementTree) -> dict:
    """Turns, labels and flags as encoded in the TEI (not as reported)."""
    root = tree.getroot()
    labels = []
    for n in root.iterfind(".//t:body//t:note[@type='speaker']", NS):
        printed = (n.text or "") + "".join(c.tail or "" for c in n)   # without <time> children
        lab = re.sub(r"\s*[:：.]\s*$|\s+(?:—|–|--|-)\s*$", "", printed).strip()
        if lab not in labels:
            labels.append(lab)
    us = root.findall(".//t:body//t:u", NS)
    heads = [u for u in us if u.get("prev") is None and "#unlabelled" not in (u.get("ana") or "")]
    ana = lambda u: (u.get("ana") or "").split()  # noqa: E731
    return {
        "turns": len(root.findall(".//t:body//t:note[@type='speaker']", NS)),
        "utterances": len(heads),
        "labels": labels,
        "interpreted": sum("#interpreted" in ana(u) for u in us),
        "truncated": sum("#truncated" in ana(u) for u in us),
    }


def source_tokens(raw: str) -> Counter:
    """Word tokens of a raw transcript, after the documented normalisations."""
    text = raw.replace("\u00a0", " ").replace("\r\n", "\n")
    # Zero-width characters and soft hyphens are removed; fixed-width spaces are spaces.
    text = re.sub("[\u200b\u2060\ufeff\u00ad]", "", text)
    text = re.sub("[\u2007\u202f\u2009\u200a\u2002\u2003\u3000]", " ", text)
    # Control characters not allowed in XML become spaces.
    text = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]", " ", text)
    # C1 controls stand for cp1252 punctuation (the converter reads them so).
    text = re.sub("[\x80-\x9f]", lambda m: bytes([ord(m.group())]).decode("cp1252", "replace")
                  .replace("\ufffd", " "), text)
    text = _MD.sub(r"\1", text).replace("**", " ")
    return _tokens(text)


def tei_tokens(tree: etree._ElementTree) -> Counter:
    """Word tokens of everything under TEI/text (same normalisation as the source)."""
    text = tree.getroot().find("t:text", NS)
    return _tokens(_MD.sub(r"\1", "".join(text.itertext())).replace("**", " "))
