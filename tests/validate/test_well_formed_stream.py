"""``tei validate --well-formed`` streams large files (issue 13, item 8): flat memory, positions kept."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tei_corpus.validate.check import STREAM_MIN_BYTES

ROOT = Path(__file__).resolve().parents[2]
TEI_NS = "http://www.tei-c.org/ns/1.0"
DOC = (f'<TEI><teiHeader/><text><body><div>\n'
       + "".join(f'<u who="#a"><seg>turn {i} of some words to fill the file</seg></u>\n'
                 for i in range(500))
       + "</div></body></text></TEI>\n")


def write_corpus(path: Path, size: int, tail: str = "</teiCorpus>\n") -> int:
    """Write a teiCorpus of about ``size`` bytes ending with ``tail``; return its line count."""
    lines = 1
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f'<teiCorpus xmlns="{TEI_NS}"><teiHeader/>\n')
        while fh.tell() < size:
            fh.write(DOC)
            lines += DOC.count("\n")
        fh.write(tail)
    return lines + 1


def run_measured(*args) -> tuple[subprocess.CompletedProcess, int]:
    """Run `tei validate` as the one child of a fresh parent; return it and its peak RSS in KiB."""
    wrapper = ("import resource, subprocess, sys\n"
               "p = subprocess.run([sys.executable, '-c', 'from tei_corpus.cli import cli; cli()',"
               " 'validate', *sys.argv[1:]], capture_output=True, text=True)\n"
               "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
               "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    head, _, rest = proc.stdout.partition("\n")
    rc, peak = map(int, head.split())
    return subprocess.CompletedProcess(proc.args, rc, rest, proc.stderr), peak


def test_large_corpus_well_formed_in_flat_memory(tmp_path):
    big = tmp_path / "big.xml"
    write_corpus(big, STREAM_MIN_BYTES + 40 * 1024 * 1024)
    size = big.stat().st_size
    proc, peak_kib = run_measured("--well-formed", "-q", str(big))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert peak_kib * 1024 < size / 2, f"peak RSS {peak_kib} KiB for a {size} byte file"


def test_large_broken_corpus_reported_with_its_position(tmp_path):
    bad = tmp_path / "bad.xml"
    last = write_corpus(bad, STREAM_MIN_BYTES + 1024 * 1024, tail="<TEI></teiCorpus>\n")
    proc, _ = run_measured("--well-formed", "-q", str(bad))
    assert proc.returncode == 1
    assert proc.stdout == (f"{bad}:{last}:18: error: Opening and ending tag mismatch: "
                           f"TEI line {last} and teiCorpus [not-well-formed]\n")


def test_large_corpus_with_an_entity_refused(tmp_path):
    ent = tmp_path / "ent.xml"
    write_corpus(ent, STREAM_MIN_BYTES + 1024 * 1024)
    text = ent.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    ent.write_text(f'<!DOCTYPE teiCorpus [<!ENTITY x "y">]>\n{head}\n<TEI>&x;</TEI>\n{rest}',
                   encoding="utf-8")
    proc, _ = run_measured("--well-formed", "-q", str(ent))
    assert proc.returncode == 1
    assert proc.stdout == (f"{ent}:3:0: error: entity reference &x; is not allowed "
                           "(a file read incrementally expands no entity) [entity-reference]\n")
