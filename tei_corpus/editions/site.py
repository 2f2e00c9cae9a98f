"""A static corpus site: what it knows of each document, and of the corpus they make.

The site is made of the HTML pages of the documents and, beside them, a
faceted index (``index.html``), one page per participant (``people/ID.html``,
listed in ``participants.html``) and a search page (``search.html``) whose
index is a script (``search-index.js``) that a browser loads from ``file://``
with no server; :mod:`tei_corpus.editions.site_pages` writes them.

Everything the site says of a document comes from its utterance and
participant tables (:func:`~tei_corpus.editions.render_tables`), so a count on
a site page is the count a researcher gets from the tables:
:func:`site_record` is the per-document step (pure, run by the workers of
``tei edition`` and ``tei build``), :func:`plan_site` merges the records into
one :class:`Site`. Persons are merged across documents as the networks merge
them (:class:`tei_corpus.corpus.network.Network`): by id, then by ``idno``.

A record is an output of its document like its page: ``tei edition site`` and
``tei build`` write it as a compact JSON file beside the page
(``doc.site.json``, :func:`record_bytes`), and the site is written from those
files, read back one at a time (:class:`SiteRecords`): once to plan the site
(persons, facets, the search index's vocabulary), once to write the search
index. A :class:`Site` keeps what its pages show of each document, not the
text of its utterances, so memory holds no more of the corpus than the search
index itself.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..xmlio import read_bytes
from .render import _as_tree, _path_of, check_tei, document_info, render_tables

#: Turn states the search filters on, as bits of an utterance's flags.
FLAGS = {"truncated": 1, "interrupting": 2, "interpreted": 4, "overlap": 8}
#: The facets of the index: (name, heading).
FACETS = (("date", "Date"), ("speaker", "Speaker"), ("role", "Role"), ("language", "Language"),
          ("interpreted", "Interpreted turns"), ("interrupting", "Interrupting turns"))
_YEAR = re.compile(r"^\d{4}")
#: The suffix of a document's site record, beside its page (``doc.html``: ``doc.site.json``).
RECORD_SUFFIX = ".site.json"


def site_record(tree, href: str, *, doc_id: str | None = None, path: str | None = None,
                tables: dict[str, str] | None = None, fmt: str = "jsonl") -> dict | None:
    """Return what the site shows of one document, JSON-ready; None for a ``teiCorpus``.

    Args:
        tree: a parsed TEI document.
        href: its HTML page, relative to the site's top folder.
        doc_id: the document id (default: the root ``xml:id``).
        path: the input's name, for error messages.
        tables: its tables as :func:`render_tables` gave them in ``fmt``
            (``tsv`` or ``jsonl``), when they were rendered already; else
            they are rendered here.

    Returns:
        ``{"href", "title", "doc", "lang", "date", "people": [[id, name, role,
        idno]], "u": [[id, who, role, start, flags, words, language, text]]}``,
        one ``u`` row per row of the utterance table, ``who`` its first id.

    Raises:
        InputError: not TEI, or a stylesheet failed on it.
    """
    tree = _as_tree(tree)
    name = _path_of(tree, path)
    check_tei(tree, name)
    if tree.getroot().tag.endswith("}teiCorpus"):
        return None                     # its members are documents of their own
    info = document_info(tree, href=href, doc_id=doc_id, path=name)
    if tables is None:
        tables, fmt = render_tables(tree, "jsonl", doc_id=doc_id, path=name), "jsonl"
    people = [[r["id"], r["name"] or "", r["role"] or "", r["idno"] or ""]
              for r in _rows(tables["participants"], fmt) if r["id"]]
    turns = [[r["id"], (r["who"] or "").split(" ")[0], r["role"] or "", r["start"],
              sum(bit for k, bit in FLAGS.items() if r[k]), r["words"], r["language"] or "",
              r["text"] or ""] for r in _rows(tables["utterances"], fmt)]
    return {"href": href, "title": info.title, "doc": info.doc_id, "lang": info.lang,
            "date": info.date, "people": people, "u": turns}


def _rows(table: str, fmt: str) -> list[dict]:
    """The rows of a table, typed as in JSON Lines whatever ``fmt``."""
    if fmt == "jsonl":
        return [json.loads(line) for line in table.splitlines() if line]
    return [{k: _tsv_value(k, v) for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(table, newline=""), delimiter="\t")]


_TSV_NUMBERS = frozenset({"n", "start", "end", "words", "utterances"})
_TSV_FLAGS = frozenset({"interpreted", "truncated", "interrupting", "overlap"})


def _tsv_value(column: str, value: str):
    if value == "":
        return None
    if column in _TSV_FLAGS:
        return value == "TRUE"
    return json.loads(value) if column in _TSV_NUMBERS else value


def record_bytes(record: dict) -> bytes:
    """Return a site record as its file holds it: one line of compact JSON."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


