"""The archivist's speaker registry: printed labels to persons, file by file where asked.

A registry is a CSV/TSV file with a header row, or a TOML file of ``[[person]]``
tables. A row maps one printed label or several (``|``-separated; a list in
TOML) to an ``id`` and what is known of the person. A row may be scoped to
some files: ``files`` holds globs (``;``-separated; a list in TOML) matched
against the source's path relative to the folder named, and against its name.
For one label of one file, a matching scoped row wins over a row without
``files``; two matching scoped rows are an error for that file. A column or a
key the registry does not know (a misspelling) is an error, never ignored::

    rows = load_registry("people.csv")
    by_key = rows_for_labels(rows, "2024/briefing.txt", ["q", "mr finer"])
    parts, mapping, used = apply_registry(parts, mapping, by_key)
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import tomllib
from collections.abc import Iterable
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from ..errors import ConfigError, InputError
from .labels import label_key
from .model import Participant
from .speakers import RESERVED_IDS

#: The columns (CSV) and keys (TOML) a registry row may have.
FIELDS = ("label", "id", "name", "role", "role_title", "affiliation", "party", "idno",
          "group", "files")
#: The fields that say who a label stands for: all a conversion takes from a row.
PERSON_FIELDS = ("id", "name", "role", "role_title", "affiliation", "party", "idno", "group")
#: The values of ``role``.
ROLES = ("principal", "moderator", "journalist", "audience", "interpreter")
#: The names of the TOML tables that hold the rows.
TABLES = ("person", "people")


class _ExcelSemicolon(csv.excel):
    delimiter = ";"


csv.register_dialect("excel-semicolon", _ExcelSemicolon)


def load_registry(path: str | Path) -> list[dict]:
    """Read a speaker registry (CSV with a header row, or TOML ``[[person]]`` tables).

    Each row maps a printed ``label`` (or several, separated by ``|``) to an
    ``id`` and optional ``name``, ``role`` (principal, moderator, journalist,
    audience, interpreter), ``role_title``, ``affiliation``, ``party``, ``idno``
    (a URI or ``wikidata:Q42``), ``group`` (true for a group) and ``files``
    (globs of the files the row is for; by default every file).

    Returns:
        The rows, in file order: the fields as given, plus ``_where`` (the
        file and line, for messages), ``_keys`` (the labels' comparison keys)
        and ``_files`` (the globs).

    Raises:
        ConfigError: unreadable file, unknown format, an unknown column or key
            (``registry-column``), a label given by two rows for every file
            (``registry-duplicate``), a missing label or id, a bad value.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read speaker registry: {exc.strerror or exc}") from None
    suffix = p.suffix.lower()
    if suffix == ".toml":
        rows = _toml_rows(p, raw)
    elif suffix in (".csv", ".tsv"):
        rows = _csv_rows(p, raw)
    else:
        raise ConfigError(f"{p}: speaker registry must be .csv, .tsv or .toml")
    entries = [_check_entry(row, where) for where, row in rows]
    _check_ids(entries)
    _check_labels(entries)
    return entries


def _unknown(names: list[str], known: Iterable[str], what: str) -> str:
    """Say which names are unknown (with the nearest known one) and list the known ones."""
    known = list(known)
    shown = []
    for name in names:
        near = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
        shown.append(f"{name!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
    plural = "s" if len(names) > 1 else ""
    return f"unknown {what}{plural} {', '.join(shown)}; known {what}s: {', '.join(known)}"


def _toml_rows(p: Path, raw: bytes) -> list[tuple[str, dict]]:
    """The ``[[person]]`` tables of a TOML registry, each with where it starts."""
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: not a valid TOML registry: {exc}") from None
    stray = [k for k in data if k not in TABLES]
    if stray:
        raise ConfigError(f"{p}: {_unknown(stray, TABLES, 'table')}", code="registry-column")
    if len(data) > 1:
        raise ConfigError(f"{p}: both [[person]] and [[people]] tables: use one of them")
    table = next(iter(data), "person")
    rows = data.get(table, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ConfigError(f"{p}: expected [[{table}]] tables")
    header = re.compile(rf"^[ \t]*\[\[[ \t]*[\"']?{table}[\"']?[ \t]*\]\]", re.M)
    starts = [text.count("\n", 0, m.start()) + 1 for m in header.finditer(text)]
    out = []
    for i, row in enumerate(rows, 1):
        where = f"{p}:{starts[i - 1]}" if len(starts) == len(rows) else f"{p}: {table} {i}"
        stray = [k for k in row if k not in FIELDS]
        if stray:
            raise ConfigError(f"{where}: {_unknown(stray, FIELDS, 'key')}", code="registry-column")
        out.append((where, dict(row)))
    return out


def _csv_rows(p: Path, raw: bytes) -> list[tuple[str, dict]]:
    """The rows of a CSV/TSV registry (header row first), each with its line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: registry is not UTF-8: {exc.reason}") from None
    dialect = "excel-tab" if p.suffix.lower() == ".tsv" else "excel"
    first = text.split("\n", 1)[0]
    if dialect == "excel" and first.count(";") > first.count(","):
        dialect = "excel-semicolon"     # spreadsheets saved in many locales
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        names = [c.strip().lower() for c in next(reader, [])]
        _check_header(p, names)
        out, start = [], reader.line_num + 1
        for cells in reader:
            where = f"{p}:{start}"
            start = reader.line_num + 1
            if any(c.strip() for c in cells):        # blank rows are skipped
                out.append((where, _csv_row(names, cells, where)))
    except csv.Error as exc:
        raise ConfigError(f"{p}:{reader.line_num}: not a readable CSV registry: {exc}") from None
    return out


def _check_header(p: Path, names: list[str]) -> None:
    """The header names label and id, each known column once, and no unknown column."""
    named = [n for n in names if n]
    if "label" not in named and not set(named) & set(FIELDS[1:]):
        raise ConfigError(f"{p}:1:1: registry needs a header row with at least 'label' and 'id'")
    stray = [n for n in named if n not in FIELDS]
    if stray:
        raise ConfigError(f"{p}:1:0: {_unknown(stray, FIELDS, 'column')}", code="registry-column")
    twice = sorted({n for n in named if named.count(n) > 1})
    if twice:
        raise ConfigError(f"{p}:1:0: column {twice[0]!r} is named twice in the header",
                          code="registry-column")
    if "label" not in named or "id" not in named:
        raise ConfigError(f"{p}:1:1: registry needs a header row with at least 'label' and 'id'")


def _csv_row(names: list[str], cells: list[str], where: str) -> dict:
    """One row as ``{column: value}``; a value under no column name is an error."""
    for n, cell in enumerate(cells, 1):
        if cell.strip() and (n > len(names) or not names[n - 1]):
            raise ConfigError(f"{where}: a value ({cell.strip()!r}) in column {n}, which the "
                              "header does not name", code="registry-column")
    return {name: cell.strip() for name, cell in zip(names, cells) if name and cell.strip()}


def _split(value, sep: str, where: str, key: str) -> tuple[str, ...]:
    """A string of ``sep``-separated items, or a list of strings, as a tuple of items."""
    items = value if isinstance(value, list) else str(value).split(sep)
    if not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{where}: {key} must be a string or a list of strings")
    return tuple(dict.fromkeys(v.strip() for v in items if v.strip()))


def _check_entry(row: dict, where: str) -> dict:
    """Check one row's values; add ``_where``, ``_keys`` and ``_files``."""
    if not row.get("label") or not row.get("id"):
        raise ConfigError(f"{where}: registry entry needs 'label' and 'id'")
    labels = _split(row["label"], "|", where, "label")
    if not labels:
        raise ConfigError(f"{where}: registry entry needs 'label' and 'id'")
    pid = str(row["id"])
    if not re.fullmatch(r"[A-Za-z_][\w.\-]*", pid):
        raise ConfigError(f"{where}: id {pid!r} is not a valid XML name")
    if pid in RESERVED_IDS - {"press", "interpreter"}:
        raise ConfigError(f"{where}: id {pid!r} is reserved for a category")
    idno = str(row.get("idno") or "")
    if idno and not re.fullmatch(r"(?:wikidata:)?Q\d+|[A-Za-z][A-Za-z0-9+.\-]*:\S+", idno, re.I):
        raise ConfigError(f"{where}: idno {idno!r} is neither a URI nor a Wikidata id (wikidata:Q42)")
    role = str(row.get("role") or "")
    if role and role not in ROLES:
        raise ConfigError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
    files = _split(row.get("files") or "", ";", where, "files")
    row["_where"] = where
    row["_keys"] = tuple(dict.fromkeys(label_key(lab) for lab in labels))
    row["_files"] = tuple(g.removeprefix("./") for g in files)
    return row


def _check_ids(entries: list[dict]) -> None:
    """Rows may share an id (label variants of one person) but must not disagree about them."""
    first: dict = {}
    for row in entries:
        pid = str(row["id"])
        if pid not in first:
            first[pid] = row
            continue
        other = first[pid]
        for field_name in ("name", "role", "role_title", "idno", "group"):
            a, b = str(row.get(field_name) or ""), str(other.get(field_name) or "")
            if a and b and a != b:
                raise ConfigError(f"{row['_where']}: id {pid!r} is already used by {other['_where']} "
                                  f"for another {field_name} ({b!r}, here {a!r})")


def _check_labels(entries: list[dict]) -> None:
    """A label has at most one row for every file (one without ``files``)."""
    everywhere: dict = {}
    for row in entries:
        if row["_files"]:
            continue
        for key in row["_keys"]:
            other = everywhere.setdefault(key, row)
            if other is not row:
                raise ConfigError(f"{row['_where']}: label {_label_of(row, key)!r} is also given "
                                  f"by {other['_where']}, for every file (keep one row, or give "
                                  "one of them files)", code="registry-duplicate")


def _label_of(row: dict, key: str) -> str:
    """The label of ``row`` as written whose comparison key is ``key``."""
    labels = row["label"] if isinstance(row["label"], list) else str(row["label"]).split("|")
    return next((lab.strip() for lab in labels if label_key(lab) == key), key)


def is_in_scope(row: dict, rel: str) -> bool:
    """Return True when ``row`` is for the file at ``rel`` (path below the folder named)."""
    if not row["_files"]:
        return True
    name = PurePosixPath(rel).name
    return any(fnmatchcase(rel, g) or fnmatchcase(name, g) for g in row["_files"])


def rows_for_labels(registry: list[dict], rel: str, keys: Iterable[str],
                    source: str = "") -> dict[str, dict]:
    """Return ``{label key: row}``: the row that says who each label of one file is.

    Args:
        registry: rows from :func:`load_registry`.
        rel: the file's path relative to the folder named (its name for a
            file named directly); ``files`` globs are matched against it and
            against its last part.
        keys: the file's label keys (:func:`~tei_corpus.convert.labels.label_key`).
        source: the file as named, for the message.

    Raises:
        InputError: two scoped rows match the file and give the same label
            (``registry-conflict``).
    """
    wanted = set(keys)
    everywhere: dict[str, dict] = {}
    scoped: dict[str, dict] = {}
    for row in registry:
        hits = [k for k in row["_keys"] if k in wanted]
        if not hits or not is_in_scope(row, rel):
            continue
        for key in hits:
            if not row["_files"]:
                everywhere.setdefault(key, row)
            elif key in scoped:
                raise _conflict(scoped[key], row, key, source or rel)
            else:
                scoped[key] = row
    return {**everywhere, **scoped}


def _conflict(first: dict, second: dict, key: str, source: str) -> InputError:
    def rows(row: dict) -> str:
        return f"{row['_where']} (files {'; '.join(row['_files'])})"
    return InputError(source, f"label {_label_of(second, key)!r} is given by two registry rows "
                      f"whose files match this file: {rows(first)} and {rows(second)}; make "
                      "one of them narrower", code="registry-conflict")


def person_fields(row: dict) -> dict:
    """Return what a row says of the person (the fields a conversion takes from it)."""
    return {k: str(row[k]) for k in PERSON_FIELDS if row.get(k) not in (None, "")}


def label_keys(labels: Iterable[str]) -> list[str]:
    """Return the sorted comparison keys of printed labels (what registry rows are found by)."""
    return sorted({label_key(lab) for lab in labels})


def apply_registry(parts: list, mapping: dict, by_key: dict[str, dict]) -> tuple[list, dict, list]:
    """Override guessed participants with registry rows; return what was used.

    Args:
        parts: the participants derived from the labels.
        mapping: label key -> participant id.
        by_key: label key -> registry row (see :func:`rows_for_labels`).

    Returns:
        (participants, label key -> participant id, the label keys taken from
        the registry). Nothing changes when no row is for a label here.
    """
    used = [key for key in mapping if key in by_key]
    if not used:
        return parts, mapping, used
    by_id = {p.id: p for p in parts}
    new_mapping = dict(mapping)
    for key in used:
        row = by_key[key]
        old = by_id.get(mapping[key])
        target = _registry_person(row, by_id, parts)
        _take_row(target, row, old)
        if old is not None:
            _move_labels(old, target, key)
        new_mapping[key] = target.id
    parts = [p for p in parts if p.labels or p.from_registry]
    # Registry persons who never speak here are not listed.
    spoken = set(new_mapping.values())
    parts = [p for p in parts if p.id in spoken or p.role == "interpreter"]
    return parts, new_mapping, used


def _registry_person(row: dict, by_id: dict, parts: list) -> Participant:
    """The participant of the row's id (made the first time)."""
    rid = str(row["id"])
    target = by_id.get(rid)
    if target is None:
        target = Participant(rid, [], group=str(row.get("group", "")).lower() in ("1", "true", "yes"))
        by_id[rid] = target
        parts.append(target)
    return target


def _take_row(target: Participant, row: dict, old: Participant | None) -> None:
    """Give ``target`` what the row says, keeping the guesses it does not override."""
    target.from_registry = True
    target.guessed = []
    if row.get("name"):
        target.name = str(row["name"])
    if row.get("role"):
        target.role = str(row["role"])
    elif old is not None:
        target.role = old.role
        target.group = old.group
    if row.get("role_title"):
        target.role_title = str(row["role_title"])
    elif old is not None and not target.role_title:
        target.role_title = old.role_title
    affs = []
    if row.get("affiliation"):
        affs.append(("org", str(row["affiliation"])))
    if row.get("party"):
        affs.append(("party", str(row["party"])))
    if affs:
        target.affiliations = affs
    elif old is not None and not target.affiliations:
        target.affiliations = old.affiliations
    if row.get("idno"):
        idno = str(row["idno"])
        kind = "wikidata" if idno.lower().startswith(("wikidata:", "q")) and \
            re.fullmatch(r"(?:wikidata:)?Q\d+", idno, re.I) else "URI"
        target.idno = [(kind, idno.split(":", 1)[-1] if kind == "wikidata" else idno)]


def _move_labels(old: Participant, target: Participant, key: str) -> None:
    """The labels of ``key`` now belong to ``target``."""
    for lab in old.labels:
        if label_key(lab) == key and lab not in target.labels:
            target.labels.append(lab)
    if old is not target:
        old.labels = [lab for lab in old.labels if label_key(lab) != key]
