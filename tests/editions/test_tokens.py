"""Tokenised text (TEI w/pc with @join): the editions space tokens as @join says."""
from __future__ import annotations

import re

import pytest
from conftest import REFERENCE, need_shared
from edition_helpers import run, tei
from lxml import etree, html

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
SIPARL = "siparl_KPZONOJFSPD-Redna-021-1998-11-25-ana.xml"
NO_SPACE_AFTER = ("right", "both", "overlap")
NO_SPACE_BEFORE = ("left", "both", "overlap")


def _siparl():
    folder = need_shared(REFERENCE / "tei-samples" / "valid")
    return etree.parse(str(folder / SIPARL))


def _joined(tokens) -> str:
    """The text of a run of tokens, spaced by @join (written here independently of the XSLT)."""
    out, before = [], None
    for tok in tokens:
        if before is not None and before.get("join") not in NO_SPACE_AFTER \
                and tok.get("join") not in NO_SPACE_BEFORE:
            out.append(" ")
        out.append("".join(tok.itertext()))
        before = tok
    return "".join(out)


def _sentences(u):
    """Each sentence of an utterance as @join spaces it (tokens inside tokens left out)."""
    for s in u.iterfind(".//t:s", NS):
        tokens = s.xpath(".//t:w[not(ancestor::t:w or ancestor::t:pc)]"
                         " | .//t:pc[not(ancestor::t:w or ancestor::t:pc)]", namespaces=NS)
        yield _joined(tokens)


def _analysis_lines(tree) -> dict[str, str]:
    return {line.split("\t")[0]: line.split("\t")[2] for line in run("text", tree, flavour="analysis").splitlines()}


def test_reference_sample_reads_as_printed():
    tree = _siparl()
    expected = "in potem še točko razno. Ali ima kdo kakšno pripombo k dnevnemu redu? Če nima, bi prosil,"
    assert expected in run("text", tree)
    assert expected in run("text", tree, flavour="analysis")
    assert expected in run("tables", tree, table="utterances")
    page = html.document_fromstring(run("html", tree))
    turn = " ".join(page.xpath("string(//article[contains(@class, 'turn')][1]//div[@class='turn-body'])").split())
    assert expected in turn


def test_every_sentence_of_the_reference_sample_is_spaced_by_join():
    tree = _siparl()
    assert len(tree.xpath("//t:*[@join]", namespaces=NS)) >= 133
    lines = _analysis_lines(tree)
    utterances = tree.xpath("//t:u", namespaces=NS)
    pages = html.document_fromstring(run("html", tree))
    checked = 0
    for u in utterances:
        uid = u.get("{http://www.w3.org/XML/1998/namespace}id")
        body = " ".join(pages.get_element_by_id(uid).xpath("string(.//div[@class='turn-body'])").split())
        for sentence in _sentences(u):
            assert sentence in lines[uid], sentence
            assert sentence in body, sentence
            checked += 1
    assert checked == len(tree.xpath("//t:u//t:s", namespaces=NS)) > 50


def test_word_count_follows_join():
    tree = _siparl()
    rows = run("tables", tree, table="utterances").splitlines()
    head = rows[0].split("\t")
    for row in rows[1:]:
        cells = dict(zip(head, row.split("\t")))
        assert int(cells["words"]) == len(cells["text"].split())
    first = dict(zip(head, rows[1].split("\t")))
    assert " ." not in first["text"] and " ," not in first["text"]


@pytest.mark.parametrize("tokens, printed", [
    ('<w join="right">razno</w>\n<pc>.</pc>\n<w>Ali</w>', "razno. Ali"),
    ('<w>say</w>\n<pc join="left">,</pc>\n<w>yes</w>', "say, yes"),
    ('<w>well</w>\n<pc join="both">-</pc>\n<w>known</w>', "well-known"),
    ('<w>a</w>\n<w join="overlap">b</w>\n<w>c</w>', "abc"),
    # The token at the edge of an element decides for the element.
    ('<w>the</w>\n<name type="org">\n<w>United</w>\n<w join="right">Nations</w>\n</name>\n<pc>.</pc>',
     "the United Nations."),
    ('<pc join="right">(</pc>\n<name>\n<w>Ljubljana</w>\n</name>\n<pc join="left">)</pc>', "(Ljubljana)"),
    # The parts of a contraction do not decide.
    ('<w join="right">go</w>\n<w>du<w norm="de" join="right"/><w norm="le"/></w>\n<w>pain</w>', "godu pain"),
    # No @join: the source's spaces are kept.
    ('<w>one</w>\n<pc>.</pc>', "one ."),
])
def test_join_in_every_edition(tokens, printed):
    tree = tei(f'<u who="#blinken" xml:id="u1"><seg><s>{tokens}</s></seg></u>')
    assert run("text", tree).strip().endswith(printed)
    assert run("text", tree, flavour="analysis") == f"u1\tblinken\t{printed}\n"
    assert run("tables", tree, table="utterances", format="jsonl").count(f'"text":"{printed}"') == 1
    page = html.document_fromstring(run("html", tree))
    body = page.get_element_by_id("u1").xpath("string(.//div[@class='turn-body'])")
    assert " ".join(body.split()) == printed


def test_spaces_without_tokens_are_untouched():
    """Whitespace between elements that are not tokens is kept, even in a tokenised document."""
    tree = tei('<u who="#blinken" xml:id="u1"><p><w join="right">Hi</w>\n<pc>!</pc> '
               '<hi>bold</hi>\n<emph>words</emph></p></u>')
    assert run("text", tree, flavour="analysis") == "u1\tblinken\tHi! bold words\n"
