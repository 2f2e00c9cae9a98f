"""Every reader's bad input, from the command line: one line naming the file, the
position where the format has one, the format and what to do; exit 1; nothing written.

The bad files are real files damaged at test time: the shared samples (406 JSON
turns, 407 CSV, 410 WebVTT, 411 SRT, 412 PDF) and files their own libraries
write from them (python-docx, odfpy, pympi-ling, praatio, pypdf), and the RTF
file LibreOffice wrote (tests/data/convert/rtf).
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from conftest import DATA
from tei_corpus.cli import cli

from convert_helpers import S406, S407, S410, S411, S412, raw_sample as sample  # noqa: E402


def turns_406() -> list[dict]:
    return json.loads(sample(S406))["turns"][:6]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# --- the bad files -----------------------------------------------------------------------

def truncated_docx(tmp_path) -> bytes:
    docx = pytest.importorskip("docx", reason="python-docx is in the 'formats' extra")
    doc = docx.Document()
    for t in turns_406():
        p = doc.add_paragraph()
        p.add_run(t["speaker_public"] + ":").bold = True
        p.add_run(" " + t["text"])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()[:3000]


def truncated_odt(tmp_path) -> bytes:
    pytest.importorskip("odf", reason="odfpy is in the 'formats' extra")
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    for t in turns_406():
        doc.text.addElement(P(text=f"{t['speaker_public']}: {t['text']}"))
    path = tmp_path / "w.odt"
    doc.save(str(path))
    return path.read_bytes()[:2500]


def encrypted_pdf(tmp_path) -> bytes:
    pytest.importorskip("pdfminer", reason="pdfminer.six is in the 'formats' extra")
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) writes the encrypted PDF")
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(io.BytesIO(sample(S412))).pages[3])
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_eaf(tmp_path) -> bytes:
    pympi = pytest.importorskip("pympi", reason="pympi-ling is in the 'test' extra")
    eaf = pympi.Elan.Eaf()
    for t in turns_406():
        if t["speaker_public"] not in eaf.get_tier_names():
            eaf.add_tier(t["speaker_public"], part=t["speaker_public"])
        eaf.add_annotation(t["speaker_public"], round(t["start"] * 1000),
                           round(t["end"] * 1000), t["text"])
    path = tmp_path / "w.eaf"
    eaf.to_file(str(path))
    data = path.read_bytes()
    return data[:data.index(b"</ANNOTATION_VALUE>") + 5]


def damaged_textgrid(tmp_path) -> bytes:
    pytest.importorskip("praatio", reason="praatio is in the 'formats' extra")
    from praatio import textgrid
    from praatio.data_classes.interval_tier import IntervalTier

    turns = turns_406()
    tg = textgrid.Textgrid()
    tg.addTier(IntervalTier("speech", [(t["start"], t["end"], t["text"]) for t in turns],
                            0, turns[-1]["end"]))
    path = tmp_path / "w.TextGrid"
    tg.save(str(path), format="long_textgrid", includeBlankSpaces=True)
    text = path.read_text(encoding="utf-8")
    return text.replace("xmax = ", "xmax = x", 3).encode("utf-8")


def broken_vtt(tmp_path) -> bytes:
    return sample(S410).replace(b"00:00:04.801 --> 00:00:07.980", b"00:00:04.801 -> 00:00:07.980")


def broken_srt(tmp_path) -> bytes:
    return sample(S411).replace(b"00:00:08,216 --> 00:00:09,745", b"00:00:08,216 --> 9,745", 1)


def truncated_json(tmp_path) -> bytes:
    data = sample(S406)
    return data[:len(data) // 2]


def csv_without_text(tmp_path) -> bytes:
    """The shared CSV transcript without its text column: times and speakers only."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [r[:2] + r[3:] for r in csv.reader(io.StringIO(sample(S407).decode("utf-8")))])
    return out.getvalue().encode()


def truncated_rtf(tmp_path) -> bytes:
    pytest.importorskip("striprtf", reason="striprtf is in the 'formats' extra")
    return (DATA / "convert" / "rtf" / "blinken-cho-excerpt.rtf").read_bytes()[:3000]


