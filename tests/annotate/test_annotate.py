"""tei annotate on real converter output: the text stays, the ids stay, the lemmas are right.

Inputs: the shared English sample 000 (a press availability with a Korean
``foreign``) and the French language fixture (Chambre des députés, 1881;
its source is in tests/data/convert/languages/fr/SOURCE.md), converted by
the converter, then annotated with simplemma.
"""
from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES_RAW, need_shared
from lxml import etree

from tei_corpus.annotate import TOKENISED, annotate_bytes, annotate_tree, load_analyser
from tei_corpus.cli import cli
from tei_corpus.convert import convert_file
from tei_corpus.validate.xsd import project_schema
from tei_corpus.xmlio import parse_bytes

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LANGS = Path(__file__).resolve().parents[1] / "data" / "convert" / "languages"
FRENCH = LANGS / "fr" / "chambre-1881-01-11-ajournement.txt"
ENGLISH = "000_state-blinken-cho-seoul-2025.txt"


@pytest.fixture(scope="module")
def analyser():
    return load_analyser("simplemma")


@pytest.fixture(scope="module")
def converted():
    """{name: the converter's tree} for the English sample and the French fixture."""
    return {"en": convert_file(need_shared(SAMPLES_RAW / ENGLISH)).tree,
            "fr": convert_file(FRENCH).tree}


@pytest.fixture(scope="module")
def annotated(converted, analyser):
    out = {}
    for lang, tree in converted.items():
        tree = copy.deepcopy(tree)
        assert annotate_tree(tree, analyser) > 20
        out[lang] = tree
    return out


def _segs(tree):
    segs = tree.xpath("//t:u//t:seg", namespaces=NS)
    assert segs
    return segs


