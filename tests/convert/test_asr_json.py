"""Cloud recognisers' JSON (Amazon Transcribe, Deepgram): timed words become segments,
a speaker's segments in a row one turn, every word kept, each word's time on request.

The inputs are real responses found in public repositories
(``tests/data/convert/asr/``, sources in its README)."""
from __future__ import annotations

import json
from pathlib import Path

from convert_helpers import NS, when_seconds
from tei_corpus.convert import convert_file
from tei_corpus.convert.readers import read_blocks, speaker_turns
from tei_corpus.validate.check import check_tree

ASR = Path(__file__).resolve().parents[1] / "data" / "convert" / "asr"
AWS = ASR / "aws-transcribe-two-speakers-miel.json"
DEEPGRAM = ASR / "deepgram-nova-3-phone-call-excerpt.json"


def words_of(text: str) -> list[str]:
    return text.split()


def test_aws_transcribe_items_are_sentences_of_their_speakers():
    blocks = read_blocks(AWS.read_bytes(), AWS.name)
    assert [(b.speaker, b.text, b.start, b.end) for b in blocks] == [
        ("spk_0", "Hola.", 0.94, 1.51), ("spk_0", "Qué tal estás?", 1.52, 2.85),
        ("spk_1", "Me gusta la miel.", 3.94, 5.45)]
    assert [w for w, _, _ in blocks[1].words] == ["Qué", "tal", "estás"]
    # Each block's line is where its first word is written in the file.
    lines = AWS.read_text(encoding="utf-8").splitlines()
    assert all(json.dumps(b.words[0][0], ensure_ascii=False) in lines[b.line - 1] for b in blocks)
    transcript = json.loads(AWS.read_bytes())["results"]["transcripts"][0]["transcript"]
    assert " ".join(b.text for b in blocks) == transcript        # no word lost or added


def test_aws_transcribe_in_tei_two_turns_timed_by_their_words():
    conv = convert_file(AWS, word_times=True)
    assert [d for d in check_tree(conv.tree, AWS.name) if d.severity == "error"] == []
    us = conv.tree.findall(".//t:body//t:u", NS)
    assert [u.get("who") for u in us] == ["#spk-0", "#spk-1"]
    seconds = when_seconds(conv.tree)
    points = [seconds[a.get("synch")[1:]] for a in us[1].iter("{*}anchor")]
    assert points == [4.29, 4.71, 4.86]             # gusta, la, miel (Me starts the turn)
    assert "".join(us[1].find("t:seg", NS).itertext()) == "Me gusta la miel."


def test_deepgram_words_by_speaker_are_three_turns():
    blocks = read_blocks(DEEPGRAM.read_bytes(), DEEPGRAM.name)
    turns = speaker_turns(blocks)
    assert [(s, len(bs)) for s, bs in turns] == [("Speaker 0", 5), ("Speaker 1", 2),
                                                 ("Speaker 0", 2)]
    doc = json.loads(DEEPGRAM.read_bytes())["results"]["channels"][0]["alternatives"][0]
    assert words_of(" ".join(b.text for b in blocks)) == words_of(doc["transcript"]) \
        == [w["punctuated_word"] for w in doc["words"]]
    assert (blocks[1].start, blocks[1].end) == (0.79999995, 2.8799999)


def test_deepgram_in_tei_turns_divided_at_sentences():
    conv = convert_file(DEEPGRAM)
    assert [d for d in check_tree(conv.tree, DEEPGRAM.name) if d.severity == "error"] == []
    us = conv.tree.findall(".//t:body//t:u", NS)
    assert [len(u.findall("t:seg", NS)) for u in us] == [5, 2, 2]
    assert [p.findtext("{*}persName") for p in conv.tree.iterfind(".//t:person", NS)] == [
        "Speaker 0", "Speaker 1"]
