"""The RTF reader on a file LibreOffice wrote, and HTML pages read as their bytes say.

The RTF file is an excerpt of the project's own sample transcript (see
tests/data/convert/rtf/README.md); the HTML pages are the shared samples 408
and 409, and copies of them changed at test time (no charset declared, a table
layout, deep nesting).
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import DATA, ROOT, tei_all  # noqa: F401  (tei_all is a fixture)
from tei_corpus.cli import cli
from tei_corpus.convert import convert_file
from tei_corpus.convert.readers import read_blocks, speaker_turns
from tei_corpus.errors import InputError
from tei_corpus.validate import check_bytes

RTF = DATA / "convert" / "rtf" / "blinken-cho-excerpt.rtf"
SEED = ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
RTF_LINES = (1, 2, 3, 4, 5, 14, 15, 16)      # the lines of SEED the RTF holds


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)


def seed_lines() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return [lines[n - 1] for n in RTF_LINES]


def rtf_bytes() -> bytes:
    pytest.importorskip("striprtf", reason="striprtf is in the 'formats' extra")
    return RTF.read_bytes()


# --- RTF ----------------------------------------------------------------------------

def test_rtf_paragraphs_are_the_source_lines_and_bold_labels_are_marked():
    blocks = read_blocks(rtf_bytes(), RTF.name)
    assert [b.text for b in blocks] == seed_lines()
    assert [b.line for b in blocks] == list(range(1, 9))
    assert [b.text.split(":")[0] for b in blocks if "bold" in b.style] == [
        "MODERATOR", "FOREIGN MINISTER CHO", "MODERATOR", "SECRETARY BLINKEN"]
    assert [b for b in blocks if b.style - {"bold"}] == []
    assert all("\ufdd0" not in b.text for b in blocks)


def test_rtf_converts_to_valid_tei_with_its_four_turns(tei_all):
    rtf_bytes()
    conv = convert_file(RTF)
    assert conv.report.turns == 4
    labels = conv.tree.xpath("//t:note[@type='speaker']/text()",
                             namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    assert labels == ["MODERATOR:", "FOREIGN MINISTER CHO:", "MODERATOR:", "SECRETARY BLINKEN:"]
    assert check_bytes(conv.xml, "rtf.xml").diagnostics == []
    assert tei_all.validate(conv.tree), str(tei_all.error_log)[:1000]


def test_rtf_bold_is_read_from_control_words_not_from_text():
    data = rtf_bytes()
    # "\b0" turns bold off: the first label is no longer bold; an escaped "\\b" is text
    first = data.index(b"\\b\\loch\nMODERATOR:")
    off = data[:first] + b"\\b0\\loch\nMODERATOR:" + data[first + len(b"\\b\\loch\nMODERATOR:"):]
    off = off.replace(b"Should you wish", b"Should \\\\b you wish", 1)
    blocks = read_blocks(off, "off.rtf")
    assert [b.text.split(":")[0] for b in blocks if "bold" in b.style] == [
        "FOREIGN MINISTER CHO", "MODERATOR", "SECRETARY BLINKEN"]
    assert blocks[2].text.startswith("Should \\b you wish")


def test_broken_rtf_is_one_line_naming_the_position(tmp_path):
    data = rtf_bytes()
    cut = data[: len(data) // 2]
    with pytest.raises(InputError) as err:
        read_blocks(cut, "cut.rtf")
    lines = cut.decode("latin-1").split("\n")
    assert (err.value.line, err.value.col) == (len(lines), len(lines[-1]) + 1)
    assert str(err.value) == (
        f"cut.rtf:{len(lines)}:{len(lines[-1]) + 1}: error: truncated RTF: the file ends "
        "inside 2 open groups (the one opened at 1:1 is never closed); save the file again "
        "in full [rtf-invalid]")
    with pytest.raises(InputError) as err:
        read_blocks(SEED.read_bytes(), "plain.rtf")
    assert str(err.value) == (
        "plain.rtf:1:1: error: not an RTF file: it does not start with '{\\rtf'; save it "
        "again as Rich Text Format [rtf-invalid]")
    # from the command line: that line, exit 1, nothing written
    src = tmp_path / "cut.rtf"
    src.write_bytes(cut)
    out = tmp_path / "out"
    r = run("convert", src, "-o", out, "-q")
    assert r.exit_code == 1
    assert r.stderr == (f"{src}:{len(lines)}:{len(lines[-1]) + 1}: error: truncated RTF: the "
                        "file ends inside 2 open groups (the one opened at 1:1 is never "
                        "closed); save the file again in full [rtf-invalid]\n")
    assert not out.exists() or [p.name for p in out.iterdir()] == [".tei-written"]

