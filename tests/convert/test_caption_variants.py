"""Caption files in variants the shared samples do not have: YouTube's rolling automatic
captions (each line shown three times, word times inline). Inputs in
``tests/data/convert/captions/`` (sources in its README)."""
from __future__ import annotations

from pathlib import Path

from convert_helpers import NS, when_seconds
from tei_corpus.convert import convert_file
from tei_corpus.convert.readers import read_blocks
from tei_corpus.editions import render_timed
from tei_corpus.convert.readers import VttReader

CAPTIONS = Path(__file__).resolve().parents[1] / "data" / "convert" / "captions"
YOUTUBE = CAPTIONS / "youtube-auto-captions-lfs-part3-excerpt.vtt"
LINES = ["hi everyone and welcome back to this", "tutorial on building a linux from",
         "scratch system"]


def test_rolling_captions_give_each_line_once_with_its_word_times():
    blocks = read_blocks(YOUTUBE.read_bytes(), YOUTUBE.name)
    assert [(b.text, b.start, b.end) for b in blocks] == [
        (LINES[0], 0.64, 2.31), (LINES[1], 2.32, 3.99), (LINES[2], 4.0, 5.749)]
    # The words are those of the 10 ms cues, where the caption restates each line whole.
    assert [w for b in blocks for w, _, _ in b.words] == " ".join(LINES).split()
    assert [at for _, at, _ in blocks[0].words] == [0.64, 0.88, 1.28, 1.439, 1.76, 1.92, 2.08]


def test_rolling_captions_in_tei_and_back_to_webvtt():
    conv = convert_file(YOUTUBE, word_times=True)
    segs = conv.tree.findall(".//t:body//t:seg", NS)
    assert ["".join(s.itertext()) for s in segs] == LINES
    seconds = when_seconds(conv.tree)
    assert [seconds[a.get("synch")[1:]] for a in segs[1].iterfind("t:anchor", NS)] == [
        2.32, 2.8, 2.96, 3.28, 3.439, 3.84, 3.99]
    back = list(VttReader().read(render_timed(conv.tree, "vtt"), "back.vtt"))
    assert [(c.text, c.start, c.end) for c in back] == [
        (LINES[0], 0.64, 2.31), (LINES[1], 2.32, 3.99), (LINES[2], 4.0, 5.749)]


def test_captions_that_do_not_roll_keep_a_repeated_line():
    data = (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNo.\n\n00:00:02.000 --> 00:00:03.000\n"
            b"No.\n\n00:00:03.000 --> 00:00:04.000\nI said no.\n\n00:00:04.000 --> 00:00:05.000\n"
            b"Fine.\n")
    assert [b.text for b in read_blocks(data, "a.vtt")] == ["No.", "No.", "I said no.", "Fine."]
