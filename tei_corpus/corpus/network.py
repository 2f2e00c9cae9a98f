"""Interaction networks of spoken TEI: who follows, interrupts or addresses whom.

Three directed networks, read from the turns (``u``) of each document in
document order, every ``u`` with a ``@who`` taken (a piece resumed after an
interjection, ``@prev``, included; a ``u`` without ``@who`` is passed over);
the speaker of a ``u`` is its first ``@who``:

- ``turns``: an edge from the speaker of each ``u`` to the speaker of the
  next one. Two turns in a row by the same speaker (a turn going on after an
  event, a resumed piece) are no edge: they are counted on the node as
  ``self_loops``;
- ``interruptions``: from the speaker of each ``u`` marked ``#interrupting``
  to the speaker of the turn it cuts, the nearest ``u`` before it by another
  speaker;
- ``addressees``: from ``@who`` to each person of ``@toWhom`` where the ``u``
  has one; a ``u`` without ``@toWhom`` answers the turn before it: an edge
  from its speaker to the previous turn's speaker. Where no ``u`` of any
  document has ``@toWhom``, the network is the ``turns`` network
  (:attr:`Network.addressed` is then 0, and ``tei stats`` says so in a
  warning).

Each edge counts ``weight`` (the turns that make it: the later turn of a
pair, the interrupting turn, the addressing turn), ``interpreted`` (how many
of those are marked ``#interpreted``: interpreter-mediated) and
``documents`` (in how many documents it occurs). Each node is a person:
``label`` (``persName``, else ``name``, else the id), ``role`` (``@role``),
``turns`` and ``words`` as :mod:`tei_corpus.corpus.stats` counts them,
``weighted_in``/``weighted_out`` (the sum of the weights of its edges) and
``self_loops``. Nodes are the speakers and the persons addressed.

Persons are merged across documents by id: inside a ``teiCorpus`` file the
document's prefix (``docid.``) is taken off, and a person whose ``idno`` was
met before under another id joins that first id's node.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import Diagnostic
from ..inputs import TEI_SUFFIXES, iter_inputs
from .stats import T, XML_ID, _spoken_words, _unprefixed, iter_measured

NETWORKS = ("turns", "interruptions", "addressees")
EDGE_FIELDS = ("weight", "interpreted", "documents")
NODE_FIELDS = ("label", "role", "turns", "words", "weighted_in", "weighted_out", "self_loops")


@dataclass
class Edge:
    """One directed edge: its counts."""

    weight: int = 0
    interpreted: int = 0
    documents: int = 0


@dataclass
class Node:
    """One person: who they are and how much they spoke."""

    id: str
    label: str = ""
    role: str = ""
    idno: str = ""
    turns: int = 0
    words: int = 0
    self_loops: int = 0
    weighted_in: int = 0
    weighted_out: int = 0


@dataclass
class Network:
    """A directed, weighted network of one document or of a corpus."""

    kind: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)
    documents: int = 0
    addressed: int = 0            # turns with a @toWhom
    by_idno: dict[str, str] = field(default_factory=dict)

    def node(self, pid: str, person: Node | None = None) -> Node:
        """Return the node of ``pid``, made from ``person`` (its header entry) when new."""
        pid = self.by_idno.get(person.idno, pid) if person and person.idno else pid
        n = self.nodes.get(pid)
        if n is None:
            p = person or Node(pid)
            n = self.nodes[pid] = Node(pid, p.label or pid, p.role, p.idno)
            if p.idno:
                self.by_idno.setdefault(p.idno, pid)
        return n

    def count(self, source: str, target: str, interpreted: bool) -> None:
        """Count one turn making the edge ``source -> target`` (a self-loop on the node)."""
        if source == target:
            self.nodes[source].self_loops += 1
            return
        e = self.edges.setdefault((source, target), Edge(documents=1))
        e.weight += 1
        e.interpreted += int(interpreted)

    def merge(self, other: "Network") -> None:
        """Add a document's network to this one (persons merged by id, then by ``idno``)."""
        ids = {pid: self.node(pid, n).id for pid, n in other.nodes.items()}
        for pid, n in other.nodes.items():
            m = self.nodes[ids[pid]]
            m.turns += n.turns
            m.words += n.words
            m.self_loops += n.self_loops
        for (s, t), e in other.edges.items():
            key = (ids[s], ids[t])
            if key[0] == key[1]:
                self.nodes[key[0]].self_loops += e.weight
                continue
            m = self.edges.setdefault(key, Edge())
            m.weight += e.weight
            m.interpreted += e.interpreted
            m.documents += e.documents
        self.documents += other.documents
        self.addressed += other.addressed

    def finish(self) -> "Network":
        """Sum the weighted degrees and sort nodes and edges by id; return self.

        An addressees network without any ``@toWhom`` is turned into the
        turns network: its edges (each turn to the turn it answers) reversed,
        the same turns counted.
        """
        if self.kind == "addressees" and not self.addressed:
            self.edges = {(t, s): e for (s, t), e in self.edges.items()}
        for n in self.nodes.values():
            n.weighted_in = n.weighted_out = 0
        for (s, t), e in self.edges.items():
            self.nodes[s].weighted_out += e.weight
            self.nodes[t].weighted_in += e.weight
        self.nodes = dict(sorted(self.nodes.items()))
        self.edges = dict(sorted(self.edges.items()))
        return self


