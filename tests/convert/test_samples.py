"""Every shared raw sample converts, matches the gold counts, loses no word,
and is valid against the official tei_all schema."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tei_corpus.convert import convert_file

from conftest import SAMPLES_RAW, all_samples, need_shared, sample_text
from convert_helpers import NS, XML_ID, counts, cue_spans, source_tokens, tei_tokens, when_seconds

_SAMPLES = all_samples()
_CACHE: dict = {}
CORRECTIONS = Path(__file__).resolve().parents[1] / "data" / "convert" / "gold_corrections.toml"


def converted(path):
    if path not in _CACHE:
        _CACHE[path] = convert_file(path)
    return _CACHE[path]


@pytest.fixture(params=_SAMPLES or [None], ids=lambda p: p.name if p else "no-samples")
def sample(request):
    need_shared(SAMPLES_RAW)
    assert _SAMPLES, "no raw samples found"
    return request.param


def corrected(gold: dict, name: str) -> dict:
    """The gold for one sample, with our documented corrections applied."""
    fixes = tomllib.loads(CORRECTIONS.read_text(encoding="utf-8")).get(name, {})
    return {**gold[name], **{k: v for k, v in fixes.items() if k != "why"}}


def test_corrections_are_explained():
    fixes = tomllib.loads(CORRECTIONS.read_text(encoding="utf-8"))
    assert fixes and all(len(f.get("why", "")) > 40 for f in fixes.values())


def test_counts_match_gold(sample, gold):
    g = corrected(gold, sample.name)
    c = counts(converted(sample).tree)
    assert c["turns"] == g["turns"]
    assert c["labels"] == g["speakers"]
    assert c["interpreted"] == g["interpreted_turns"]
    assert c["truncated"] == g["interrupted_turns"]


def test_report_agrees_with_tei(sample):
    conv = converted(sample)
    c = counts(conv.tree)
    assert conv.report.turns == c["turns"]
    assert conv.report.interpreted == c["interpreted"]
    assert conv.report.truncated == c["truncated"]


def test_no_word_is_lost(sample):
    conv = converted(sample)
    src = source_tokens(sample_text(sample))
    out = tei_tokens(conv.tree)
    missing = src - out
    assert not missing, f"words of the source missing from the TEI: {list(missing.items())[:20]}"
    extra = out - src
    assert not extra, f"words in the TEI that the source does not have: {list(extra.items())[:20]}"


def test_valid_against_tei_all(sample, tei_all):
    tree = converted(sample).tree
    ok = tei_all.validate(tree)
    assert ok, str(tei_all.error_log)[:2000]


def test_conversion_is_deterministic(sample):
    assert convert_file(sample).xml == converted(sample).xml


@pytest.mark.parametrize("suffix", [".json", ".csv", ".vtt", ".srt"])
def test_a_timed_sample_has_a_timeline_its_turns_point_to(suffix):
    need_shared(SAMPLES_RAW)
    from tei_corpus.convert.readers import read_blocks

    path = next(p for p in _SAMPLES if p.suffix == suffix)
    tree = converted(path).tree
    when = when_seconds(tree)
    assert when["T0"] == 0 and tree.find(".//t:timeline[@corresp='#rec']", NS) is not None
    assert tree.find(".//t:sourceDesc/t:recordingStmt/t:recording", NS).get(XML_ID) == "rec"
    blocks = [b for b in read_blocks(path.read_bytes(), str(path)) if b.text.strip()]
    spans = cue_spans(tree, blocks)
    assert len(spans) >= 3
    for u, start, end in spans:      # every turn: its first cue's start, its last cue's end
        assert abs(when[u.get("start")[1:]] - start) < 0.001, (u.get(XML_ID), start)
        assert abs(when[u.get("end")[1:]] - end) < 0.001, (u.get(XML_ID), end)
