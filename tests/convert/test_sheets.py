"""Spreadsheets (.xlsx, .ods) are read as CSV is: the rows of real transcripts, written
at test time into workbooks by the libraries spreadsheet programs' files are read with
(openpyxl, odfpy), become the blocks, turns, times and words of the same rows as CSV.

The rows are those of the oral history kept as CSV in tests/data/convert/unseen (the
Glück interview) and of the shared sample 407 (an ASR transcript with start and end
seconds); tests/data/convert/sheets/README.md says why no workbook is committed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, sample_text
from convert_helpers import (S407, counts, raw_sample, refused_in_one_line, source_tokens,
                             tei_tokens, when_seconds)
from tei_corpus.cli import cli
from tei_corpus.convert import convert_bytes
from tei_corpus.convert.readers import read_blocks, speaker_turns
from tei_corpus.errors import InputError
from tei_corpus.validate.check import check_tree

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is in the 'formats' extra")
pytest.importorskip("odf", reason="odfpy is in the 'formats' extra")

UNSEEN = DATA / "convert" / "unseen"
SHEETS = DATA / "convert" / "sheets"
GLUCK = UNSEEN / "en-oral-history-csv-gluck-interview-speaker-column.csv"
GLUCK_SECONDS = 5           # the Glück log's last column: the seconds where a section starts
ARMANTROUT = SHEETS / "en-oral-history-csv-armantrout-interview-bracketed-times.csv"
# Each log, its time column and the kind of cell a spreadsheet program keeps it in.
LOGS = {"gluck": (GLUCK, GLUCK_SECONDS, "time"), "armantrout": (ARMANTROUT, 0, "duration")}
FORMATS = ("xlsx", "ods")


def expected(path: Path) -> dict:
    """The hand counts of a log: labels and turns, and the times of its time column."""
    want = tomllib.loads((SHEETS / "expected.toml").read_text(encoding="utf-8"))[path.name]
    if path.parent == UNSEEN:
        want |= tomllib.loads((UNSEEN / "expected.toml").read_text(encoding="utf-8"))[path.name]
    return want


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def seconds_of(text: str) -> float:
    """A CSV time cell's seconds: ``223``, ``4.112``, ``[00:01:09]``, ``[3:13]``."""
    total = 0.0
    for part in text.strip("[] ").split(":"):
        total = total * 60 + float(part)
    return total


# --- writing real rows into workbooks ----------------------------------------------------

def excel_value(text: str, kind: str | None):
    """A CSV cell as a spreadsheet program stores it: seconds as a time kind, else the text.

    ``time``: a time of day (datetime.time); ``duration``: a timedelta; ``days``: the
    serial number (float days) in a cell formatted as a time.
    """
    if not text:
        return None
    if kind is None:
        return text
    seconds = seconds_of(text)
    if kind == "time":
        return (dt.datetime(2000, 1, 1) + dt.timedelta(seconds=seconds)).time()
    if kind == "duration":
        return dt.timedelta(seconds=seconds)
    return seconds / 86400


