"""Timed and structured formats in TEI: a speaker's consecutive cues, segments, rows or
annotations are one ``u``; ``>>`` caption marks start turns.

ELAN and Praat files are written by their own libraries from the real 406 turns
(the JSON, CSV, WebVTT and SRT samples are counted against the gold in
test_samples.py).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import SAMPLES_RAW, need_shared
from tei_corpus.convert import convert_bytes

S406 = "406_diarized-json-fairfax-city-council-work-session-2026-01-06.json"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def turns_406() -> list[dict]:
    return json.loads(need_shared(SAMPLES_RAW / S406).read_bytes())["turns"]


def speaker_runs(turns: list[dict]) -> list[str]:
    runs: list[str] = []
    for t in turns:
        if not runs or runs[-1] != t["speaker_public"]:
            runs.append(t["speaker_public"])
    return runs


def labels_of_us(conv) -> list[str]:
    return [u.getprevious().text for u in conv.tree.xpath("//t:body//t:u", namespaces=NS)]


def eaf_406(tmp_path) -> bytes:
    pympi = pytest.importorskip("pympi", reason="pympi-ling is in the 'test' extra")
    eaf = pympi.Elan.Eaf()
    for t in turns_406():
        if t["speaker_public"] not in eaf.get_tier_names():
            eaf.add_tier(t["speaker_public"], part=t["speaker_public"])
        eaf.add_annotation(t["speaker_public"], round(t["start"] * 1000), round(t["end"] * 1000),
                           t["text"])
    eaf.remove_tier("default")
    path = tmp_path / "s.eaf"
    eaf.to_file(str(path))
    return path.read_bytes()


def textgrid_406(tmp_path) -> bytes:
    pytest.importorskip("praatio", reason="praatio is in the 'formats' extra")
    from praatio import textgrid
    from praatio.data_classes.interval_tier import IntervalTier

    turns = turns_406()
    tg = textgrid.Textgrid()
    for label in dict.fromkeys(t["speaker_public"] for t in turns):
        tg.addTier(IntervalTier(label, [(t["start"], t["end"], t["text"]) for t in turns
                                        if t["speaker_public"] == label], 0, turns[-1]["end"]))
    path = tmp_path / "s.TextGrid"
    tg.save(str(path), format="short_textgrid", includeBlankSpaces=True)
    return path.read_bytes()


@pytest.mark.parametrize("name,make", [("s.eaf", eaf_406), ("s.TextGrid", textgrid_406)])
def test_a_speakers_consecutive_annotations_are_one_u(tmp_path, gold, name, make):
    runs = speaker_runs(turns_406())
    assert len(runs) == gold[S406]["turns"] == 98 < len(turns_406())
    conv = convert_bytes(make(tmp_path), name)
    assert labels_of_us(conv) == runs


# --- ">>" caption turn marks --------------------------------------------------------

def captions() -> list[tuple[float, float, str]]:
    """406's first turns as speakerless captions: '>>' where the speaker changes, and a
    turn's text cut in two captions."""
    out = []
    last = None
    for t in turns_406()[:12]:
        words = t["text"].split()
        half = max(1, len(words) // 2)
        mark = ">> " if t["speaker_public"] != last else ""
        mid = (t["start"] + t["end"]) / 2
        out.append((t["start"], mid, mark + " ".join(words[:half])))
        if words[half:]:
            out.append((mid, t["end"], " ".join(words[half:])))
        last = t["speaker_public"]
    return out


def _clock(s: float, sep: str) -> str:
    ms = round(s * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def as_vtt() -> bytes:
    cues = [f"{_clock(a, '.')} --> {_clock(b, '.')}\n{t}" for a, b, t in captions()]
    return ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode()


def as_srt() -> bytes:
    cues = [f"{i}\n{_clock(a, ',')} --> {_clock(b, ',')}\n{t}"
            for i, (a, b, t) in enumerate(captions(), 1)]
    return ("\n\n".join(cues) + "\n").encode()


def as_json() -> bytes:
    return json.dumps({"segments": [{"start": a, "end": b, "text": t}
                                    for a, b, t in captions()]}).encode()


def as_csv() -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["start", "end", "text"])
    w.writerows(captions())
    return out.getvalue().encode()


@pytest.mark.parametrize("name,make", [("c.vtt", as_vtt), ("c.srt", as_srt),
                                       ("c.json", as_json), ("c.csv", as_csv)])
def test_caption_turn_marks_start_turns_without_a_speaker(name, make):
    marks = sum(t.startswith(">>") for _, _, t in captions())
    assert marks == len(speaker_runs(turns_406()[:12])) >= 5
    conv = convert_bytes(make(), name)
    us = conv.tree.xpath("//t:body//t:u", namespaces=NS)
    assert len(us) == marks


# --- a name printed on every cue (Zoom) ---------------------------------------------

ZOOM = Path(__file__).resolve().parents[1] / "data" / "convert" / "zoom" / "webinar-intro-excerpt.vtt"


def test_a_name_printed_on_every_cue_gives_one_turn_per_run_of_cues():
    """Zoom writes "Name: " on every cue: a speaker's cues in a row are one u, and every
    printed name is still in the TEI (counts by reading: the fixture's README)."""
    conv = convert_bytes(ZOOM.read_bytes(), ZOOM.name)
    root = conv.tree.getroot()
    us = root.findall(".//t:body//t:u", NS)
    assert len(us) == 22
    heads = [n.text for n in root.iterfind(".//t:body/t:div/t:note[@type='speaker']", NS)]
    assert list(dict.fromkeys(h.rstrip(":") for h in heads)) == [
        "Andrew Knight", "Paul McCartney", "George Harrison", "Ringo Starr", "John Lennon"]
    printed = ZOOM.read_text().count(": ")             # every cue's "Name: " (no other ": ")
    inside = root.findall(".//t:u//t:note[@type='speaker']", NS)
    assert len(heads) + len(inside) == printed == 37
    # The plain-text edition gives back every cue's text as printed, name and all.
    from tei_corpus.editions import render_text
    printed_lines = [line for line in ZOOM.read_text().splitlines()[2:]
                     if line and "-->" not in line and not line.isdigit()]
    assert [line for line in render_text(conv.tree, "diplomatic").splitlines() if line] == printed_lines
    # The first turn runs from cue 1's start to cue 4's end.
    whens = {w.get("{http://www.w3.org/XML/1998/namespace}id"): w.get("interval")
             for w in root.iter("{http://www.tei-c.org/ns/1.0}when")}
    assert (float(whens[us[0].get("start")[1:]]), float(whens[us[0].get("end")[1:]])) == (4.859, 21.24)


# --- a name in brackets alone on its line (Google Meet) ------------------------------

MEET = Path(__file__).resolve().parents[1] / "data" / "convert" / "gmeet" / "meet-interview-excerpt.vtt"


def test_a_bracketed_name_alone_on_a_cue_line_is_the_speaker():
    """Google Meet: "(Name)" starts each cue, and a line of one space inside a cue
    (WebVTT: not an empty line, so not the cue's end) comes before a second speaker."""
    conv = convert_bytes(MEET.read_bytes(), MEET.name)
    root = conv.tree.getroot()
    assert [u.get("who") for u in root.iterfind(".//t:body//t:u", NS)] == \
        ["#fisher", "#bettinger", "#fisher", "#bettinger"]
    heads = [n.text for n in root.iterfind(".//t:body/t:div/t:note[@type='speaker']", NS)]
    inside = root.findall(".//t:u//t:note[@type='speaker']", NS)
    assert len(heads) + len(inside) == MEET.read_text().count("(D") == 6
    assert heads[:2] == ["(Danyel Fisher)", "(Dana Bettinger)"]


def test_a_label_and_its_clock_time_with_its_half_of_the_day_is_a_turns_head():
    """A parliament's record of one line a paragraph: "Mr Speaker 10:40 a.m." right under the
    speech before it heads a turn, its time kept whole in <time>."""
    from tei_corpus.convert.labels import label_items, match_line
    from tei_corpus.convert.pipeline import _shipped
    profile = next(p for p in _shipped("en") if p.name == "timed")
    m = match_line("Mr Speaker 10:40 a.m.", profile, False)
    assert (m.kind, m.label) == ("label-time", "Mr Speaker")
    *_, time = label_items("Mr Speaker 10:40 a.m.")
    assert (time.kind, time.text) == ("time", "10:40 a.m.")
