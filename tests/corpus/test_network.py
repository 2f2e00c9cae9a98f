"""tei stats --network: edges recomputed here with XPath from real converter output.

A corpus of three shared samples is built with ``tei build``: 015 (a debate with
many interruptions), 000 (interpreted turns) and 009. Every expected edge is
computed in this file from the TEI with lxml XPath, independently of
``tei_corpus.corpus.network``, and compared with what the command prints.
"""
from __future__ import annotations

import csv
import io
import shutil
from collections import Counter

import pytest
import xmlschema
from click.testing import CliRunner
from lxml import etree

from tei_corpus.cli import cli
from tei_corpus.corpus import build

from conftest import DATA
from corpus_helpers import make_raw

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SAMPLES = ("015_debate-us-2020-09-29-trump-biden-wallace.txt",
           "000_state-blinken-cho-seoul-2025.txt", "009_au-pm-howard-doorstop-ryde-2006.txt")
GRAPHML_XSD = DATA / "network" / "graphml" / "graphml.xsd"
FIRST = "substring-before(concat(normalize-space(@who), ' '), ' ')"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    raw, out = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("out")
    make_raw(raw, names=SAMPLES)
    build(raw, out)
    docs = sorted(out.glob("*.xml"))
    assert len([d for d in docs if d.name != "corpus.xml"]) == 3
    return out


def docs_of(out):
    found = sorted(p for p in out.glob("*.xml") if p.name != "corpus.xml")
    assert found
    return found


def run(*args):
    r = CliRunner().invoke(cli, ["stats", *map(str, args)])
    assert r.exit_code == 0, r.output
    return r


def edges(csv_text: str) -> dict:
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0] == ["source", "target", "weight", "interpreted", "documents"]
    return {(s, t): (int(w), int(i), int(d)) for s, t, w, i, d in rows[1:]}


def speaker(u) -> str:
    return u.xpath(FIRST).lstrip("#")


def has(u, cat: str) -> bool:
    return f"#{cat}" in (u.get("ana") or "").split()


def expected(path, kind: str) -> dict:
    """Edges of one converted document, by XPath (each TEI file is one document)."""
    weights, interp = Counter(), Counter()
    for u in etree.parse(str(path)).xpath("//t:text//t:u[@who]", namespaces=NS):
        if kind == "turns":
            nxt = u.xpath("(following::t:u[@who])[1]", namespaces=NS)
            pair = (speaker(u), speaker(nxt[0])) if nxt else None
            made_by = nxt[0] if nxt else None
        else:
            if not has(u, "interrupting"):
                continue
            cut = u.xpath(f"(preceding::t:u[@who][{FIRST} != $w])[last()]", namespaces=NS,
                          w=u.xpath(FIRST))
            pair = (speaker(u), speaker(cut[0])) if cut else None
            made_by = u
        if pair and pair[0] != pair[1]:
            weights[pair] += 1
            interp[pair] += has(made_by, "interpreted")
    return {p: (w, interp[p], 1) for p, w in weights.items()}


@pytest.mark.parametrize("kind", ["turns", "interruptions"])
def test_each_document_matches_xpath(corpus, kind):
    debate = corpus / (SAMPLES[0][:-4] + ".xml")
    seed = corpus / (SAMPLES[1][:-4] + ".xml")
    for doc in docs_of(corpus):
        got = edges(run(doc, "--network", kind).stdout)
        assert got == expected(doc, kind), doc.name
    if kind == "interruptions":      # the debate: everybody cuts everybody
        assert len(edges(run(debate, "--network", kind).stdout)) == 6
        assert sum(w for w, _, _ in expected(debate, kind).values()) > 200
    else:                            # the seed: interpreter-mediated edges are marked
        got = edges(run(seed, "--network", kind).stdout)
        assert any(i for _, i, _ in got.values())
        assert any(not i for _, i, _ in got.values())


@pytest.mark.parametrize("kind", ["turns", "interruptions", "addressees"])
def test_folder_equals_corpus_file_equals_merged_documents(corpus, kind):
    folder = run(corpus, "--network", kind)
    whole = run(corpus / "corpus.xml", "--network", kind)
    assert folder.stdout == whole.stdout
    merged: dict = {}
    for doc in docs_of(corpus):
        for pair, (w, i, d) in edges(run(doc, "--network", kind).stdout).items():
            w0, i0, d0 = merged.get(pair, (0, 0, 0))
            merged[pair] = (w0 + w, i0 + i, d0 + d)
    assert edges(folder.stdout) == merged
    assert len(merged) > 6


def test_addressees_without_towhom_warn_and_are_the_turns(corpus):
    r = CliRunner().invoke(cli, ["stats", str(corpus), "--network", "addressees"])
    assert r.exit_code == 0
    assert r.stderr.splitlines()[-1] == (f"{corpus}:0:0: warning: no turn has @toWhom: the addressees "
                        "network is the turns network [no-addressees]")
    assert r.stdout == run(corpus, "--network", "turns").stdout