def _text_outside_kept(el) -> str:
    """The seg's text without the content of the elements kept whole (events, notes)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and etree.QName(child).localname in (
                {"s"} | TOKENISED):
            parts.append(_text_outside_kept(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _joined(seg) -> str:
    """The tokens of ``seg`` with a space between two unless @join says there is none."""
    out, before = [], None
    for tok in seg.xpath(".//t:w | .//t:pc", namespaces=NS):
        if before is not None and before.get("join") not in ("right", "both") \
                and tok.get("join") not in ("left", "both"):
            out.append(" ")
        out.append(tok.text)
        before = tok
    return "".join(out)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_of_every_seg_is_unchanged(lang, converted, annotated):
    before = [el.xpath("string()") for el in _segs(converted[lang])]
    after = [el.xpath("string()") for el in _segs(annotated[lang])]
    assert after == before


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_tokens_joined_by_join_give_the_text_back(lang, converted, annotated):
    expected = [_squeeze(_text_outside_kept(seg)) for seg in _segs(converted[lang])]
    got = [_joined(seg) for seg in _segs(annotated[lang])]
    assert got == expected
    assert any(seg.xpath(".//*[@join='right']", namespaces=NS) for seg in _segs(annotated[lang]))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_u_and_seg_ids_and_inline_elements_are_kept(lang, converted, annotated):
    def shape(tree):
        return [(u.get(XML_ID), len(u.findall(f"{{{TEI_NS}}}seg")),
                 [etree.QName(e).localname for e in u.iter()
                  if etree.QName(e).localname not in ("s", "w", "pc")])
                for u in tree.iter(f"{{{TEI_NS}}}u")]
    assert shape(annotated[lang]) == shape(converted[lang])


def test_sentence_and_token_ids_derive_from_the_turn(annotated):
    tree = annotated["en"]
    s = tree.xpath("//t:u[@xml:id='u2']//t:s", namespaces=NS)
    assert [x.get(XML_ID) for x in s[:2]] == ["u2.s1", "u2.s2"]
    assert [t.get(XML_ID) for t in s[0]] == ["u2.s1.w1", "u2.s1.w2", "u2.s1.pc3"]
    ids = tree.xpath("//@xml:id")
    assert len(ids) == len(set(ids))


def _lemmas(tree) -> dict:
    return {w.text: w.get("lemma") for w in tree.iter(f"{{{TEI_NS}}}w")}


def test_english_lemmas(annotated):
    lemmas = _lemmas(annotated["en"])
    assert (lemmas["going"], lemmas["was"], lemmas["reaffirmed"], lemmas["families"]) == \
        ("go", "be", "reaffirm", "family")


def test_french_lemmas_and_elision(annotated):
    lemmas = _lemmas(annotated["fr"])
    assert (lemmas["soyons"], lemmas["ai"], lemmas["pourrait"]) == ("être", "avoir", "pouvoir")
    first = annotated["fr"].xpath("//t:w", namespaces=NS)[:2]
    assert [(w.text, w.get("join")) for w in first] == [("J'", "right"), ("ai", None)]


def test_foreign_words_are_tokenised_inside_foreign_in_their_language(annotated):
    foreign = annotated["en"].xpath("//t:foreign[@xml:lang='ko']", namespaces=NS)
    assert len(foreign) == 1
    words = foreign[0].findall(f"{{{TEI_NS}}}w")
    # simplemma has no Korean: the words are tokens without a lemma
    assert [(w.text, w.get("lemma")) for w in words] == [("Katchi", None), ("kapshida", None)]
    assert foreign[0].getparent().tag == f"{{{TEI_NS}}}s"


def test_events_stay_whole_where_they_were(annotated):
    vocal = annotated["fr"].xpath("//t:seg//t:vocal", namespaces=NS)
    assert vocal and all(v.find(f"{{{TEI_NS}}}desc").text.startswith("(") for v in vocal)
    assert not annotated["fr"].xpath("//t:vocal//t:w", namespaces=NS)


def test_the_tools_are_recorded(annotated):
    apps = annotated["fr"].xpath("//t:encodingDesc/t:appInfo/t:application", namespaces=NS)
    import simplemma
    assert [(a.get("ident"), a.get("version")) for a in apps] == [
        ("tei-corpus", "0.1.0"), ("simplemma", simplemma.__version__)]
    assert all(a.findtext(f"{{{TEI_NS}}}desc") for a in apps)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_annotated_files_are_valid_against_both_schemas(lang, annotated, tei_all):
    tree = parse_bytes(etree.tostring(annotated[lang]), "ann.xml")
    assert tei_all.validate(tree), [(e.line, e.message) for e in tei_all.error_log][:5]
    assert project_schema().validate(tree, "ann.xml", fast=False) == []


def test_annotating_is_deterministic_and_idempotent(converted, analyser):
    once = annotate_bytes(copy.deepcopy(converted["fr"]), analyser)
    assert annotate_bytes(copy.deepcopy(converted["fr"]), analyser) == once
    assert annotate_bytes(parse_bytes(once), analyser) == once


def _run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_cli_annotates_a_folder_and_leaves_the_input_alone(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "fr.xml").write_bytes(convert_file(FRENCH).xml)
    before = (src / "fr.xml").read_bytes()
    res = _run(["annotate", str(src), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert res.stderr == "1 annotated, 0 failed\n"
    assert (src / "fr.xml").read_bytes() == before
    out = (tmp_path / "out" / "fr.xml").read_bytes()
    assert b"<s xml:id=" in out
    res = _run(["validate", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output


def test_cli_not_tei_is_one_line(tmp_path):
    (tmp_path / "x.xml").write_bytes(b"<root/>")
    res = _run(["annotate", str(tmp_path / "x.xml"), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert res.stderr.splitlines()[0].startswith(f"{tmp_path / 'x.xml'}:1:0: error: not a TEI P5")
    assert res.stderr.splitlines()[0].endswith("[not-tei]")
    assert not (tmp_path / "out" / "x.xml").exists()


@pytest.mark.skipif(importlib.util.find_spec("spacy") is not None,
                    reason="spaCy is installed: the missing-library message cannot be seen")
def test_spacy_missing_is_one_line_and_exit_2(tmp_path):
    res = _run(["annotate", str(FRENCH), "-o", str(tmp_path / "out"),
                "--nlp", "spacy:fr_core_news_sm"])
    assert res.exit_code == 2
    assert res.stderr == ("Error: --nlp spacy:fr_core_news_sm: spaCy is not installed "
                          "(pip install spacy, then the model)\n")


def test_unknown_analyser_is_refused(tmp_path):
    res = _run(["annotate", str(FRENCH), "-o", str(tmp_path / "out"), "--nlp", "treetagger"])
    assert res.exit_code == 2
    assert "choose simplemma or spacy:MODEL" in res.stderr


def test_help_and_readme():
    import re

    from conftest import ROOT

    res = _run(["annotate", "--help"])
    assert res.exit_code == 0
    assert "Write s, w and pc (with @lemma and @join) inside each seg of TEI files." in res.stdout
    assert "tei annotate corpus_xml/ -o corpus_ana/" in res.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### tei annotate\n", 1)[1].split("\n### ", 1)[0]
    options = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", section.strip().split("\n\n", 1)[0]))
    assert options == {"-o", "--nlp", "--follow-symlinks", "-j", "--timeout", "--max-memory", "-q"}
    assert all(o in res.stdout for o in options)


def test_two_inputs_with_one_output_name_and_two_jobs(tmp_path):
    xml = convert_file(FRENCH).xml
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.xml").write_bytes(xml)
    out = tmp_path / "out"
    res = _run(["annotate", str(tmp_path / "a" / "x.xml"), str(tmp_path / "b" / "x.xml"),
                "-o", str(out), "-j", "2"])
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"{tmp_path / 'b' / 'x.xml'}:0:0: error: its annotated copy {out / 'x.xml'} would "
        "overwrite that of an earlier file [output-collision]",
        "1 annotated, 1 failed"]


def test_the_output_folder_must_not_be_the_source_folder(tmp_path):
    (tmp_path / "x.xml").write_bytes(convert_file(FRENCH).xml)
    res = _run(["annotate", str(tmp_path), "-o", str(tmp_path)])
    assert res.exit_code == 2
    assert "the output folder must not be the source folder" in res.stderr


FIXTURES = sorted(p for p in LANGS.glob("*/*") if p.name != "SOURCE.md")


@pytest.mark.parametrize("source", FIXTURES, ids=lambda p: p.parent.name)
def test_every_language_fixture_keeps_its_text_and_stays_valid(source, analyser, tei_all):
    tree = convert_file(source).tree
    before = [el.xpath("string()") for el in _segs(tree)]
    annotated = parse_bytes(annotate_bytes(tree, analyser), "ann.xml")
    assert [el.xpath("string()") for el in _segs(annotated)] == before
    assert annotated.xpath("//t:u//t:s", namespaces=NS)
    ids = annotated.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    assert tei_all.validate(annotated), [(e.line, e.message) for e in tei_all.error_log][:5]
    assert project_schema().validate(annotated, "ann.xml", fast=False) == []
