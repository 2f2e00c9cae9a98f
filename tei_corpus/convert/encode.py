"""Transcript model to TEI P5 (the contract in DESIGN.md), deterministic."""
from __future__ import annotations

import re

from lxml import etree

from .. import __version__
from ..xmlio import make_parser
from .model import Inline, Recording, Transcript, Turn

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = "{%s}" % TEI_NS
_XML_ID = "{%s}id" % XML_NS
_XML_LANG = "{%s}lang" % XML_NS

CATEGORIES = [
    ("regular", "A turn by a participant."),
    ("interpreted", "Delivered through an interpreter; the words are the interpreter's "
                    "rendition, ascribed to @who."),
    ("truncated", "Cut off before completion."),
    ("interrupting", "Begins while the previous turn was incomplete."),
    ("unlabelled", "Speech printed without a speaker label; the speaker is not identified."),
]
# Elements whose children are indented on output; all others keep their
# content byte for byte (mixed content must not gain whitespace).
_STRUCTURAL = {"TEI", "teiHeader", "fileDesc", "titleStmt", "publicationStmt", "sourceDesc",
               "bibl", "encodingDesc", "editorialDecl", "classDecl", "taxonomy", "category",
               "profileDesc", "langUsage", "particDesc", "listPerson", "person", "personGrp",
               "revisionDesc", "text", "front", "body", "back", "div", "u", "vocal", "kinesic",
               "incident", "gap", "pause", "respStmt", "listChange", "recordingStmt", "recording"}


def E(tag: str, *children, text: str | None = None, **attrs) -> etree._Element:
    """Build a TEI element (attribute names with ``xml_`` become xml:)."""
    el = etree.Element(_T + tag, nsmap={None: TEI_NS})
    _set(el, attrs)
    if text is not None:
        el.text = text
    for c in children:
        if c is not None:
            el.append(c)
    return el


def _set(el: etree._Element, attrs: dict) -> None:
    for k, v in attrs.items():
        if v is None or v == "":
            continue
        if k == "xml_id":
            el.set(_XML_ID, v)
        elif k == "xml_lang":
            el.set(_XML_LANG, v)
        else:
            el.set(k.rstrip("_"), v)


_STRUCTURAL_TAGS = frozenset(_T + name for name in _STRUCTURAL)


def _indent(el: etree._Element, level: int = 0, step: str = " ") -> None:
    """Lay out ``el`` at ``level``: a structural element whose content is elements only
    gets each child on a line of its own (the transcript's div is written so: :func:`_laid_out`)."""
    if el.tag not in _STRUCTURAL_TAGS or len(el) == 0:
        return
    if el.text and el.text.strip():
        return
    if any(c.tail and c.tail.strip() for c in el):
        return
    pad = "\n" + step * (level + 1)
    el.text = pad
    for c in el:
        if c.tag in _STRUCTURAL_TAGS:       # (the others keep their content as it is)
            _indent(c, level + 1, step)
        c.tail = pad
    el[-1].tail = "\n" + step * level


# The body of a transcript is written as XML text and parsed once, with the
# skeleton built above around it: lxml's calls per element and attribute cost
# several times what libxml2's parser takes to build the same tree. The text
# is laid out as _indent lays out a tree: a structural element written with
# element children only (a turn, an event's element with its desc) has each
# child on a line of its own; the content of every other element is kept.

#: What lxml refuses in a text or an attribute (it raises ValueError).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EMPTY = "<![CDATA[]]>"          # an empty text (``<x></x>``): the parser keeps no text otherwise
_BODY_LEVEL = 4                  # TEI > text > body > div > (the div's children)


def _escaped(s: str) -> str:
    """``s`` as XML text (a CR too, which the parser would read as a newline)."""
    if "&" in s or "<" in s or ">" in s or "\r" in s:
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return s


def _escaped_value(s: str) -> str:
    """``s`` as an attribute's value (its tabs and newlines too, which the parser would make spaces)."""
    s = _escaped(s)
    if '"' in s or "\t" in s or "\n" in s:
        s = s.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
    return s


def _text(s: str | None) -> str:
    """The written form of an element's whole text ``s`` (an empty text kept as one, None as none)."""
    if s:
        return _escaped(s)
    return "" if s is None else _EMPTY


def _attr(name: str, value: str | None) -> str:
    """A written attribute; none where ``value`` is None or "" (as :func:`_set`)."""
    return "" if value is None or value == "" else f' {name}="{_escaped_value(value)}"'


