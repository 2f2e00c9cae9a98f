"""Token editions of an annotated TEI document: CoNLL-U and a CQP / Sketch Engine vertical.

Both read the linguistic layer ``tei annotate`` writes (``s``, ``w``, ``pc``
inside ``seg``; ParlaMint's ``.ana`` files have the same shape). They are
written here rather than by a stylesheet because the space after a token is
a property of two tokens (``@join`` on either) and of sentences in a row,
which XSLT 1.0 says only at length. A document with no sentence is refused
(``unannotated``), never written as an empty file.

* ``conllu``: one block per ``s``: ``# newdoc id`` before the first of each
  document, ``# sent_id``, ``# speaker`` (the ``u``'s ``@who`` without ``#``)
  and ``# text``; ten columns, ``_`` where unknown; ``UPOS`` and ``FEATS``
  from ``@msd`` (``UPosTag=NOUN|Number=Plur``), ``XPOS`` from ``@pos``,
  ``SpaceAfter=No`` in ``MISC`` from ``@join``.
* ``vert``: ``<doc id lang>``, ``<u id who>``, ``<s id>``, one token a line
  (``word<TAB>lemma<TAB>pos``, ``-`` where unknown), ``<g/>`` (glue) between
  two tokens with no space between them; ``&``, ``<``, ``>`` in words are
  written as entities (``cwb-encode -x``).
"""
from __future__ import annotations

from lxml import etree

from ..errors import ConfigError, InputError
from .render import TEI_NS, _as_tree, _path_of, check_tei

#: Token edition kinds and what each is called in messages.
TOKEN_KINDS: dict[str, str] = {"conllu": "CoNLL-U", "vert": "vertical"}

_NS = {"t": TEI_NS}
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TOKENS = etree.XPath(".//t:w[not(ancestor::t:w)] | .//t:pc[not(ancestor::t:w)]", namespaces=_NS)
_SENTENCES = etree.XPath(".//t:s[not(ancestor::t:s)]", namespaces=_NS)
_DOCUMENTS = etree.XPath("descendant-or-self::t:TEI", namespaces=_NS)
_TURN = etree.XPath("ancestor::t:u[1]", namespaces=_NS)


def render_tokens(tree: etree._ElementTree, kind: str, *, path: str | None = None) -> str:
    """Render a token edition: ``conllu`` or ``vert``.

    Raises:
        InputError: not TEI, or no sentence in it (``unannotated``).
        ConfigError: an unknown kind.
    """
    tree = _as_tree(tree)
    if kind not in TOKEN_KINDS:
        raise ConfigError(f"unknown token edition {kind!r} (known: {', '.join(TOKEN_KINDS)})")
    name = _path_of(tree, path)
    check_tei(tree, name)
    docs = [(d, _SENTENCES(d)) for d in _DOCUMENTS(tree.getroot())]
    if not any(sentences for _, sentences in docs):
        raise InputError(name, f"no sentence: a {TOKEN_KINDS[kind]} edition needs the "
                         "linguistic layer (s, w, pc); run tei annotate first",
                         code="unannotated")
    write = _conllu if kind == "conllu" else _vert
    return "".join(write(doc, sentences) for doc, sentences in docs if sentences)


def _spaces_after(tokens: list) -> list[bool]:
    """Whether a space follows each token (the last: unless its own @join says not)."""
    out = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        glued = tok.get("join") in ("right", "both", "overlap") or (
            nxt is not None and nxt.get("join") in ("left", "both", "overlap"))
        out.append(not glued)
    return out


def _form(tok: etree._Element) -> str:
    return " ".join("".join(tok.itertext()).split())


def _msd(tok: etree._Element) -> tuple[str, str]:
    """Return (UPOS, FEATS) from ``@msd`` (``UPosTag=X|Feat=V``), ``_`` where absent."""
    upos, feats = "_", []
    for part in (tok.get("msd") or "").split("|"):
        key, _, value = part.partition("=")
        if key.lower() == "upostag" and value:
            upos = value
        elif key and value:
            feats.append(part)
    return upos, "|".join(feats) or "_"


def _lemma(tok: etree._Element, form: str) -> str | None:
    lemma = tok.get("lemma")
    if lemma:
        return lemma
    return form if etree.QName(tok).localname == "pc" else None


def _doc_id(doc: etree._Element) -> str:
    return doc.get(_XML_ID) or "doc"


def _conllu(doc: etree._Element, sentences: list) -> str:
    lines = [f"# newdoc id = {_doc_id(doc)}"]
    for s in sentences:
        tokens = _TOKENS(s)
        if not tokens:
            continue
        spaces = _spaces_after(tokens)
        forms = [_form(t) for t in tokens]
        text = "".join(f + (" " if sp else "") for f, sp in zip(forms, spaces)).rstrip(" ")
        lines.append(f"# sent_id = {s.get(_XML_ID) or ''}".rstrip())
        turn = _TURN(s)
        if turn and turn[0].get("who"):
            lines.append(f"# speaker = {turn[0].get('who').replace('#', '')}")
        lines.append(f"# text = {text}")
        for k, (tok, form, space) in enumerate(zip(tokens, forms, spaces), 1):
            upos, feats = _msd(tok)
            cols = [str(k), form or "_", _lemma(tok, form) or "_", upos, tok.get("pos") or "_",
                    feats, "_", "_", "_", "_" if space else "SpaceAfter=No"]
            lines.append("\t".join(cols))
        lines.append("")
    return "\n".join(lines) + "\n"


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\t", " "))


def _open(tag: str, **attrs) -> str:
    body = "".join(f' {k}="{_esc(v)}"' for k, v in attrs.items() if v)
    return f"<{tag}{body}>"


def _vert(doc: etree._Element, sentences: list) -> str:
    lines = [_open("doc", id=_doc_id(doc), lang=doc.get(_XML_LANG) or "")]
    current = None                        # the u whose structure is open
    for s in sentences:
        turn = (_TURN(s) or [None])[0]
        if turn is not current:
            if current is not None:
                lines.append("</u>")
            if turn is not None:
                lines.append(_open("u", id=turn.get(_XML_ID) or "", who=turn.get("who") or ""))
            current = turn
        lines.append(_open("s", id=s.get(_XML_ID) or ""))
        tokens = _TOKENS(s)
        for tok, space in zip(tokens, _spaces_after(tokens)):
            form = _form(tok)
            upos, _ = _msd(tok)
            lines.append("\t".join((_esc(form), _esc(_lemma(tok, form) or "-"),
                                    "-" if upos == "_" else upos)))
            if not space and tok is not tokens[-1]:
                lines.append("<g/>")
        lines.append("</s>")
    if current is not None:
        lines.append("</u>")
    lines.append("</doc>")
    return "\n".join(lines) + "\n"
