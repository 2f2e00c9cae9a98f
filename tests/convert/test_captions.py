"""Caption formats beside WebVTT and SRT: YouTube SBV, TTML/DFXP, SAMI and SubStation
Alpha (.ass/.ssa). Each real file (``tests/data/convert/captions/``, sources and hand
counts in its README) gives its cues with their times, its speakers' labels and turns,
every word, and valid TEI; a broken one gives one error line with its position."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES_RAW, need_shared, sample_text
from convert_helpers import counts, refused_in_one_line, source_tokens, tei_tokens
from tei_corpus.cli import cli
from tei_corpus.convert import convert_file
from tei_corpus.convert.readers import read_blocks, reader_for
from tei_corpus.errors import InputError
from tei_corpus.validate.check import check_tree

CAPTIONS = Path(__file__).resolve().parents[1] / "data" / "convert" / "captions"
ALICE = CAPTIONS / "youtube-help-alice-john-bakery.sbv"
AUTO_SBV = CAPTIONS / "youtube-auto-captions-sbv-converter.sbv"
DFXP = CAPTIONS / "pycaption-nova-einstein.dfxp"
DAPT = CAPTIONS / "w3c-dapt-booker-valley.ttml"
SAMI = CAPTIONS / "pycaption-nova-einstein.smi"
SOUP = CAPTIONS / "pycaption-idaho-reports-unclosed.smi"
ASS = CAPTIONS / "oxideav-round-trip-narrator.ass"
SSA = CAPTIONS / "subtitlekit-hello-world.ssa"

# Read by hand (README.md): cues, whitespace-separated words of the cues' text (labels
# and marks such as ">>" included), the printed labels in order, the labelled turns.
HAND = {
    ALICE: (5, 49, ["ALICE", "JOHN"], 3),
    AUTO_SBV: (6, 58, [], 0),
    DFXP: (7, 50, ["MAN", "MAN 2"], 2),
    DAPT: (1, 5, ["BOOKER"], 1),
    SAMI: (7, 50, ["MAN", "MAN 2"], 2),
    SOUP: (2, 17, [], 0),
    ASS: (2, 7, ["Narrator"], 1),
    SSA: (1, 2, [], 0),
}
FILES = sorted(HAND, key=lambda p: p.name)


def blocks_of(path: Path, data: bytes | None = None):
    return read_blocks(path.read_bytes() if data is None else data, path.name)


def test_every_fixture_is_described_and_counted():
    described = (CAPTIONS / "README.md").read_text(encoding="utf-8")
    assert FILES and all(f"## {p.name}" in described for p in FILES)
    assert all(p.is_file() for p in FILES)


def test_suffixes_choose_the_readers_and_xml_is_not_claimed():
    assert reader_for("a.SBV").suffixes == (".sbv",)
    assert reader_for("b.Ttml").suffixes == reader_for("c.dfxp").suffixes == (".ttml", ".dfxp")
    assert reader_for("d.SMI").suffixes == reader_for("e.sami").suffixes == (".smi", ".sami")
    assert reader_for("f.ASS").suffixes == reader_for("g.ssa").suffixes == (".ass", ".ssa")
    assert reader_for("captions.xml") is None


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_cues_words_labels_and_turns_as_counted_by_hand(path):
    cues, words, labels, turns = HAND[path]
    blocks = blocks_of(path)
    assert len(blocks) == cues
    assert sum(len(b.text.split()) for b in blocks) == words
    assert all(b.start is not None and (b.end is None or b.start <= b.end) for b in blocks)
    conv = convert_file(path)
    c = counts(conv.tree)
    assert (c["labels"], c["turns"]) == (labels, turns)
    assert [d for d in check_tree(conv.tree, path.name) if d.severity == "error"] == []
    src, out = source_tokens(sample_text(path)), tei_tokens(conv.tree)
    assert not src - out and not out - src


# --- SBV ------------------------------------------------------------------------------

def test_sbv_cues_as_written_with_their_times():
    blocks = blocks_of(ALICE)
    assert [(b.line, b.start, b.end) for b in blocks] == [
        (2, 0.599, 4.16), (5, 4.16, 6.77), (8, 6.77, 10.88), (12, 10.88, 16.7),
        (15, 16.7, 21.48)]
    assert blocks[2].text == (">> ALICE: Today we'll be teaching you how to make\n"
                              "our famous chocolate chip cookies!")
    # The text is the file's lines but its timing lines, in order.
    lines = [ln for ln in ALICE.read_text(encoding="utf-8").splitlines()
             if ln and not re.match(r"\d+:\d\d:\d\d\.\d{3},", ln)]
    assert [ln for b in blocks for ln in b.text.split("\n")] == lines
    assert all(b.speaker is None for b in blocks)   # ">> NAME:" is left to the segmenter


def test_sbv_broken_timing_line_gives_line_and_column():
    data = ALICE.read_bytes().replace(b"0:00:04.160,0:00:06.770", b"0:00:04.160,0:0x:06.770")
    with pytest.raises(InputError) as err:
        blocks_of(ALICE, data)
    assert (err.value.line, err.value.col, err.value.code) == (4, 12, "bad-cue-timing")
    assert "expected 'h:mm:ss.mmm,h:mm:ss.mmm'" in str(err.value)
    data = ALICE.read_bytes().replace(b"0:00:10.880,0:00:16.700", b"0:00:16.700,0:00:10.880")
    with pytest.raises(InputError) as err:
        blocks_of(ALICE, data)
    assert (err.value.line, err.value.code) == (11, "bad-time")


# --- TTML / DFXP ----------------------------------------------------------------------

def test_dfxp_paragraphs_line_breaks_spans_and_entities():
    blocks = blocks_of(DFXP)
    assert [(b.start, b.end) for b in blocks][:2] == [(9.209, 12.312), (14.848, 17.0)]
    assert blocks[1].text == "MAN:\nWhen we think\n\u266a ...say bow, wow, \u266a"
    assert blocks[2].text == "we have this vision of Einstein"          # a span is text
    assert blocks[3].text == "as an old, wrinkly man\nwith white hair."  # a leading <br/>
    assert blocks[-1].text == "<LAUGHING & WHOOPS!>"
    assert all(b.speaker is None for b in blocks)


def test_ttml_agent_names_the_speaker_and_times_count_from_the_div():
    [block] = blocks_of(DAPT)
    # ttm:agent="character_2" on the div, named BOOKER in the head; the scene's
    # ttm:desc ("high mountain valley") is metadata, not speech.
    assert (block.text, block.speaker, block.start, block.end) == (
        "Look at this beautiful valley.", "BOOKER", 3.0, 10.0)
    moved = DAPT.read_bytes().replace(b'<p daptm:langSrc="en">',
                                      b'<p begin="1.5s" dur="2500ms" ttm:agent="actor_A">')
    [block] = blocks_of(DAPT, moved)
    assert (block.speaker, block.start, block.end) == ("Matthias Schoenaerts", 4.5, 7.0)


def _dfxp_with(root_params: bytes, begin: bytes, end: bytes) -> bytes:
    data = DFXP.read_bytes().replace(b'<tt xml:lang="en"', b'<tt xml:lang="en" '
                                     b'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
                                     + root_params, 1)
    return data.replace(b'begin="00:00:09.209" end="00:00:12.312"',
                        b'begin="' + begin + b'" ' + end, 1)


@pytest.mark.parametrize("params,begin,end,want", [
    (b'ttp:frameRate="25"', b"00:00:09:06", b'dur="75f"', (9.24, 12.24)),
    (b'ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"', b"30f",
     b'end="00:00:01:30"', (1.001, 2.001)),
    (b'ttp:tickRate="10000000"', b"92090000t", b'end="123120000t"', (9.209, 12.312)),
    (b'ttp:frameRate="25" ttp:subFrameRate="2"', b"100t", b'end="0.01h"', (2.0, 36.0)),
    (b'ttp:frameRate="25" ttp:subFrameRate="2"', b"00:00:02:05.1", b'end="00:00:03:00"',
     (2.22, 3.0)),
    (b"", b"0.25m", b'end="16500ms"', (15.0, 16.5)),
], ids=["frames", "drop-frame-rate", "ticks", "ticks-from-frames", "subframes",
        "minutes-ms"])
def test_ttml_clock_and_offset_times(params, begin, end, want):
    first = blocks_of(DFXP, _dfxp_with(params, begin, end))[0]
    assert (round(first.start, 6), round(first.end, 6)) == want


def test_ttml_bad_time_and_broken_xml_name_their_position():
    with pytest.raises(InputError) as err:                 # ends before it begins
        blocks_of(DFXP, _dfxp_with(b"", b"0.5m", b'end="1500ms"'))
    assert (err.value.line, err.value.code) == (15, "bad-time")
    data = DFXP.read_bytes().replace(b'begin="00:00:17.000"', b'begin="00:00:17.0x0"')
    with pytest.raises(InputError) as err:
        blocks_of(DFXP, data)
    line = data.decode().split("\n")[err.value.line - 1]
    assert (err.value.line, err.value.code) == (23, "bad-time")
    assert line[err.value.col - 1:].startswith('begin="00:00:17.0x0"')
    with pytest.raises(InputError) as err:
        blocks_of(DFXP, DFXP.read_bytes()[:900])
    assert err.value.code == "ttml-invalid" and err.value.line > 1
    assert str(err.value).startswith(f"{DFXP.name}:{err.value.line}:")
    with pytest.raises(InputError) as err:
        read_blocks(b'<?xml version="1.0"?>\n<html><p>hi</p></html>', "page.ttml")
    assert (err.value.code, err.value.line) == ("ttml-invalid", 2)


def test_ttml_entities_are_not_loaded():
    data = DFXP.read_bytes().replace(
        b'<tt xml:lang="en"', b'<!DOCTYPE tt [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<tt xml:lang="en"', 1).replace(b"( clock ticking )", b"&x;")
    with pytest.raises(InputError) as err:
        blocks_of(DFXP, data)
    assert err.value.code == "ttml-invalid"


# --- SAMI -----------------------------------------------------------------------------

def test_sami_syncs_are_cues_and_nbsp_ends_one():
    blocks = blocks_of(SAMI)
    dfxp = blocks_of(DFXP)
    # The same captions as the DFXP sample: same text, same starts.
    assert [b.text for b in blocks] == [b.text for b in dfxp]
    assert [b.start for b in blocks] == [b.start for b in dfxp]
    assert (blocks[0].start, blocks[0].end) == (9.209, 12.312)    # the &nbsp; SYNC ends it
    assert blocks[-1].end is None                                 # nothing ends the last
    assert [b.line for b in blocks] == [18, 22, 27, 30, 35, 40, 44]


def test_sami_unclosed_tags_give_each_sync_its_own_text():
    blocks = blocks_of(SOUP)
    assert [(b.text, b.start, b.end) for b in blocks] == [
        ('>>> PRESENTATION OF "IDAHO\nREPORTS" ON IDAHO PUBLIC', 5.905, 7.073),
        ("TELEVISION IS MADE POSSIBLE\nTHROUGH THE GENEROUS SUPPORT OF", 7.073, None)]


def test_sami_bad_start_and_no_sync():
    data = SAMI.read_bytes().replace(b'<SYNC start="17000">', b'<SYNC start="17s">')
    with pytest.raises(InputError) as err:
        blocks_of(SAMI, data)
    assert (err.value.line, err.value.code) == (27, "bad-time")
    with pytest.raises(InputError) as err:
        read_blocks(b"<SAMI><BODY><P>no sync</P></BODY></SAMI>", "x.smi")
    assert err.value.code == "sami-invalid"


# --- SubStation Alpha ---------------------------------------------------------------

def test_ass_dialogue_lines_name_tags_and_comments():
    blocks = blocks_of(ASS)
    assert [(b.text, b.line, b.speaker, b.start, b.end, b.style) for b in blocks] == [
        ("Welcome, everyone", 26, "Narrator", 1.0, 3.5, frozenset({"bold"})),
        ("On screen sign, with comma", 28, None, 5.0, 9.0, frozenset())]


def test_ass_columns_by_name_drawings_breaks_and_placeholders():
    data = ASS.read_bytes().replace(
        b"Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
        b"Format: Layer, End, Start, Style, Actor, MarginL, MarginR, MarginV, Effect, Text"
    ).replace(b"0:00:01.00,0:00:03.50,Default,Narrator",
              b"0:00:03.50,0:00:01.00,Default,Narrator").replace(
        b"0:00:05.00,0:00:09.00", b"0:00:09.00,0:00:05.00").replace(
        b"}On screen sign", b"\\p1}m 0 0 l 100 0 100 100{\\p0}On\\hscreen\\Nsign")
    blocks = blocks_of(ASS, data)
    assert [(b.text, b.speaker, b.start, b.end) for b in blocks] == [
        ("Welcome, everyone", "Narrator", 1.0, 3.5),
        ("On\u00a0screen\nsign, with comma", None, 5.0, 9.0)]
    [ssa] = blocks_of(SSA)
    assert (ssa.text, ssa.speaker, ssa.start, ssa.end) == ("Hello\nWorld", None, 1.0, 2.5)


def test_ass_bad_time_and_missing_sections():
    data = ASS.read_bytes().replace(b"0:00:05.00,0:00:09.00", b"0:00:05.00,0:00:9x")
    with pytest.raises(InputError) as err:
        blocks_of(ASS, data)
    line = data.decode("utf-8-sig").split("\n")[err.value.line - 1]
    assert (err.value.line, err.value.code) == (28, "bad-cue-timing")
    assert line[err.value.col - 1:].startswith("0:00:9x,")
    with pytest.raises(InputError) as err:
        blocks_of(ASS, ASS.read_bytes().replace(b"[Events]", b"[Other]"))
    assert err.value.code == "ssa-invalid"
    with pytest.raises(InputError) as err:
        blocks_of(ASS, ASS.read_bytes().replace(b"Format: Layer, Start,",
                                                b"Formats: Layer, Start,"))
    assert (err.value.line, err.value.code) == (26, "ssa-invalid")


# --- the command line ---------------------------------------------------------------

BROKEN = [
    (ALICE, b"0:00:04.160,0:00:06.770", b"0:00:04.160 0:00:06.770", "bad-cue-timing", 4),
    (DFXP, b'end="00:00:18.752"', b'end="18:752"', "bad-time", 23),
    (SAMI, b'<SYNC start="20887">', b'<SYNC start="">', "bad-time", 35),
    (ASS, b"0:00:01.00,0:00:03.50", b"0:00:01.00,3.50", "bad-cue-timing", 26),
]


@pytest.mark.parametrize("path,old,new,code,line", BROKEN, ids=[b[0].suffix for b in BROKEN])
def test_broken_caption_file_is_one_line_exit_1_nothing_written(tmp_path, path, old, new,
                                                                code, line):
    src = tmp_path / path.name
    data = path.read_bytes()
    assert old in data
    src.write_bytes(data.replace(old, new, 1))
    refused_in_one_line(src, tmp_path / "out", rf"{line}:\d+: error: [^\n]+ \[{code}\]")


def test_folder_of_captions_converts_every_new_suffix(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    # the DFXP and SAMI files share a stem: each gets its suffix in its name
    names = [f"{p.stem}-{p.suffix[1:]}{p.suffix}" for p in FILES]
    for path, name in zip(FILES, names):
        (src / name).write_bytes(path.read_bytes())
    out = tmp_path / "tei"
    res = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out), "-q"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    assert sorted(p.stem for p in out.glob("*.xml")) == sorted(Path(n).stem for n in names)



def test_a_captions_words_in_capitals_with_no_delimiter_are_no_label():
    from tei_corpus.convert.labels import LabelMatch
    from tei_corpus.convert.segment import _undelimited_capitals
    assert _undelimited_capitals([LabelMatch("WILL COME TO", "WILL COME TO", "", "caps-line")])
    assert _undelimited_capitals([LabelMatch("PRESIDENT", "PRESIDENT", "Bas?", "q-bare")])
    assert _undelimited_capitals([LabelMatch("THE TIME IS", "THE TIME IS 9:31", "A.M.", "label-time")])
    assert not _undelimited_capitals([LabelMatch("MADAM PRESIDENT", "MADAM PRESIDENT:", "that was", "caps")])
    assert not _undelimited_capitals([LabelMatch("A", "A", "present.", "q-bare")])


def test_a_transcript_saved_with_a_caption_name_is_read_as_text_and_said_so(tmp_path):
    """A plain transcript saved as .srt (a download renamed, an export misnamed) holds no cue
    timing line at all: it is converted as the text it is, with a warning, not refused."""
    raw = need_shared(SAMPLES_RAW) / "009_au-pm-howard-doorstop-ryde-2006.txt"
    misnamed = tmp_path / "doorstop.srt"
    misnamed.write_bytes(raw.read_bytes())
    as_text, as_srt = convert_file(raw), convert_file(misnamed)
    assert counts(as_srt.tree) == counts(as_text.tree) and counts(as_srt.tree)["turns"] > 0
    assert as_srt.report.warnings[0] == "the .srt file holds no cue timing line: read as plain text"
    assert not any("cue timing" in w for w in as_text.report.warnings)
    assert read_blocks(misnamed.read_bytes(), str(misnamed)) is None