def write_xlsx(path: Path, rows, times: dict, *, first_row: int = 1, cover: bool = False,
               merge_speaker: int | None = None) -> bytes:
    """The rows in a workbook's sheet "Log" (after an empty sheet "Cover" with ``cover``).

    ``times`` gives a column's time kind (:func:`excel_value`); ``merge_speaker``, the
    speaker's column: a run of rows by one speaker has its name once, in merged cells.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    if cover:
        sheet.title = "Cover"
        sheet = book.create_sheet("Log")
    else:
        sheet.title = "Log"
    for r, row in enumerate(rows, first_row):
        for c, text in enumerate(row, 1):
            kind = times.get(c - 1) if r > first_row else None
            value = excel_value(text, kind)
            above = rows[r - first_row - 1][c - 1] if r > first_row + 1 else None
            if merge_speaker == c - 1 and text == above:
                continue                    # covered by the merged cell of the run
            cell = sheet.cell(row=r, column=c, value=value)
            if kind == "days" and value is not None:
                cell.number_format = "h:mm:ss.000"
    if merge_speaker is not None:
        _merge_runs(sheet, rows, merge_speaker, first_row)
    book.save(path)
    return path.read_bytes()


def _runs(rows, col: int) -> list[tuple[int, int]]:
    """The (first, last) 0-based data rows of each run of rows by one speaker."""
    runs, start = [], 1
    for i in range(2, len(rows) + 1):
        if i == len(rows) or rows[i][col] != rows[start][col]:
            runs.append((start, i - 1))
            start = i
    return runs


def _merge_runs(sheet, rows, col: int, first_row: int) -> None:
    for a, b in _runs(rows, col):
        if b > a:
            sheet.merge_cells(start_row=a + first_row, end_row=b + first_row,
                              start_column=col + 1, end_column=col + 1)


def ods_cell(text: str, kind: str | None, span: int = 0):
    from odf.table import TableCell
    from odf.text import P

    if not text:
        return TableCell()
    if kind == "date":
        moment = dt.datetime(1899, 12, 30) + dt.timedelta(seconds=round(seconds_of(text), 3))
        return TableCell(valuetype="date", datevalue=moment.isoformat(timespec="milliseconds"))
    if kind is not None:
        seconds = seconds_of(text)
        whole, frac = divmod(round(seconds * 1000), 1000)
        h, rest = divmod(whole, 3600)
        return TableCell(valuetype="time",
                         timevalue=f"PT{h:02d}H{rest // 60:02d}M{rest % 60:02d}.{frac:03d}S")
    cell = TableCell(valuetype="string", **({"numberrowsspanned": span} if span > 1 else {}))
    for line in text.split("\n"):
        cell.addElement(P(text=line))
    return cell


def write_ods(path: Path, rows, times: dict, *, first_row: int = 1, cover: bool = False,
              merge_speaker: int | None = None) -> bytes:
    """As :func:`write_xlsx`, with odfpy: times as ``office:time-value`` durations."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableRow

    doc = OpenDocumentSpreadsheet()
    if cover:
        doc.spreadsheet.addElement(Table(name="Cover"))
    table = Table(name="Log")
    doc.spreadsheet.addElement(table)
    if first_row > 1:
        table.addElement(TableRow(numberrowsrepeated=first_row - 1))
    runs = _runs(rows, merge_speaker) if merge_speaker is not None else []
    spans = {a: b - a + 1 for a, b in runs}
    covered = {i for a, b in spans.items() for i in range(a + 1, a + b)}
    for r, row in enumerate(rows):
        tr = TableRow()
        for c, text in enumerate(row):
            if c == merge_speaker and r in covered:
                tr.addElement(CoveredTableCell())
            else:
                kind = times.get(c) if r else None
                tr.addElement(ods_cell(text, kind, spans.get(r, 0) if c == merge_speaker else 0))
        table.addElement(tr)
    doc.save(str(path))
    return path.read_bytes()


WRITERS = {"xlsx": write_xlsx, "ods": write_ods}


def workbook(tmp_path, fmt: str, rows, times: dict, **kw) -> tuple[Path, bytes]:
    path = tmp_path / f"{kw.pop('stem', 'log')}.{fmt}"
    return path, WRITERS[fmt](path, rows, times, **kw)


# --- oral histories kept in spreadsheets: the Glück and Armantrout interviews -------------

def gluck() -> tuple[bytes, list[list[str]]]:
    data = GLUCK.read_bytes()
    return data, csv_rows(data)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("log", sorted(LOGS))
def test_oral_history_sheet_reads_as_its_csv(tmp_path, fmt, log):
    source, col, kind = LOGS[log]
    data = source.read_bytes()
    rows = csv_rows(data)
    _, sheet = workbook(tmp_path, fmt, rows, {col: kind})
    from_csv = read_blocks(data, source.name)
    from_sheet = read_blocks(sheet, f"log.{fmt}")
    fields = lambda b: (b.text, b.speaker, b.start, b.end, b.style)  # noqa: E731
    assert [fields(b) for b in from_sheet] == [fields(b) for b in from_csv]
    assert [b.start for b in from_sheet if b.start is not None] == expected(source)["times"]
    # a block's line is its row: the row of the cell its text is in
    speech = [b for b in from_sheet if "furniture" not in b.style]
    assert [b.line for b in speech] == [n for n, r in enumerate(rows, 1) if n > 1 and r[2].strip()]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("log", sorted(LOGS))
def test_oral_history_sheet_converts_with_its_labels_turns_times_and_every_word(tmp_path, fmt,
                                                                               log):
    source, col, kind = LOGS[log]
    data = source.read_bytes()
    path, sheet = workbook(tmp_path, fmt, csv_rows(data), {col: kind})
    want = expected(source)
    tei = convert_bytes(sheet, path.name).tree
    assert [d for d in check_tree(tei, path.name) if d.severity == "error"] == []
    got = counts(tei)
    assert (got["labels"], got["turns"]) == (want["labels"], want["turns"])
    src, out = source_tokens(sample_text(path)), tei_tokens(tei)
    assert not src - out and not out - src
    from_csv = convert_bytes(data, source.name).tree
    assert out == tei_tokens(from_csv)
    assert sorted(when_seconds(tei).values()) == sorted(when_seconds(from_csv).values())
    assert set(want["times"]) <= set(when_seconds(tei).values())


