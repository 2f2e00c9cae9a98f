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



# --- HTML: the charset from the bytes -------------------------------------------------

S408 = "408_oral-history-initials-unix-ritchie-mahoney-word-html.html"
S409 = "409_uk-hansard-commons-oral-answers-2011-07-19-raw.html"
XML_DECL = b'<?xml version="1.0" encoding="UTF-8"?>'


def sample(name: str) -> bytes:
    from conftest import SAMPLES_RAW, need_shared
    return need_shared(SAMPLES_RAW / name).read_bytes()


def page_text(data: bytes, name: str = "page.html") -> tuple[str, object]:
    from tei_corpus.convert.read import decode, html_to_text
    dec = decode(data, name)
    assert dec.html
    return html_to_text(dec.text, name).text, dec


FRAGMENT = DATA / "convert" / "unseen" / "media7" / \
    "de-faustedition-goethe-faust-ii-grablegung-html-centred-speaker-paragraphs.html"


def test_an_html_fragment_named_as_html_is_read_as_html():
    # A template's part, no doctype or root: its first element is an <h2>.
    from tei_corpus.convert.read import decode
    data = FRAGMENT.read_bytes()
    assert not data.lstrip().lower().startswith((b"<!doctype", b"<html"))
    text, dec = page_text(data, FRAGMENT.name)
    assert "<p" not in text and "Herbey herbey! herein herein!" in text
    assert not decode(data, "fragment.txt").html      # a .txt holding tags is no page


def test_409_undeclared_utf8_page_is_read_as_utf8():
    data = sample(S409)
    assert data.startswith(XML_DECL) and b"charset" not in data
    want, _ = page_text(data)
    assert "materiél" in want and "o’clock" in want
    bare = data[len(XML_DECL):]                      # no declaration at all
    got, dec = page_text(bare)
    assert (got, dec.encoding, dec.warnings) == (want, "utf-8", [])


def test_409_declared_and_undeclared_legacy_pages():
    data = sample(S409)
    body = data[len(XML_DECL):].decode("utf-8")
    want, _ = page_text(data)
    declared = body.replace("<body", '<head><meta charset="windows-1252"></head><body', 1)
    got, dec = page_text(declared.encode("cp1252"))
    assert (got, dec.encoding, dec.warnings) == (want, "cp1252", [])
    assert dec.notes == ["The source was decoded from CP1252, the charset the page declares."]
    # undeclared cp1252: not UTF-8, so charset-normalizer's guess, as for a text file
    got, dec = page_text(body.encode("cp1252"))
    assert (got, dec.encoding) == (want, "cp1252")
    assert dec.warnings and dec.warnings[0].endswith("not valid UTF-8; decoded as cp1252")
    # declared Latin-1 (read as windows-1252, as browsers do) over UTF-8 bytes: as declared, warned
    wrong = body.replace("<body", '<head><meta http-equiv="Content-Type" content="text/html; '
                         'charset=ISO-8859-1"></head><body', 1).encode("utf-8")
    got, dec = page_text(wrong)
    assert "materiÃ©l" in got and dec.encoding == "cp1252"
    assert dec.warnings == ["the page declares iso-8859-1 but its bytes are UTF-8; read as "
                            "cp1252 (--encoding utf-8 reads it as UTF-8)"]


def test_409_undeclared_utf8_page_converts_with_its_words(tmp_path):
    data = sample(S409)
    src = tmp_path / "bare.html"
    src.write_bytes(data[len(XML_DECL):])
    tei = convert_file(src).xml.decode("utf-8")
    assert "materiél" in tei and "Ã" not in tei


# --- HTML: deep pages ---------------------------------------------------------------------

def _nested(data: bytes, depth: int) -> bytes:
    body = data[len(XML_DECL):]
    start = body.index(b"<body")
    start = body.index(b">", start) + 1
    end = body.rindex(b"</body>")
    return body[:start] + b"<div>" * depth + body[start:end] + b"</div>" * depth + body[end:]


def test_409_nested_300_deep_is_read_whole():
    data = sample(S409)
    want, _ = page_text(data)
    got, _ = page_text(_nested(data, 300))
    assert got == want


