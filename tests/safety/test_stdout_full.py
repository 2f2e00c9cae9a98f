"""Standard output on a full device: one line on stderr and exit 2, whatever the command."""
from __future__ import annotations

import pytest

from safety_helpers import EXAMPLE, ROOT, SEED, tei_process

LINE = "tei: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("args", [
    ("convert", SEED, "-o", "-", "-q"),
    ("convert", SEED, "-q"),
    ("validate", EXAMPLE, "--format", "json", "-q"),
    ("stats", ROOT / "corpus_xml" / "corpus.xml", "--format", "json"),   # a file: the folder may hold editions
    ("convert", "--list-profiles"),
    ("--help",),
], ids=lambda a: " ".join(map(str, a[:1] + a[2:])))
def test_a_full_stdout_is_one_line_and_exit_2(args):
    with open("/dev/full", "wb") as full:
        proc = tei_process(*args, stdout=full)
        _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err.decode()) == (2, LINE)


def test_a_build_with_json_on_a_full_stdout(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(SEED.read_bytes())
    with open("/dev/full", "wb") as full:
        proc = tei_process("build", raw, "-o", tmp_path / "out", "-q", "--format", "json",
                           "--editions", "none", stdout=full)
        _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err.decode()) == (2, LINE)
    assert (tmp_path / "out" / "a.xml").read_bytes().startswith(b"<?xml")   # the build itself happened


def test_validate_findings_on_a_full_stdout(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(EXAMPLE.read_bytes().replace(b'who="#', b'who="#nobody', 1))
    with open("/dev/full", "wb") as full:
        proc = tei_process("validate", bad, "-q", stdout=full)
        _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err.decode()) == (2, LINE)
