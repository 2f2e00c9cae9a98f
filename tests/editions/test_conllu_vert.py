"""CoNLL-U and vertical editions of annotated documents, read back by strict readers written here.

Inputs: the French language fixture converted and annotated by tei annotate,
and a third-party annotated file (siParl, ``tei-samples/valid``; its tokens
carry ParlaMint's ``@msd``).
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REFERENCE, need_shared
from lxml import etree

from tei_corpus.annotate import annotate_tree, load_analyser
from tei_corpus.cli import cli
from tei_corpus.convert import convert_file
from tei_corpus.editions import TOKEN_KINDS, render_tokens
from tei_corpus.errors import InputError
from tei_corpus.xmlio import make_parser

from edition_helpers import tei

NS = {"t": "http://www.tei-c.org/ns/1.0"}
FRENCH = (Path(__file__).resolve().parents[1] / "data" / "convert" / "languages" / "fr"
          / "chambre-1881-01-11-ajournement.txt")
SIPARL = "siparl_KPZONOJFSPD-Redna-021-1998-11-25-ana.xml"


@pytest.fixture(scope="module")
def french():
    tree = copy.deepcopy(convert_file(FRENCH).tree)
    annotate_tree(tree, load_analyser("simplemma"))
    return tree


@pytest.fixture(scope="module")
def siparl():
    return etree.parse(str(need_shared(REFERENCE / "tei-samples" / "valid" / SIPARL)))


def read_conllu(text: str) -> list[dict]:
    """Parse CoNLL-U strictly: comments, then 10-column token lines, a blank line after each."""
    assert text.endswith("\n\n"), "a sentence block must end with a blank line"
    sentences = []
    for block in text.rstrip("\n").split("\n\n"):
        meta, rows = {}, []
        for line in block.split("\n"):
            if line.startswith("#"):
                key, sep, value = line[1:].strip().partition(" = ")
                assert sep, line
                meta[key] = value
                continue
            cols = line.split("\t")
            assert len(cols) == 10, line
            assert all(c and c == c.strip() for c in cols), line
            assert cols[9] in ("_", "SpaceAfter=No"), line
            rows.append(cols)
        assert rows, block
        assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
        text_of = "".join(r[1] + ("" if r[9] == "SpaceAfter=No" else " ") for r in rows)
        assert meta["text"] == text_of.rstrip(" ")
        sentences.append({"meta": meta, "rows": rows})
    ids = [s["meta"]["sent_id"] for s in sentences]
    assert len(ids) == len(set(ids)), "sent_id must be unique"
    assert "newdoc id" in sentences[0]["meta"]
    return sentences


def read_vert(text: str) -> etree._Element:
    """Parse a vertical: balanced doc/u/s structures, 3 columns per token line."""
    root = etree.fromstring(f"<corpus>{text}</corpus>".encode(), make_parser())
    for s in root.iter("s"):
        lines = [ln for ln in (s.text or "").split("\n") + [
            ln for g in s for ln in (g.tail or "").split("\n")] if ln]
        assert lines and all(len(ln.split("\t")) == 3 for ln in lines), lines[:3]
        assert all(g.tag == "g" for g in s)
    assert [e.tag for e in root] == ["doc"]
    assert {e.tag for e in root.iter()} <= {"corpus", "doc", "u", "s", "g"}
    return root


def test_conllu_of_an_annotated_conversion(french):
    sentences = read_conllu(render_tokens(french, "conllu"))
    s_ids = french.xpath("//t:s/@xml:id", namespaces=NS)
    assert [s["meta"]["sent_id"] for s in sentences] == s_ids
    first = sentences[0]
    assert first["meta"]["newdoc id"] == "chambre-1881-01-11-ajournement"
    assert first["meta"]["speaker"] == "m-le-president"
    assert first["rows"][0][1:3] == ["J'", "moi"] and first["rows"][0][9] == "SpaceAfter=No"
    assert first["rows"][-1][1:4] == [".", ".", "PUNCT"]
    tokens = french.xpath("//t:w | //t:pc", namespaces=NS)
    assert sum(len(s["rows"]) for s in sentences) == len(tokens)


def test_conllu_of_a_third_party_file_reads_its_msd(siparl):
    sentences = read_conllu(render_tokens(siparl, "conllu"))
    rows = sentences[0]["rows"]
    assert rows[3][1:6] == ["točko", "točka", "NOUN", "_", "Case=Acc|Gender=Fem|Number=Sing"]
    assert rows[4][9] == "SpaceAfter=No"


@pytest.mark.parametrize("name", ["french", "siparl"])
def test_vert_is_balanced_and_has_every_token(name, request):
    tree = request.getfixturevalue(name)
    root = read_vert(render_tokens(tree, "vert"))
    s_vert = list(root.iter("s"))
    assert len(s_vert) == len(tree.xpath("//t:s[not(ancestor::t:s)]", namespaces=NS))
    lines = sum(len([ln for ln in "".join(s.itertext()).split("\n") if ln]) for s in s_vert)
    assert lines == len(tree.xpath("//t:s//t:w[not(ancestor::t:w)] | //t:s//t:pc", namespaces=NS))
    glued = len(list(root.iter("g")))
    assert glued and glued <= len(tree.xpath("//t:*[@join='right']", namespaces=NS))


def test_vert_attributes_and_glue(french):
    root = read_vert(render_tokens(french, "vert"))
    doc = root[0]
    assert (doc.get("id"), doc.get("lang")) == ("chambre-1881-01-11-ajournement", "fr")
    u = doc[0]
    assert (u.tag, u.get("id"), u.get("who")) == ("u", "u1", "#m-le-president")
    assert u[0].text.split("\n")[1] == "J'\tmoi\t-" and u[0][0].tag == "g"


@pytest.mark.parametrize("kind", sorted(TOKEN_KINDS))
def test_an_unannotated_document_is_refused(kind):
    with pytest.raises(InputError) as info:
        render_tokens(tei('<u xml:id="u1"><seg>Hello.</seg></u>'), kind)
    assert info.value.code == "unannotated"


def test_cli_writes_both_kinds(tmp_path, french):
    src = tmp_path / "src"
    src.mkdir()
    french.write(str(src / "fr.xml"), xml_declaration=True, encoding="UTF-8")
    (src / "plain.xml").write_bytes(convert_file(FRENCH).xml)
    res = CliRunner().invoke(cli, ["edition", "conllu,vert", str(src), "-o", str(tmp_path / "out")],
                             catch_exceptions=False)
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"{src / 'plain.xml'}:0:0: error: no sentence: a CoNLL-U edition needs the linguistic "
        "layer (s, w, pc); run tei annotate first [unannotated]",
        "1 rendered (2 files written), 1 failed"]
    read_conllu((tmp_path / "out" / "fr.conllu").read_text(encoding="utf-8"))
    read_vert((tmp_path / "out" / "fr.vert").read_text(encoding="utf-8"))
