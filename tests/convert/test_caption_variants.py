"""Caption files in variants the shared samples do not have: YouTube's rolling automatic
captions (each line shown three times, word times inline), in
``tests/data/convert/captions/`` (sources in its README); and the SRT sample 411 with its
printed names replaced at test time by bracketed diarisation labels."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from convert_helpers import NS, when_seconds
from tei_corpus.convert import convert_bytes, convert_file
from tei_corpus.convert.readers import VttReader, read_blocks
from tei_corpus.editions import render_timed

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


S411 = "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt"


def _diarised_411(shape: str) -> tuple[bytes, int, list]:
    """The 411 sample with its printed names replaced by diarisation labels in ``shape``
    ("[SPEAKER_00]: ", "[SPEAKER_00] " or "[SPEAKER_00]\\n", as WhisperX-style tools print
    them); returns the bytes, the turns of the original and its speakers' ids."""
    from conftest import SAMPLES_RAW, need_shared

    path = need_shared(SAMPLES_RAW / S411)
    original = convert_file(path).tree
    text = path.read_text(encoding="utf-8")
    ids = [p.get("{http://www.w3.org/XML/1998/namespace}id")
           for p in original.iterfind(".//t:person", NS)]
    printed = {}                # each label as printed -> its speaker's diarisation number
    for u in original.iterfind(".//t:body//t:u", NS):
        note = u.getprevious()
        if note is not None and note.get("type") == "speaker":
            printed[note.text.rstrip(":")] = ids.index(u.get("who")[1:])
    for label, k in sorted(printed.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?m)^{re.escape(label)}: ", shape.replace("00", f"{k:02d}"), text)
    turns = len(original.findall(".//t:body//t:u", NS))
    return text.encode("utf-8"), turns, [f"SPEAKER_{k:02d}" for k in range(len(ids))]


@pytest.mark.parametrize("shape", ["[SPEAKER_00]: ", "[SPEAKER_00] ", "[SPEAKER_00]\n"])
def test_srt_with_bracketed_diarisation_labels_keeps_the_turns(shape):
    data, turns, speakers = _diarised_411(shape)
    assert data.count(b"[SPEAKER_") > 100
    conv = convert_bytes(data, "diarised.srt")
    assert len(conv.tree.findall(".//t:body//t:u", NS)) == turns
    assert [p.findtext("{*}persName") for p in conv.tree.iterfind(".//t:person", NS)] == speakers
    speech = conv.tree.xpath("//t:body//t:seg//text()[not(ancestor::t:note)]", namespaces=NS)
    assert speech and not any("[SPEAKER_" in t for t in speech)    # labels are not speech