CASES = [  # (file name, maker, code, the line's message, from the start, or None: any position)
    ("cut.docx", truncated_docx, "docx-invalid", "0:0: error: not a readable .docx file: "),
    ("cut.odt", truncated_odt, "odt-invalid", "0:0: error: not a readable .odt file: "),
    ("locked.pdf", encrypted_pdf, "pdf-encrypted", "0:0: error: encrypted PDF: it needs a "
     "password; decrypt it first (for example qpdf --decrypt)"),
    ("cut.eaf", truncated_eaf, "eaf-invalid", None),
    ("bad.TextGrid", damaged_textgrid, "textgrid-invalid", "0:0: error: damaged TextGrid: "),
    ("bad.vtt", broken_vtt, "bad-cue-timing", "11:1: error: cue without a timing line: broken "
     "cue timing line '00:00:04.801 -> 00:00:07.980' (expected 'hh:mm:ss.mmm --> hh:mm:ss.mmm')"),
    ("bad.srt", broken_srt, "bad-cue-timing", "7:14: error: cue timing: broken cue timing "
     "line '00:00:08,216 --> 9,745'"),
    ("cut.json", truncated_json, "json-syntax", None),
    ("notes.csv", csv_without_text, "csv-no-text", "1:1: error: no text column: the first row "
     "is start, end, speaker"),
    ("cut.rtf", truncated_rtf, "rtf-invalid", None),
]


@pytest.mark.parametrize("name,make,code,start", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_exit_1_and_nothing_written(tmp_path, name, make, code, start):
    src = tmp_path / name
    src.write_bytes(make(tmp_path))
    out = tmp_path / "out"
    res = run("convert", src, "-o", out, "-q")
    assert res.exit_code == 1
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    line = lines[0]
    assert re.fullmatch(rf"{re.escape(str(src))}:\d+:\d+: error: [^\n]+ \[{code}\]", line), line
    if start is not None:
        assert line.startswith(f"{src}:{start}"), line
    else:                                   # the format has positions: one is given
        assert not line.startswith(f"{src}:0:"), line
    assert not out.exists() or [p.name for p in out.iterdir()] == [".tei-written"]


def test_truncated_eaf_names_the_end_of_the_file(tmp_path):
    data = truncated_eaf(tmp_path)
    src = tmp_path / "cut.eaf"
    src.write_bytes(data)
    res = run("convert", src, "-o", tmp_path / "out", "-q")
    last = data.count(b"\n") + 1
    assert res.stderr.startswith(f"{src}:{last}:")
    assert "not a readable ELAN file: " in res.stderr and "save it again from ELAN" in res.stderr


def test_csv_without_a_speaker_column_converts_and_says_so(tmp_path):
    rows = list(csv.reader(io.StringIO(sample(S407).decode("utf-8"))))
    assert rows[0] == ["start", "end", "text", "speaker"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r[:3] for r in rows)
    src = tmp_path / "nospeaker.csv"
    src.write_text(out.getvalue(), encoding="utf-8")
    res = run("convert", src, "-o", tmp_path / "n.xml")
    assert res.exit_code == 0
    assert ("  warning: no speaker column (a header named speaker, speaker_label, name, "
            "participant, channel): turns come only from labels in the text; rename the "
            "speaker column to speaker") in res.stderr.splitlines()
    assert (tmp_path / "n.xml").is_file()


def test_every_reading_code_is_documented_in_rules_md():
    """Every code the readers and the converter raise is in the one list of codes, in
    the convert group, and RULES.md's section on the other commands names it."""
    import tomllib

    from conftest import ROOT

    doc = (ROOT / "schemas" / "RULES.md").read_text(encoding="utf-8")
    section = doc[doc.index("## 5. Codes of the other commands"):doc.index("## 6.")]
    documented = dict(re.findall(r"^\| `([a-z0-9-]+)` \| `([a-z-]+)` \|", section, re.M))
    listed = tomllib.loads((ROOT / "schemas" / "codes.toml").read_text(encoding="utf-8"))["codes"]
    raised = set()
    for path in (ROOT / "tei_corpus" / "convert").rglob("*.py"):
        raised |= set(re.findall(r'code="([a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    raised.add("html-too-deep")          # raised by the one HTML parser, in xmlio.py
    assert {"rtf-invalid", "pdf-encrypted", "csv-no-text"} <= raised
    for code in raised:
        assert listed.get(code) == "convert", code
        assert documented.get(code) == "convert", code


def test_a_csv_cell_whose_quote_is_never_closed_is_refused_with_its_line(tmp_path):
    # A quote opened and never closed would swallow every row after it into one cell.
    from click.testing import CliRunner
    from tei_corpus.cli import cli

    src = tmp_path / "log.csv"
    src.write_text('speaker,text\nAlice,Good morning.\nBob,"It was a long\nAlice,Yes.\n',
                   encoding="utf-8")
    out = tmp_path / "log.xml"
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "log.csv:3:0: error: the quoted cell of the row that begins on line 3 is never closed" \
        in result.output
    assert "[csv-syntax]" in result.output and not out.exists()
