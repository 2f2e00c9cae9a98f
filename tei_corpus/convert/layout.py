"""Page layout a text prints around its speech: line numbers in the margin, link rows,
the cells of a Markdown table.

They are found from the text as a whole (they recur on every page, under every label)
and set apart as page furniture, kept verbatim, before the label grammar is read.
"""
from __future__ import annotations

import re

from .labels import LabelMatch
from .readers.records import column_names, is_placeholder, normalised_name


# Court reporters and stenographers number the lines of each page in the left margin
# (1 to 25, again on every page): "  12      THE COURT:  Be seated." A text whose lines
# nearly all start so, the numbers running on by one, prints its line numbers as page
# furniture, not as words of the speech.
_LINE_NO = re.compile(r"^\s*(\d{1,2})(?:\s+(?=\S)|\s*$)")
_LINE_NO_MIN, _LINE_NO_SHARE, _LINE_NO_RUN = 12, 0.6, 0.8
# A line starting with a digit, after a newline: found at once from the newlines.
_DIGIT_LINE = re.compile(r"\n[^\S\n]*\d")


def set_apart_line_numbers(lines: list, notes: list, text: str | None = None) -> tuple[list, list]:
    """Return ``lines`` without a margin of printed line numbers, and the numbers set apart.

    ``text``: the text ``lines`` were split from (newlines between them), if at hand:
    where too few of its lines start with a digit, no margin is looked for line by line.
    """
    nonblank = sum(1 for _, t in lines if t.strip())
    need = max(_LINE_NO_MIN, _LINE_NO_SHARE * nonblank)
    if text is not None and len(_DIGIT_LINE.findall(text)) + 1 < need:
        return lines, []                # (every numbered line but the first follows a newline)
    marks = [_LINE_NO.match(t) for _, t in lines]
    numbers = [int(m.group(1)) for m in marks if m]
    if len(numbers) < need:
        return lines, []
    runs = sum(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    if runs < _LINE_NO_RUN * (len(numbers) - 1):
        return lines, []
    out, furniture = [], []
    for (no, text), m in zip(lines, marks):
        if m:
            furniture.append((no, m.group(1)))
            text = text[m.end():]
        out.append((no, text))
    notes.append("Line numbers printed in the margin were set apart in back matter.")
    return out, furniture


# A PDF's text may run a page's lines on into one line, the margin's line numbers inline
# ("… 2 (10.00 am) 3 SIR MARTIN MOORE-BICK: Good morning, … 4 to this stage …"): a line
# this long holding at least this many numbers that run on by one (from 1 again on each
# page) is cut before each of them, so the margin is read as it was printed.
_RUN_ON_MIN, _RUN_ON_NUMBERS = 300, 20
_INLINE_NO = re.compile(r"(?<!\S)(\d{1,2})(?=\s)")


def restore_inline_line_numbers(lines: list, notes: list) -> list | None:
    """Return ``lines`` with each run-on page cut at its inline line numbers, or None."""
    out, cut = [], False
    for no, text in lines:
        at = _line_number_run(text) if len(text) >= _RUN_ON_MIN else []
        if len(at) < _RUN_ON_NUMBERS:
            out.append((no, text))
            continue
        cut = True
        bounds = [0] + at + [len(text)]
        out.extend((no, text[a:b].strip()) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip())
    if not cut:
        return None
    notes.append("A page's lines run on into one line with their numbers inline were cut "
                 "before each number.")
    return out


def _line_number_run(text: str) -> list:
    """Where the numbers of the longest chain 1, 2, 3 … (again from 1) in ``text`` stand."""
    at, want = [], 1
    for m in _INLINE_NO.finditer(text):
        n = int(m.group(1))
        if n == want or (n == 1 and want > 10):
            at.append(m.start())
            want = n + 1
    return at


# A web page may print a row of links under every speaker's name, then the speech
# ("Lincoln Jopp (Spelthorne) (Con)" / "- View Speech - Hansard - -" / blank line):
# the row is the label's delimiter. It recurs, starting with the same words each time
# (its last links come and go), naming two links at least, the first with a capital
# (a line starting in small letters goes on with the sentence above), holding no
# sentence's punctuation, after a short line that starts with no small letter and ends
# with no sentence's punctuation, a blank line after it. The row is page
# furniture, set apart in back matter; the line before it is the label.
_ROW_MIN = 3                # times the row is printed
_ROW_WORDS = 3              # its first words, compared
_ROW_LABEL_MAX = 80         # a label line's length at most
_LINE_END = re.compile(r"[.?!,;:…]$")
_PUNCT = re.compile(r"[.?!,;…]|:$")     # a row of links is no sentence, anywhere ("Share:" may lead it)
# Links set apart by bars or dots ("Link to this: Individually | In context"): a row so
# printed the same twice is the document's, even in a short excerpt.
_SEPARATED = re.compile(r"\S\s+[|·]\s+\S")
_LINK_WORD = re.compile(r"[^\W\d_]{2,}")     # a row names its links in words ("~1" is none)


def set_apart_link_rows(lines: list, notes: list) -> tuple[list, dict, list]:
    """Return ``lines`` without the link rows that delimit labels, the labels, the rows.

    The labels are given (line index -> the label line's whole text, as a label
    alone on its line); the rows' lines are left empty, so that line numbers hold.
    """
    rows: dict = {}
    texts = [t for _, t in lines] + [""]
    for i in range(1, len(lines)):
        if texts[i + 1] and not texts[i + 1].isspace() or not texts[i] or not texts[i - 1]:
            continue
        row = texts[i].strip()
        if not row or _PUNCT.search(row) or not _is_whole(row) \
                or len(links := _LINK_WORD.findall(row)) < 2 or links[0][0].islower() \
                or not _is_label_line(lines[i - 1][1].strip()):
            continue
        rows.setdefault(" ".join(row.split()[:_ROW_WORDS]), []).append(i)
    found = max(rows.values(), key=len, default=[])
    same = len({texts[i].strip() for i in found}) == 1 and _SEPARATED.search(texts[found[0]]) \
        if found else False
    if len(found) >= (2 if same else _ROW_MIN):
        notes.append("A row of links printed under every speaker's name was set apart in back "
                     "matter; the line before it was read as the speaker's label.")
        return _rows_set_apart(lines, found, -1)
    found = _marker_lines(texts)
    if not found:
        return lines, {}, []
    notes.append(f"The word {texts[found[0]].strip()!r} printed over every speaker's name was "
                 "set apart in back matter; the line after it was read as the speaker's label.")
    return _rows_set_apart(lines, found, 1)


def _rows_set_apart(lines: list, found: list, label_at: int) -> tuple[list, dict, list]:
    """``lines`` with the rows ``found`` left empty, the labels (each ``label_at`` lines from
    its row) given, and the rows."""
    out = list(lines)
    for i in found:
        out[i] = (lines[i][0], "")
    given = {i + label_at: LabelMatch(label, label, "", "given")
             for i in found if (label := lines[i + label_at][1].strip())}
    return out, given, [(lines[i][0], lines[i][1].strip()) for i in found]


# A page may print one word over every speaker's name, the speech under it ("speaker" /
# "Steve Filton" / "Thank you, …": a transcript site's field name): the word is the
# label's delimiter. It is printed the same each time, a word or two in small letters
# with no punctuation, over a short label line with speech right under it, every time it
# stands alone on a line.
_MARKER = re.compile(r"[^\W\d_A-Z]+(?: [^\W\d_A-Z]+)?")


def _marker_lines(texts: list) -> list:
    """The lines of a marker word printed over every label (see :data:`_MARKER`), or []."""
    at: dict = {}
    for i, t in enumerate(texts[:-2]):
        word = t.strip()
        if word and len(word) <= 20 and _MARKER.fullmatch(word):
            at.setdefault(word, []).append(i)
    for word, found in sorted(at.items(), key=lambda kv: -len(kv[1])):
        if len(found) >= 2 and all(_is_label_line(texts[i + 1].strip()) and
                                   len(texts[i + 2].strip()) > len(texts[i + 1].strip())
                                   for i in found):
            return found
    return []


def _is_label_line(text: str) -> bool:
    """A short line, starting with no small letter or digit, ending with no punctuation."""
    return (0 < len(text) <= _ROW_LABEL_MAX and not text[0].islower() and not text[0].isdigit()
            and not _LINE_END.search(text) and _is_whole(text))


def _is_whole(text: str) -> bool:
    """No bracket opened and left for the next line, none closed from the line before."""
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


# A Markdown (GFM) pipe table: a header row, a row of dashes under it (with a bar at
# least: "---" alone is a rule), then its rows, each a line with a bar, to a blank line.
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BAR = re.compile(r"(?<!\\)\|")
# The tables hold the transcript where their rows hold this share of the text's letters.
_TABLE_SHARE = 0.5


def set_apart_table_cells(lines: list, notes: list) -> tuple[list, dict, list]:
    """Return ``lines`` with each Markdown table row's speech cell, the speakers, the rest.

    A transcript kept as a Markdown table ("| Speaker | Time | Text |", or a revision
    mark before each cell of text: the tables' rows hold most of the text) is read as a spreadsheet is: the columns are found
    by their header names (``_columns.toml``), the text column, if none is named, as
    the one with the most letters. Each row's line becomes its text cell; a speaker
    cell gives the row's speaker (line index -> label); the header row, the rule under it
    and the other cells are page furniture, kept verbatim in back matter (the bars of
    the rows are markup, dropped as a heading's "#" is).
    """
    tables = list(_tables(lines))
    if not tables or _letters(lines[i][1] for _, first, end in tables for i in range(first, end)) \
            < _TABLE_SHARE * _letters(t for _, t in lines):
        return lines, {}, []            # a table in a transcript, not the transcript
    out, given, furniture = list(lines), {}, []
    for head, first, end in tables:
        header = _cells(lines[head][1])
        rows = [_cells(lines[i][1]) for i in range(first, end)]
        text_col, speaker_col = _table_roles(header, rows)
        furniture.extend((lines[k][0], lines[k][1].strip()) for k in (head, head + 1))
        out[head], out[head + 1] = (lines[head][0], ""), (lines[head + 1][0], "")
        last = None
        for i, cells in zip(range(first, end), rows):
            no = lines[i][0]
            furniture.extend((no, c) for k, c in enumerate(cells)
                             if k not in (text_col, speaker_col) and c)
            out[i] = (no, _cell(cells, text_col).replace("\\|", "|"))
            speaker = _cell(cells, speaker_col)
            if speaker and speaker == last:
                furniture.append((no, speaker))     # the turn goes on: its name printed again
            elif speaker and not is_placeholder(speaker):
                given[i] = last = speaker
    if furniture:
        notes.append("A Markdown table was read as rows of cells: each row's text cell as "
                     "its speech, the header row and the other cells set apart in back matter.")
    return out, given, furniture


def _letters(texts) -> int:
    return sum(c.isalpha() for t in texts for c in t)


def _tables(lines: list):
    """Yield (header row, first row, end) of each Markdown table in ``lines``."""
    done = 0
    rules = [i for i, (_, t) in enumerate(lines) if "|" in t and "---" in t]   # (found at once)
    for i in rules:
        rule, above = lines[i][1], lines[i - 1][1] if i else ""
        if i < done or not _TABLE_RULE.match(rule) or not _BAR.search(above) \
                or len(_cells(above)) != len(_cells(rule)):
            continue
        end = i + 1
        while end < len(lines) and lines[end][1].strip() and _BAR.search(lines[end][1]):
            end += 1
        if end > i + 1:
            yield i - 1, i + 1, end
        done = end


def _cells(row: str) -> list:
    """A table row's cells, without the bars at its ends."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip() for c in _BAR.split(row)]


def _cell(cells: list, col: int | None) -> str:
    return cells[col] if col is not None and col < len(cells) else ""


def _table_roles(header: list, rows: list) -> tuple[int, int | None]:
    """The text column and the speaker column (see :func:`table_columns`); the text
    column, where neither is found, the one with the most letters."""
    txt, spk = table_columns(header, rows)
    if txt is None:
        letters = [sum(c.isalpha() for r in rows for c in _cell(r, k)) for k in range(len(header))]
        txt = max(range(len(header)), key=letters.__getitem__)
    return txt, spk if spk != txt else None


def named_columns(header: list) -> tuple[int | None, int | None]:
    """The text and speaker columns a header row names (``_columns.toml``)."""
    names = [normalised_name(h.rstrip(":：")) for h in header]
    found = [next((names.index(n) for n in column_names()[role] if n in names), None)
             for role in ("text", "speaker")]
    return found[0], found[1]


def table_columns(header: list, rows: list) -> tuple[int | None, int | None]:
    """A transcript table's text and speaker columns: the ones its header row names, else
    a speaker column found by its shape (:func:`speech_beside`), with the speech beside it.

    One mechanism for every table a text holds: a Markdown table's and an HTML page's.
    """
    txt, spk = named_columns(header)
    if spk is None and rows:
        width = max(len(r) for r in rows)
        for col in range(width - 1):
            found = speech_beside(rows, col, width)
            if found is not None and (txt is None or found == txt):
                return found, col
    return txt, spk


def speech_beside(rows: list[list[str]], spk: int, width: int) -> int | None:
    """The speech column beside speaker column ``spk``, when ``spk`` looks like one: in at
    least three rows with speech beside it, its cells are short (at most six words), some
    recur, and the speech column (the other column with the most text) holds at least
    twice as much text on average."""
    cols = [i for i in range(width) if i != spk]
    txt = max(cols, key=lambda i: sum(len(r[i]) for r in rows if i < len(r)))
    pairs = [(r[spk], r[txt]) for r in rows if len(r) > max(spk, txt) and r[txt]]
    names = [name for name, _ in pairs if name]
    if len(names) < 3 or len(set(names)) == len(names):
        return None
    if any(len(n.split()) > 6 or len(n) > 60 for n in names):
        return None
    mean = lambda xs: sum(map(len, xs)) / len(xs)     # noqa: E731
    return txt if mean([t for _, t in pairs]) >= 2 * mean(names) else None
