"""Internal entities: expanded within a budget; external ones never read (policy: RULES.md).

The real-world inputs here are the W3C suite (tests/validate/test_xmlconf.py)
and the TEI Stylesheets' test files in ../shared, whose internal DTD subsets
declare entities; the small documents below each isolate one rule.
"""
from __future__ import annotations

import pytest
from lxml import etree

from tei_corpus.errors import InputError
from tei_corpus.validate import Options, check_path
from tei_corpus.xmlio import (ENTITY_DEPTH, ENTITY_EXPANSION_MAX, expansion_budget,
                              parse_bytes, parse_file)

from conftest import REFERENCE, need_shared

TEI_NS = "http://www.tei-c.org/ns/1.0"


def refusal(data: bytes) -> InputError:
    with pytest.raises(InputError) as info:
        parse_bytes(data, "d.xml")
    return info.value


def test_internal_entities_expanded_in_text_markup_and_attributes():
    tree = parse_bytes(b'<!DOCTYPE a [<!ENTITY d "&#x2014;"><!ENTITY n "x&d;y">'
                       b'<!ENTITY m "<b>el</b>tail">]>\n<a t="1&n;2">&n; &m;</a>', "d.xml")
    root = tree.getroot()
    assert root.get("t") == "1x\u2014y2"
    assert root.text == "x\u2014y "
    assert [(b.tag, b.text, b.tail) for b in root] == [("b", "el", "tail")]
    assert list(tree.iter(etree.Entity)) == []


def test_a_reference_inside_cdata_in_a_replacement_text_is_no_reference():
    tree = parse_bytes(b'<!DOCTYPE d [<!ENTITY e "<![CDATA[&foo;]]>">]><d>&e;</d>', "d.xml")
    assert tree.getroot().text == "&foo;"


def test_undeclared_entity_refused_with_its_position():
    err = refusal(b'<!DOCTYPE a SYSTEM "tei.dtd">\n<a>x &nbsp;</a>')
    assert (err.line, err.col, err.code) == (2, 6, "entity-reference")
    assert "&nbsp; is not declared in the document's internal DTD subset" in err.message


def test_external_entity_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-ENTITY-33f1", encoding="utf-8")
    err = refusal(f'<!DOCTYPE a [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n<a>&s;</a>'.encode())
    assert (err.line, err.col, err.code) == (2, 4, "entity-reference")
    assert "CANARY" not in str(err)
    # nested in an internal entity's text: refused just the same
    err = refusal(f'<!DOCTYPE a [<!ENTITY s SYSTEM "{secret}"><!ENTITY i "[&s;]">]><a>&i;</a>'
                  .encode())
    assert err.code == "entity-reference" and "&s; names an external entity" in err.message


def test_external_dtd_and_parameter_entity_answered_empty(tmp_path):
    """What an external file would declare stays undeclared: it was not read."""
    dtd = tmp_path / "decl.dtd"
    dtd.write_text('<!ENTITY e "CANARY-DTD-8a02">', encoding="utf-8")
    for doc in (f'<!DOCTYPE a SYSTEM "{dtd}"><a>&e;</a>',
                f'<!DOCTYPE a [<!ENTITY % p SYSTEM "{dtd}"> %p;]><a>&e;</a>'):
        err = refusal(doc.encode())
        assert err.code == "entity-reference" and "&e; is not declared" in err.message
    # a document that uses nothing from its external DTD is read without it
    tree = parse_bytes(f'<!DOCTYPE a SYSTEM "{dtd}" [<!ENTITY f "F">]><a>&f;</a>'.encode(), "d")
    assert tree.getroot().text == "F"


def test_expansion_over_the_budget_refused():
    """Over our cap yet under libxml2's amplification limit (five times what was read)."""
    filler = "<p>" + "y" * 999 + "</p>\n"
    unit = "x" * 1000
    refs = "&b;" * (ENTITY_EXPANSION_MAX // len(unit) + 1)
    data = (f'<!DOCTYPE a [<!ENTITY b "{unit}">]>\n<a>{filler * 4000}<p>{refs}</p></a>'
            .encode())
    assert ENTITY_EXPANSION_MAX < len(refs) // 3 * len(unit) < 5 * len(data)
    err = refusal(data)
    assert err.code == "entity-expansion" and (err.line, err.col) == (4002, 4)
    assert f"exceeds {ENTITY_EXPANSION_MAX:,} characters" in err.message
    # the same document with half the references is read
    half = data.replace(b"&b;" * (len(refs) // 6), b"", 1)
    assert len(parse_bytes(half, "d.xml").getroot()[-1].text) < ENTITY_EXPANSION_MAX


def test_budget_is_ten_times_the_input_between_bounds():
    assert expansion_budget(10) == 1 << 20
    assert expansion_budget(1_000_000) == 10_000_000
    assert expansion_budget(100_000_000) == ENTITY_EXPANSION_MAX


def test_nesting_deeper_than_the_limit_refused():
    decls = "".join(f'<!ENTITY e{i} "&e{i + 1};">' for i in range(ENTITY_DEPTH + 1))
    err = refusal(f'<!DOCTYPE a [{decls}<!ENTITY e{ENTITY_DEPTH + 1} "z">]><a>&e0;</a>'.encode())
    assert err.code == "entity-expansion" and "nested more than" in err.message
    decls = "".join(f'<!ENTITY e{i} "&e{i + 1};">' for i in range(ENTITY_DEPTH - 1))
    tree = parse_bytes(f'<!DOCTYPE a [{decls}<!ENTITY e{ENTITY_DEPTH - 1} "z">]><a>&e0;</a>'
                       .encode(), "d.xml")
    assert tree.getroot().text == "z"


@pytest.mark.parametrize("huge_tree", [False, True])
def test_billion_laughs_and_quadratic_blowup_refused(huge_tree):
    """huge_tree (editions, annotate, build read with it) keeps both fences."""
    lol = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    quadratic = f'<!DOCTYPE a [<!ENTITY x "{"y" * 50_000}">]><a>{"&x;" * 50_000}</a>'
    for doc in (f"<!DOCTYPE a [{lol}]><a>&l9;</a>", quadratic):
        with pytest.raises(InputError) as info:
            parse_bytes(doc.encode(), "d.xml", huge_tree=huge_tree)
        assert info.value.code in ("not-well-formed", "entity-expansion")
        assert info.value.line >= 1 and info.value.col >= 1


def test_tei_file_with_an_internal_entity_expanded(tmp_path):
    """A TEI Stylesheets test file (external DTD named, never read) given an internal entity."""
    need_shared(REFERENCE / "tei-samples")
    src = REFERENCE / "tei-samples" / "valid" / "tei-test_testchinese.xml"
    text = src.read_text(encoding="utf-8")
    assert text.count("Academia Sinica, Computing Center") == 1
    copy = tmp_path / src.name
    copy.write_text(text.replace("<!ENTITY % TEI.XML 'INCLUDE'>", "<!ENTITY % TEI.XML 'INCLUDE'>"
                                 '<!ENTITY as "Academia Sinica">', 1)
                    .replace("Academia Sinica, Computing Center", "&as;, Computing Center"),
                    encoding="utf-8")
    tree = parse_file(copy)
    assert list(tree.iter(etree.Entity)) == []
    assert tree.find(f".//{{{TEI_NS}}}distributor").text == "Academia Sinica, Computing Center"
    result = check_path(copy, Options(well_formed=True))
    assert result.status == "valid", [str(d) for d in result.diagnostics]
