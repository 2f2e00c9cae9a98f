"""Streams stay streams (issue 13, item 8): ``tei stats`` on a large teiCorpus, entities refused.

The corpus (about 200 MB) is written to tmp_path at test time; ``tei stats``
runs in a child process whose peak resident memory (``RUSAGE_CHILDREN``,
read after it exits) must stay well under the size of the file.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_corpus.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TEI_NS = "http://www.tei-c.org/ns/1.0"
TURNS = 400                       # per document
WORDS = 50                        # per turn
SEG = " ".join(f"w{i}" for i in range(WORDS))


def _document(n: int) -> str:
    def turn(i: int) -> str:
        who = f"#d{n}.a" if i % 2 else f"#d{n}.b"
        ana = f"#d{n}.regular" + (f" #d{n}.interrupting" if i % 100 == 1 else "")
        return f'<u xml:id="d{n}.u{i}" who="{who}" ana="{ana}"><seg>{SEG}</seg></u>\n'
    turns = "".join(turn(i) for i in range(TURNS))
    return (f'<TEI xml:id="d{n}"><teiHeader><profileDesc><particDesc><listPerson>'
            f'<person xml:id="d{n}.a"><persName>Ann</persName></person>'
            f'<person xml:id="d{n}.b"><persName>Bob</persName></person>'
            f"</listPerson></particDesc></profileDesc></teiHeader>\n"
            f'<text><body><div type="transcript">\n{turns}'
            f'<vocal type="laughter"><desc>(Laughter.)</desc></vocal></div></body></text></TEI>\n')


def write_corpus(path: Path, size: int) -> int:
    """Stream a teiCorpus of about ``size`` bytes to ``path``; return its number of documents."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<teiCorpus xmlns="{TEI_NS}">'
                 "<teiHeader><fileDesc><titleStmt><title>Big</title></titleStmt>"
                 "</fileDesc></teiHeader>\n")
        while fh.tell() < size:
            fh.write(_document(n))
            n += 1
        fh.write("</teiCorpus>\n")
    return n


def test_200_mb_corpus_streamed_in_flat_memory(tmp_path):
    big = tmp_path / "big.xml"
    docs = write_corpus(big, 200 * 1024 * 1024)
    size = big.stat().st_size
    out = tmp_path / "stats.json"
    # A fresh parent whose one child is `tei stats`: RUSAGE_CHILDREN is then that child's peak.
    wrapper = ("import resource, subprocess, sys\n"
               "with open(sys.argv[1], 'w') as out:\n"
               "    rc = subprocess.run([sys.executable, '-c', 'from tei_corpus.cli import cli; cli()',"
               " 'stats', '--level', 'corpus', '--format', 'json', sys.argv[2]], stdout=out).returncode\n"
               "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    proc = subprocess.run([sys.executable, "-c", wrapper, str(out), str(big)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.stderr == ""
    rc, peak_kib = map(int, proc.stdout.split())
    assert rc == 0
    corpus = json.loads(out.read_text(encoding="utf-8"))["corpora"][0]
    assert (corpus["documents"], corpus["turns"], corpus["words"], corpus["events"]) == \
        (docs, docs * TURNS, docs * TURNS * WORDS, docs)
    assert corpus["interruptions_given"] == corpus["interruptions_received"] == docs * 4
    # Not quite flat: libxml2 keeps each distinct attribute value (here every xml:id) in
    # its dictionary, about 0.2 MB per MB of this file. Reading the file whole would
    # take more than its size.
    assert peak_kib * 1024 < size / 2, f"peak RSS {peak_kib} KiB for a {size} byte file"


ENTITY_TEI = (f'<!DOCTYPE TEI [<!ENTITY who "Ann Smith">]>\n<TEI xmlns="{TEI_NS}" xml:id="e">'
              '<teiHeader/><text><body><div>\n<u who="#a"><seg>one &who; two</seg></u>'
              "</div></body></text></TEI>\n")


@pytest.mark.parametrize("wrapped", [False, True])
def test_entity_refused_alone_and_inside_a_corpus(tmp_path, wrapped):
    path = tmp_path / "e.xml"
    text = ENTITY_TEI
    if wrapped:
        doctype, tei = text.split("\n", 1)
        text = (doctype.replace("TEI [", "teiCorpus [") + f'\n<teiCorpus xmlns="{TEI_NS}">'
                + tei.replace(f' xmlns="{TEI_NS}"', "") + "</teiCorpus>\n")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["stats", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "level  corpus  document  speaker  name  turns  words  interp  share  int.given  "
        "int.recv  events"]
    assert result.stderr == (f"{path}:3:0: error: entity reference &who; is not allowed "
                             "(a file read incrementally expands no entity) [entity-reference]\n")
