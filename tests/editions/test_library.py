"""The editions library: checks, safety of the stylesheets, determinism, batch runs."""
from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest
from edition_helpers import tei
from lxml import etree

from tei_corpus.editions import (PARAMETERS, Options, compile_stylesheet, iter_render,
                                 list_parameters, render_html, render_index, render_tables, render_text,
                                 write_index)
from tei_corpus.errors import ConfigError, InputError, OutputError

DATA = Path(__file__).resolve().parents[1] / "data" / "editions"
EXAMPLE = DATA / "design-example.xml"


def test_not_tei_is_refused_with_a_position():
    tree = etree.ElementTree(etree.fromstring("<html>\n<body/></html>"))
    with pytest.raises(InputError) as err:
        render_html(tree, path="page.xml")
    assert str(err.value) == ("page.xml:1:0: error: not a TEI P5 document: the root element is <html>, "
                              "expected <TEI> or <teiCorpus> in http://www.tei-c.org/ns/1.0 [not-tei]")


def test_unknown_parameters_and_values_are_refused():
    with pytest.raises(ConfigError, match="unknown parameter.*colour"):
        render_html(tei(""), {"colour": "red"})
    with pytest.raises(ConfigError, match="boilerplate must be"):
        render_html(tei(""), {"boilerplate": "maybe"})
    with pytest.raises(ConfigError, match="unknown text flavour"):
        render_text(tei(""), flavour="poetic")
    with pytest.raises(ConfigError, match="unknown table format"):
        render_tables(tei(""), fmt="xlsx")


def test_parameters_are_strings_never_xpath():
    # An XPath-looking value is passed through as text, not evaluated.
    page = render_index([], title="concat('a','b') | //*").decode()
    assert "<h1>concat('a','b') | //*</h1>" in page


def test_every_parameter_is_declared_and_documented():
    declared = list_parameters()
    assert {k: set(v) for k, v in PARAMETERS.items()} == declared
    readme = (Path(__file__).resolve().parents[2] / "xslt" / "README.md").read_text(encoding="utf-8")
    for driver, names in declared.items():
        assert f"`{driver}.xsl`" in readme
        for name in names:
            assert f"| `{name}` |" in readme, f"{driver}.xsl parameter {name} is not documented"


