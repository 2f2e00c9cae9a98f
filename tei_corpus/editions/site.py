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
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .render import _as_tree, _path_of, check_tei, document_info, render_tables

#: Turn states the search filters on, as bits of an utterance's flags.
FLAGS = {"truncated": 1, "interrupting": 2, "interpreted": 4, "overlap": 8}
#: The facets of the index: (name, heading).
FACETS = (("date", "Date"), ("speaker", "Speaker"), ("role", "Role"), ("language", "Language"),
          ("interpreted", "Interpreted turns"), ("interrupting", "Interrupting turns"))
_YEAR = re.compile(r"^\d{4}")


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
    """The documents of a site, their facets, and the participants across them."""

    docs: list[dict]
    people: dict[str, Person]
    who: list[dict[str, str]]             # per document: each speaker's id to its merged key

    def chronological(self, indexes: Iterable[int]) -> list[int]:
        """Documents by date (undated ones last), then by page."""
        return sorted(indexes, key=lambda i: (not self.docs[i]["date"], self.docs[i]["date"],
                                              self.docs[i]["href"]))

    def facets(self, i: int) -> dict[str, list[str]]:
        """The facet values of document ``i`` (keys without spaces), by facet name."""
        d = self.docs[i]
        u = d["u"]
        year = _YEAR.match(d["date"] or "")
        langs = sorted({r[6] for r in u if r[6]}) or ([d["lang"]] if d["lang"] else [])
        return {"date": [year.group(0) if year else "undated"],
                "speaker": list(dict.fromkeys(self.who[i].values())),
                "role": sorted({_token(r[2]) for r in u if r[2]}),
                "language": langs,
                "interpreted": ["yes" if any(r[4] & FLAGS["interpreted"] for r in u) else "no"],
                "interrupting": ["yes" if any(r[4] & FLAGS["interrupting"] for r in u) else "no"]}

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
    """Merge the documents' records (:func:`site_record`; None entries skipped), in their order."""
    from ..corpus.network import Network, Node        # tei_corpus.corpus imports the editions
    registry = Network("turns")
    docs = [r for r in records if r]
    people: dict[str, Person] = {}
    who_keys = []
    for i, doc in enumerate(docs):
        listed = {pid: Node(pid, name or pid, role, idno) for pid, name, role, idno in doc["people"]}
        seen: dict[str, str] = {}
        for uid, who, role, start, _, words, _, _ in doc["u"]:
            if not who:
                continue
            node = registry.node(who, listed.get(who))
            p = people.get(node.id) or people.setdefault(node.id, Person(node.id, node.label,
                                                                         node.role))
            a = p.appearances.setdefault(i, Appearance(i))
            a.turns.append([uid, start])
            a.words += words or 0
            if role:
                p.roles[role] = p.roles.get(role, 0) + 1
            seen[who] = node.id
        who_keys.append(seen)
    return Site(docs, dict(sorted(people.items())), who_keys)


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
        for t in ts:
            freq[t] = freq.get(t, 0) + 1
    vocab = sorted(freq, key=lambda t: (-freq[t], t))
    rank = {t: _code(i) for i, t in enumerate(vocab)}
    return vocab, ["".join(rank[t] for t in ts) for ts in tokens]


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
    -1 for none; start null when untimed).
    """
    keys = {k: n for n, k in enumerate(site.people)}
    roles = sorted({r[2] for d in site.docs for r in d["u"] if r[2]})
    role_at = {r: n for n, r in enumerate(roles)}
    rows = [(i, r) for i, d in enumerate(site.docs) for r in d["u"]]
    vocab, codes = encode_texts([r[7] for _, r in rows])
    data = {
        "docs": [[d["href"], d["title"], d["date"], d["doc"]] for d in site.docs],
        "people": [[p.name, person_href(p.key)] for p in site.people.values()],
        "roles": roles, "flags": FLAGS, "vocab": vocab,
        "u": [[i, keys.get(site.who[i].get(r[1], ""), -1), role_at.get(r[2], -1), r[0], r[3], r[4], c]
              for (i, r), c in zip(rows, codes)],
    }
    return "window.TEI_SITE = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"