_NONE = type(None)
_TOP = {"href": (str,), "title": (str,), "doc": (str,), "lang": (str, _NONE), "date": (str, _NONE)}
_PERSON_ROW = ((str,),) * 4
_TURN_ROW = ((str, _NONE), (str,), (str,), (int, float, _NONE), (int,), (int, _NONE), (str,), (str,))


def load_record(data: bytes, path: str) -> dict:
    """Return the site record of a file's bytes (:func:`record_bytes` wrote them).

    Raises:
        InputError: not JSON, or not of a record's shape (code ``site-record``).
    """
    try:
        rec = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not a site record: not UTF-8 ({exc.reason})",
                         code="site-record") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not a site record: {exc.msg}", exc.lineno, exc.colno,
                         code="site-record") from None
    if not _is_record(rec):
        raise InputError(path, "not a site record: its fields are not those tei-corpus writes",
                         code="site-record")
    return rec


def _is_record(rec) -> bool:
    return (isinstance(rec, dict)
            and all(isinstance(rec.get(k, 0), t) for k, t in _TOP.items())
            and _rows_are(rec.get("people"), _PERSON_ROW) and _rows_are(rec.get("u"), _TURN_ROW))


def _rows_are(rows, types) -> bool:
    return isinstance(rows, list) and all(
        isinstance(r, list) and len(r) == len(types)
        and all(isinstance(v, t) for v, t in zip(r, types)) for r in rows)


class SiteRecords:
    """The site records in files, read back one at a time, in order, as often as iterated.

    A site reads its records twice (:func:`plan_site`, then :func:`search_index`);
    a file whose bytes changed between the two readings stops the second.

    Args:
        paths: the record files (:data:`RECORD_SUFFIX`), in the site's order.

    Raises (when iterated):
        InputError: a file cannot be read, is not a record, or changed since
            the first reading (code ``site-record``).
    """

    def __init__(self, paths: Iterable[str | os.PathLike]) -> None:
        self.paths = [Path(p) for p in paths]
        self._digests: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[dict]:
        for n, path in enumerate(self.paths):
            data = read_bytes(path)
            digest = hashlib.sha256(data).hexdigest()
            if self._digests.setdefault(n, digest) != digest:
                raise InputError(str(path), "site record changed while the site was written; "
                                 "run again", code="site-record")
            yield load_record(data, str(path))


@dataclass
class Appearance:
    """A participant in one document: its turns there (``[id, start]``) and words."""

    doc: int
    turns: list = field(default_factory=list)
    words: int = 0


@dataclass
class Person:
    """A participant of the corpus, merged across documents."""

    key: str
    name: str
    role: str
    roles: dict[str, int] = field(default_factory=dict)     # role: turns in it
    appearances: dict[int, Appearance] = field(default_factory=dict)

    @property
    def turns(self) -> int:
        return sum(len(a.turns) for a in self.appearances.values())

    @property
    def words(self) -> int:
        return sum(a.words for a in self.appearances.values())