def _element(name: str, attrs: str, content: str) -> str:
    return f"<{name}{attrs}>{content}</{name}>" if content else f"<{name}{attrs}/>"


def _laid_out(name: str, attrs: str, children: list, level: int) -> str:
    """An element at ``level`` with its (written) element children, laid out as :func:`_indent` does."""
    if not children:
        return f"<{name}{attrs}/>"
    if name not in _STRUCTURAL:
        return f"<{name}{attrs}>{''.join(children)}</{name}>"
    pad = "\n" + " " * (level + 1)
    return f"<{name}{attrs}>{pad}{pad.join(children)}\n{' ' * level}</{name}>"


def _mixed(items: list, when: dict | None = None) -> str:
    """Strings and Inline items as mixed content.

    With ``when`` (seconds -> when id), a printed time placed on the timeline is
    preceded by ``anchor synch`` pointing to its ``when`` (a point within the turn),
    and a format's point inside a turn (a segment's or word's time) is that
    ``anchor`` alone.
    """
    if len(items) == 1 and isinstance(items[0], str):      # plain text, the common case
        return _text(items[0])
    out = []
    has_text = False
    for it in items:
        if isinstance(it, str):
            out.append(_escaped(it))
            has_text = True
            continue
        if when and it.kind in ("time", "point") and it.at is not None:
            out.append(f'<anchor synch="#{when[it.at]}"/>')
            if it.kind == "point":
                continue
        elif it.kind == "point":
            continue
        out.append(_inline(it))
    written = "".join(out)
    return written if written or not has_text else _EMPTY


def _with_desc(name: str, attrs: str, text: str, level: int | None) -> str:
    """An event's element holding its wording in ``desc`` (laid out at ``level``, if given)."""
    desc = f"<desc>{_text(text)}</desc>"
    if level is None:                   # inside mixed content: kept as written
        return f"<{name}{attrs}>{desc}</{name}>"
    return _laid_out(name, attrs, [desc], level)


def _inline(it: Inline, level: int | None = None) -> str:
    """The element of an inline item; ``level``: laid out there (a child of div or u)."""
    k = it.kind
    if k == "foreign":
        return _element("foreign", _attr("xml:lang", it.lang), _text(it.text))
    if k in ("vocal", "kinesic", "incident"):
        return _with_desc(k, _attr("type", it.type), it.text, level)
    if k == "pause":
        # TEI's pause is empty: the printed cue ("(Pause.)") is kept in an
        # incident of type pause, so no word of the source is lost.
        return _with_desc("incident", ' type="pause"', it.text, level)
    if k == "gap":
        return _with_desc("gap", _attr("reason", it.type or "inaudible"), it.text, level)
    if k == "elision":
        return _with_desc("gap", ' reason="editorial"', it.text, level)
    simple = _SIMPLE_INLINE.get(k)
    if simple is None:
        raise ValueError(f"unknown inline kind {k!r}")
    name, attrs = simple
    return _element(name, attrs, _text(it.text))


#: inline kind -> (element, attributes) of the items whose wording is the element's text
_SIMPLE_INLINE = {
    "unclear": ("unclear", ""),
    "delivery": ("note", ' type="delivery"'),
    "fw": ("fw", ' type="pageNum"'),
    "time": ("time", ""),
    "heading": ("note", ' type="heading"'),
    "label": ("note", ' type="speaker"'),   # a label printed again inside the turn it continues
}


def _wholly_interpreted(t: Turn) -> bool:
    """True when every paragraph with words is the interpreter's."""
    return all(p.interpreted for p in t.paragraphs if not p.is_event_only())


def _u_attrs(t: Turn, uid: str, ids: dict, when: dict | None, wholly: bool) -> str:
    """The written attributes of a turn's ``u`` (the ids and categories need no escaping)."""
    ana = "#unlabelled" if t.unlabelled else "#regular"
    if t.interpreted:
        ana += " #interpreted"
    if t.truncated:
        ana += " #truncated"
    if t.interrupting:
        ana += " #interrupting"
    out = f' xml:id="{uid}"'
    if t.who:
        out += f' who="#{_escaped_value(t.who)}"'
    out += f' ana="{ana}"'
    if t.interpreted and wholly:
        out += ' resp="#interpreter"'
    if t.lang:
        out += f' xml:lang="{_escaped_value(t.lang)}"'
    if t.interrupting or t.overlaps:
        out += ' trans="overlap"'
    if t.interrupting_cert:
        out += f' cert="{_escaped_value(t.interrupting_cert)}"'
    if when or t.resumes is not None or t.continued_by is not None or t.corresp is not None:
        out += _u_links(t, ids, when)
    return out


