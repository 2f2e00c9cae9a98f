"""Time in the TEI: printed timestamps, timed formats written by their own libraries,
second recordings, offsets, the recording in the header, and the speaker registry on
diarisation labels.

The printed-timestamp inputs are real: the shared samples (Otter, Rev-style, podcast
exports) and ``tests/data/convert/time/`` (sources in its README)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import SAMPLES_RAW, need_shared
from convert_helpers import NS, XML_ID, cue_spans, source_tokens, text_tokens, when_seconds
from tei_corpus.cli import cli
from tei_corpus.convert import Recording, convert_bytes, convert_file, find_media, parse_offset
from tei_corpus.convert.readers import read_blocks
from tei_corpus.editions import render_text
from tei_corpus.errors import ConfigError
from tei_corpus.validate.xsd import project_schema

TIME_DATA = Path(__file__).resolve().parents[1] / "data" / "convert" / "time"
LEMAY = TIME_DATA / "matt-lemay-excerpt.md"
#: Shared samples whose times are printed in the text (label-time, bold after a time,
#: Rev-style "Name (00:03):", inline "\[04:03\]").
PRINTED = ["401_otter-export-research-interview-data-ensembles-P9.txt",
           "413_podcast-bold-label-timestamp-bookbytes-020.txt",
           "414_podcast-rev-style-name-timestamp-labels-lenny-interview-compilation.md",
           "007_changelog-podcast-594-russinovich.txt"]
S406 = "406_diarized-json-fairfax-city-council-work-session-2026-01-06.json"
_STAMP = re.compile(r"[\[(]?((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?)[\])]?")


def printed_seconds(text: str) -> float:
    parts = _STAMP.fullmatch(text.strip()).group(1).replace(",", ".").split(":")
    return sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)


def check_printed_times(tree, base: float = 0.0) -> dict:
    """Every time printed with a label starts its turn, every time inside one is an anchor
    just before the printed mark, the marks stay verbatim, and times never go back.

    Returns counts of what was checked.
    """
    when = when_seconds(tree)
    div = tree.getroot().find(".//t:body/t:div[@type='transcript']", NS)
    starts = anchors = unplaced = 0
    order = []
    for el in div.iter("{*}u", "{*}anchor"):
        name = etree.QName(el).localname
        if name == "u":
            assert el.get("end") is None           # printed times give no ends
            note = el.getprevious()
            stamp = note.find("t:time", NS) if note is not None and note.get("type") == "speaker" else None
            if stamp is not None and el.get("start") is None:
                unplaced += 1                       # out of order: reported, see the callers
            elif stamp is not None:
                assert abs(when[el.get("start")[1:]] - printed_seconds(stamp.text) - base) < 0.001
                starts += 1
            if el.get("start"):
                order.append(when[el.get("start")[1:]])
        else:
            mark = el.getnext()
            assert mark is not None and etree.QName(mark).localname == "time"
            assert abs(when[el.get("synch")[1:]] - printed_seconds(mark.text) - base) < 0.001
            order.append(when[el.get("synch")[1:]])
            anchors += 1
    assert order == sorted(order)
    return {"starts": starts, "anchors": anchors, "unplaced": unplaced}


def same_words_as_source(tree, raw: str) -> None:
    """The diplomatic text edition (with the matter around the transcript) has the source's words."""
    text = render_text(tree, boilerplate=True)
    src, out = source_tokens(raw), text_tokens(text)
    assert not src - out and not out - src, (list((src - out).items())[:10],
                                             list((out - src).items())[:10])


# --- printed timestamps ------------------------------------------------------------

