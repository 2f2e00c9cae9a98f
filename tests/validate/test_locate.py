"""Columns of start tags and attributes, and 0 wherever they cannot be known."""
from __future__ import annotations

from tei_corpus.validate.locate import Locator
from tei_corpus.xmlio import parse_bytes

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def columns(data: bytes, attr=None) -> list[tuple[str, int, int]]:
    tree = parse_bytes(data, "x.xml")
    loc = Locator(data, tree)
    return [(el.tag.split("}")[-1], el.sourceline, loc.col(el, attr))
            for el in tree.iter() if isinstance(el.tag, str)]


def test_tags_comments_cdata_and_pis_on_one_line():
    data = (b'<a>\n<!-- <b/> --><b/><![CDATA[<b/>]]><?pi <b/>?> <b  x = "1"/>\n</a>')
    assert columns(data) == [("a", 1, 1), ("b", 2, 14), ("b", 2, 46)]
    assert columns(data, "x") == [("a", 1, 1), ("b", 2, 14), ("b", 2, 50)]


def test_a_start_tag_over_several_lines_has_no_column():
    # lxml gives the line where the start tag ends; the tag does not begin there
    data = b'<a>\n <b\n  x="1"/><b/>\n</a>'
    assert columns(data) == [("a", 1, 1), ("b", 3, 0), ("b", 3, 10)]


def test_attribute_on_a_later_line_gives_the_tag_column():
    data = b'<a>\n <b x="1"\n    y="2"/>\n</a>'
    tree = parse_bytes(data, "x.xml")
    b = tree.getroot()[0]
    assert b.sourceline == 3
    assert Locator(data, tree).col(b, "y") == 0   # tag starts on line 2


def test_prefixed_and_xml_attributes():
    data = b'<a xmlns:t="urn:t"><b t:k="1" xml:id="i" k="2"/></a>'
    tree = parse_bytes(data, "x.xml")
    loc = Locator(data, tree)
    b = tree.getroot()[0]
    assert [loc.col(b, a) for a in ("{urn:t}k", XML_ID, "k", "missing")] == [23, 31, 42, 20]


def test_columns_count_characters_and_skip_the_bom():
    data = "\ufeff<a>é<b/></a>".encode("utf-8")
    assert columns(data) == [("a", 1, 1), ("b", 1, 5)]
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>é<b/></a>'.encode("latin-1")
    assert columns(latin) == [("a", 2, 1), ("b", 2, 5)]


def test_utf16_documents_have_no_columns():
    data = '<?xml version="1.0" encoding="UTF-16"?>\n<a><b/></a>'.encode("utf-16")
    assert columns(data) == [("a", 2, 0), ("b", 2, 0)]