def _u_links(t: Turn, ids: dict, when: dict | None) -> str:
    """The written @prev, @next, @corresp, @start and @end of a turn's ``u``."""
    out = ""
    if t.resumes is not None:
        out += f' prev="#{ids[t.resumes]}"'
    if t.continued_by is not None:
        out += f' next="#{ids[t.continued_by]}"'
    if t.corresp is not None:
        out += f' corresp="#{ids[t.corresp]}"'
    if when and t.start is not None:
        out += f' start="#{when[t.start]}"'
    if when and t.end is not None:
        out += f' end="#{when[t.end]}"'
    return out


def _u(t: Turn, uid: str, ids: dict, when: dict | None, level: int) -> str:
    """A turn's ``u`` (at ``level``): a seg per paragraph, a timed event as a part of its own."""
    wholly = t.interpreted and _wholly_interpreted(t)
    partly = ' resp="#interpreter"' if t.interpreted and not wholly else ""
    parts = []
    for p in t.paragraphs:
        items = p.items
        resp = partly if p.interpreted else ""
        if len(items) == 1 and isinstance(items[0], str) and len(items[0]) <= MAX_SEG_CHARS:
            parts.append(f"<seg{resp}>{_text(items[0])}</seg>")     # plain text: one seg
            continue
        if p.is_event_only() and not _has_points(p):     # a timed event is a part: a seg
            parts.extend(_inline(it, level + 1) for it in items
                         if not isinstance(it, str) and it.kind != "point")
            continue
        for run in _chunks(items):
            parts.append(_element("seg", resp, _mixed(run, when)))
    return _laid_out("u", _u_attrs(t, uid, ids, when, wholly), parts, level)


def _has_points(p: Paragraph) -> bool:
    return any(isinstance(it, Inline) and it.kind == "point" for it in p.items)


# libxml2 refuses a text node over 10,000,000 bytes unless told otherwise
# (XML_MAX_TEXT_LENGTH): a paragraph longer than this many characters is written
# as several seg, cut at a space, so that every parser reads what we write.
MAX_SEG_CHARS = 1_000_000


def _chunks(items: list, limit: int = MAX_SEG_CHARS) -> list[list]:
    """Split a paragraph's items into runs of at most ``limit`` characters of text."""
    if sum(len(it) if isinstance(it, str) else len(it.text) for it in items) <= limit:
        return [items]
    runs: list[list] = [[]]
    size = 0
    for it in items:
        pieces = _split_text(it, limit) if isinstance(it, str) else [it]
        for piece in pieces:
            n = len(piece) if isinstance(piece, str) else len(piece.text)
            if size and size + n > limit:
                runs.append([])
                size = 0
            runs[-1].append(piece)
            size += n
    return [r for r in runs if r]


