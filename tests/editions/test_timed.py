"""Timed editions (WebVTT, SubRip, ELAN, Praat TextGrid), read back by real readers.

Round trips start from the real shared samples: a WebVTT file with voices (410)
and an SRT file with printed speaker names (411) are converted with the
converter, exported, and read back with the project's own readers, pympi-ling
(ELAN) and praatio (TextGrid).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLES_RAW, TEI_ALL_RNG, need_shared
from lxml import etree

from tei_corpus.cli import cli
from tei_corpus.convert import convert_file
from tei_corpus.convert.readers import SrtReader, VttReader
from tei_corpus.editions import TIMED_KINDS, render_tables, render_timed
from tei_corpus.errors import InputError
from tei_corpus.xmlio import parse_file

from edition_helpers import tei

DATA = Path(__file__).resolve().parents[1] / "data" / "editions"
TIMED = DATA / "timed-media.xml"
S410 = "410_webvtt-voice-tags-buzzsprout-podcasting-qa-bonus.vtt"
S411 = "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def vtt_source():
    path = need_shared(SAMPLES_RAW / S410)
    return path, convert_file(path).tree


@pytest.fixture(scope="module")
def srt_source():
    path = need_shared(SAMPLES_RAW / S411)
    return path, convert_file(path).tree


def _turn_times(tree) -> list[tuple[str, float, float]]:
    """(id, start, end) of every timed utterance, from the tables edition."""
    rows = [line.split("\t") for line in render_tables(tree)["utterances"].splitlines()]
    i, s, e = (rows[0].index(c) for c in ("id", "start", "end"))
    return [(r[i], float(r[s]), float(r[e])) for r in rows[1:] if r[s]]


def _source_turns(path: Path) -> list[tuple[str, list]]:
    """What the 410 source says, turn by turn: (speaker, cues).

    It names speakers two ways: a voice (<v Travis>) and a printed label in the
    cue text ("Gilon: So is there", the label left out of the cue here); a cue
    with neither goes on with the turn before.
    """
    source: list = []
    for block in VttReader().read(path.read_bytes(), path.name):
        printed = re.match(r"([A-Z]\w+): (.*)", block.text, re.S)
        if printed:
            source.append((printed[1], [replace(block, text=printed[2])]))
        elif source and block.speaker in (None, source[-1][0]):
            source[-1][1].append(block)
        else:
            source.append((block.speaker, [block]))
    return source


def _cues_by_speaker(path: Path) -> dict[str, list]:
    """{speaker: [(start, end, words)]} of the 410 source's cues."""
    out: dict = {}
    for speaker, blocks in _source_turns(path):
        out.setdefault(speaker, []).extend((b.start, b.end, words(b.text)) for b in blocks)
    return out


def test_webvtt_round_trip_keeps_times_text_and_voices(vtt_source):
    path, tree = vtt_source
    source = _source_turns(path)
    assert [speaker for speaker, _ in source] == [
        "Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah", "Gilon", "Travis"]
    out = render_timed(tree, "vtt")
    assert out.startswith(b"WEBVTT\n\nu1\n00:00:00.179 --> 00:00:02.399\n<v Travis>When you first")
    # Each turn is divided at its cues' times: the export gives back every cue of
    # the source, its times, its words (a printed label is the voice) and speaker.
    back = list(VttReader().read(out, "back.vtt"))
    cues = [(voice, block) for voice, blocks in source for block in blocks]
    assert len(back) == len(cues) > len(source)
    for cue, (voice, block) in zip(back, cues):
        assert abs(cue.start - block.start) < 0.001 and abs(cue.end - block.end) < 0.001
        assert cue.speaker == voice            # the persName, here the voice the source named
        assert words(cue.text) == words(block.text)
    # The cue identifiers are the utterance ids (u3) then u3.2, u3.3... for its later parts,
    # and each turn's first cue starts where the tables say it does.
    ids = re.findall(rb"^(u\d+)(?:\.\d+)?\n", out, re.M)
    assert list(dict.fromkeys(ids)) == [t[0].encode() for t in _turn_times(tree)]
    starts = dict(re.findall(rb"^(u\d+)\n(\d\d:\d\d:\d\d\.\d{3}) ", out, re.M))
    assert all(abs(_seconds(starts[t[0].encode()]) - t[1]) < 0.001 for t in _turn_times(tree))


