"""Record readers: ASR / diarisation JSON, and rows of cells (CSV/TSV, spreadsheets).

Python's own ``json`` and ``csv`` modules do the parsing; the code here only
finds the shape (which keys, which columns) and turns records into blocks.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ...errors import InputError
from ..read import decode
from ..profile import profiles_dir
from ...resources import read_toml
from .asr import asr_records
from .base import Block, check_times, parse_seconds

# --- JSON -----------------------------------------------------------------


def _record_lines(text: str, records: list[dict], kind: str) -> list[int]:
    """The 1-based line where each record's text is written (for messages).

    JSON parsers keep no positions, so each record's ``"text"`` value (or, for
    records made from a word list, its first word) is looked up in order in the
    source, from the key that holds the records (``"utterances"``: a transcript's
    text written before it is not taken for its first record's); a value not found
    gets the previous line.
    """
    lines, pos, last = [], max(0, text.find(json.dumps(kind))), 1
    for rec in records:
        value = rec.get("find", rec.get("text"))
        found = -1
        if isinstance(value, str):
            for form in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
                found = text.find(form, pos)
                if found >= 0:
                    break
        if found >= 0:
            last = text.count("\n", 0, found) + 1
            pos = found + 1
        lines.append(last)
    return lines


def _label(value) -> str | None:
    if value is None:
        return None
    label = str(value).strip()
    return label or None


def _name_roles(rec: dict) -> dict:
    """A record with its text, speaker, start and end under those names.

    A record that names them otherwise (the Podcast Namespace's ``body``,
    ``startTime``) is read with the spreadsheet columns' names (``_columns.toml``),
    camelCase keys as snake_case; a key already named for its role wins.
    """
    keys = {}
    for key in rec:
        if isinstance(key, str):
            for form in (normalised_name(key), normalised_name(_CAMEL.sub("_", key))):
                keys.setdefault(form, key)
    out = dict(rec)
    for role, candidates in column_names().items():
        if role not in rec:
            hit = next((keys[c] for c in candidates if c in keys), None)
            if hit is not None and (role != "text" or isinstance(rec[hit], str)):
                out[role] = rec[hit]
    return out


def _is_records(value) -> bool:
    return isinstance(value, list) and all(isinstance(r, dict) and "text" in _name_roles(r)
                                           for r in value)


class JsonReader:
    """Whisper, WhisperX and diarised-turns JSON, told apart by their keys.

    * Whisper: ``{"segments": [{"start", "end", "text"}, ...]}``;
    * WhisperX: the same with ``"speaker"`` on segments, and ``"words"``
      (``{"word", "start", "end"}``, Whisper's own ``word_timestamps`` too),
      kept as the block's word times;
    * diarised turns: ``{"turns": [{"start", "end", "text", "speaker",
      "speaker_public"?}]}``: the label is ``speaker_public`` when present, the
      publisher's display name, else ``speaker``;
    * a top-level list of such records, or an object whose one list of records
      sits under a key of its own (a site's ``"transcript"``);
    * records that name their fields otherwise (the Podcast Namespace's
      ``{"speaker", "startTime", "endTime", "body"}``): the keys are read with the
      spreadsheet columns' names (:func:`_name_roles`);
    * cloud recognisers' results, told apart by their keys in :mod:`.asr`: Amazon
      Transcribe, Deepgram, AssemblyAI (milliseconds), Rev.ai, Speechmatics, Google
      Cloud Speech-to-Text, IBM Watson and Azure batch transcription: timed words
      made into records (a record per sentence and speaker), or the recogniser's
      own phrases (AssemblyAI's utterances, Azure's phrases), a record each.
    """

    suffixes = (".json",)

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        text = decode(data, name).text
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(name, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno,
                             code="json-syntax") from None
        records, kind = self._records(doc, name)
        for rec, line in zip(records, _record_lines(text, records, kind)):
            body = rec.get("text")
            if not isinstance(body, str):
                raise InputError(name, f"a {kind} record's \"text\" is not a string",
                                 line, 0, code="json-shape")
            if not body.strip():
                continue
            speaker = _label(rec.get("speaker_public")) or _label(rec.get("speaker"))
            if speaker is None and kind == "segments":
                speaker = self._word_speaker(rec)
            try:
                start, end = parse_seconds(rec.get("start")), parse_seconds(rec.get("end"))
            except ValueError as exc:
                raise InputError(name, f"a {kind} record's time {exc.args[0]!r} is not "
                                 "a number of seconds", line, 0, code="bad-time") from None
            check_times(name, line, start, end)
            yield Block(body.strip(), line, speaker=speaker, start=start, end=end,
                        words=_word_times(rec.get("words")))

    @staticmethod
    def _records(doc, name: str) -> tuple[list[dict], str]:
        if isinstance(doc, dict):
            from_asr = asr_records(doc)     # first: AssemblyAI's utterances count milliseconds
            if from_asr is not None:
                return from_asr
            for key in ("turns", "segments", "utterances", "results"):
                if key in doc and _is_records(doc[key]):
                    return [_name_roles(r) for r in doc[key]], key
            # A site's own export keeps its turns under a name of its own, beside the
            # show's fields ({"podcast": …, "episode": "38", "transcript": [{"speaker",
            # "text"}, …]}): the one key whose value is a list of records is the transcript.
            held = [key for key, value in doc.items() if value and _is_records(value)]
            if len(held) == 1:
                return [_name_roles(r) for r in doc[held[0]]], str(held[0])
            found = ", ".join(sorted(map(str, doc))[:12]) or "none"
            raise InputError(name, "unknown JSON transcript shape: top-level keys "
                             f"{found}; expected segments[] (Whisper, WhisperX) or turns[] "
                             "(diarised), each with \"text\"", 1, 1, code="json-shape")
        if _is_records(doc) and doc:
            return [_name_roles(r) for r in doc], "segments"
        raise InputError(name, "unknown JSON transcript shape: the top level is a "
                         f"{type(doc).__name__}, not an object with segments[] or turns[]",
                         1, 1, code="json-shape")

    @staticmethod
    def _word_speaker(rec: dict) -> str | None:
        """WhisperX leaves ``speaker`` off a segment it could not assign; its words may say."""
        words = rec.get("words")
        if not isinstance(words, list):
            return None
        labels = {_label(w.get("speaker")) for w in words if isinstance(w, dict)}
        labels.discard(None)
        return labels.pop() if len(labels) == 1 else None


def _word_times(words) -> tuple:
    """The ``(word, start, end)`` of a segment's ``words`` that have a word and a start.

    A word WhisperX could not align (a number, a symbol) has no times: it is
    left out here, and keeps its place in the segment's text.
    """
    out = []
    for w in words if isinstance(words, list) else ():
        if not isinstance(w, dict):
            continue
        text = w.get("word", w.get("text"))
        try:
            start, end = parse_seconds(w.get("start")), parse_seconds(w.get("end"))
        except ValueError:
            continue
        if isinstance(text, str) and text.strip() and start is not None \
                and math.isfinite(start) and start >= 0:
            end = end if end is not None and math.isfinite(end) and end >= start else None
            out.append((text.strip(), start, end))
    return tuple(out)


# --- tables: CSV / TSV here, the spreadsheets' rows in .sheets ----------

ROLES = ("text", "speaker", "start", "end")


@lru_cache(maxsize=1)
def column_names() -> dict[str, tuple[str, ...]]:
    """The header names of each role's column, in the order they are tried (``_columns.toml``)."""
    table = read_toml(profiles_dir() / "_columns.toml", "CSV column names")
    return {role: tuple(normalised_name(n) for n in table.get("columns", {}).get(role, ()))
            for role in ROLES}


@lru_cache(maxsize=1)
def placeholder_speakers() -> frozenset[str]:
    """Speaker values that name nobody (``_columns.toml`` ``[placeholders]``: SSA's ``NTP``,
    Speechmatics' ``UU``), folded as header names are (see :func:`is_placeholder`)."""
    table = read_toml(profiles_dir() / "_columns.toml", "CSV column names")
    return frozenset(normalised_name(n) for n in table.get("placeholders", {}).get("speaker", ()))


def is_placeholder(speaker: str) -> bool:
    """A speaker cell or field that names nobody."""
    return normalised_name(speaker) in placeholder_speakers()


@lru_cache(maxsize=1)
def tier_kinds_not_speech() -> frozenset[str]:
    """The kinds of an annotation tier that hold no speech (``_columns.toml`` ``[tiers]``:
    an aligner's "phones"), folded as header names are."""
    table = read_toml(profiles_dir() / "_columns.toml", "CSV column names")
    return frozenset(normalised_name(n) for n in table.get("tiers", {}).get("not_speech", ()))


@lru_cache(maxsize=1)
def millisecond_columns() -> dict[str, tuple[str, ...]]:
    """The header names of start and end columns that hold milliseconds."""
    table = read_toml(profiles_dir() / "_columns.toml", "CSV column names")
    return {role: tuple(normalised_name(n) for n in table.get("milliseconds", {}).get(role, ()))
            for role in ("start", "end")}


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _has_words(cell: str) -> bool:
    """Whether a cell holds a letter (words, not only digits, times or signs)."""
    return any(c.isalpha() for c in cell)


def normalised_name(name: str) -> str:
    """A header name or key as compared: lower case, spaces and hyphens as underscores."""
    return name.strip().lstrip("\ufeff").lower().replace(" ", "_").replace("-", "_")


# A note in brackets after a header's name, and one that says the column counts milliseconds.
_NOTE = re.compile(r"_*\([^()]*\)_*")
_MS_NOTE = re.compile(r"\((?:[^()]*_)?(?:ms|milliseconds?)(?:_[^()]*)?\)")


Row = tuple[int, list[str]]     # a row's line (CSV) or row number (spreadsheet), its cells


def header_sniffed(sample: str) -> bool:
    """Whether :class:`csv.Sniffer` takes the first line of a CSV sample for a header."""
    try:
        return csv.Sniffer().has_header(sample[:8192])
    except csv.Error:
        return False


def column_letter(col: int) -> str:
    """A spreadsheet's name of a 1-based column: 1 is A, 27 is AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# A header that names a transcript's other columns may call its speech anything ("Quote",
# "Aussage"): the unnamed column whose cells hold this many words on average, the most.
_SPEECH_CELL_WORDS = 4


def _wordiest_column(roles: dict[str, int], names: list[str], rows: list[list[str]]) -> int | None:
    """The column no role has taken whose cells read as speech (most words a cell, at least
    :data:`_SPEECH_CELL_WORDS` on average over the rows that fill it), or None."""
    taken, best, most = set(roles.values()), None, float(_SPEECH_CELL_WORDS)
    for col in range(len(names)):
        cells = [r[col] for r in rows if col < len(r) and _has_words(r[col])]
        mean = sum(len(c.split()) for c in cells) / len(cells) if cells else 0.0
        if col not in taken and mean >= most:
            best, most = col, mean
    return best


def _find_timed_column(columns: list[int], rows: list[list[str]]) -> int:
    """Of the columns a time's names fit, the first whose cells all read as times.

    A header may name two columns alike ("timestamp" over a section note such as
    "[00:15:31] GLÜCK AND HER IPAD", and again over the seconds); the one that holds
    times is the time. When none does, the first is taken (and its bad cell reported).
    """
    for col in columns:
        try:
            for row in rows:
                parse_seconds(row[col] if col < len(row) else None)
        except ValueError:
            continue
        return col
    return columns[0]


@dataclass(frozen=True)
class RowTable:
    """Rows of cells into blocks: the one mechanism of CSV, TSV and the spreadsheets.

    The first row is the header: it must name a text column (or ``columns`` names
    the columns). Columns for text, speaker, start and end are found by their
    common names (``_columns.toml``), case-insensitively, unless ``columns`` names
    them (a header name or a 0-based index per role: ``{"text": "Words",
    "speaker": 2}``); when ``columns`` gives indexes only and the first row is not
    a header, it is data. One block per row with text; cells of columns with no
    role that hold words are kept as furniture. ``sheet`` names a spreadsheet's
    sheet in messages, and its cell (``B7``) where a cell is wrong.
    """

    name: str
    columns: dict | None = None
    sheet: str | None = None

    def blocks(self, rows: list[Row], sniffed: bool) -> Iterator[Block]:
        """The rows' blocks; ``sniffed``: whether the first row looks like a header."""
        if not rows:
            what = "CSV" if self.sheet is None else f"sheet {self.sheet!r}"
            raise InputError(self.name, f"empty {what}: no header row", 1, 1, code="empty")
        line, header = rows[0]
        roles, header_row = self._roles(header, line, [r for _, r in rows[1:]], sniffed)
        for line, row in rows[1:] if header_row else rows:
            if any(cell.strip() for cell in row):
                yield from self._row_blocks(row, roles, line)

    def _at(self, line: int = 0, col: int = 0) -> str:
        """Where in a spreadsheet, as a message's start ("" for CSV: the position says it)."""
        if self.sheet is None:
            return ""
        place = f", cell {column_letter(col)}{line}" if col else f", row {line}" if line else ""
        return f"sheet {self.sheet!r}{place}: "

    def _roles(self, header: list[str], line: int, rows: list[list[str]],
               sniffed: bool) -> tuple[dict[str, int], bool]:
        """Return the column of each role, and whether the first row is a header."""
        names = [normalised_name(h) for h in header]
        known = any(n in c for n in names for c in column_names().values())
        by_index = bool(self.columns) and all(isinstance(c, int)
                                              for c in self.columns.values())
        if by_index and "text" in self.columns and not known and not sniffed:
            return dict(self.columns), False
        roles = self._named_roles(header, names, line)
        self._common_roles(roles, names, rows)
        if "text" not in roles and known and (wordy := _wordiest_column(roles, names, rows)) is not None:
            roles["text"] = wordy
        if "text" not in roles:
            shown = ", ".join(h.strip() for h in header)[:120]
            what = ("no text column" if known or sniffed
                    else "no header row naming a text column")
            raise InputError(self.name, f"{self._at()}{what}: the first row is {shown}; "
                             f"expected one of {'/'.join(column_names()['text'][:8])}/… "
                             "(_columns.toml), or name the columns", line, 1, code="csv-no-text")
        return roles, True

    def _named_roles(self, header: list[str], names: list[str], line: int) -> dict[str, int]:
        """The columns the user names (``columns``), by header name or 0-based index."""
        roles: dict[str, int] = {}
        for role, col in (self.columns or {}).items():
            if role not in ROLES:
                raise InputError(self.name, f"unknown column role {role!r}: use "
                                 f"{', '.join(ROLES)}", code="csv-columns")
            if isinstance(col, int):
                roles[role] = col
            elif normalised_name(str(col)) in names:
                roles[role] = names.index(normalised_name(str(col)))
            else:
                raise InputError(self.name, f"{self._at()}no column {col!r} for {role}: the "
                                 f"header has {', '.join(header)}", line, 0, code="csv-columns")
        return roles

    @staticmethod
    def _common_roles(roles: dict[str, int], names: list[str], rows: list[list[str]]) -> None:
        """Add the columns the header names by their common names, and mark milliseconds.

        A name may carry a note in brackets ("Start time (ms after 1:02)") or a word
        before the common name ("Corrected transcription"): where no header has the
        common name itself, such a column takes the role; of several, the one with
        most cells filled. A note saying "ms" marks milliseconds.
        """
        cores = [_NOTE.sub("", n) for n in names]
        for role, candidates in column_names().items():
            if role in roles:
                continue
            hits = [i for c in candidates for i, n in enumerate(cores) if n == c]
            timed = role in ("start", "end") and len(hits) > 1
            hit = _find_timed_column(hits, rows) if timed else next(iter(hits), None)
            if hit is None and role in millisecond_columns():
                hit = next((names.index(c) for c in millisecond_columns()[role]
                            if c in names), None)
            if hit is None and (qualified := [i for i, n in enumerate(cores)
                                              if any(n.endswith("_" + c) for c in candidates)]):
                hit = max(qualified, key=lambda i: sum(1 for r in rows if i < len(r) and r[i].strip()))
            if hit is not None:
                roles[role] = hit
        for role, ms in millisecond_columns().items():
            if role in roles and roles[role] < len(names) and (
                    names[roles[role]] in ms or _MS_NOTE.search(names[roles[role]])):
                roles[f"{role}:ms"] = 1         # this column counts milliseconds

    def _row_blocks(self, row: list[str], roles: dict[str, int], line: int) -> list[Block]:
        """The row's speech, after what its other columns hold in words.

        A cell of a column with no role (a note, a section title, a second time
        column written as prose) is not speech but is kept, set apart, as the
        source prints it; a cell without a letter (an id, a score, seconds) is not
        words and is left out.
        """
        used = {col for role, col in roles.items() if role in ROLES}
        kept = [Block(cell.strip(), line, style=frozenset({"furniture"}))
                for i, cell in enumerate(row) if i not in used and _has_words(cell)]
        speech = self._speech(row, roles, line)
        return kept + [speech] if speech is not None else kept

    def _speech(self, row: list[str], roles: dict[str, int], line: int) -> Block | None:
        def cell(role: str) -> str | None:
            i = roles.get(role)
            return row[i] if i is not None and i < len(row) else None

        body = cell("text")
        if body is None or not body.strip():
            return None
        times = []
        for role in ("start", "end"):
            try:
                value = parse_seconds(cell(role))
            except ValueError:
                col = roles[role] + 1
                raise InputError(self.name, f"{self._at(line, col)}{role} {cell(role)!r} is "
                                 "not a time in seconds or h:mm:ss", line, col,
                                 code="bad-time") from None
            times.append(value / 1000 if value is not None and f"{role}:ms" in roles
                         else value)
        try:
            check_times(self.name, line, *times)
        except InputError as exc:
            raise InputError(self.name, self._at(line) + exc.message, exc.line, exc.col,
                             code=exc.code) from None
        return Block(body.strip(), line, speaker=_label(cell("speaker")),
                     start=times[0], end=times[1])


class TableReader:
    """A reader of rows of cells (CSV, TSV, spreadsheets): ``columns`` names the roles'
    columns as for :class:`RowTable`; :func:`~.read_blocks` passes the user's."""

    columns: dict | None = None


@dataclass(frozen=True)
class CsvReader(TableReader):
    """CSV/TSV with a header row: one block per row with text (:class:`RowTable`).

    The delimiter is ``\\t`` for .tsv and sniffed for .csv; whether the first row is
    a header is asked of :class:`csv.Sniffer` too. ``line`` is where the row starts.
    """

    columns: dict | None = field(default=None, hash=False, compare=False)
    suffixes: tuple[str, ...] = (".csv", ".tsv")

    def read(self, data: bytes, name: str) -> Iterator[Block]:
        text = decode(data, name).text
        delimiter = "\t" if name.lower().endswith(".tsv") else self._sniff(text)
        rows = self._rows(text, delimiter, name)
        yield from RowTable(name, self.columns).blocks(rows, header_sniffed(text))

    @staticmethod
    def _sniff(text: str) -> str:
        try:
            return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
        except csv.Error:
            return ","

    @staticmethod
    def _rows(text: str, delimiter: str, name: str, strict: bool = True) -> list[Row]:
        """Each row with the line it starts on (a quoted cell may hold line breaks).

        Read strictly first: a quoted cell the file never closes would swallow every
        row after it into one cell, and is refused with the line it opens on. Other
        faults strict reading finds (a quote inside a quoted cell, as spreadsheet
        exports write them) are read as the csv module reads them by default.
        """
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
        rows, line = [], 1
        try:
            for row in reader:
                rows.append((line, row))
                line = reader.line_num + 1
        except csv.Error as exc:
            if strict and "unexpected end of data" in str(exc):
                raise InputError(name, f"the quoted cell of the row that begins on line {line} "
                                 "is never closed", line, 0, code="csv-syntax") from None
            if strict:
                return CsvReader._rows(text, delimiter, name, strict=False)
            raise InputError(name, f"cannot read as CSV: {exc}", reader.line_num, 0,
                             code="csv-syntax") from None
        return rows