def _split_text(s: str, limit: int) -> list[str]:
    """Cut a long string after a space (or hard, where there is none) into pieces <= limit."""
    out = []
    while len(s) > limit:
        cut = s.rfind(" ", limit // 2, limit)
        cut = cut + 1 if cut > 0 else limit
        out.append(s[:cut])
        s = s[cut:]
    out.append(s)
    return out


def _outside(blocks: list) -> list:
    divs = []
    for b in blocks:
        div = E("div", type=b.kind)
        for _, line in b.lines:
            div.append(E("ab" if b.kind == "frontmatter" else "p", text=line))
        divs.append(div)
    return divs


def _recording_id(tr: Transcript) -> str:
    """The recording's id: ``rec``, or ``rec-2``... where a participant already has it."""
    taken = {p.id for p in tr.participants} | {cid for cid, _ in CATEGORIES}
    rid, n = "rec", 1
    while rid in taken:
        n += 1
        rid = f"rec-{n}"
    return rid


def _recording_stmt(tr: Transcript, rec_id: str) -> etree._Element | None:
    """``recordingStmt/recording`` (type audio or video), with ``media`` when the file is known."""
    if not rec_id:
        return None
    rec = tr.recording or Recording()
    media = E("media", mimeType=rec.mime_type, url=rec.url) if rec.url else None
    return E("recordingStmt", E("recording", media, type=rec.kind, xml_id=rec_id))


def _header(tr: Transcript, rec_id: str = "") -> etree._Element:
    title = tr.title or tr.doc_id
    bibl = E("bibl", E("title", text=title),
             E("idno", type="URI", text=tr.source_url) if tr.source_url else None,
             E("date", when=tr.date if _iso_date(tr.date) else None, text=tr.date) if tr.date else None)
    notes = list(tr.normalisations)
    editorial = E("editorialDecl", *[E("p", text=n) for n in notes]) if notes else \
        E("editorialDecl", E("p", text="The text was encoded as found."))
    taxonomy = E("taxonomy", *[E("category", E("catDesc", text=d), xml_id=cid)
                               for cid, d in CATEGORIES], xml_id="utterance-types")
    langs = E("langUsage", *[E("language", ident=code, text=name)
                             for code, name in sorted(tr.languages.items(),
                                                      key=lambda kv: (kv[0] != tr.lang, kv[0]))])
    persons = []
    for p in tr.participants:
        if p.group:
            label = p.name or {"journalist": "Questioners from the press",
                               "interpreter": "Interpreter (unnamed)"}.get(p.role, "Unidentified speakers")
            persons.append(E("personGrp", E("name", text=label), xml_id=p.id, role=p.role))
            continue
        kids = [E("persName", text=p.name or p.role_title or _display_label(p))]
        for kind, value in p.idno:
            kids.append(E("idno", type=kind, text=value))
        if p.role_title:
            kids.append(E("affiliation", E("roleName", text=p.role_title)))
        for kind, value in p.affiliations:
            kids.append(E("affiliation", type=kind, text=value))
        persons.append(E("person", *kids, xml_id=p.id, role=p.role))
    partic = E("particDesc", E("listPerson", *persons)) if persons else None
    change = f"Converted from plain text by tei-corpus {__version__}"
    change += f" with the profile {tr.profile!r}." if tr.profile else "."
    return E("teiHeader",
             E("fileDesc",
               E("titleStmt", E("title", text=title)),
               E("publicationStmt", E("p", text="TEI encoding of a published transcript.")),
               E("sourceDesc", bibl, _recording_stmt(tr, rec_id))),
             E("encodingDesc", editorial, E("classDecl", taxonomy)),
             E("profileDesc", langs, partic),
             E("revisionDesc", E("change", text=change)))


def _display_label(p) -> str:
    """Name a person known only by a label (PRIME MINISTER -> Prime Minister)."""
    label = p.labels[0] if p.labels else p.id
    return label.title() if label.isupper() and len(label) > 1 else label


def _iso_date(s: str) -> bool:
    import re
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s or ""))


def _time_values(turns: list) -> list[float]:
    """Every distinct time of the document: turns' starts and ends, points inside turns."""
    values = set()
    for t in turns:
        if t.start is not None:
            values.add(t.start)
        if t.end is not None:
            values.add(t.end)
        for p in t.paragraphs:
            for it in p.items:
                if isinstance(it, Inline) and it.kind in ("time", "point") and it.at is not None:
                    values.add(it.at)
    return sorted(values)


def _timeline(values: list, recording: str = "") -> tuple[str, dict]:
    """The timeline of a timed source (written) and its seconds -> when id.

    As ParCzech and ParlaMint do it: an origin at 0 s and one ``when`` per
    distinct time of ``values``, ``interval`` seconds since the origin; turns point
    to them with ``@start`` and ``@end``, printed times inside turns with ``anchor/@synch``.
    ``corresp`` points to the recording the times are of.
    """
    if not values:
        return "", {}
    when = {0.0: "T0"}
    points = ['<when xml:id="T0" absolute="00:00:00"/>']
    for v in values:
        if v not in when:
            when[v] = f"T{len(when)}"
            interval = f"{v:.3f}".rstrip("0").rstrip(".")
            points.append(f'<when xml:id="{when[v]}" interval="{interval}" since="#T0"/>')
    attrs = ' unit="s" origin="#T0"' + _attr("corresp", f"#{recording}" if recording else None)
    return f"<timeline{attrs}>{''.join(points)}</timeline>", when


def encode(tr: Transcript) -> etree._ElementTree:
    """Return the TEI document for a transcript.

    The skeleton (header, front and back matter) is built as a tree and laid
    out; the transcript is written as text into its div and the whole parsed
    once (see :func:`_write_turns`), so no large subtree is built call by call
    or moved from one lxml document into another.
    """
    values = _time_values(tr.turns)
    rec_id = _recording_id(tr) if tr.recording or values else ""
    root = E("TEI", _header(tr, rec_id), xml_id=tr.doc_id, xml_lang=tr.lang)
    text = etree.SubElement(root, _T + "text")
    if tr.front:
        text.append(E("front", *_outside(tr.front)))
    etree.SubElement(etree.SubElement(text, _T + "body"), _T + "div", type="transcript")
    if tr.back:
        text.append(E("back", *_outside(tr.back)))
    children, body_ids = _write_turns(tr, rec_id, values)
    doc_id = _free_id(tr.doc_id, root, body_ids)
    root.set(XML_ID, doc_id)
    _indent(root)
    tree = etree.ElementTree(_with_body(root, children))
    tr.doc_id = doc_id
    return tree


