"""The toolkit accepts what it writes: a text node over libxml2's 10 MB limit (issue 13, item 4)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from tei_corpus.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "validate"
WORDS = 10_000_000            # "lorem " x 10 M: 60 MB in one seg


def _with_seg_text(tmp_path: Path, name: str, text: str) -> Path:
    """Write design-example.xml with the text of its first <seg> replaced."""
    src = (DATA / "design-example.xml").read_text(encoding="utf-8")
    head, seg, tail = re.split(r"(?<=<seg>)([^<]*)(?=</seg>)", src, maxsplit=1)
    assert seg.startswith("Good afternoon.")
    path = tmp_path / name
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(head)
        fh.write(text)
        fh.write(tail)
    return path


def _stats(path: Path) -> dict:
    result = CliRunner().invoke(cli, ["stats", "--format", "json", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["corpora"][0]


def test_50_mb_text_node_validates_and_counts(tmp_path):
    big = _with_seg_text(tmp_path, "big.xml", "lorem " * WORDS)
    assert big.stat().st_size > 50_000_000
    small = _with_seg_text(tmp_path, "small.xml", "lorem")

    result = CliRunner().invoke(cli, ["validate", str(big)], catch_exceptions=False)
    assert result.stdout == ""
    assert result.exit_code == 0
    assert result.stderr == ("tei validate: 1 file: 1 valid, 0 invalid, 0 not well-formed; "
                             "0 errors, 0 warnings\n")

    assert _stats(big)["words"] == _stats(small)["words"] + WORDS - 1
