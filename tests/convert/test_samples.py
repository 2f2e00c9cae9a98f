"""Every shared raw sample converts, matches the gold counts, loses no word,
and is valid against the official tei_all schema."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tei_corpus.convert import convert_file

from conftest import SAMPLES_RAW, all_samples, need_shared, sample_text
from convert_helpers import counts, source_tokens, tei_tokens

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
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    when = {w.get(xml_id): w for w in tree.iterfind(".//t:timeline/t:when", ns)}
    assert when["T0"].get("absolute") == "00:00:00"
    us = [u for u in tree.iterfind(".//t:u", ns) if "#unlabelled" not in u.get("ana")]
    assert us and all(u.get("start", "")[1:] in when and u.get("end", "")[1:] in when for u in us)
    seconds = lambda ref: float(when[ref[1:]].get("interval", 0))  # noqa: E731
    assert all(seconds(u.get("start")) <= seconds(u.get("end")) for u in us)
    first = next(b for b in read_blocks(path.read_bytes(), str(path)) if b.start is not None)
    assert abs(seconds(us[0].get("start")) - first.start) < 0.0005
