"""``tei validate -``: standard input through the same hardened parser and checks as a file."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tei_corpus.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "validate"


def run(*args, data: bytes, cwd: Path = DATA):
    """Run ``tei validate`` in a process of its own, ``data`` on its standard input."""
    return subprocess.run([sys.executable, "-c", "from tei_corpus.cli import cli; cli()",
                           "validate", *args], input=data, capture_output=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)


def file_lines(name: str) -> list[str]:
    result = CliRunner().invoke(cli, ["validate", "-q", "--no-config", str(DATA / name)])
    return result.stdout.splitlines()


def test_stdin_is_checked_like_the_file_and_named_dash():
    data = (DATA / "invalid" / "grammar.xml").read_bytes()
    result = run("-", "-q", "--no-config", data=data)
    assert result.returncode == 1
    expected = [line.replace(str(DATA / "invalid" / "grammar.xml"), "-")
                for line in file_lines("invalid/grammar.xml")]
    assert result.stdout.decode().splitlines() == expected and len(expected) == 7


def test_stdin_filename_names_the_findings():
    data = (DATA / "invalid" / "rules.xml").read_bytes()
    result = run("-", "--stdin-filename", "corpus/rules.xml", "--output-format", "json",
                 "--no-config", data=data)
    report = json.loads(result.stdout)
    assert report["files"][0]["path"] == "corpus/rules.xml"
    assert {d["path"] for d in report["files"][0]["diagnostics"]} == {"corpus/rules.xml"}
    assert result.stderr.decode().startswith("tei validate: 1 file: 0 valid, 1 invalid")


def test_valid_stdin_exits_0():
    result = run("-", "-q", data=(DATA / "design-example.xml").read_bytes())
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_stdin_goes_through_the_hardened_parser():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>')
    result = run("-", "-q", data=bomb)
    assert result.returncode == 1
    (line,) = result.stdout.decode().splitlines()
    assert line.startswith("-:1:") and line.endswith("[entity-reference]")
    assert b"root:" not in result.stdout
    empty = run("-", "-q", "--stdin-filename", "x.xml", data=b"")
    assert empty.stdout == b"x.xml:1:1: error: empty document [not-well-formed]\n"


def test_dash_alone_and_stdin_filename_only_with_it():
    both = run("-", "design-example.xml", data=b"")
    assert both.returncode == 2 and b"cannot be combined with other paths" in both.stderr
    stray = run("design-example.xml", "--stdin-filename", "a.xml", data=b"")
    assert stray.returncode == 2 and b"--stdin-filename needs PATH -" in stray.stderr
    assert b"Traceback" not in both.stderr + stray.stderr
