"""The transcript's div is written as XML text and parsed: the tree must hold the model's
texts exactly, be laid out as _indent lays out a tree, and refuse what lxml refuses."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from tei_corpus.convert import convert_bytes
from tei_corpus.convert.encode import encode, serialize
from tei_corpus.convert.model import Inline, Paragraph, Participant, Transcript, Turn

T = "{http://www.tei-c.org/ns/1.0}"
ENCODE = sys.modules["tei_corpus.convert.encode"]
DATA = Path(__file__).resolve().parents[1] / "data" / "convert"
# Characters the written text must escape, or that the parser would otherwise change.
TRICKY = ["a & b", "<not a tag>", "]]>", "cr\rin text", "tab\tand\nnewline", '"quoted"', "", " "]


def _transcript(texts: list[str]) -> Transcript:
    turns = [Turn(label="A", label_raw=f"A{i}:", who="a", lang="en",
                  paragraphs=[Paragraph([text]), Paragraph([text, Inline("foreign", text, lang="fr")])],
                  delivery=[text], interpreted=True)
             for i, text in enumerate(texts)]
    return Transcript(doc_id="doc", title="t", turns=turns, participants=[Participant("a", name="A")],
                      languages={"en": "English", "fr": "French"})


def test_written_texts_are_the_models_texts() -> None:
    tree = encode(_transcript(TRICKY))
    segs = tree.getroot().findall(f".//{T}u/{T}seg")
    assert [s.text for s in segs[::2]] == TRICKY                     # a paragraph of plain text
    assert [s.find(f"{T}foreign").text for s in segs[1::2]] == TRICKY   # and inline
    deliveries = [n.text for n in tree.getroot().iter(f"{T}note") if n.get("type") == "delivery"]
    assert deliveries == TRICKY


def test_an_empty_text_is_kept_as_one() -> None:
    xml = serialize(encode(_transcript([""])))
    assert b"<seg></seg>" in xml and b'<note type="delivery"></note>' in xml
    assert b'<foreign xml:lang="fr"></foreign>' in xml


@pytest.mark.parametrize("bad", ["form\x0cfeed", "nul\x00", "\uffff"])
def test_a_character_xml_refuses_raises_as_lxml_does(bad: str) -> None:
    with pytest.raises(ValueError) as raised:
        etree.Element("x").text = bad
    with pytest.raises(ValueError) as ours:
        encode(_transcript(["fine", bad]))
    assert str(ours.value) == str(raised.value)


def _without_layout(el: etree._Element) -> None:
    """Remove what _indent would add: the whitespace between a structural element's children."""
    if el.tag not in ENCODE._STRUCTURAL_TAGS or len(el) == 0:
        return
    if (el.text and el.text.strip()) or any(c.tail and c.tail.strip() for c in el):
        return
    el.text = None
    for c in el:
        c.tail = None
        _without_layout(c)


_SOURCES = sorted(p for p in DATA.rglob("*") if p.suffix in {".txt", ".vtt", ".srt", ".md"}
                  and p.name not in {"SOURCE.md", "README.md"})


@pytest.mark.parametrize("path", _SOURCES[:12], ids=lambda p: p.name)
def test_the_written_layout_is_indents(path: Path) -> None:
    conv = convert_bytes(path.read_bytes(), path.name)
    root = etree.fromstring(conv.xml)
    _without_layout(root)
    ENCODE._indent(root)
    again = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"
    assert again == conv.xml


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.text(st.characters() | st.sampled_from(["\udc80", "\u2019", "<"]), max_size=8),
                     min_size=1, max_size=6),
       sep=st.sampled_from(["\n    ", "", "\u2019"]))
def test_lines_encoded_apart_are_the_joined_text_encoded(lines, sep) -> None:
    try:
        whole = sep.join(lines).encode("utf-8")
    except UnicodeEncodeError as exc:            # a lone surrogate: the same error, the same position
        with pytest.raises(UnicodeEncodeError) as ours:
            ENCODE._utf8(lines, sep)
        assert str(ours.value) == str(exc)
        return
    assert ENCODE._utf8(lines, sep) == whole
