"""Corpus statistics: per document and per speaker, read from the TEI itself.

Definitions (the same for every level):

- ``turns``: utterances (``u``) in the text, a turn resumed after an
  interjection (``@prev``) counted once;
- ``words``: whitespace-separated words spoken in the turns (speaker labels,
  delivery cues, event descriptions, page numbers and printed times excluded);
- ``interpreted``: turns marked ``#interpreted``; ``interpreted_share`` is
  ``interpreted / turns``;
- ``interruptions_given``: turns marked ``#interrupting``;
  ``interruptions_received``: the turn just before each of those;
- ``events``: ``vocal``, ``kinesic``, ``incident``, ``pause`` and ``gap`` (other
  than editorial elisions); a speaker's events are those whose ``@who`` names them.

A folder is walked for ``*.xml`` (TEI documents; ``teiCorpus`` files found in a
folder are skipped, as they repeat the documents beside them); a ``teiCorpus``
file given by name is read document by document. Every file is streamed with
the hardened parser's settings (:func:`tei_corpus.xmlio.iterparse_file`), so
memory holds one document at a time, whatever the size of the file.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

from lxml import etree

from ..errors import Diagnostic, InputError
from ..inputs import TEI_SUFFIXES, Input, iter_inputs
from ..xmlio import iterparse_file

TEI = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EVENTS = frozenset({"vocal", "kinesic", "incident", "pause", "gap"})
NOT_SPOKEN = frozenset({"note", "desc", "fw", "time"} | EVENTS)
T_ = TypeVar("T_")
COUNTS = ("turns", "words", "interpreted", "interruptions_given", "interruptions_received",
          "events")


@dataclass
class Counts:
    """Counts of one speaker, one document or one corpus."""

    turns: int = 0
    words: int = 0
    interpreted: int = 0
    interruptions_given: int = 0
    interruptions_received: int = 0
    events: int = 0

    @property
    def interpreted_share(self) -> float:
        return round(self.interpreted / self.turns, 4) if self.turns else 0.0

    def add(self, other: "Counts") -> None:
        for k in COUNTS:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["interpreted_share"] = self.interpreted_share
        return d


@dataclass
class SpeakerStats:
    """One speaker of one document (``id`` as in ``@who``, without ``#``)."""

    id: str
    name: str = ""
    counts: Counts = field(default_factory=Counts)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, **self.counts.to_dict()}


@dataclass
class DocumentStats:
    """One document: its totals and its speakers in order of first turn."""

    doc_id: str
    path: str
    counts: Counts = field(default_factory=Counts)
    speakers: list[SpeakerStats] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.doc_id, "path": self.path, **self.counts.to_dict(),
                "speakers": [s.to_dict() for s in self.speakers]}

    @classmethod
    def from_dict(cls, d: dict) -> "DocumentStats":
        def counts(x):
            return Counts(**{k: x.get(k, 0) for k in COUNTS})
        return cls(d["id"], d.get("path", ""), counts(d),
                   [SpeakerStats(s["id"], s.get("name", ""), counts(s)) for s in d.get("speakers", [])])


def _spoken_words(u) -> int:
    parts: list[str] = []

    def walk(el):
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and etree.QName(child).localname not in NOT_SPOKEN:
                walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(u)
    return len("".join(parts).split())


def _names(tei) -> dict[str, str]:
    names = {}
    for p in tei.iterfind(f"{T}teiHeader//{T}particDesc//*"):
        if p.tag in (f"{T}person", f"{T}personGrp") and p.get(XML_ID):
            n = p.find(f"{T}persName")
            if n is None:
                n = p.find(f"{T}name")
            names[p.get(XML_ID)] = " ".join("".join(n.itertext()).split()) if n is not None else ""
    return names


def _unprefixed(ref: str, prefix: str) -> str:
    return ref[len(prefix):] if ref.startswith(prefix) else ref


