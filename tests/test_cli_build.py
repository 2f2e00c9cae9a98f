"""tei build and tei stats on the command line: exit codes, exact lines, the committed corpus."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from tei_corpus.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"^(\d+) converted, (\d+) updated, (\d+) skipped, (\d+) failed, (\d+) removed, "
                     r"(\d+) warnings in \d+\.\d s$")
#: What `tei build` writes that is not committed (see .gitignore): editions, manifest, lock.
NOT_COMMITTED = ("editions/", ".tei-build.sqlite", ".tei-build.lock")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def committed(folder: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and not rel.startswith(NOT_COMMITTED):
            out[rel] = p.read_bytes()
    return out


def test_build_reproduces_the_committed_corpus(tmp_path):
    raw = tmp_path / "corpus_raw"
    shutil.copytree(ROOT / "corpus_raw", raw)
    res = run("build", raw, "-o", tmp_path / "corpus_xml")
    assert res.exit_code == 0, res.output
    want = committed(ROOT / "corpus_xml")
    got = committed(tmp_path / "corpus_xml")
    assert sorted(want) == ["000_state-blinken-cho-seoul-2025.xml", "corpus.xml"]
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], f"{name} differs from the committed corpus_xml/{name}: " \
                                        "run `tei build corpus_raw -o corpus_xml` and commit"


def test_build_summary_then_nothing_to_do(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "corpus_raw", raw)
    first = run("build", raw, "-o", tmp_path / "out")
    assert first.exit_code == 0
    m = SUMMARY.match(first.stderr.splitlines()[-1])
    assert m and m.groups() == ("1", "0", "0", "0", "0", "0")
    second = run("build", raw, "-o", tmp_path / "out")
    assert second.exit_code == 0
    m = SUMMARY.match(second.stderr.splitlines()[-1])
    assert m and m.groups() == ("0", "0", "1", "0", "0", "0")


def test_build_reports_a_failing_file_and_exits_1(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "corpus_raw", raw)
    (raw / "empty.txt").write_bytes(b"")
    res = run("build", raw, "-o", tmp_path / "out")
    assert res.exit_code == 1
    lines = res.stderr.splitlines()
    assert lines[0] == f"{raw / 'empty.txt'}:1:1: error: empty file: no transcript to convert [empty]"
    assert SUMMARY.match(lines[1]).groups() == ("1", "0", "0", "1", "0", "0")
    assert len(lines) == 2
    assert (tmp_path / "out" / "000_state-blinken-cho-seoul-2025.xml").is_file()


def test_build_quiet_json_summary(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "corpus_raw", raw)
    res = run("build", raw, "-o", tmp_path / "out", "-q", "--format", "json", "--editions", "none")
    assert res.exit_code == 0 and res.stderr == ""
    import json
    data = json.loads(res.stdout)
    assert data["summary"]["converted"] == 1 and data["diagnostics"] == []
    assert not (tmp_path / "out" / "editions" / "html").exists()
    assert (tmp_path / "out" / "editions" / "index.html").is_file()


def test_build_bad_options_exit_2(tmp_path):
    assert run("build", ROOT / "corpus_raw", "-o", tmp_path / "o", "--editions", "pdf").exit_code == 2
    assert run("build", ROOT / "corpus_raw", "-o", tmp_path / "o", "--executor", "dask").exit_code == 2
    assert run("build", ROOT / "corpus_raw", "-o", tmp_path / "o", "--profile", "nope").exit_code == 2


def test_build_refuses_to_write_among_its_inputs(tmp_path):
    src = tmp_path / "raw"
    shutil.copytree(ROOT / "corpus_raw", src)
    before = sorted(p.name for p in src.iterdir())
    for out in (src, tmp_path):
        r = run("build", src, "-o", out)
        assert r.exit_code == 2
        assert r.stderr == (f"Error: {out}: the output folder must not be the source folder or contain "
                            "it (outputs are never written among the inputs)\n")
    assert sorted(p.name for p in src.iterdir()) == before


def test_stats_tsv_on_the_committed_corpus():
    res = run("stats", ROOT / "corpus_xml", "--format", "tsv", "--level", "corpus")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0] == ("level\tcorpus\tdocument\tspeaker\tname\tturns\twords\tinterpreted\t"
                        "interruptions_given\tinterruptions_received\tevents\tinterpreted_share")
    assert len(lines) == 2 and lines[1].startswith(f"corpus\t{ROOT / 'corpus_xml'}\t\t\t\t23\t")


def test_stats_on_a_non_tei_file(tmp_path):
    bad = tmp_path / "x.xml"
    bad.write_text("<html/>", encoding="utf-8")
    res = run("stats", bad)
    assert res.exit_code == 1
    assert res.stderr == f"{bad}:1:0: error: not a TEI P5 document: the root element is <html> [not-tei]\n"


def test_help_and_readme_entries():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in ("build", "stats"):
        res = run(cmd, "--help")
        assert res.exit_code == 0 and "Example:" in res.output
        assert f"### tei {cmd}" in readme
    assert ".venv/bin/tei build corpus_raw -o corpus_xml" in readme
