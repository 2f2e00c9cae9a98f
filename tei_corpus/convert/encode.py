"""Transcript model to TEI P5 (the contract in DESIGN.md), deterministic."""
from __future__ import annotations

from lxml import etree

from .. import __version__
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


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """Build a TEI element as the last child of ``parent`` (attributes as :func:`E`).

    Made in the parent's own lxml document, so nothing is moved between documents
    afterwards: the body of a long transcript is built this way.
    """
    el = etree.SubElement(parent, _T + tag)
    _set(el, attrs)
    if text is not None:
        el.text = text
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


def _append_items(parent: etree._Element, items: list, when: dict | None = None) -> None:
    """Append strings and Inline items as mixed content.

    With ``when`` (seconds -> when id), a printed time placed on the timeline is
    preceded by ``anchor synch`` pointing to its ``when`` (a point within the turn),
    and a format's point inside a turn (a segment's or word's time) is that
    ``anchor`` alone.
    """
    last = None
    for it in items:
        if isinstance(it, str):
            if last is None:
                parent.text = (parent.text or "") + it
            else:
                last.tail = (last.tail or "") + it
            continue
        if when and it.kind in ("time", "point") and it.at is not None:
            anchor = _sub(parent, "anchor", synch=f"#{when[it.at]}")
            if it.kind == "point":
                last = anchor
                continue
        elif it.kind == "point":
            continue
        last = _add_inline(parent, it)


def _with_desc(el: etree._Element, text: str) -> etree._Element:
    _sub(el, "desc", text=text)
    return el


def _add_inline(parent: etree._Element, it: Inline) -> etree._Element:
    """Append the element of an inline item to ``parent``; return it."""
    k = it.kind
    if k in ("vocal", "kinesic", "incident"):
        return _with_desc(_sub(parent, k, type=it.type), it.text)
    if k == "pause":
        # TEI's pause is empty: the printed cue ("(Pause.)") is kept in an
        # incident of type pause, so no word of the source is lost.
        return _with_desc(_sub(parent, "incident", type="pause"), it.text)
    if k == "gap":
        return _with_desc(_sub(parent, "gap", reason=it.type or "inaudible"), it.text)
    if k == "elision":
        return _with_desc(_sub(parent, "gap", reason="editorial"), it.text)
    if k == "unclear":
        return _sub(parent, "unclear", text=it.text)
    if k == "delivery":
        return _sub(parent, "note", type="delivery", text=it.text)
    if k == "foreign":
        return _sub(parent, "foreign", text=it.text, xml_lang=it.lang)
    if k == "fw":
        return _sub(parent, "fw", type="pageNum", text=it.text)
    if k == "time":
        return _sub(parent, "time", text=it.text)
    if k == "heading":
        return _sub(parent, "note", type="heading", text=it.text)
    if k == "label":                    # a label printed again inside the turn it continues
        return _sub(parent, "note", type="speaker", text=it.text)
    raise ValueError(f"unknown inline kind {k!r}")


def _wholly_interpreted(t: Turn) -> bool:
    """True when every paragraph with words is the interpreter's."""
    return all(p.interpreted for p in t.paragraphs if not p.is_event_only())


def _u(div: etree._Element, t: Turn, uid: str, ids: dict, when: dict | None = None) -> etree._Element:
    ana = ["#unlabelled"] if t.unlabelled else ["#regular"]
    if t.interpreted:
        ana.append("#interpreted")
    if t.truncated:
        ana.append("#truncated")
    if t.interrupting:
        ana.append("#interrupting")
    u = _sub(div, "u", xml_id=uid, who=f"#{t.who}" if t.who else None, ana=" ".join(ana),
          resp="#interpreter" if t.interpreted and _wholly_interpreted(t) else None,
          xml_lang=t.lang or None,
          trans="overlap" if t.interrupting or t.overlaps else None,
          cert=t.interrupting_cert or None,
          prev=f"#{ids[t.resumes]}" if t.resumes is not None else None,
          next=f"#{ids[t.continued_by]}" if t.continued_by is not None else None,
          corresp=f"#{ids[t.corresp]}" if t.corresp is not None else None,
          start=f"#{when[t.start]}" if when and t.start is not None else None,
          end=f"#{when[t.end]}" if when and t.end is not None else None)
    for p in t.paragraphs:
        if p.is_event_only() and not _has_points(p):     # a timed event is a part: a seg
            for it in p.items:
                if not isinstance(it, str) and it.kind != "point":
                    _add_inline(u, it)
            continue
        for items in _chunks(p.items):
            seg = _sub(u, "seg", resp="#interpreter" if t.interpreted and not _wholly_interpreted(t)
                       and p.interpreted else None)
            _append_items(seg, items, when)
    return u


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
    values = {v for t in turns for v in (t.start, t.end) if v is not None}
    values.update(it.at for t in turns for p in t.paragraphs for it in p.items
                  if isinstance(it, Inline) and it.kind in ("time", "point")
                  and it.at is not None)
    return sorted(values)