def test_rev_style_excerpt_turns_start_at_their_printed_times(tei_all):
    conv = convert_file(LEMAY)
    tree = conv.tree
    seen = check_printed_times(tree)
    assert seen == {"starts": 10, "anchors": 3, "unplaced": 0}   # 10 labels; (00:00:33), (00:01:12), (00:01:20)
    u5 = [u for u in tree.iterfind(".//t:u", NS) if u.get(XML_ID) == "u5"][0]
    assert etree.tostring(u5[1], encoding="unicode").startswith(
        '<seg xmlns="http://www.tei-c.org/ns/1.0"><anchor synch="#T5"/><time>(00:00:33)</time>: It starts')
    assert conv.report.times[0].startswith("13 printed times on the timeline")
    rec = tree.find(".//t:sourceDesc/t:recordingStmt/t:recording", NS)
    assert rec.get("type") == "audio" and rec.get(XML_ID) == "rec" and len(rec) == 0
    assert tree.find(".//t:timeline", NS).get("corresp") == "#rec"
    assert tei_all.validate(tree), str(tei_all.error_log)[:1000]
    assert project_schema().validate(tree, "lemay.xml", fast=False) == []
    same_words_as_source(tree, LEMAY.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", PRINTED)
def test_printed_timestamps_of_the_samples_are_on_the_timeline(name):
    path = need_shared(SAMPLES_RAW / name)
    conv = convert_file(path)
    seen = check_printed_times(conv.tree)
    assert seen["starts"] + seen["anchors"] >= 10, seen
    assert not any("start again" in line for line in conv.report.times)
    # a time printed before the one above it (overlapping speech in 413) stays text, and says so
    slips = [w for w in conv.report.warnings if "printed earlier: kept as printed" in w]
    assert len(slips) == seen["unplaced"]
    same_words_as_source(conv.tree, path.read_text(encoding="utf-8-sig"))


def test_bare_time_opening_a_paragraph_is_a_point_when_labels_print_times():
    path = need_shared(SAMPLES_RAW / PRINTED[1])      # "0:01:10.4 What's really awesome..."
    tree = convert_file(path).tree
    marks = [a.getnext().text for a in tree.iterfind(".//t:anchor", NS)]
    assert "0:01:10.4" in marks and "0:30:13.2" in marks


def test_a_second_recording_starting_again_at_zero_is_continued():
    raw = LEMAY.read_bytes()
    body = raw.split(b"## Transcript\n", 1)[1]
    conv = convert_bytes(raw + b"\n" + body, "two-tapes.md")
    tree = conv.tree
    us = list(tree.iterfind(".//t:u", NS))
    assert len(us) == 20
    when = when_seconds(tree)
    # the second tape's 00:00:00 comes after the first one's last time, 00:01:20
    assert when[us[10].get("start")[1:]] == 80 and when[us[11].get("start")[1:]] == 91
    assert any(line.startswith("printed times start again at line ") and "(00:00:00) after 0:01:20"
               in line and "continued from 0:01:20" in line for line in conv.report.times)
    starts = [when[u.get("start")[1:]] for u in us]
    assert starts == sorted(starts)


def test_a_printed_time_out_of_order_is_kept_as_printed_and_not_placed():
    raw = LEMAY.read_bytes().replace(b"Lenny Rachitsky (00:00:24):", b"Lenny Rachitsky (00:00:09):")
    conv = convert_bytes(raw, "slip.md")
    u4 = [u for u in conv.tree.iterfind(".//t:u", NS) if u.get(XML_ID) == "u4"][0]
    assert u4.get("start") is None
    assert u4.getprevious().find("t:time", NS).text == "(00:00:09)"
    assert conv.report.warnings == [
        "line 47: printed time (00:00:09) comes before 0:00:15 printed earlier: "
        "kept as printed, not on the timeline"]


# --- timed formats, written by their own libraries from a real diarised file --------

def _turns_406() -> list[dict]:
    return json.loads(need_shared(SAMPLES_RAW / S406).read_bytes())["turns"]


def _check_format_times(path: Path) -> None:
    tree = convert_file(path).tree
    when = when_seconds(tree)
    blocks = [b for b in read_blocks(path.read_bytes(), str(path)) if b.text.strip()]
    spans = cue_spans(tree, blocks)
    assert len(spans) > 10
    for u, start, end in spans:
        assert abs(when[u.get("start")[1:]] - start) < 0.001
        assert abs(when[u.get("end")[1:]] - end) < 0.001


def test_elan_file_turns_point_to_their_cues_times(tmp_path):
    pympi = pytest.importorskip("pympi", reason="pympi-ling is in the 'test' extra")
    turns = _turns_406()
    eaf = pympi.Elan.Eaf()
    for label in dict.fromkeys(t["speaker_public"] for t in turns):
        eaf.add_tier(f"tier-{label}", part=label)
    eaf.remove_tier("default")
    for t in turns:
        eaf.add_annotation(f"tier-{t['speaker_public']}", round(t["start"] * 1000),
                           round(t["end"] * 1000), t["text"])
    eaf.to_file(str(tmp_path / "session.eaf"))
    _check_format_times(tmp_path / "session.eaf")


def test_textgrid_turns_point_to_their_cues_times(tmp_path):
    pytest.importorskip("praatio", reason="praatio is in the 'formats' extra")
    from praatio import textgrid
    from praatio.data_classes.interval_tier import IntervalTier

    turns = _turns_406()
    tg = textgrid.Textgrid()
    for label in dict.fromkeys(t["speaker_public"] for t in turns):
        tg.addTier(IntervalTier(label, [(t["start"], t["end"], t["text"]) for t in turns
                                        if t["speaker_public"] == label], 0, turns[-1]["end"]))
    tg.save(str(tmp_path / "session.TextGrid"), format="short_textgrid", includeBlankSpaces=True)
    _check_format_times(tmp_path / "session.TextGrid")


# --- offsets ---------------------------------------------------------------------

def test_time_offset_is_added_to_every_time():
    plain, shifted = convert_file(LEMAY), convert_file(LEMAY, time_offset=3600.0)
    a, b = when_seconds(plain.tree), when_seconds(shifted.tree)
    assert sorted(b.values())[1:] == [v + 3600 for v in sorted(a.values())]
    assert "offset 3600 s (1:00:00) added to every time" in shifted.report.times
    check_printed_times(shifted.tree, base=3600)


def test_time_offset_of_a_timed_format(tmp_path):
    path = need_shared(SAMPLES_RAW / "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt")
    a = when_seconds(convert_file(path).tree)
    b = when_seconds(convert_file(path, time_offset=90.5).tree)
    assert sorted(b.values())[1:] == pytest.approx([v + 90.5 for v in sorted(a.values())[1:]])


@pytest.mark.parametrize("value,seconds", [("90", 90), ("90.5", 90.5), ("1:30", 90),
                                           ("01:00:00", 3600), ("0", 0)])
def test_parse_offset(value, seconds):
    assert parse_offset(value) == seconds


@pytest.mark.parametrize("value", ["-3", "soon", "1:xx", "nan", "inf", ""])
def test_parse_offset_refuses(value):
    with pytest.raises(ConfigError):
        parse_offset(value)


# --- the recording ------------------------------------------------------------------

def test_media_next_to_the_source_is_found_and_linked_from_the_output(tmp_path):
    src = tmp_path / "raw" / "tape.srt"
    src.parent.mkdir()
    shutil.copy(need_shared(SAMPLES_RAW / "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt"), src)
    assert find_media(src, None, tmp_path / "out" / "tape.xml") == (None, "")
    (tmp_path / "raw" / "tape.WAV").write_bytes(b"RIFF")
    found, warning = find_media(src, None, tmp_path / "out" / "tape.xml")
    assert found == Recording("audio", "../raw/tape.WAV", "audio/wav") and warning == ""
    assert find_media(src, "https://ex.org/av/{stem}.mp4")[0] == \
        Recording("video", "https://ex.org/av/tape.mp4", "video/mp4")
    found, warning = find_media(src, "media dir/{path}.ogg", None, "sub/tape.srt")
    assert found == Recording("audio", "media%20dir/sub/tape.ogg", "audio/ogg")
    assert warning == "the media file media dir/sub/tape.ogg does not exist (linked anyway)"
    with pytest.raises(ConfigError):
        find_media(src, "https://www.youtube.com/watch?v=ts9ZvlkeWGs")


def test_cli_convert_time_offset_and_media(tmp_path):
    out = tmp_path / "tape2.xml"
    result = run("convert", LEMAY, "--time-offset", "01:00:00", "--media",
                 "https://archive.example.org/lemay.mp4", "-o", out)
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(out))
    media = tree.find(".//t:recordingStmt/t:recording/t:media", NS)
    assert media.getparent().get("type") == "video"
    assert (media.get("mimeType"), media.get("url")) == ("video/mp4", "https://archive.example.org/lemay.mp4")
    assert min(v for k, v in when_seconds(tree).items() if k != "T0") == 3600
    assert "  recording: https://archive.example.org/lemay.mp4" in result.stderr.splitlines()