def _seconds(stamp: bytes) -> float:
    h, m, s = stamp.decode().split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_srt_round_trip_keeps_times_and_every_printed_word(srt_source):
    path, tree = srt_source
    source = list(SrtReader().read(path.read_bytes(), path.name))
    out = render_timed(tree, "srt")
    back = list(SrtReader().read(out, "back.srt"))
    # Each turn is divided at its cues' times: every cue of the source comes back,
    # with its times and its words, the printed label on the turn's first cue
    # (in the order of their starts: the source has one cue out of order).
    assert len(back) == len(source) > len(_turn_times(tree)) > 100
    for cue, block in zip(back, sorted(source, key=lambda b: b.start)):
        assert abs(cue.start - block.start) < 0.001 and abs(cue.end - block.end) < 0.001
        assert words(cue.text) == words(block.text)
    # Cues are numbered from 1; each turn starts with its printed label.
    assert out.startswith(b"1\n00:00:06,687 --> ")
    assert back[0].text.startswith("Bekah Hawrot Weigel: Hello, and welcome")
    # Converting the export again finds the same speakers.
    again = convert_bytes_srt(out)
    assert [p.findtext("{*}persName") for p in again.iterfind(".//{*}person")] == \
        [p.findtext("{*}persName") for p in tree.iterfind(".//{*}person")]


def convert_bytes_srt(data: bytes):
    from tei_corpus.convert import convert_bytes
    return convert_bytes(data, "back.srt").tree


def test_elan_file_read_by_pympi_has_a_tier_per_speaker(vtt_source, tmp_path):
    pympi = pytest.importorskip("pympi", reason="pympi-ling is in the test extra")
    path, tree = vtt_source
    target = tmp_path / "x.eaf"
    target.write_bytes(render_timed(tree, "eaf"))
    eaf = pympi.Elan.Eaf(str(target))
    assert list(eaf.get_tier_names()) == ["Travis", "Sarah", "Gilon"]
    # One annotation per cue of the source, on its speaker's tier.
    expected = {speaker: [(round(s * 1000), round(e * 1000), w) for s, e, w in cues]
                for speaker, cues in _cues_by_speaker(path).items()}
    for tier in eaf.get_tier_names():
        got = sorted((s, e, words(v)) for s, e, v in eaf.get_annotation_data_for_tier(tier))
        assert got == expected[tier]
        assert eaf.tiers[tier][2]["PARTICIPANT"] == tier
    assert eaf.media_descriptors == []       # the header names no recording


def test_elan_file_names_the_recording(tmp_path):
    pympi = pytest.importorskip("pympi", reason="pympi-ling is in the test extra")
    target = tmp_path / "x.eaf"
    target.write_bytes(render_timed(parse_file(TIMED), "eaf"))
    eaf = pympi.Elan.Eaf(str(target))
    assert [(m["MEDIA_URL"], m["MIME_TYPE"], m["RELATIVE_MEDIA_URL"]) for m in eaf.media_descriptors] \
        == [("tone.wav", "audio/wav", "./tone.wav")]
    assert sorted(eaf.get_tier_names()) == ["Ada Lovelace", "Charles Babbage"]
    assert eaf.get_annotation_data_for_tier("Ada Lovelace") == [
        (1200, 2000, "Yes & gladly."), (3663500, 3665000, "As a loom weaves flowers.")]
    assert eaf.get_annotation_data_for_tier("Charles Babbage")[0] == (
        250, 1200, "Welcome, Ada. Shall we begin <now>?")


def test_textgrid_read_by_praatio_tiles_each_speaker(vtt_source, tmp_path):
    textgrid = pytest.importorskip("praatio.textgrid", reason="praatio is in the formats extra")
    path, tree = vtt_source
    target = tmp_path / "x.TextGrid"
    target.write_bytes(render_timed(tree, "textgrid"))
    grid = textgrid.openTextgrid(str(target), includeEmptyIntervals=True)
    assert list(grid.tierNames) == ["Travis", "Sarah", "Gilon"]
    cues = _cues_by_speaker(path)       # one interval per cue of the source
    for name in grid.tierNames:
        entries = grid.getTier(name).entries
        assert entries[0].start == 0 and entries[-1].end == grid.maxTimestamp
        assert all(a.end == b.start for a, b in zip(entries, entries[1:]))   # tiled, no overlap
        spoken = [(e.start, e.end, e.label) for e in entries if e.label]
        assert spoken == cues[name]


def test_textgrid_of_overlapping_turns_of_one_speaker_keeps_every_word(tmp_path):
    textgrid = pytest.importorskip("praatio.textgrid", reason="praatio is in the formats extra")
    timeline = ('<timeline unit="s" origin="#T0"><when xml:id="T0" absolute="00:00:00"/>'
                + "".join(f'<when xml:id="T{i}" interval="{v}" since="#T0"/>'
                          for i, v in enumerate([1, 10, 2, 3, 4, 12, 11], 1)) + "</timeline>")
    tree = tei(timeline
               + '<u xml:id="a" who="#blinken" start="#T1" end="#T2"><seg>long "one"</seg></u>'
               + '<u xml:id="b" who="#blinken" start="#T3" end="#T4"><seg>inside</seg></u>'
               + '<u xml:id="c" who="#blinken" start="#T5" end="#T6"><seg>past</seg></u>'
               + '<u xml:id="d" who="#press" start="#T7" end="#T6"><seg>other</seg></u>')
    target = tmp_path / "o.TextGrid"
    target.write_bytes(render_timed(tree, "textgrid"))
    grid = textgrid.openTextgrid(str(target), includeEmptyIntervals=False)
    assert [(e.start, e.end, e.label) for e in grid.getTier("Antony J. Blinken").entries] == [
        (1, 10, 'long "one" inside'), (10, 12, "past")]
    assert [(e.start, e.end, e.label) for e in grid.getTier("Questioners from the press").entries] \
        == [(11, 12, "other")]


