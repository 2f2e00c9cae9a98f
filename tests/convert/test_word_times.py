"""Times inside turns: a turn of several timed cues or ASR segments is divided at their
times (``anchor synch`` at each ``seg``'s start and end), and with ``word_times`` each
timed word gets a point before it.

The input is real Whisper output with ``word_timestamps``
(``tests/data/convert/asr/``, source in its README); the variants (written on one
line, a word without times, a word the text does not have) are made from it at test
time. The WhisperX case with speakers is the shared diarised sample 406.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES_RAW, need_shared
from convert_helpers import NS, when_seconds
from tei_corpus.cli import cli
from tei_corpus.convert import convert_bytes
from tei_corpus.convert.readers import VttReader, read_blocks
from tei_corpus.editions import render_text, render_timed
from tei_corpus.validate.check import check_tree
from tei_corpus.validate.xsd import project_schema

ASR = Path(__file__).resolve().parents[1] / "data" / "convert" / "asr"
WHISPER = ASR / "whisper-word-timestamps-jane-mark.json"
S406 = "406_diarized-json-fairfax-city-council-work-session-2026-01-06.json"
T = "{http://www.tei-c.org/ns/1.0}"


def segments() -> list[dict]:
    return json.loads(WHISPER.read_bytes())["segments"]


def convert(data: bytes, name: str = "whisper.json", **options):
    conv = convert_bytes(data, name, **options)
    errors = [d for d in check_tree(conv.tree, name) if d.severity == "error"]
    assert errors == [] and project_schema().validate(conv.tree, name, fast=False) == []
    return conv


def anchor_times(el, seconds: dict) -> list[float]:
    return [seconds[a.get("synch")[1:]] for a in el.iter(T + "anchor")]


def seg_text(seg) -> str:
    return "".join(seg.itertext())


def test_whisper_segments_are_the_parts_of_one_turn(tei_all):
    conv = convert(WHISPER.read_bytes())
    seconds = when_seconds(conv.tree)
    us = conv.tree.findall(".//t:body//t:u", NS)
    assert len(us) == 1                 # no speakers: one unattributed turn, timed
    assert (seconds[us[0].get("start")[1:]], seconds[us[0].get("end")[1:]]) == (0.66, 18.26)
    segs = us[0].findall("t:seg", NS)
    assert [seg_text(s) for s in segs] == [s["text"].strip() for s in segments()]
    for seg, source in zip(segs, segments()):
        assert seg[0].tag == seg[-1].tag == T + "anchor" and not seg.text and not seg[-1].tail
        assert anchor_times(seg, seconds) == [source["start"], source["end"]]
    assert conv.report.times == ["1 turn of several timed blocks has a point at each block's "
                                 "start and end (anchor)"]
    assert tei_all.validate(conv.tree), str(tei_all.error_log)[:1000]


def test_word_times_put_a_point_before_each_word_and_keep_the_text(tei_all):
    plain = convert(WHISPER.read_bytes())
    conv = convert(WHISPER.read_bytes(), word_times=True)
    seconds = when_seconds(conv.tree)
    segs = conv.tree.findall(".//t:body//t:seg", NS)
    assert [seg_text(s) for s in segs] == [seg_text(s) for s in plain.tree.iterfind(".//t:body//t:seg", NS)]
    for seg, source in zip(segs, segments()):
        # the segment's start (its first word starts there too), each later word, its end
        expected = [source["start"]] + [w["start"] for w in source["words"][1:]] + [source["end"]]
        assert anchor_times(seg, seconds) == expected
        for anchor, word in zip(seg.findall("t:anchor", NS)[1:-1], source["words"][1:]):
            assert anchor.tail.startswith(word["word"].strip())
    assert conv.report.times[-1] == "44 words have a point at their start (anchor)"
    # The timeline stays in order and every point resolves (the project's time rules).
    values = list(seconds.values())
    assert values == sorted(values) and len(values) == 51      # origin + 50 distinct times
    assert tei_all.validate(conv.tree), str(tei_all.error_log)[:1000]
    assert render_text(conv.tree) == render_text(plain.tree)


def test_a_word_without_times_or_not_in_the_text_gets_no_point():
    doc = json.loads(WHISPER.read_bytes())
    words = doc["segments"][1]["words"]       # Yeah, good thanks. And your new baby? George, ...
    del words[1]["start"]                     # "good": not aligned
    words[3]["word"] = " Und"                 # "And": a word the text does not have
    words[4]["start"] = 1.0                   # "your": a time before the segment's start
    conv = convert(json.dumps(doc).encode(), word_times=True)
    seconds = when_seconds(conv.tree)
    seg = conv.tree.findall(".//t:body//t:seg", NS)[1]
    assert seg_text(seg) == "Yeah, good thanks. And your new baby? George, isn't it?"
    assert anchor_times(seg, seconds) == [8.42, 8.98, 10.46, 10.64, 11.48, 11.96, 12.14, 12.36]
    assert [a.tail.split()[0] for a in seg.findall("t:anchor", NS)[:-1]] == [
        "Yeah,", "thanks.", "new", "baby?", "George,", "isn't", "it?"]


def test_whisper_written_on_one_line_keeps_each_segments_times():
    # Whisper and WhisperX write their JSON on one line: every segment shares line 1.
    data = json.dumps(json.loads(WHISPER.read_bytes())).encode()
    assert data.count(b"\n") == 0
    assert {b.line for b in read_blocks(data, "w.json")} == {1}
    conv = convert(data)
    seconds = when_seconds(conv.tree)
    segs = conv.tree.findall(".//t:body//t:seg", NS)
    assert [anchor_times(s, seconds) for s in segs] == [[s["start"], s["end"]] for s in segments()]


def test_captions_of_a_whisper_file_give_back_its_segments():
    conv = convert(WHISPER.read_bytes(), word_times=True)
    back = list(VttReader().read(render_timed(conv.tree, "vtt"), "back.vtt"))
    assert [(c.start, c.end, c.text) for c in back] == [
        (s["start"], s["end"], s["text"].strip()) for s in segments()]
    assert re.findall(r"^u1(?:\.\d)?$", render_timed(conv.tree, "vtt").decode(), re.M) == [
        "u1", "u1.2", "u1.3"]


def test_diarised_segments_of_one_speaker_are_timed_parts_of_their_turn():
    path = need_shared(SAMPLES_RAW / S406)
    conv = convert(path.read_bytes(), S406)
    seconds = when_seconds(conv.tree)
    records = {(" ".join(r["text"].split()), r["start"], r["end"])
               for r in json.loads(path.read_bytes())["turns"]}
    divided = [u for u in conv.tree.iterfind(".//t:body//t:u", NS)
               if u.find("t:seg/t:anchor", NS) is not None]
    assert len(divided) > 10
    for u in divided:
        for seg in u.findall("t:seg", NS):         # each seg is a record: its words, its times
            assert (" ".join(seg_text(seg).split()), *anchor_times(seg, seconds)) in records
        first, last = anchor_times(u, seconds)[0], anchor_times(u, seconds)[-1]
        assert (first, last) == (seconds[u.get("start")[1:]], seconds[u.get("end")[1:]])


def test_cli_word_times(tmp_path):
    out = tmp_path / "w.xml"
    result = CliRunner().invoke(cli, ["convert", str(WHISPER), "--word-times", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().count(b"<anchor ") == 50
    result = CliRunner().invoke(cli, ["convert", "--help"])
    assert "--word-times" in result.stdout
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### tei convert", 1)[1].split("\n### ", 1)[0]
    assert "[--word-times]" in section and "**`--word-times`**" in section


@pytest.mark.parametrize("offset", [0.0, 90.0])
def test_points_follow_the_time_offset(offset):
    conv = convert(WHISPER.read_bytes(), time_offset=offset)
    seconds = when_seconds(conv.tree)
    first = conv.tree.find(".//t:body//t:seg", NS)
    assert anchor_times(first, seconds) == [0.66 + offset, 7.92 + offset]
    assert all(re.fullmatch(r"\d+(\.\d{1,3})?", w.get("interval", "0"))
               for w in conv.tree.iterfind(".//t:timeline/t:when", NS))