@pytest.mark.parametrize("args,message", [
    (["--time-offset", "-5"], "Invalid value for '--time-offset': '-5' is not a number of seconds or HH:MM:SS (0 or more)"),
    (["--media", "talk.doc"], "Invalid value for '--media': cannot tell the media type from its name"),
])
def test_cli_refuses_bad_time_options(args, message):
    result = run("convert", LEMAY, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: " + message)


def test_cli_convert_one_media_for_several_inputs_is_refused(tmp_path):
    result = run("convert", TIME_DATA, LEMAY, "--media", "a.mp3", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "--media names one recording" in result.stderr


def test_build_links_each_recording_and_redoes_a_file_whose_recording_appears(tmp_path):
    raw = tmp_path / "raw"
    (raw / "2025").mkdir(parents=True)
    shutil.copy(LEMAY, raw / "2025" / "lemay.md")
    shutil.copy(need_shared(SAMPLES_RAW / "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt"),
                raw / "coffee.srt")
    (raw / "coffee.mp3").write_bytes(b"ID3")
    out = tmp_path / "out"
    assert run("build", raw, "-o", out, "--editions", "none", "-q").exit_code == 0
    coffee = etree.parse(str(out / "coffee.xml"))
    assert coffee.find(".//t:media", NS).get("url") == "../raw/coffee.mp3"
    lemay = etree.parse(str(out / "2025" / "lemay.xml"))
    assert lemay.find(".//t:media", NS) is None and lemay.find(".//t:recording", NS) is not None
    (raw / "2025" / "lemay.m4a").write_bytes(b"")
    result = run("build", raw, "-o", out, "--editions", "none")
    assert result.stderr.splitlines()[-1].startswith("1 converted, 0 updated, 1 skipped")
    lemay = etree.parse(str(out / "2025" / "lemay.xml"))
    assert lemay.find(".//t:media", NS).get("url") == "../../raw/2025/lemay.m4a"
    result = run("build", raw, "-o", out, "--editions", "none", "-q",
                 "--media", "https://ex.org/{path}.mp4")
    assert result.exit_code == 0
    assert etree.parse(str(out / "2025" / "lemay.xml")).find(".//t:media", NS).get("url") == \
        "https://ex.org/2025/lemay.mp4"


# --- the speaker registry on diarisation labels --------------------------------------

def test_registry_maps_diarisation_labels_of_a_timed_file(tmp_path):
    path = need_shared(SAMPLES_RAW / S406)
    registry = tmp_path / "people.csv"
    registry.write_text("label,id,name,role,role_title\n"
                        "Mayor Catherine Read,read,Catherine Read,moderator,Mayor\n"
                        "SPEAKER_00|SPEAKER_08,staff-a,Unidentified staff member,principal,\n",
                        encoding="utf-8")
    from tei_corpus.convert import load_registry

    conv = convert_file(path, people=load_registry(registry))
    tree = conv.tree
    persons = {p.get(XML_ID): p for p in tree.iterfind(".//t:listPerson/t:person", NS)}
    assert persons["read"].findtext("t:persName", namespaces=NS) == "Catherine Read"
    assert persons["read"].get("role") == "moderator"
    labels = {t["speaker_public"] for t in _turns_406()}
    assert {"SPEAKER_00", "SPEAKER_08"} <= labels
    by_label = {}
    for u in tree.iterfind(".//t:u", NS):
        by_label.setdefault("".join(u.getprevious().itertext()), set()).add(u.get("who"))
    assert by_label["SPEAKER_00"] == by_label["SPEAKER_08"] == {"#staff-a"}
    assert by_label["Mayor Catherine Read"] == {"#read"}
    assert not {"speaker-00", "speaker-08"} & set(persons)   # mapped: not derived from the label
    when = when_seconds(tree)
    assert all(u.get("start")[1:] in when and u.get("end")[1:] in when
               for u in tree.iterfind(".//t:u", NS) if u.get("who") == "#staff-a")
    assert any("taken from the speaker registry" in g for g in conv.report.guessed)


def test_time_options_in_help_and_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for cmd in ("convert", "build"):
        result = run(cmd, "--help")
        assert "--time-offset SECONDS|HH:MM:SS" in result.stdout and "--media" in result.stdout
        section = readme.split(f"### tei {cmd}", 1)[1].split("\n### ", 1)[0]
        assert "[--time-offset SECONDS|HH:MM:SS]" in section and "[--media " in section