def test_vtt_and_srt_escape_and_time_a_hand_written_document():
    tree = parse_file(TIMED)
    assert render_timed(tree, "vtt").decode() == (
        "WEBVTT\n\n"
        "u1\n00:00:00.250 --> 00:00:01.200\n<v Charles Babbage>Welcome, Ada.\n"
        "Shall we begin &lt;now&gt;?\n\n"
        "u2\n00:00:01.200 --> 00:00:02.000\n<v Ada Lovelace>Yes &amp; gladly.\n\n"
        "u3\n00:00:02.500 --> 00:00:03.600\n<v Charles Babbage>The engine, then: \"how does it weave\"?\n\n"
        "u5\n01:01:03.500 --> 01:01:05.000\n<v Ada Lovelace>As a loom weaves flowers.\n")
    assert render_timed(tree, "srt").decode().splitlines()[:6] == [
        "1", "00:00:00,250 --> 00:00:01,200", "CHARLES: Welcome, Ada.", "Shall we begin <now>?",
        "", "2"]
    back = list(VttReader().read(render_timed(tree, "vtt"), "t.vtt"))
    assert [(b.speaker, b.text) for b in back][:2] == [
        ("Charles Babbage", "Welcome, Ada.\nShall we begin <now>?"), ("Ada Lovelace", "Yes & gladly.")]


def test_timed_fixture_is_valid_tei_all():
    from tei_corpus.validate.check import validate_file
    assert validate_file(TIMED, schemas=[need_shared(TEI_ALL_RNG)], rules=False) == []


@pytest.mark.parametrize("kind", sorted(TIMED_KINDS))
def test_untimed_document_is_refused_in_one_line(kind):
    with pytest.raises(InputError) as exc:
        render_timed(tei('<u xml:id="u1" who="#blinken"><seg>Hi.</seg></u>'), kind, path="a.xml")
    assert str(exc.value) == (
        f"a.xml:0:0: error: no timed utterance: a {TIMED_KINDS[kind]} edition needs u/@start "
        "and u/@end pointing to a timeline (the source had no times) [untimed]")


def test_cli_writes_timed_kinds_and_refuses_untimed_files(tmp_path):
    from click.testing import CliRunner
    src = tmp_path / "in"
    src.mkdir()
    (src / "timed.xml").write_bytes(TIMED.read_bytes())
    (src / "plain.xml").write_bytes((DATA / "design-example.xml").read_bytes())
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["edition", "vtt,srt,eaf,textgrid", str(src), "-o", str(out)])
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"{src / 'plain.xml'}:0:0: error: no timed utterance: a WebVTT edition needs u/@start "
        "and u/@end pointing to a timeline (the source had no times) [untimed]",
        "1 rendered (4 files written), 1 failed"]
    assert sorted(p.name for p in out.iterdir() if p.name != ".tei-written") == [
        "timed.TextGrid", "timed.eaf", "timed.srt", "timed.vtt"]
    assert etree.parse(str(out / "timed.eaf")).getroot().tag == "ANNOTATION_DOCUMENT"


def test_turns_whose_times_overlap_are_shown_overlapping_not_interrupting():
    """Diarised speech (406): a turn its times alone put over the one before is marked
    "Overlaps" in HTML and is not counted as interrupting in the tables."""
    import csv
    import io

    from conftest import SAMPLES_RAW, need_shared
    from tei_corpus.convert import convert_file
    from tei_corpus.editions import render_html, render_tables
    from lxml import html as lxml_html

    conv = convert_file(need_shared(
        SAMPLES_RAW / "406_diarized-json-fairfax-city-council-work-session-2026-01-06.json"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    overlapping = conv.tree.xpath("//t:u[@trans='overlap'][not(contains(@ana, '#interrupting'))]"
                                  "/@xml:id", namespaces=ns)
    assert len(overlapping) > 10
    page = lxml_html.document_fromstring(render_html(conv.tree))
    marked = [a.get("id") for a in page.xpath("//article[.//span[contains(@class, 'mark-interrupting')]"
                                               "[starts-with(normalize-space(), 'Overlaps')]]")]
    assert marked == overlapping
    rows = list(csv.DictReader(io.StringIO(render_tables(conv.tree)["utterances"]),
                               dialect="excel-tab"))
    assert {r["interrupting"] for r in rows if r["id"] in overlapping} == {"FALSE"}
