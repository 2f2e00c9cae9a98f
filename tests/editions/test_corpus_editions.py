"""The tables of a corpus file agree with the tables of its member files, times included.

A corpus is built by ``tei build`` from real timed sources (the shared WebVTT and
SRT samples) and an untimed transcript; inside ``corpus.xml`` every id of a
document is prefixed with the document id, and the corpus rows must say what
the document's own rows say.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES_RAW, need_shared

from tei_corpus.corpus import BuildOptions, build
from tei_corpus.editions import render_tables
from tei_corpus.xmlio import parse_file

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["410_webvtt-voice-tags-buzzsprout-podcasting-qa-bonus.vtt",
           "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt"]
SEED = ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
# Columns holding a pointer or an id, prefixed inside the corpus file.
PREFIXED = ("id", "who", "continues")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for name in SOURCES:
        shutil.copy(need_shared(SAMPLES_RAW / name), raw / name)
    shutil.copy(SEED, raw / SEED.name)
    out = tmp_path_factory.mktemp("out")
    summary, _ = build(raw, out, BuildOptions(kinds=()))
    assert summary.failed == 0 and summary.documents == 3
    return out


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _unprefixed(row: dict) -> dict:
    doc = row["doc"] + "."
    out = {k: v for k, v in row.items() if k != "n"}   # n counts across the corpus file
    for k in PREFIXED:
        if isinstance(out[k], str):
            out[k] = " ".join(t.removeprefix(doc) for t in out[k].split())
    return out


def test_corpus_utterance_rows_are_the_documents_rows(corpus):
    whole = _rows(render_tables(parse_file(corpus / "corpus.xml"), "jsonl")["utterances"])
    members = sorted(p for p in corpus.glob("*.xml") if p.name != "corpus.xml")
    assert len(members) == 3
    expected = []
    for member in members:
        expected += [{k: v for k, v in r.items() if k != "n"} for r in
                     _rows(render_tables(parse_file(member), "jsonl")["utterances"])]
    assert len(whole) == len(expected) > 200
    assert [_unprefixed(r) for r in whole] == expected
    # the timed documents have times on every row, the untimed one on none
    timed = {}
    for r in whole:
        timed.setdefault(r["doc"], set()).add(r["start"] is not None and r["end"] is not None)
    assert timed == {"webvtt-voice-tags-buzzsprout-podcasting-qa-bonus": {True},
                     "srt-speaker-names-virtual-coffee-podcast-s5e9": {True},
                     "state-blinken-cho-seoul-2025": {False}}

def test_corpus_tsv_times_are_the_documents_times(corpus):
    def times(text: str) -> list[tuple[str, str, str]]:
        lines = [line.split("\t") for line in text.splitlines()]
        cols = lines[0]
        i, s, e = cols.index("id"), cols.index("start"), cols.index("end")
        return [(row[i].rsplit(".", 1)[-1], row[s], row[e]) for row in lines[1:]]
    whole = times(render_tables(parse_file(corpus / "corpus.xml"))["utterances"])
    parts = []
    for member in sorted(p for p in corpus.glob("*.xml") if p.name != "corpus.xml"):
        parts += times(render_tables(parse_file(member))["utterances"])
    assert whole == parts and any(s for _, s, _ in whole)


@pytest.fixture(scope="module")
def every_sample(tmp_path_factory):
    """A corpus built from every shared sample, in every format."""
    raw = tmp_path_factory.mktemp("raw-all")
    samples = sorted(p for p in need_shared(SAMPLES_RAW).iterdir() if p.is_file())
    for p in samples:
        shutil.copy(p, raw / p.name)
    out = tmp_path_factory.mktemp("out-all")
    summary, _ = build(raw, out, BuildOptions(kinds=()))
    assert summary.failed == 0 and summary.documents == len(samples) > 20
    return out


def test_every_samples_corpus_rows_and_flags_are_its_documents(every_sample):
    """On every sample: the corpus file's utterance rows (doc, flags, times, words)
    are the member files' rows, and its HTML marks as many turns interpreted, cut
    off and interrupting as the member pages do together."""
    from lxml import html as lxml_html

    from tei_corpus.editions import render_html

    def marks(tree) -> tuple[int, int, int]:
        page = lxml_html.document_fromstring(render_html(tree))
        return tuple(len(page.xpath(f"//article[.//span[contains(@class, '{c}')]]"))
                     for c in ("mark-interpreted", "mark-truncated", "mark-interrupting"))

    corpus_tree = parse_file(every_sample / "corpus.xml")
    whole = _rows(render_tables(corpus_tree, "jsonl")["utterances"])
    expected, member_marks = [], (0, 0, 0)
    for member in sorted(p for p in every_sample.glob("*.xml") if p.name != "corpus.xml"):
        tree = parse_file(member)
        expected += [{k: v for k, v in r.items() if k != "n"} for r in
                     _rows(render_tables(tree, "jsonl")["utterances"])]
        member_marks = tuple(a + b for a, b in zip(member_marks, marks(tree)))
    assert [_unprefixed(r) for r in whole] == expected
    assert sum(r["interpreted"] for r in whole) > 0 and sum(r["truncated"] for r in whole) > 0
    assert marks(corpus_tree) == member_marks and min(member_marks) > 0