def test_page_nested_past_the_parser_limit_is_one_line(tmp_path):
    data = _nested(sample(S409), 2100)
    with pytest.raises(InputError) as err:
        page_text(data, "deep.html")
    line = data[:data.index(b"<div>")].count(b"\n") + 1
    assert str(err.value) == (
        f"deep.html:{line}:0: error: HTML page nested "
        "more than 2048 elements deep: the text below that depth cannot be read; flatten "
        "the page (save it again, or as text) [html-too-deep]")
    src = tmp_path / "deep.html"
    src.write_bytes(data)
    r = run("convert", src, "-o", tmp_path / "out", "-q")
    assert r.exit_code == 1 and r.stderr.endswith("[html-too-deep]\n")
    assert r.stderr.count("\n") == 1
    assert not (tmp_path / "out" / "deep.xml").exists()


# --- HTML: tables ------------------------------------------------------------------------

def _408_rows() -> tuple[list[str], list[tuple[str, str]]]:
    """408's paragraphs: those before the first label, and (label, speech) pairs."""
    import re
    from lxml import html as lhtml

    root = lhtml.document_fromstring(sample(S408))
    paras = [" ".join(p.text_content().split()) for p in root.iter("p")]
    label = re.compile(r"^(Ritchie|MSM):\s*(.*)$", re.S)
    head, rows = [], []
    for p in filter(None, paras):
        m = label.match(p)
        if m or rows:
            rows.append((m.group(1), m.group(2)) if m else ("", p))
        else:
            head.append(p)
    return head, rows


def _table_page(head, rows, header: str = "") -> bytes:
    from html import escape
    out = ["<html><head><title>Interview with Dennis Ritchie</title></head><body>"]
    out += [f"<p>{escape(h)}</p>" for h in head]
    out.append(f"<table>{header}")
    out += [f"<tr><td>{escape(s)}</td><td><p>{escape(t)}</p></td></tr>" for s, t in rows]
    out.append("</table></body></html>")
    return "\n".join(out).encode("utf-8")


def test_408_as_a_table_gives_labelled_turns(tmp_path, gold):
    head, rows = _408_rows()
    assert len(rows) == 89 and all(s for s, _ in rows)
    # a turn's speech goes on in a row of its own: with no speaker, or the same one
    k = next(i for i, (_, t) in enumerate(rows) if ". " in t[:-2])
    s, t = rows[k]
    cut = t.index(". ") + 2
    for extra in ("", s):
        split = rows[:k] + [(s, t[:cut]), (extra, t[cut:])] + rows[k + 1:]
        src = tmp_path / f"table{len(extra)}.html"
        src.write_bytes(_table_page(head, split))
        conv = convert_file(src)
        ns = {"t": "http://www.tei-c.org/ns/1.0"}
        labels = conv.tree.xpath("//t:note[@type='speaker']/text()", namespaces=ns)
        assert len(labels) == conv.report.turns == gold[S408]["turns"] == 89
        assert list(dict.fromkeys(labels)) == gold[S408]["speakers"] == ["Ritchie", "MSM"]
        turn = conv.tree.xpath("//t:u", namespaces=ns)[k]
        assert [" ".join(x.xpath("string()").split()) for x in turn.xpath("t:seg", namespaces=ns)] \
            == [t[:cut].strip(), t[cut:].strip()]
        assert check_bytes(conv.xml, src.name).diagnostics == []


def test_table_header_names_the_columns_and_other_tables_keep_cells_apart():
    from tei_corpus.convert.read import html_to_text, speaker_columns
    from lxml import html as lhtml

    head, rows = _408_rows()
    page = _table_page(head, rows[:2], header="<tr><th>Time</th><th>Speaker</th><th>Text</th></tr>")
    page = page.replace(b"<tr><td>", b"<tr><td>0:00</td><td>", 2)
    table = lhtml.document_fromstring(page).find(".//table")
    assert speaker_columns(table) == (1, 2, True)
    got = html_to_text(page.decode("utf-8"))
    lines = got.text.split("\n")
    assert [(lines[i], who) for i, who in got.given.items()] == [("0:00", "Ritchie"),
                                                                 ("0:00", "MSM")]
    assert rows[0][1] in lines and rows[1][1] in lines
    # a table that is not a transcript: each cell its own paragraph, none glued to the next
    layout = (f"<html><body><table><tr><td>{head[0]}</td><td>{rows[0][0]}:</td></tr>"
              "</table></body></html>")
    got = html_to_text(layout)
    assert got.text == f"{head[0]}\n\n{rows[0][0]}:\n" and got.given == {}
