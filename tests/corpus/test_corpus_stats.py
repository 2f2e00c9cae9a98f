"""Corpus statistics: exact counts on a hand-made document, and folder == corpus file."""
from __future__ import annotations

from lxml import etree

from tei_corpus.corpus import build, document_stats, iter_document_stats

from corpus_helpers import make_raw

DOC = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d">
 <teiHeader><profileDesc><particDesc><listPerson>
  <person xml:id="a"><persName>Ann A</persName></person>
  <person xml:id="b"><persName>Bob B</persName></person>
  <personGrp xml:id="press"><name>Press</name></personGrp>
 </listPerson></particDesc></profileDesc></teiHeader>
 <text><body><div type="transcript">
  <note type="speaker">ANN:</note>
  <u xml:id="u1" who="#a" ana="#regular #truncated"><seg>One two three<gap reason="editorial"><desc>...</desc></gap> four--</seg></u>
  <note type="speaker">BOB:</note>
  <u xml:id="u2" who="#b" ana="#regular #interrupting #interpreted" xml:lang="en" next="#u3"><seg>Five <foreign xml:lang="fr">six</foreign> seven.</seg></u>
  <vocal type="laughter" who="#press"><desc>(Laughter.)</desc></vocal>
  <u xml:id="u3" who="#b" ana="#regular" prev="#u2"><seg>Eight <vocal type="cough"><desc>(coughs)</desc></vocal> nine<fw type="pageNum">2</fw>.</seg></u>
  <note type="speaker">ANN:</note>
  <u xml:id="u4" who="#a" ana="#regular #interrupting"><seg>Ten.</seg></u>
  <gap reason="inaudible"><desc>(Inaudible.)</desc></gap>
 </div></body></text>
</TEI>"""


def test_counts_of_a_small_document():
    d = document_stats(etree.fromstring(DOC), "d.xml")
    assert d.doc_id == "d"
    assert d.counts.to_dict() == {"turns": 3, "words": 10, "interpreted": 1, "interruptions_given": 2,
                                  "interruptions_received": 2, "events": 3,
                                  "interpreted_share": 0.3333}
    by = {s.id: s for s in d.speakers}
    assert list(by) == ["a", "b", "press"]
    assert (by["a"].name, by["a"].counts.turns, by["a"].counts.words) == ("Ann A", 2, 5)
    assert by["a"].counts.interruptions_given == 1 and by["a"].counts.interruptions_received == 1
    assert (by["b"].counts.turns, by["b"].counts.words, by["b"].counts.interpreted) == (1, 5, 1)
    assert by["b"].counts.interruptions_given == 1 and by["b"].counts.interruptions_received == 1
    assert (by["press"].counts.turns, by["press"].counts.events) == (0, 1)


def test_folder_and_corpus_file_give_the_same_numbers(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw)
    build(raw, out)
    folder = [d.to_dict() for d in iter_document_stats(out)]
    corpus = [d.to_dict() for d in iter_document_stats(out / "corpus.xml")]
    assert len(folder) == 4
    for d in folder + corpus:
        d.pop("path")
    assert folder == corpus
    assert sum(d["turns"] for d in folder) > 0


def test_the_corpus_file_counts_the_sum_of_its_documents(tmp_path):
    """tei stats of corpus.xml == the sum of tei stats of each document == its header's extent."""
    import json
    import subprocess
    import sys
    from pathlib import Path
    from tei_corpus.corpus.stats import COUNTS
    from tei_corpus.xmlio import parse_file

    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw)
    build(raw, out)
    docs = sorted(p for p in out.glob("*.xml") if p.name != "corpus.xml")
    assert len(docs) == 4
    cmd = [sys.executable, "-c", "from tei_corpus.cli import cli; cli()", "stats", "--format", "json"]
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([*cmd, out / "corpus.xml", *docs], capture_output=True, text=True,
                          timeout=300, cwd=root)
    assert proc.returncode == 0, proc.stderr
    corpus, *each = json.loads(proc.stdout)["corpora"]
    assert corpus["documents"] == 4 and [c["documents"] for c in each] == [1, 1, 1, 1]
    for key in COUNTS:
        assert corpus[key] == sum(c[key] for c in each), key
    assert corpus["turns"] > 0 and corpus["words"] > 0 and corpus["events"] > 0
    header = parse_file(out / "corpus.xml").getroot()
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    extent = {m.get("unit"): int(m.get("quantity"))
              for m in header.iterfind("t:teiHeader/t:fileDesc/t:extent/t:measure", ns)}
    assert extent["documents"] == 4
    assert (extent["turns"], extent["words"], extent["interpreted"], extent["interruptions"],
            extent["events"]) == (corpus["turns"], corpus["words"], corpus["interpreted"],
                                  corpus["interruptions_given"], corpus["events"])