@dataclass(frozen=True)
class _Turn:
    speaker: str
    ana: frozenset
    to_whom: tuple
    resumed: bool
    words: int


def _persons(tei, prefix: str) -> dict[str, Node]:
    """Return the header's persons and groups by id (the corpus prefix taken off)."""
    people = {}
    for p in tei.iterfind(f"{T}teiHeader//{T}particDesc//*"):
        if p.tag not in (f"{T}person", f"{T}personGrp") or not p.get(XML_ID):
            continue
        pid = _unprefixed(p.get(XML_ID), prefix)
        name = p.find(f"{T}persName")
        name = p.find(f"{T}name") if name is None else name
        label = " ".join("".join(name.itertext()).split()) if name is not None else ""
        idno = p.find(f"{T}idno")
        idno = (idno.text or "").strip() if idno is not None else ""
        people[pid] = Node(pid, label or pid, p.get("role") or "", idno)
    return people


def _refs(value: str | None, prefix: str) -> tuple:
    return tuple(_unprefixed(t.lstrip("#"), prefix) for t in (value or "").split())


def _turns(tei, prefix: str) -> Iterator[_Turn]:
    text = tei.find(f"{T}text")
    for u in (text.iter(f"{T}u") if text is not None else ()):
        who = _refs(u.get("who"), prefix)
        if who:
            yield _Turn(who[0], frozenset(_refs(u.get("ana"), prefix)),
                        _refs(u.get("toWhom"), prefix), u.get("prev") is not None,
                        _spoken_words(u))


def _previous_other(history: list[str], speaker: str) -> str | None:
    return next((s for s in reversed(history) if s != speaker), None)


def document_network(tei: etree._Element, path: str = "", kind: str = "turns") -> Network:
    """Return the ``kind`` network (one of :data:`NETWORKS`) of one ``TEI`` element."""
    doc_id = tei.get(XML_ID) or Path(path).stem
    prefix = doc_id + "."
    people = _persons(tei, prefix)
    net = Network(kind, documents=1)
    history: list[str] = []
    for t in _turns(tei, prefix):
        n = net.node(t.speaker, people.get(t.speaker))
        n.turns += int(not t.resumed)
        n.words += t.words
        interpreted = "interpreted" in t.ana
        if kind == "addressees" and t.to_whom:
            net.addressed += 1
            for target in t.to_whom:
                net.node(target, people.get(target))
                net.count(t.speaker, target, interpreted)
        elif kind == "interruptions":
            cut = _previous_other(history, t.speaker) if "interrupting" in t.ana else None
            if cut is not None:
                net.count(t.speaker, cut, interpreted)
        elif kind == "addressees" and history:      # answers the turn before it
            net.count(t.speaker, history[-1], interpreted)
        elif kind == "turns" and history:
            net.count(history[-1], t.speaker, interpreted)
        history.append(t.speaker)
    return net


def network_of(paths: Iterable[str | os.PathLike], kind: str = "turns",
               follow_symlinks: bool = False) -> tuple[Network, list[Diagnostic]]:
    """Return the ``kind`` network of every document of ``paths``, and the walk's findings.

    A folder is walked by :func:`tei_corpus.inputs.iter_inputs` (``teiCorpus``
    files inside it skipped, as they repeat the documents beside them); a
    ``teiCorpus`` file named is read document by document; every file is
    streamed by the hardened parser.

    Raises:
        InputError: a file is not well-formed or not TEI.
        ValueError: ``kind`` is none of :data:`NETWORKS`.
    """
    if kind not in NETWORKS:
        raise ValueError(f"unknown network {kind!r}: one of {', '.join(NETWORKS)}")
    net, findings = Network(kind), []
    for p in paths:
        for item in iter_inputs([p], TEI_SUFFIXES, follow_symlinks=follow_symlinks):
            if isinstance(item, Diagnostic):
                findings.append(item)
                continue
            for doc in iter_measured(item.path, _measure(kind), corpus_files=item.base is None):
                net.merge(doc)
    return net.finish(), findings


def _measure(kind: str):
    def measure(tei, path):
        return document_network(tei, path, kind)
    return measure


__all__ = ["EDGE_FIELDS", "NETWORKS", "NODE_FIELDS", "Edge", "Network", "Node",
           "document_network", "network_of"]
