"""Spreadsheets: Excel .xlsx (openpyxl) and OpenDocument .ods (odfpy).

Each reader only turns its format's cells into rows of strings, numbered as the
spreadsheet numbers them; :class:`~.records.RowTable`, the mechanism of CSV and
TSV, turns the rows into blocks (header, column roles, furniture, times).

The sheet read is the first in the workbook's order that has a cell with a value
(a workbook whose first sheet is an empty cover is read from its second). A
block's ``line`` is its row number; an error's line and column are the cell's
row and column number, and its message names the sheet and the cell (``B7``).

A cell's value becomes text as a spreadsheet shows it in a plain cell: times of
day and durations (``0:03:43``, ``25:00:01.5``) as ``h:mm:ss[.mmm]``, which
:func:`~.base.parse_seconds` reads as seconds; a date-time within a year of the
spreadsheet's day zero (a duration past 24 h formatted ``h:mm:ss``) is such a
duration too, a later date its ISO form (not a time into the recording);
numbers as written (``223``, ``12.5``). Merged cells keep their value in the
first cell; the cells they cover are empty, as a CSV writes them: an empty
speaker cell goes on with the turn before.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial

from ...errors import InputError
from .base import Block, need_library
from .records import Row, RowTable, TableReader, header_sniffed

#: A spreadsheet whose parts unpack to more than this is refused (a zip bomb).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: ... and so is one with more cells than this, empty ones between values included.
MAX_CELLS = 5_000_000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"      # Excel 97-2003 .xls, old Works files
_DAY = 86400
_DAY_ZERO = dt.datetime(1899, 12, 30)           # OpenDocument's default null date


class SheetError(Exception):
    """What makes a spreadsheet unreadable, said in a few words (for the reader's message)."""


def check_zip(data: bytes, suffix: str) -> None:
    """Check that a spreadsheet is a zip archive of a sane size before its library opens it.

    Raises:
        SheetError: not a zip (a CSV, an .xls saved under the name), or its parts
            unpack to more than :data:`MAX_UNPACKED_BYTES`.
    """
    if not data:
        raise SheetError("the file is empty")
    if data.startswith(_OLE2):
        raise SheetError(f"it is an Excel 97-2003 (.xls) file, not {suffix}; save it as .xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        kind = ("a damaged or truncated zip archive" if data.startswith(b"PK") else
                "a text file (a CSV saved under this name?), not a zip archive" if _is_text(data)
                else "not a zip archive")
        raise SheetError(f"it is {kind}") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(f"its parts unpack to {unpacked // 2**20} MB, over the limit of "
                         f"{MAX_UNPACKED_BYTES // 2**20} MB (a zip bomb?)")


def _is_text(data: bytes) -> bool:
    head = data[:4096]
    return bool(head) and b"\x00" not in head and all(b >= 32 or b in b"\t\r\n" for b in head)


def clock(seconds: float) -> str:
    """``h:mm:ss`` with milliseconds when there are any: ``0:03:43``, ``25:00:01.5``."""
    sign = "-" if seconds < 0 else ""
    ms = round(abs(seconds) * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    frac = f".{ms:03d}".rstrip("0") if ms else ""
    return f"{sign}{h}:{m:02d}:{s:02d}{frac}"


def _days(value: dt.datetime) -> float:
    """Days since OpenDocument's day zero (its default ``table:null-date``)."""
    return (value.replace(tzinfo=None) - _DAY_ZERO).total_seconds() / _DAY


def cell_text(value, days: Callable[[dt.datetime], float] = _days) -> str:
    """A cell's value as text (the module's docstring says how each kind is written).

    ``days`` gives a date-time's serial number (days since the spreadsheet's day zero).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.timedelta):
        return clock(value.total_seconds())
    if isinstance(value, dt.time):
        return clock(value.hour * 3600 + value.minute * 60 + value.second
                     + value.microsecond / 1e6)
    if isinstance(value, dt.datetime):
        serial = days(value)
        return clock(serial * _DAY) if 0 <= serial < 366 else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def as_rows(cells: Iterator[tuple[int, list]], days=_days) -> list[Row]:
    """The non-empty rows of ``(row number, values)``, their values as text.

    Raises:
        SheetError: more than :data:`MAX_CELLS` cells.
    """
    rows, seen = [], 0
    for number, values in cells:
        seen += len(values)
        if seen > MAX_CELLS:
            raise SheetError(f"more than {MAX_CELLS:,} cells")
        texts = [cell_text(v, days) for v in values]
        if any(t.strip() for t in texts):
            rows.append((number, texts))
    return rows


def table_blocks(rows: list[Row], sheet: str, name: str, columns) -> Iterator[Block]:
    """The blocks of a sheet's rows, by :class:`RowTable` (as CSV's are)."""
    sample = io.StringIO()
    csv.writer(sample).writerows(r for _, r in rows[:50])
    yield from RowTable(name, columns, sheet=sheet).blocks(rows, header_sniffed(sample.getvalue()))


def _unreadable(name: str, suffix: str, code: str, detail: str) -> InputError:
    detail = " ".join(detail.split())[:120]
    return InputError(name, f"not a readable {suffix} file: {detail}; open it and save it "
                      "again (Excel, LibreOffice)", code=code)


def _first_sheet(sheets, name: str, suffix: str) -> tuple[str, list[Row]]:
    """The title and rows of the first sheet that has a value."""
    titles = []
    for title, cells, days in sheets:
        rows = as_rows(cells, days)
        if rows:
            return title, rows
        titles.append(title)
    shown = ", ".join(repr(t) for t in titles[:10]) or "none"
    raise InputError(name, f"empty {suffix} workbook: no sheet has a value (sheets: {shown})",
                     code="empty")


# --- Excel .xlsx --------------------------------------------------------------------


@dataclass(frozen=True)
class XlsxReader(TableReader):
    """Excel workbooks (.xlsx, .xlsm) with openpyxl, read-only, formulas as their saved values.

    The first sheet with a value is read (see the module); a formula's value is the
    one Excel saved with the file (none, if no spreadsheet program ever computed it).
    """

    columns: dict | None = field(default=None, hash=False, compare=False)
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm")
    invalid_code = "xlsx-invalid"      # of a file openpyxl cannot read

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        openpyxl = need_library("openpyxl", "openpyxl", name, ".xlsx")
        try:
            with warnings.catch_warnings(), closing(self._sheets(openpyxl, data)) as sheets:
                warnings.simplefilter("ignore")      # openpyxl warns of styles it drops
                title, rows = _first_sheet(sheets, name, ".xlsx")
        except InputError:
            raise
        except Exception as exc:   # SheetError, BadZipFile, KeyError, XML errors inside the zip
            raise _unreadable(name, ".xlsx", self.invalid_code,
                              str(exc) or type(exc).__name__) from None
        yield from table_blocks(rows, title, name, self.columns)

    @staticmethod
    def _sheets(openpyxl, data: bytes):
        """Each worksheet's title, its rows of values, and the serial number of a date-time.

        Closing the generator closes the workbook (read-only mode keeps the zip open).
        """
        from openpyxl.utils.datetime import to_excel

        check_zip(data, ".xlsx")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                sheet.reset_dimensions()   # read every row, not the range the file claims
                cells = enumerate(sheet.iter_rows(values_only=True), 1)
                yield sheet.title, ((n, list(v)) for n, v in cells), partial(to_excel,
                                                                             epoch=book.epoch)
        finally:
            book.close()


# --- OpenDocument .ods --------------------------------------------------------------

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ROW_GROUPS = {(_TABLE, n) for n in ("table-header-rows", "table-rows", "table-row-group")}
_DURATION = re.compile(r"^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def ods_duration(text: str) -> dt.timedelta:
    """An ODF ``office:time-value`` (an ISO 8601 duration: ``PT01H02M03.5S``).

    Raises:
        SheetError: not such a duration.
    """
    m = _DURATION.match(text.strip())
    if not m:
        raise SheetError(f"time value {text!r} is not a duration such as PT01H02M03S")
    sign, days, hours, minutes, seconds = m.groups()
    value = dt.timedelta(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0),
                         seconds=float(seconds or 0))
    return -value if sign else value


def _ods_value(cell):
    """A cell's value as openpyxl would give it: text, a number, a time, a date-time."""
    attr = cell.attributes.get
    kind = attr((_OFFICE, "value-type"))
    if kind in ("float", "percentage", "currency"):
        return float(attr((_OFFICE, "value")))
    if kind == "time":
        return ods_duration(attr((_OFFICE, "time-value")))
    if kind == "date":
        return dt.datetime.fromisoformat(attr((_OFFICE, "date-value")))
    from odf import teletype

    pars = [teletype.extractText(p) for p in cell.childNodes
            if p.nodeType == p.ELEMENT_NODE and p.qname == (_TEXT, "p")]
    return "\n".join(pars) or attr((_OFFICE, "string-value"))


def _ods_cells(row) -> list:
    """A row's values, the repeats of a cell written out; covered (merged) cells empty."""
    values, empties = [], 0
    for cell in row.childNodes:
        if cell.nodeType != cell.ELEMENT_NODE or cell.qname[0] != _TABLE:
            continue
        repeat = int(cell.attributes.get((_TABLE, "number-columns-repeated")) or 1)
        value = _ods_value(cell) if cell.qname == (_TABLE, "table-cell") else None
        if value is None or value == "":
            empties += repeat       # written only if a value comes after them
            continue
        if empties + repeat + len(values) > MAX_CELLS:
            raise SheetError(f"more than {MAX_CELLS:,} cells")
        values += [None] * empties + [value] * repeat
        empties = 0
    return values


def _ods_rows(node, number: int = 1) -> Generator[tuple[int, list], None, int]:
    """Each row of a table (in its row groups too) with its number, repeats written out."""
    for child in node.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname in _ROW_GROUPS:
            number = yield from _ods_rows(child, number)
        elif child.qname == (_TABLE, "table-row"):
            repeat = int(child.attributes.get((_TABLE, "number-rows-repeated")) or 1)
            values = _ods_cells(child)
            for i in range(repeat if values else 0):
                yield number + i, values
            number += repeat
    return number


@dataclass(frozen=True)
class OdsReader(TableReader):
    """OpenDocument spreadsheets (.ods) with odfpy: the first sheet with a value (the module)."""

    columns: dict | None = field(default=None, hash=False, compare=False)
    suffixes: tuple[str, ...] = (".ods",)
    invalid_code = "ods-invalid"       # of a file odfpy cannot read

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        opendocument = need_library("odf.opendocument", "odfpy", name, ".ods")
        try:
            title, rows = _first_sheet(self._sheets(opendocument, data), name, ".ods")
        except InputError:
            raise
        except Exception as exc:   # SheetError, BadZipFile, KeyError, XML errors, ...
            raise _unreadable(name, ".ods", self.invalid_code,
                              str(exc) or type(exc).__name__) from None
        yield from table_blocks(rows, title, name, self.columns)

    @staticmethod
    def _sheets(opendocument, data: bytes):
        check_zip(data, ".ods")
        doc = opendocument.load(io.BytesIO(data))
        if getattr(doc, "spreadsheet", None) is None:
            raise SheetError("it has no spreadsheet (a text document saved as .ods?)")
        for table in doc.spreadsheet.childNodes:
            if table.nodeType == table.ELEMENT_NODE and table.qname == (_TABLE, "table"):
                title = table.attributes.get((_TABLE, "name")) or "?"
                yield title, _ods_rows(table), _days