def _timeline(div: etree._Element, turns: list, recording: str = "") -> dict:
    """Add the timeline of a timed source to ``div``; return seconds -> when id.

    As ParCzech and ParlaMint do it: an origin at 0 s and one ``when`` per
    distinct time, ``interval`` seconds since the origin; turns point to them
    with ``@start`` and ``@end``, printed times inside turns with ``anchor/@synch``.
    ``corresp`` points to the recording the times are of.
    """
    values = _time_values(turns)
    if not values:
        return {}
    when = {0.0: "T0"}
    timeline = E("timeline", E("when", xml_id="T0", absolute="00:00:00"), unit="s", origin="#T0",
                 corresp=f"#{recording}" if recording else None)
    for v in values:
        if v not in when:
            when[v] = f"T{len(when)}"
            timeline.append(E("when", xml_id=when[v], interval=f"{v:.3f}".rstrip("0").rstrip("."),
                              since="#T0"))
    div.append(timeline)
    return when


def encode(tr: Transcript) -> etree._ElementTree:
    """Return the TEI document for a transcript.

    The document's skeleton is made first and the transcript written into it,
    so no large subtree is moved from one lxml document into another.
    """
    rec_id = _recording_id(tr) if tr.recording or _time_values(tr.turns) else ""
    root = E("TEI", _header(tr, rec_id), xml_id=tr.doc_id, xml_lang=tr.lang)
    text = etree.SubElement(root, _T + "text")
    if tr.front:
        text.append(E("front", *_outside(tr.front)))
    div = etree.SubElement(etree.SubElement(text, _T + "body"), _T + "div", type="transcript")
    if tr.back:
        text.append(E("back", *_outside(tr.back)))
    _write_turns(div, tr, rec_id)
    tr.doc_id = _free_id(tr.doc_id, root)
    root.set(XML_ID, tr.doc_id)
    _indent(root)
    return etree.ElementTree(root)


def _write_turns(div: etree._Element, tr: Transcript, rec_id: str) -> None:
    """Append the timeline, then each turn's notes, utterance and the events after it."""
    ids = {i: f"u{i + 1}" for i in range(len(tr.turns))}
    when = _timeline(div, tr.turns, rec_id)
    for i, t in enumerate(tr.turns):
        if t.label_raw:
            note = etree.SubElement(div, _T + "note", type="speaker")
            _append_items(note, t.label_parts or [t.label_raw])
        for d in t.delivery:
            etree.SubElement(div, _T + "note", type="delivery").text = d
        _u(div, t, ids[i], ids, when)
        for p in t.after:
            for it in p.items:
                if not isinstance(it, str):
                    _add_inline(div, it)


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _free_id(doc_id: str, root: etree._Element) -> str:
    """Return ``doc_id``, or ``doc_id-doc`` (-doc-2...) where an id inside uses it.

    A file named after its speaker (``blinken.txt``) or after an utterance
    (``u1.txt``) would otherwise give the document the id of a person or a turn.
    """
    taken = set(root.xpath("descendant::*/@xml:id")) - {""}
    if doc_id not in taken:
        return doc_id
    candidate, n = f"{doc_id}-doc", 1
    while candidate in taken:
        n += 1
        candidate = f"{doc_id}-doc-{n}"
    return candidate


def serialize(tree: etree._ElementTree) -> bytes:
    """Serialize a TEI tree to UTF-8 bytes with an XML declaration."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