def _write_turns(tr: Transcript, rec_id: str, values: list) -> tuple[list, list]:
    """The div's children, written: the timeline, then each turn's notes, utterance and
    the events after it, each laid out; and the ids they give."""
    ids = {i: f"u{i + 1}" for i in range(len(tr.turns))}
    timeline, when = _timeline(values, rec_id)
    level = _BODY_LEVEL
    children = [timeline] if timeline else []
    try:
        for i, t in enumerate(tr.turns):
            if t.label_raw:
                children.append(_element("note", ' type="speaker"', _mixed(t.label_parts or [t.label_raw])))
            for d in t.delivery:
                children.append(f'<note type="delivery">{_text(d)}</note>')
            children.append(_u(t, ids[i], ids, when, level))
            for p in t.after:
                children.extend(_inline(it, level) for it in p.items if not isinstance(it, str))
    except ValueError:                  # an unknown kind: is a character written before it refused?
        _check_characters("".join(children))
        raise
    return children, [*ids.values(), *when.values()]


_EMPTY_DIV = '<div type="transcript"/>'


def _check_characters(written: str) -> None:
    """Raise ValueError, as lxml does for a text given to an element, if ``written``
    holds a character XML does not allow."""
    if _NOT_XML.search(written):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, "
                         "no NULL bytes or control characters") from None


def _with_body(skeleton: etree._Element, children: list) -> etree._Element:
    """The document: ``skeleton`` with the written ``children`` in its transcript div, parsed once.

    The text is put together once, as UTF-8 (a copy of a large text costs as
    much as the join): the skeleton's text before and after the div goes with
    the first and last child, each child on a line of its own as
    :func:`_indent` lays it out.

    The header and the front and back matter are then the skeleton's own
    elements again (a text parsed back loses the difference between an empty
    text and none).

    Raises:
        ValueError: a text of the body holds a character XML does not allow
            (as lxml says when one is given to an element).
    """
    if not children:
        return skeleton
    before, after = etree.tostring(skeleton, encoding="unicode").split(_EMPTY_DIV)
    pad = "\n" + " " * _BODY_LEVEL
    first, last = f'{before}<div type="transcript">{pad}', f"\n{' ' * (_BODY_LEVEL - 1)}</div>{after}"
    lines = [first + children[0], *children[1:]]
    lines[-1] += last
    data = _utf8(lines, pad)
    try:
        root = etree.fromstring(data, make_parser(huge_tree=True))
    except etree.XMLSyntaxError:
        _check_characters("".join(children))
        raise
    built = [skeleton[0], *(el for el in skeleton[1] if el.tag != _T + "body")]
    parsed = [root[0], *(el for el in root[1] if el.tag != _T + "body")]
    for old, new in zip(parsed, built):
        old.getparent().replace(old, new)
    return root


def _utf8(lines: list, sep: str) -> bytes:
    """``sep.join(lines)`` in UTF-8, each line encoded apart (a large text of mostly
    ASCII lines would be widened to join and narrowed to encode)."""
    try:
        return sep.encode("utf-8").join([line.encode("utf-8") for line in lines])
    except UnicodeEncodeError:
        sep.join(lines).encode("utf-8")     # raise the error the whole text gives
        raise


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _free_id(doc_id: str, root: etree._Element, body_ids: list) -> str:
    """Return ``doc_id``, or ``doc_id-doc`` (-doc-2...) where an id inside uses it.

    ``root`` holds the header and the front and back matter; ``body_ids`` are
    the ids written in the transcript's div. A file named after its speaker
    (``blinken.txt``) or after an utterance (``u1.txt``) would otherwise give
    the document the id of a person or a turn.
    """
    inside = set(root.xpath("descendant::*/@xml:id")) - {""}
    if doc_id not in inside and doc_id not in body_ids:     # (no body id is "")
        return doc_id
    taken = inside | set(body_ids)
    candidate, n = f"{doc_id}-doc", 1
    while candidate in taken:
        n += 1
        candidate = f"{doc_id}-doc-{n}"
    return candidate


def serialize(tree: etree._ElementTree) -> bytes:
    """Serialize a TEI tree to UTF-8 bytes with an XML declaration."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