def document_stats(tei: etree._Element, path: str = "") -> DocumentStats:
    """Count turns, words, interpretation, interruptions and events of one ``TEI`` element."""
    doc_id = tei.get(XML_ID) or Path(path).stem
    prefix = doc_id + "."            # ids inside a corpus file carry their document's id
    names = _names(tei)
    speakers: dict[str, SpeakerStats] = {}

    def speaker(ref: str) -> SpeakerStats:
        sid = ref.lstrip("#")
        s = speakers.get(sid)
        if s is None:
            shown = _unprefixed(sid, prefix)
            s = speakers[sid] = SpeakerStats(shown, names.get(sid, ""))
        return s

    doc = DocumentStats(doc_id, path)
    text = tei.find(f"{T}text")
    if text is None:
        return doc
    previous = None
    for el in text.iter(f"{T}u", *(T + e for e in EVENTS)):
        local = etree.QName(el).localname
        if local != "u":
            if local == "gap" and el.get("reason") == "editorial":
                continue
            doc.counts.events += 1
            who = (el.get("who") or "").split()
            if who:
                speaker(who[0]).counts.events += 1
            continue
        who = (el.get("who") or "").split()
        s = speaker(who[0]) if who else None
        c = Counts(words=_spoken_words(el))
        ana = ["#" + _unprefixed(t.lstrip("#"), prefix) for t in (el.get("ana") or "").split()]
        if el.get("prev") is None:
            c.turns = 1
            c.interpreted = int("#interpreted" in ana)
            if "#interrupting" in ana:
                c.interruptions_given = 1
                if previous is not None:
                    doc.counts.interruptions_received += 1
                    if previous is not doc:
                        previous.counts.interruptions_received += 1
        doc.counts.add(c)
        if s is not None:
            s.counts.add(c)
        previous = s if s is not None else doc
    doc.speakers = list(speakers.values())
    return doc


def iter_document_stats(path: str | os.PathLike) -> Iterator[DocumentStats]:
    """Yield the statistics of each document of a TEI file, a teiCorpus file, or a folder.

    Every file is read incrementally (:func:`tei_corpus.xmlio.iterparse_file`):
    memory holds one document at a time, whatever the size of the file.
    A folder is walked by :func:`tei_corpus.inputs.iter_inputs`.

    Raises:
        InputError: a file is not well-formed or not TEI, or the walk refused
            an entry of the folder (a FIFO, a link loop...).
    """
    p = Path(path)
    if p.is_dir():
        items = list(iter_inputs([p], TEI_SUFFIXES))
        for item in items:
            if isinstance(item, Diagnostic) and item.severity == "error":
                raise InputError(item.path, item.message, code=item.code)
        yield from iter_folder_stats(i.path for i in items if isinstance(i, Input))
        return
    yield from _iter_file(p)


def iter_folder_stats(files: Iterable[str | os.PathLike]) -> Iterator[DocumentStats]:
    """Yield the statistics of the TEI documents among ``files`` (the files of a folder).

    ``teiCorpus`` files are skipped: in a folder they repeat the documents beside them.

    Raises:
        InputError: a file is not well-formed or not TEI.
    """
    for f in files:
        yield from _iter_file(Path(f), corpus_files=False)


def _check_root(root, path: str) -> None:
    if root.tag not in (f"{T}TEI", f"{T}teiCorpus"):
        raise InputError(path, f"not a TEI P5 document: the root element is <{root.tag}>",
                         root.sourceline or 0, 0, code="not-tei")


def iter_measured(path: str | os.PathLike, measure: Callable[[etree._Element, str], T_],
                  corpus_files: bool = True) -> Iterator[T_]:
    """Yield ``measure(TEI element, path)`` for each document of one TEI or teiCorpus file.

    The streaming reader of :func:`iter_document_stats`, for any measure of a
    document (:mod:`tei_corpus.corpus.network` uses it): the element is
    cleared after ``measure`` returns, so the result must not keep it.

    Raises:
        InputError: the file is not well-formed or not TEI.
    """
    yield from _iter_file(Path(path), corpus_files, measure)


def _iter_file(p: Path, corpus_files: bool = True, measure=None) -> Iterator:
    """Stream one file: its TEI element, or each TEI element of a teiCorpus.

    With ``corpus_files=False`` (a file found in a folder) a teiCorpus is
    skipped at its first element, as it repeats the documents beside it.
    """
    measure = measure or document_stats
    seen_root = False
    for el in iterparse_file(p, tags=(f"{T}TEI", f"{T}teiCorpus")):
        root = el.getroottree().getroot()
        if not seen_root:
            seen_root = True
            _check_root(root, str(p))
            if root.tag == f"{T}teiCorpus" and not corpus_files:
                return
        if el.tag == f"{T}TEI":
            yield measure(el, str(p))
    if not seen_root:   # nothing yielded: the root is neither TEI nor teiCorpus
        for el in iterparse_file(p, tags=None):
            _check_root(el.getroottree().getroot(), str(p))
            return


def corpus_totals(docs: Iterable[DocumentStats]) -> tuple[Counts, int, list[SpeakerStats]]:
    """Sum documents: totals, number of documents, speakers merged by (id, name)."""
    total, n = Counts(), 0
    merged: dict[tuple[str, str], SpeakerStats] = {}
    for d in docs:
        n += 1
        total.add(d.counts)
        for s in d.speakers:
            m = merged.setdefault((s.id, s.name), SpeakerStats(s.id, s.name))
            m.counts.add(s.counts)
    return total, n, list(merged.values())