# --- times: the shared sample 407's seconds as Excel's and OpenDocument's times ------------

def rows_407() -> tuple[bytes, list[list[str]]]:
    data = raw_sample(S407)
    return data, csv_rows(data)


@pytest.mark.parametrize("fmt,times,later", [
    ("xlsx", {0: "duration", 1: "days"}, 0),
    ("xlsx", {0: "time", 1: "time"}, 0),
    ("xlsx", {0: "days", 1: "duration"}, 30 * 3600),  # past 24 h, as h:mm:ss: a date-time
    ("ods", {0: "time", 1: "time"}, 0),
    ("ods", {0: "date", 1: "time"}, 30 * 3600),       # a date-value from day zero
])
def test_time_cells_become_seconds(tmp_path, fmt, times, later):
    """A recording's times, in the kinds of cell a spreadsheet keeps times in; ``later``
    moves them past a day (the tapes of a long hearing, counted from its start)."""
    data, rows = rows_407()
    assert rows[0] == ["start", "end", "text", "speaker"]
    rows = rows[:1] + [[f"{float(a) + later!r}", f"{float(b) + later!r}", t, s]
                       for a, b, t, s in rows[1:]]
    _, sheet = workbook(tmp_path, fmt, rows, times, first_row=3)
    blocks = read_blocks(sheet, f"t.{fmt}")
    from_csv = read_blocks(data, S407)
    assert len(blocks) == len(from_csv) == 494
    for b, c in zip(blocks, from_csv):
        assert (b.text, b.speaker, b.line) == (c.text, c.speaker, c.line + 2)
        assert b.start == pytest.approx(c.start + later, abs=5e-4)
        assert b.end == pytest.approx(c.end + later, abs=5e-4)
    turns = speaker_turns(blocks)
    assert len(turns) == 289 and list(dict.fromkeys(s for s, _ in turns)) == ["0", "2", "1"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_merged_speaker_cells_go_on_with_the_turn(tmp_path, fmt):
    """A speaker's name once over the rows of the turn, in merged cells: the cells it
    covers are empty, and the rows go on with the turn, as in the CSV with every name."""
    data, rows = rows_407()
    path, sheet = workbook(tmp_path, fmt, rows, {0: "time", 1: "time"}, merge_speaker=3)
    blocks = read_blocks(sheet, path.name)
    assert sum(b.speaker is not None for b in blocks) == 289 < len(blocks) == 494
    tei, from_csv = convert_bytes(sheet, path.name).tree, convert_bytes(data, S407).tree
    assert counts(tei)["turns"] == counts(from_csv)["turns"] == 289
    assert counts(tei)["labels"] == counts(from_csv)["labels"]
    assert tei_tokens(tei) == tei_tokens(from_csv)


# --- which sheet, and where a bad cell is -------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_first_sheet_with_a_value_is_read_and_a_bad_cell_named(tmp_path, fmt):
    _, rows = gluck()
    _, sheet = workbook(tmp_path, fmt, rows, {GLUCK_SECONDS: "time"}, cover=True)
    assert len(read_blocks(sheet, f"c.{fmt}")) == len(read_blocks(GLUCK.read_bytes(), GLUCK.name))
    bad = [list(r) for r in rows_407()[1]]
    bad[5][1] = "soon after"
    _, sheet = workbook(tmp_path, fmt, bad, {0: "time"}, cover=True, first_row=2, stem="bad")
    with pytest.raises(InputError) as err:
        read_blocks(sheet, f"bad.{fmt}")
    e = err.value
    assert (e.line, e.col, e.code) == (7, 2, "bad-time")
    assert e.message == "sheet 'Log', cell B7: end 'soon after' is not a time in seconds or h:mm:ss"


@pytest.mark.parametrize("fmt", FORMATS)
def test_sheet_columns_named_by_the_user(tmp_path, fmt):
    data, rows = rows_407()
    renamed = [["Von", "Bis", "Wortlaut", "Wer"]] + rows[1:]
    _, sheet = workbook(tmp_path, fmt, renamed, {0: "time", 1: "time"}, first_row=2)
    with pytest.raises(InputError) as err:
        read_blocks(sheet, f"de.{fmt}")
    assert (err.value.line, err.value.code) == (2, "csv-no-text")
    assert err.value.message.startswith("sheet 'Log': no text column: "
                                        "the first row is Von, Bis, Wortlaut, Wer;")
    blocks = read_blocks(sheet, f"de.{fmt}", columns={"text": "Wortlaut", "speaker": "wer",
                                                      "start": "Von", "end": "Bis"})
    assert len(blocks) == 494 and len(speaker_turns(blocks)) == 289
    assert (blocks[1].start, blocks[1].speaker) == (pytest.approx(4.112), "2")


# --- bad files: one line, exit 1, nothing written ------------------------------------------

def _good(tmp_path, fmt: str) -> bytes:
    return workbook(tmp_path, fmt, gluck()[1][:8], {GLUCK_SECONDS: "time"}, stem="good")[1]


def truncated(tmp_path, fmt):
    data = _good(tmp_path, fmt)
    return data[: len(data) // 2]


def csv_renamed(tmp_path, fmt):
    return GLUCK.read_bytes()


def other_format(tmp_path, fmt):
    """The other spreadsheet format under this one's name."""
    return _good(tmp_path, "ods" if fmt == "xlsx" else "xlsx")


def zip_bomb(tmp_path, fmt):
    """A real workbook with a part of 300 MB of zeros (300 kB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_good(tmp_path, fmt))) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        with dst.open("media/zeros.bin", "w", force_zip64=True) as part:
            for _ in range(300):
                part.write(bytes(2**20))
    return out.getvalue()


def no_values(tmp_path, fmt):
    return workbook(tmp_path, fmt, [[""]], {}, cover=True, stem="empty")[1]


BAD = [  # (maker, code, the message after "not a readable .FMT file: ", or a regex)
    (truncated, "{fmt}-invalid", "it is a damaged or truncated zip archive"),
    (csv_renamed, "{fmt}-invalid", r"it is a text file \(a CSV saved under this name\?\)"),
    (other_format, "{fmt}-invalid", "There is no item named|it has no spreadsheet"),
    (zip_bomb, "{fmt}-invalid", "its parts unpack to 300 MB, over the limit of 256 MB"),
    (no_values, "empty", None),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("make,code,says", BAD, ids=[b[0].__name__ for b in BAD])
def test_bad_workbook_is_one_line_exit_1_and_nothing_written(tmp_path, fmt, make, code, says):
    src = tmp_path / f"bad.{fmt}"
    src.write_bytes(make(tmp_path, fmt))
    code = code.format(fmt=fmt)
    with pytest.raises(InputError) as err:
        read_blocks(src.read_bytes(), src.name)
    assert err.value.code == code
    if says is not None:
        assert re.match(rf"not a readable \.{fmt} file: .*(?:{says})", err.value.message)
    else:
        assert err.value.message == (f"empty .{fmt} workbook: no sheet has a value "
                                     "(sheets: 'Cover', 'Log')")
    refused_in_one_line(src, tmp_path / "out", rf"0:0: error: [^\n]+ \[{code}\]")


@pytest.mark.parametrize("fmt", FORMATS)
def test_sheet_without_a_speaker_column_converts_and_says_so(tmp_path, fmt):
    _, rows = rows_407()
    src, _ = workbook(tmp_path, fmt, [r[:3] for r in rows], {0: "time", 1: "time"})
    res = CliRunner().invoke(cli, ["convert", str(src), "-o", str(tmp_path / "n.xml")],
                             catch_exceptions=False)
    assert res.exit_code == 0
    assert any(line.startswith("  warning: no speaker column (a header named speaker, ")
               for line in res.stderr.splitlines()), res.stderr
    assert (tmp_path / "n.xml").is_file()


def test_xlsx_rows_past_the_range_the_file_claims_are_read(tmp_path):
    """Some writers leave a sheet's <dimension> at A1: every row is read all the same."""
    data, rows = gluck()
    _, sheet = workbook(tmp_path, "xlsx", rows, {GLUCK_SECONDS: "time"})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sheet)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                part, n = re.subn(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1"', part)
                assert n == 1
            dst.writestr(info.filename, part)
    assert len(read_blocks(out.getvalue(), "a1.xlsx")) == len(read_blocks(data, GLUCK.name)) > 20


def test_csv_clock_times_in_square_brackets():
    """Oral-history logs write their times "[00:01:09]": read as seconds, in CSV as in
    the sheets; a bracket left open is still a bad time, with its row and column."""
    data = ARMANTROUT.read_bytes()
    blocks = read_blocks(data, ARMANTROUT.name)
    assert [b.start for b in blocks if b.start is not None] == expected(ARMANTROUT)["times"]
    with pytest.raises(InputError) as err:
        read_blocks(data.replace(b"[3:13]", b"[3:13"), ARMANTROUT.name)
    assert (err.value.line, err.value.col, err.value.code) == (35, 1, "bad-time")
