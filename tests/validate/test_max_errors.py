"""Errors cost in proportion to what is reported (issue 13, item 7): ``--max-errors``.

A generated file with 100,000 errors is checked in a fresh ``tei validate``
process against the project schema and against tei_all.rng: the report is
the first N findings in document order and one count line, exit 1. Speed is
measured in benchmarks/bench_errors.py; here a generous timeout only stops a
runaway.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TEI_ALL_RNG, need_shared

TEI = [sys.executable, "-c", "from tei_corpus.cli import cli; cli()"]
ERRORS = 100_000
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d1"><teiHeader><fileDesc>'
        "<titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
        "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>\n<text><body>\n")


def write_errors(path: Path, n: int) -> Path:
    """Write a TEI file with ``n`` errors, one per line from line 3: bad attributes, unknown elements."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        for i in range(n):
            fh.write(f'<p bogus="{i}">word {i}</p>\n' if i % 2 else f"<p><zz>word {i}</zz></p>\n")
        fh.write("</body></text></TEI>\n")
    return path


def run(*args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([*TEI, "validate", "-q", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    return write_errors(tmp_path_factory.mktemp("errors") / "many.xml", ERRORS)


def _check_bounded(proc, path: Path, limit: int, count_line: str) -> list[str]:
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert len(lines) == limit + 1
    assert all(line.startswith(f"{path}:") and line.endswith("]") for line in lines)
    assert all(": error: " in line for line in lines[:-1])
    listed = [int(line.split(":")[1]) for line in lines[:-1]]
    assert listed == sorted(listed) and listed[0] == 4      # document order, from the first
    assert lines[-1] == count_line.format(path=path, line=listed[-1])
    return lines


def test_project_schema_100000_errors_bounded(many):
    proc = run(str(many))
    lines = _check_bounded(proc, many, 1000, "{path}:{line}:1: warning: more findings "
                           "not reported: checking stopped after 1000 (see --max-errors) "
                           "[too-many-errors]")
    assert lines[0] == f"{many}:4:1: error: element <p> is not allowed here in <body> [xsd-content]"


def test_tei_all_100000_errors_bounded(many):
    need_shared(TEI_ALL_RNG)
    proc = run("--schema", str(TEI_ALL_RNG), str(many))
    lines = _check_bounded(proc, many, 1000, "{path}:{line}:4: warning: 99000 more findings not "
                           "reported (at most 1000 are listed per file; see --max-errors) "
                           "[too-many-errors]")
    assert lines[0].startswith(f'{many}:4:4: error: element "zz" not allowed anywhere; '
                               'expected the element end-tag, text or element "abbr", ')
    assert lines[0].endswith('[rng-invalid]')
    assert lines[1].startswith(f'{many}:5:4: error: attribute "bogus" not allowed here; '
                               'expected attribute "ana", ')


def test_max_errors_0_lists_all_and_n_lists_n(tmp_path):
    path = write_errors(tmp_path / "some.xml", 30)
    every = run("--max-errors", "0", str(path))
    assert every.returncode == 1
    assert len(every.stdout.splitlines()) == 30
    assert "too-many-errors" not in every.stdout
    some = run("--max-errors", "10", "--format", "json", str(path))
    assert some.returncode == 1
    diags = json.loads(some.stdout)["files"][0]["diagnostics"]
    assert [d["code"] for d in diags][-1] == "too-many-errors"
    assert len(diags) == 11
    shown = [f'{d["path"]}:{d["line"]}:{d["col"]}: {d["severity"]}: {d["message"]} [{d["code"]}]'
             for d in diags]
    assert shown[:10] == every.stdout.splitlines()[:10]
    assert shown[10] == (f"{path}:{diags[9]['line']}:1: warning: more findings not reported: "
                         "checking stopped after 10 (see --max-errors) [too-many-errors]")
    rng = need_shared(TEI_ALL_RNG)
    some = run("--max-errors", "10", "--schema", str(rng), str(path))
    assert some.stdout.splitlines()[-1] == (
        f"{path}:13:4: warning: 20 more findings not reported (at most 10 are listed per file; "
        "see --max-errors) [too-many-errors]")
