"""Write the linguistic layer of one TEI document: ``s``, ``w`` and ``pc`` inside each ``seg``.

The encoding follows ParlaMint's annotated (``.ana``) files: inside each
``seg`` of each ``u``, sentences are ``s``, words ``w`` with ``@lemma``,
punctuation ``pc`` with ``@msd="UPosTag=PUNCT"``, and a token that is not
followed by a space carries ``join="right"``. Unlike ParlaMint, the space
between two tokens is kept as a text node, so the string value of every
``seg`` is unchanged and every edition of the file reads as before.

What is already inside a ``seg`` stays in place:

* ``foreign`` (and ``hi``, ``emph``, ``unclear``: words printed differently)
  keeps its attributes and gets the tokens of its text inside it; its words
  are lemmatised in its own ``xml:lang``. A sentence never ends inside it.
* every other element (``vocal``, ``kinesic``, ``incident``, ``gap``,
  ``note``, ``pause``, ``time``, ``date``, ``anchor``, ``lb``, ``pb``, names…)
  is kept whole, untokenised, where it was: inside the sentence it falls in,
  or between two sentences when it follows the end of one.

``u`` and ``seg`` ids never change. A sentence's id is the ``seg``'s id, or
else its ``u``'s, followed by ``.s`` and its number in it (``u3.s2``); a
token's is the sentence's followed by ``.w`` or ``.pc`` and its position in
the sentence (``u3.s2.w4``, ``u3.s2.pc5``), the position being the token's
CoNLL-U ``ID``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from .tokenise import (is_closing, is_punctuation, is_terminal, iter_pieces,
                       punctuation_class, starts_lower)

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI = "{%s}" % TEI_NS
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Inline elements whose text is tokenised inside them; every other element is kept whole.
TOKENISED = frozenset({"foreign", "hi", "emph", "unclear"})


@dataclass
class Token:
    """A word or punctuation token, with what follows it in the text."""

    form: str
    lang: str
    after: str = ""                # the whitespace after it, as printed
    join: bool = False             # no space between it and the next token
    lemma: str | None = None
    msd: str | None = None


@dataclass
class Kept:
    """An element kept whole (an event, a note, a milestone), or a comment."""

    el: etree._Element
    after: str = ""


@dataclass
class Group:
    """An element whose text is tokenised inside it (``foreign``)."""

    el: etree._Element
    lead: str = ""
    items: list = field(default_factory=list)
    after: str = ""


@dataclass
class _Reading:
    """The state of reading one ``seg``: the last token, and whether a space came since."""

    last: Token | None = None
    space: bool = True


#: What gives tokens their lemma and tags: called once per sentence with its tokens.
Analyse = Callable[[list], None]


def is_annotated(seg: etree._Element) -> bool:
    """Return True when ``seg`` already holds sentences or tokens."""
    return any(True for _ in seg.iter(TEI + "s", TEI + "w", TEI + "pc"))


def read_segment(seg: etree._Element, lang: str) -> Group:
    """Return the items of ``seg`` (tokens, kept elements, groups), its children detached."""
    top = Group(seg)
    _read_into(top, seg, lang, _Reading())
    return top


def _read_into(group: Group, el: etree._Element, lang: str, state: _Reading) -> None:
    _read_text(group, el.text or "", lang, state)
    for child in list(el):
        tail = child.tail or ""
        child.tail = None
        el.remove(child)
        if isinstance(child.tag, str) and etree.QName(child).localname in TOKENISED \
                and etree.QName(child).namespace == TEI_NS:
            inner = Group(child)
            _read_into(inner, child, child.get(XML_LANG) or lang, state)
            child.text = None
            group.items.append(inner)
        else:
            group.items.append(Kept(child))
        _read_text(group, tail, lang, state)
    el.text = None


def _read_text(group: Group, text: str, lang: str, state: _Reading) -> None:
    for space, form in iter_pieces(text, lang):
        if space:
            if group.items:
                group.items[-1].after += space
            else:
                group.lead += space
            state.space = True
            continue
        token = Token(form, lang)
        if state.last is not None and not state.space:
            state.last.join = True
        state.last, state.space = token, False
        group.items.append(token)


def split_sentences(items: list) -> list:
    """Group the top-level items of a ``seg`` into sentences (lists) and items between them.

    A sentence ends after a terminal punctuation token and the closing marks
    right after it, unless the next word starts in lower case; an element kept
    whole that comes after the end of a sentence stands between sentences.
    """
    units: list = []
    current: list = []
    ended = False
    for item in items:
        if isinstance(item, Kept):
            if current and not ended:
                current.append(item)
            else:
                _close(units, current)
                current = []
                units.append(item)
            continue
        if ended and isinstance(item, Token) and is_closing(item.form) and current:
            current.append(item)
            continue
        if ended and not (isinstance(item, Token) and starts_lower(item.form)):
            _close(units, current)
            current = []
        ended = isinstance(item, Token) and is_terminal(item.form)
        current.append(item)
    _close(units, current)
    return units


def _close(units: list, sentence: list) -> None:
    if sentence:
        units.append(sentence)


def iter_tokens(items: list):
    """Yield the tokens of ``items`` in order, those inside groups included."""
    for item in items:
        if isinstance(item, Token):
            yield item
        elif isinstance(item, Group):
            yield from iter_tokens(item.items)


def write_segment(top: Group, units: list, base: str, first: int, analyse: Analyse) -> int:
    """Write ``units`` back into the ``seg`` of ``top``; return the number of sentences written.

    Args:
        top: the read ``seg``.
        units: sentences (lists of items) and items between them.
        base: the id the sentence ids start with (the ``seg``'s or the ``u``'s).
        first: the number of the first sentence.
        analyse: gives each sentence's tokens their lemma and tags.
    """
    seg = top.el
    seg.text = top.lead or None
    n = 0
    for unit in units:
        if not isinstance(unit, list):
            _append(seg, _element_of(unit, ""), unit.after)
            continue
        sid = f"{base}.s{first + n}"
        n += 1
        tokens = list(iter_tokens(unit))
        analyse(tokens)
        s = etree.SubElement(seg, TEI + "s", {XML_ID: sid})
        counter = iter(range(1, len(tokens) + 1))
        for item in unit:
            _append(s, _element_of(item, sid, counter), item.after)
        s.tail, s[-1].tail = s[-1].tail, None
    return n


def _append(parent: etree._Element, el: etree._Element, after: str) -> None:
    parent.append(el)
    el.tail = after or None


def _element_of(item, sid: str, counter=None) -> etree._Element:
    if isinstance(item, Kept):
        return item.el
    if isinstance(item, Group):
        el = item.el
        el.text = item.lead or None
        for inner in item.items:
            _append(el, _element_of(inner, sid, counter), inner.after)
        return el
    k = next(counter)
    if is_punctuation(item.form):
        el = etree.Element(TEI + "pc", {XML_ID: f"{sid}.pc{k}"})
        el.set("msd", item.msd or f"UPosTag={punctuation_class(item.form)}")
    else:
        el = etree.Element(TEI + "w", {XML_ID: f"{sid}.w{k}"})
        if item.lemma is not None:
            el.set("lemma", item.lemma)
        if item.msd:
            el.set("msd", item.msd)
    if item.join:
        el.set("join", "right")
    el.text = item.form
    return el
