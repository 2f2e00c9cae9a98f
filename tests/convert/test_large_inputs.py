"""The toolkit accepts what it writes: a transcript with one 50 MB line converts,
and the TEI it gives is read back by `tei validate` and lxml's default parser."""
from __future__ import annotations

import subprocess
import sys

from lxml import etree

from tei_corpus.convert.encode import MAX_SEG_CHARS

NS = {"t": "http://www.tei-c.org/ns/1.0"}
SENTENCE = "the committee will now hear the next witness and we thank you all for coming today. "


def tei(*args, timeout=600):
    return subprocess.run([sys.executable, "-c", "from tei_corpus.cli import cli; cli()", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def test_a_50_mb_line_converts_and_validates(tmp_path):
    src = tmp_path / "hearing.txt"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write("CHAIRMAN SMITH: The hearing will come to order.\n\nMS. JONES: ")
        fh.write(SENTENCE * (50_000_000 // len(SENTENCE)))
        fh.write("\n\nCHAIRMAN SMITH: Thank you.\n")
    assert src.stat().st_size > 50_000_000
    out = tmp_path / "hearing.xml"
    r = tei("convert", src, "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    r = tei("validate", out)
    assert r.returncode == 0, r.stdout + r.stderr
    root = etree.parse(str(out), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    segs = root.findall(".//t:u[@who='#jones']/t:seg", NS)
    assert len(segs) >= 50 and all(len(s.text) <= MAX_SEG_CHARS for s in segs)
    words = sum(len(s.text.split()) for s in segs)
    assert words == len(SENTENCE.split()) * (50_000_000 // len(SENTENCE))