ADDRESSED = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{doc}">
 <teiHeader><profileDesc><particDesc><listPerson>
  <person xml:id="{chair}" role="moderator"><persName>Ann Chair</persName><idno type="URI">https://www.wikidata.org/wiki/Q1</idno></person>
  <person xml:id="b"><persName>Bob B</persName></person>
  <person xml:id="c"><persName>Cy C</persName></person>
 </listPerson></particDesc></profileDesc></teiHeader>
 <text><body><div type="transcript">
  <u xml:id="u1" who="#{chair}" toWhom="#b #c"><seg>Welcome both.</seg></u>
  <u xml:id="u2" who="#b" ana="#interpreted"><seg>Thank you.</seg></u>
  <u xml:id="u3" who="#c" toWhom="#b"><seg>Bob, a question.</seg></u>
  <u xml:id="u4" who="#c"><seg>Two questions.</seg></u>
 </div></body></text>
</TEI>"""


def test_addressees_and_persons_merged_by_id_and_idno(tmp_path):
    (tmp_path / "d1.xml").write_text(ADDRESSED.format(doc="d1", chair="chair"))
    (tmp_path / "d2.xml").write_text(ADDRESSED.format(doc="d2", chair="ann-chair"))
    r = CliRunner().invoke(cli, ["stats", str(tmp_path), "--network", "addressees"])
    assert (r.exit_code, r.stderr) == (0, "")
    # u1: chair->b, chair->c; u2 answers u1: b->chair (interpreted); u3: c->b; u4: self.
    assert edges(r.stdout) == {("chair", "b"): (2, 0, 2), ("chair", "c"): (2, 0, 2),
                               ("b", "chair"): (2, 2, 2), ("c", "b"): (2, 0, 2)}
    out = tmp_path / "a.graphml"
    run(tmp_path, "--network", "addressees", "--format", "graphml", "-o", out)
    nodes = {n.get("id"): {d.get("key"): d.text for d in n}
             for n in etree.parse(str(out)).getroot().iterfind(".//{*}node")}
    assert nodes["chair"] == {"n_label": "Ann Chair", "n_role": "moderator", "n_turns": "2",
                              "n_words": "4", "n_weighted_in": "2", "n_weighted_out": "4",
                              "n_self_loops": "0"}
    assert nodes["c"]["n_self_loops"] == "2" and nodes["c"]["n_turns"] == "4"
    assert set(nodes) == {"chair", "b", "c"}


def test_graphml_is_valid_and_networkx_reads_the_same_edges(corpus, tmp_path):
    nx = pytest.importorskip("networkx")
    schema = xmlschema.XMLSchema(str(GRAPHML_XSD))
    out = tmp_path / "n.graphml"
    run(corpus, "--network", "interruptions", "--format", "graphml", "-o", out)
    tree = etree.parse(str(out))
    schema.validate(tree)
    graph = tree.find("{*}graph")
    del graph.attrib["edgedefault"]           # the schema can fail: edgedefault is required
    assert not schema.is_valid(tree)
    g = nx.read_graphml(out)
    want = edges(run(corpus, "--network", "interruptions").stdout)
    assert g.is_directed()
    assert {(s, t): (d["weight"], d["interpreted"], d["documents"])
            for s, t, d in g.edges(data=True)} == want
    assert g.nodes["trump"]["label"] == "Donald J Trump"
    assert g.nodes["trump"]["weighted_out"] == sum(w for (s, _), (w, _, _) in want.items()
                                                   if s == "trump")


def test_gexf_networkx_reads_the_same_edges_and_nodes(corpus, tmp_path):
    nx = pytest.importorskip("networkx")
    out = tmp_path / "n.gexf"
    run(corpus / "corpus.xml", "--network", "turns", "--format", "gexf", "-o", out)
    root = etree.parse(str(out)).getroot()
    assert (root.tag, root.get("version")) == ("{http://gexf.net/1.3}gexf", "1.3")
    g = nx.read_gexf(out)
    want = edges(run(corpus, "--network", "turns").stdout)
    assert g.is_directed() and not g.is_multigraph()
    assert {(s, t): (int(d["weight"]), d["interpreted"], d["documents"])
            for s, t, d in g.edges(data=True)} == want
    assert g.nodes["cho"]["label"] == "Cho Tae-yul" and g.nodes["cho"]["role"] == "principal"


def test_network_options_are_checked(corpus):
    r = CliRunner().invoke(cli, ["stats", str(corpus), "--format", "gexf"])
    assert r.exit_code == 2 and "Error: --format gexf needs --network" in r.stderr
    r = CliRunner().invoke(cli, ["stats", str(corpus), "--network", "turns", "--format", "json"])
    assert r.exit_code == 2 and "Error: --network writes csv, graphml, gexf, not json" in r.stderr


def test_a_bad_file_is_one_line_and_nothing_is_written(corpus, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder, ignore=shutil.ignore_patterns("editions", ".*"))
    (folder / "zz-broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>")
    out = tmp_path / "n.csv"
    r = CliRunner().invoke(cli, ["stats", str(folder), "--network", "turns", "-o", str(out)])
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"{folder / 'zz-broken.xml'}:1:")
    assert "[not-well-formed]" in r.stderr and not out.exists()