@dataclass
class Site:
    """What the pages of a site show: each document's summary, the participants across them.

    ``docs`` holds, per document, its record's ``href``, ``title``, ``doc``,
    ``lang`` and ``date``, its number of ``utterances`` and its ``facets``;
    the utterances themselves stay in ``records`` (read again for the search
    index), with the vocabulary (``tokens``: count of each) and the ``roles``
    of their turns.
    """

    docs: list[dict]
    people: dict[str, Person]
    who: list[dict[str, str]]             # per document: each speaker's id to its merged key
    records: Iterable[dict | None] = ()
    tokens: dict[str, int] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)

    def chronological(self, indexes: Iterable[int]) -> list[int]:
        """Documents by date (undated ones last), then by page."""
        return sorted(indexes, key=lambda i: (not self.docs[i]["date"], self.docs[i]["date"],
                                              self.docs[i]["href"]))

    def facets(self, i: int) -> dict[str, list[str]]:
        """The facet values of document ``i`` (keys without spaces), by facet name."""
        return self.docs[i]["facets"]

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """How many documents have each value of each facet."""
        counts: dict[str, dict[str, int]] = {name: {} for name, _ in FACETS}
        for i in range(len(self.docs)):
            for name, values in self.facets(i).items():
                for v in values:
                    counts[name][v] = counts[name].get(v, 0) + 1
        return counts


def _token(value: str) -> str:
    return "_".join(value.split())


def plan_site(records: Iterable[dict | None]) -> Site:
    """Merge the documents' records (:func:`site_record`; None entries skipped), in their order.

    Args:
        records: read twice, here and by :func:`search_index`: a list, or a
            :class:`SiteRecords` (which reads files one at a time).

    Raises:
        TypeError: ``records`` is an iterator (it could be read once only).
        InputError: a record file cannot be read (see :class:`SiteRecords`).
    """
    from ..corpus.network import Network        # tei_corpus.corpus imports the editions
    if iter(records) is records:
        raise TypeError("plan_site reads the records twice: give a list or SiteRecords")
    site, registry = Site([], {}, [], records), Network("turns")
    for doc in records:
        if doc:
            _add_document(site, registry, doc)
    site.people = dict(sorted(site.people.items()))
    return site


def _add_document(site: Site, registry, doc: dict) -> None:
    """Merge one record's speakers into ``site``; keep its summary, count its tokens and roles."""
    from ..corpus.network import Node
    i = len(site.docs)
    listed = {pid: Node(pid, name or pid, role, idno) for pid, name, role, idno in doc["people"]}
    seen: dict[str, str] = {}
    for uid, who, role, start, _, words, _, text in doc["u"]:
        _count_tokens(site.tokens, _TOKENS.findall(text))
        if role:
            site.roles.add(role)
        if not who:
            continue
        node = registry.node(who, listed.get(who))
        p = site.people.get(node.id) or site.people.setdefault(
            node.id, Person(node.id, node.label, node.role))
        a = p.appearances.setdefault(i, Appearance(i))
        a.turns.append([uid, start])
        a.words += words or 0
        if role:
            p.roles[role] = p.roles.get(role, 0) + 1
        seen[who] = node.id
    site.who.append(seen)
    site.docs.append({**{k: doc[k] for k in ("href", "title", "doc", "lang", "date")},
                      "utterances": len(doc["u"]), "facets": _facets(doc, seen)})


def _facets(doc: dict, who: dict[str, str]) -> dict[str, list[str]]:
    """The facet values of one record, its speakers merged as ``who`` says."""
    u = doc["u"]
    year = _YEAR.match(doc["date"] or "")
    langs = sorted({r[6] for r in u if r[6]}) or ([doc["lang"]] if doc["lang"] else [])
    return {"date": [year.group(0) if year else "undated"],
            "speaker": list(dict.fromkeys(who.values())),
            "role": sorted({_token(r[2]) for r in u if r[2]}),
            "language": langs,
            "interpreted": ["yes" if any(r[4] & FLAGS["interpreted"] for r in u) else "no"],
            "interrupting": ["yes" if any(r[4] & FLAGS["interrupting"] for r in u) else "no"]}


