"""``tei build --editions`` writes the timed editions (captions, ELAN, Praat) of the
timed transcripts of a corpus, and none for an untimed one."""
from __future__ import annotations

import shutil

from conftest import SAMPLES_RAW, need_shared
from tei_corpus.convert.readers import read_blocks
from tei_corpus.corpus import BuildOptions, build
from tei_corpus.xmlio import parse_file

VTT = "410_webvtt-voice-tags-buzzsprout-podcasting-qa-bonus.vtt"
UNTIMED = "009_au-pm-howard-doorstop-ryde-2006.txt"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def test_a_build_writes_timed_editions_of_timed_documents_only(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (VTT, UNTIMED):
        shutil.copy(need_shared(SAMPLES_RAW / name), raw / name)
    out = tmp_path / "out"
    summary, _ = build(raw, out, BuildOptions(kinds=("html", "vtt", "srt", "eaf", "textgrid")))
    assert summary.failed == 0 and summary.documents == 2
    stem = VTT.rsplit(".", 1)[0]
    for kind, suffix in (("vtt", "vtt"), ("srt", "srt"), ("eaf", "eaf"), ("textgrid", "TextGrid")):
        assert sorted(p.name for p in (out / "editions" / kind).iterdir()) == [f"{stem}.{suffix}"]
    # The captions written are the source's cues again, fewer turns than cues (a
    # speaker's cues in a row are one turn, each cue a timed part of it).
    turns = parse_file(out / f"{stem}.xml").xpath("//t:u[@start][@end]", namespaces=NS)
    vtt = out / "editions" / "vtt" / f"{stem}.vtt"
    cues = list(read_blocks(vtt.read_bytes(), vtt.name))
    source = list(read_blocks((raw / VTT).read_bytes(), VTT))
    assert [(c.start, c.end) for c in cues] == [(c.start, c.end) for c in source]
    assert len(cues) > len(turns) > 5
    # A second build with nothing changed writes nothing again.
    again, _ = build(raw, out, BuildOptions(kinds=("html", "vtt", "srt", "eaf", "textgrid")))
    assert again.converted == 0 and again.failed == 0