def test_imports_are_confined_to_the_stylesheet_folder(tmp_path):
    (tmp_path / "outside.xsl").write_text(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')
    inner = tmp_path / "xslt"
    inner.mkdir()
    (inner / "html.xsl").write_text(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:import href="../outside.xsl"/></xsl:stylesheet>')
    with pytest.raises(ConfigError, match="import refused"):
        compile_stylesheet("html", inner)


def test_stylesheets_cannot_read_or_write_files(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text("<s>secret</s>")
    folder = tmp_path / "xslt"
    folder.mkdir()
    (folder / "text.xsl").write_text(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        'xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">'
        '<xsl:output method="text"/><xsl:template match="/">'
        f'<xsl:value-of select="document(\'{secret.as_uri()}\')"/>'
        '</xsl:template></xsl:stylesheet>')
    xslt = compile_stylesheet("text", folder)
    with pytest.raises(etree.XSLTApplyError):
        xslt(tei(""))
    (folder / "html.xsl").write_text(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        'xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">'
        f'<xsl:template match="/"><exsl:document href="{(tmp_path / "written.txt").as_uri()}" method="text">'
        'x</exsl:document></xsl:template></xsl:stylesheet>')
    xslt = compile_stylesheet("html", folder)
    with pytest.raises(etree.XSLTApplyError):
        xslt(tei(""))
    assert not (tmp_path / "written.txt").exists()


def test_outputs_are_deterministic():
    tree = etree.parse(str(EXAMPLE))
    assert render_html(tree) == render_html(etree.parse(str(EXAMPLE)))
    assert render_text(tree, boilerplate=True) == render_text(etree.parse(str(EXAMPLE)), boilerplate=True)
    assert render_tables(tree, "jsonl") == render_tables(etree.parse(str(EXAMPLE)), "jsonl")


def test_batch_writes_every_kind_reports_bad_files_and_keeps_order(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.xml").write_bytes(EXAMPLE.read_bytes())
    (src / "sub" / "b.xml").write_bytes(EXAMPLE.read_bytes().replace(b"state-blinken", b"other"))
    (src / "broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<text>")
    (src / "html.xml").write_text("<html/>")
    out = tmp_path / "out"
    results = list(iter_render([src], ["html", "text", "analysis", "tsv", "jsonl"], out, jobs=2,
                               options=Options(index_href="index.html")))
    assert [r.path.name for r in results] == ["a.xml", "broken.xml", "html.xml", "b.xml"]
    assert [str(d) for r in results for d in r.diagnostics] == [
        f"{src / 'broken.xml'}:2:7: error: Premature end of data in tag text line 2 [not-well-formed]",
        f"{src / 'html.xml'}:1:0: error: not a TEI P5 document: the root element is <html>, "
        "expected <TEI> or <teiCorpus> in http://www.tei-c.org/ns/1.0 [not-tei]"]
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and p.name != ".tei-written")
    assert names == sorted(f"{stem}{suffix}" for stem in ("a", "sub/b") for suffix in (
        ".html", ".txt", ".analysis.txt", ".utterances.tsv", ".participants.tsv", ".events.tsv",
        ".utterances.jsonl", ".participants.jsonl", ".events.jsonl"))
    assert '<a href="../index.html">Corpus index</a>' in (out / "sub" / "b.html").read_text()
    assert [json.loads(x)["doc"] for x in (out / "sub" / "b.utterances.jsonl").read_text().splitlines()] \
        == ["other-cho-seoul-2025"] * 5
    index = write_index(out, [r.info for r in results if r.info]).read_text()
    assert index.index('href="a.html"') < index.index('href="sub/b.html"')
    # The same run in-process gives the same bytes.
    again = tmp_path / "again"
    list(iter_render([src], ["html", "text", "tsv"], again, jobs=1, timeout=None,
                     options=Options(index_href="index.html")))
    for f in again.rglob("*.*"):
        if f.name != ".tei-written":     # the record of what each run wrote (other kinds here)
            assert filecmp.cmp(f, out / f.relative_to(again), shallow=False), f


def test_batch_refuses_two_inputs_with_one_output_name(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.xml").write_bytes(EXAMPLE.read_bytes())
    results = list(iter_render([tmp_path / "x" / "same.xml", tmp_path / "y" / "same.xml"], ["text"],
                               tmp_path / "out", timeout=None))
    assert results[0].ok and results[0].outputs == [tmp_path / "out" / "same.txt"]
    assert [d.code for d in results[1].diagnostics] == ["output-collision"]


def test_batch_time_limit_stops_a_slow_file(tmp_path):
    # Pairs of turns continuing each other (@next both ways, no @prev): each turn starts a
    # line and follows the cycle to the 500-step limit, about 4 s for 800 turns.
    body = "".join(f'<u xml:id="a{i}" who="#x" next="#b{i}">w</u><u xml:id="b{i}" who="#x" next="#a{i}">w</u>'
                   for i in range(400))
    (tmp_path / "slow.xml").write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>{body}</body></text></TEI>')
    (tmp_path / "fine.xml").write_bytes(EXAMPLE.read_bytes())
    results = list(iter_render([tmp_path / "slow.xml", tmp_path / "fine.xml"], ["analysis"],
                               tmp_path / "out", jobs=1, timeout=1.0))
    assert [str(d) for d in results[0].diagnostics] == [
        f"{tmp_path / 'slow.xml'}:0:0: error: time limit of 1 s exceeded; file not rendered "
        "(raise it with --timeout) [time-limit]"]
    assert results[1].ok and (tmp_path / "out" / "fine.analysis.txt").exists()
    assert not (tmp_path / "out" / "slow.analysis.txt").exists()


def test_unwritable_output_stops_the_run(tmp_path):
    (tmp_path / "out").write_text("a file, not a folder")
    with pytest.raises(OutputError):
        list(iter_render([EXAMPLE], ["text"], tmp_path / "out", timeout=None))
    with pytest.raises(OutputError):
        list(iter_render([EXAMPLE], ["text"], tmp_path / "out", jobs=2))