# -- the search index -------------------------------------------------------
# Utterance texts are stored as codes into one vocabulary of tokens (a word or a
# run of punctuation, with the space before it), most frequent first, so the
# commonest tokens take one character. A code is written in base 91 over the
# printable ASCII characters after '"' but '\': digits below HALF end a code,
# the others come before its last digit (bijective base 46). A JSON string of
# them needs no escape.
_ALPHABET = "".join(chr(c) for c in range(35, 127) if c != 92)
HALF = 45
_TOKENS = re.compile(r" ?(?:[^\W_]+|[^\w\s]+|_+)| ")


def encode_texts(texts: list[str]) -> tuple[list[str], list[str]]:
    """Return (vocabulary, one code string per text): the texts, lossless, in few bytes."""
    tokens = [_TOKENS.findall(t) for t in texts]
    freq: dict[str, int] = {}
    for ts in tokens:
        _count_tokens(freq, ts)
    vocab, rank = _vocabulary(freq)
    return vocab, ["".join(rank[t] for t in ts) for ts in tokens]


def _count_tokens(freq: dict[str, int], tokens: list[str]) -> None:
    for t in tokens:
        freq[t] = freq.get(t, 0) + 1


def _vocabulary(freq: dict[str, int]) -> tuple[list[str], dict[str, str]]:
    """The tokens, most frequent first, and the code of each."""
    vocab = sorted(freq, key=lambda t: (-freq[t], t))
    return vocab, {t: _code(i) for i, t in enumerate(vocab)}


def _code(n: int) -> str:
    base = len(_ALPHABET) - HALF
    digits = [_ALPHABET[n % HALF]]
    n //= HALF
    while n:
        n -= 1
        digits.append(_ALPHABET[HALF + n % base])
        n //= base
    return "".join(reversed(digits))


def decode_text(vocab: list[str], codes: str) -> str:
    """The text that :func:`encode_texts` wrote as ``codes`` (what the page's script does)."""
    base, out, m = len(_ALPHABET) - HALF, [], 0
    for ch in codes:
        d = _ALPHABET.index(ch)
        if d >= HALF:
            m = m * base + d - HALF + 1
        else:
            out.append(vocab[m * HALF + d])
            m = 0
    return "".join(out)


def search_index(site: Site, person_href) -> str:
    """Return the script ``search-index.js``: ``window.TEI_SITE = {...}``.

    ``docs``: ``[href, title, date, id]``; ``people``: ``[name, page]``;
    ``roles``: role names; ``vocab`` and ``u``: one ``[doc, person, role,
    id, start, flags, codes]`` per utterance (person and role are indexes,
    -1 for none; start null when untimed). The utterances are read from
    ``site.records`` (a second reading), one document at a time.
    """
    keys = {k: n for n, k in enumerate(site.people)}
    roles = sorted(site.roles)
    role_at = {r: n for n, r in enumerate(roles)}
    vocab, rank = _vocabulary(site.tokens)
    head = {
        "docs": [[d["href"], d["title"], d["date"], d["doc"]] for d in site.docs],
        "people": [[p.name, person_href(p.key)] for p in site.people.values()],
        "roles": roles, "flags": FLAGS, "vocab": vocab,
    }
    rows = []
    for i, doc in enumerate(r for r in site.records if r):
        who = site.who[i]
        rows.extend(_json([i, keys.get(who.get(r[1], ""), -1), role_at.get(r[2], -1), r[0], r[3],
                           r[4], "".join(rank[t] for t in _TOKENS.findall(r[7]))])
                    for r in doc["u"])
    return f'window.TEI_SITE = {_json(head)[:-1]},"u":[{",".join(rows)}]}};\n'


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
