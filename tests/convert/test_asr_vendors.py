"""More cloud recognisers' JSON (AssemblyAI, Rev.ai, Speechmatics, Google Cloud
Speech-to-Text, IBM Watson, Azure batch transcription): each told apart by its keys,
its times in seconds whatever unit it counts in, its speakers labelled (a number as
``Speaker N``, a name as printed), every word once, punctuation as it prints it.

The inputs are real results found in public repositories (``tests/data/convert/asr/``,
sources and hand counts in its README); a few tests change one value of a real file to
show what that value decides.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from conftest import sample_text
from convert_helpers import NS, counts, refused_in_one_line, source_tokens, tei_tokens, when_seconds
from tei_corpus.convert import convert_file
from tei_corpus.convert.readers import read_blocks, speaker_turns
from tei_corpus.errors import InputError
from tei_corpus.validate.check import check_tree

ASR = Path(__file__).resolve().parents[1] / "data" / "convert" / "asr"
AAI = ASR / "assemblyai-utterances-quick-brown-fox.json"
AAI_WORDS = ASR / "assemblyai-no-utterances-calvin.json"
REV = ASR / "revai-sdk-transcript-excerpt.json"
SM = ASR / "speechmatics-two-speakers.json"
SM_ENTITY = ASR / "speechmatics-entity-money.json"
GOOGLE = ASR / "google-gcloud-recognize-word-offsets.json"
GOOGLE_OP = ASR / "google-longrunning-operation-test16000.json"
WATSON = ASR / "watson-speaker-labels-design.json"
AZURE = ASR / "azure-batch-diarized-drivers-license.json"
AZURE_DOCS = ASR / "azure-batch-hello-world-docs.json"


def blocks_of(path: Path, data: bytes | None = None) -> list:
    return read_blocks(path.read_bytes() if data is None else data, path.name)


def doc_of(path: Path) -> dict:
    return json.loads(path.read_bytes())


def as_bytes(doc: dict) -> bytes:
    return json.dumps(doc, indent=2).encode("utf-8")


def summary(blocks) -> list[tuple]:
    return [(b.speaker, b.text, b.start, b.end) for b in blocks]


# --- AssemblyAI --------------------------------------------------------------------------

def test_assemblyai_utterance_is_a_segment_in_seconds_not_milliseconds():
    blocks = blocks_of(AAI)
    assert summary(blocks) == [("A", "Quick brown Fox jumped over the fence.", 2.241, 6.141)]
    assert blocks[0].words[0] == ("Quick", 2.61, 2.97)
    assert [w for w, _, _ in blocks[0].words] == blocks[0].text.split()
    # Its line is the utterance's, not the top-level text's (the same words, earlier).
    lines = AAI.read_text(encoding="utf-8").splitlines()
    assert lines[blocks[0].line - 1].strip().startswith('"text": "Quick')
    assert blocks[0].line > next(i for i, ln in enumerate(lines, 1) if '"utterances"' in ln)


def test_generic_utterances_keep_seconds():
    """The same utterances without AssemblyAI's top-level words and text are a generic
    list of records: their numbers are seconds."""
    doc = doc_of(AAI)
    generic = {"utterances": [{k: u[k] for k in ("speaker", "start", "end", "text")}
                              for u in doc["utterances"]]}
    assert summary(blocks_of(AAI, as_bytes(generic))) == [
        ("A", "Quick brown Fox jumped over the fence.", 2241.0, 6141.0)]


def test_assemblyai_without_utterances_reads_its_words_as_sentences():
    doc = doc_of(AAI_WORDS)
    assert doc["utterances"] is None
    blocks = blocks_of(AAI_WORDS)
    assert summary(blocks) == [(None, "This is an assembly AI test.", 1.437, 3.682),
                               (None, "My name is Calvin.", 3.835, 4.887)]
    assert " ".join(b.text for b in blocks) == doc["text"]


def test_assemblyai_without_words_reads_its_text():
    doc = doc_of(AAI_WORDS)
    doc["words"] = None
    assert summary(blocks_of(AAI_WORDS, as_bytes(doc))) == [(None, doc["text"], None, None)]


# --- Rev.ai ------------------------------------------------------------------------------

def test_revai_elements_joined_as_printed_speaker_numbered():
    doc = doc_of(REV)
    blocks = blocks_of(REV)
    printed = "".join(e["value"] for e in doc["monologues"][0]["elements"])
    assert " ".join(b.text for b in blocks) == printed
    assert [b.text for b in blocks] == [
        "Hi, my name's Jack resinger.",
        "And I'm gonna be talking about how to recruit a co-founder and a team for your startup."]
    assert {b.speaker for b in blocks} == {"Speaker 0"}
    assert [(b.start, b.end) for b in blocks] == [(0.3, 1.6), (1.66, 5.76)]
    assert sum(len(b.words) for b in blocks) == sum(e["type"] == "text" for e in
                                                    doc["monologues"][0]["elements"])


def test_revai_speaker_name_is_the_label():
    doc = doc_of(REV)
    doc["monologues"][0]["speaker_name"] = "Jack Resinger"
    assert {b.speaker for b in blocks_of(REV, as_bytes(doc))} == {"Jack Resinger"}


# --- Speechmatics ------------------------------------------------------------------------

def test_speechmatics_words_by_speaker_punctuation_attached():
    blocks = blocks_of(SM)
    assert summary(blocks) == [("S1", "That's amazing.", 0.029999999329447746, 2.0399999618530273),
                               ("S2", "I know", 3.0, 3.2)]
    assert " ".join(b.text for b in blocks) == doc_of(SM)["metadata"]["transcript"]


def test_speechmatics_entity_is_its_written_form_once():
    blocks = blocks_of(SM_ENTITY)
    assert [b.text for b in blocks] == ["$2.05."]
    assert blocks[0].text == doc_of(SM_ENTITY)["metadata"]["transcript"].strip()


def test_speechmatics_unknown_speaker_is_no_speaker():
    doc = doc_of(SM)
    for r in doc["results"]:
        r["alternatives"][0]["speaker"] = "UU"
    blocks = blocks_of(SM, as_bytes(doc))
    assert [b.speaker for b in blocks] == [None, None]
    assert " ".join(b.text for b in blocks) == "That's amazing. I know"


# --- Google Cloud Speech-to-Text ----------------------------------------------------------

def test_google_results_words_with_duration_strings():
    blocks = blocks_of(GOOGLE)
    assert summary(blocks) == [(None, "hey let's go inside.", 5.9, 9.1),
                               (None, "Sew-in side part closure", 24.8, 26.1)]
    transcripts = [r["alternatives"][0]["transcript"].strip() for r in doc_of(GOOGLE)["results"]]
    assert [b.text for b in blocks] == transcripts
    # A result without alternatives (Google's silence at the end of the audio) adds nothing.
    doc = doc_of(GOOGLE)
    doc["results"].append({"resultEndTime": "27s"})
    assert summary(blocks_of(GOOGLE, as_bytes(doc))) == summary(blocks)


def test_google_operation_response_reads_the_best_alternative_only():
    doc = doc_of(GOOGLE_OP)
    best = doc["response"]["results"][0]["alternatives"][0]
    blocks = blocks_of(GOOGLE_OP)
    assert [b.text for b in blocks] == [best["transcript"]]
    assert [w for b in blocks for w, _, _ in b.words] == [w["word"] for w in best["words"]]
    assert (blocks[0].start, blocks[0].end) == (2.8, 12.3)


def diarised_google() -> dict:
    """The gcloud result as Google writes it with diarisation: the results as they were,
    their words tagged 0 (none assigned), then one more result holding every word again,
    the first result's tagged 1 and the second's 2, in protobuf's seconds/nanos form."""
    doc = doc_of(GOOGLE)
    final = []
    for tag, result in enumerate(doc["results"], 1):
        for w in result["alternatives"][0]["words"]:
            w["speakerTag"] = 0
            tagged = copy.deepcopy(w)
            for key in ("startTime", "endTime"):
                seconds = float(w[key].rstrip("s"))
                tagged[key] = {"seconds": str(int(seconds)),
                               "nanos": round((seconds - int(seconds)) * 1e9)}
            tagged["speakerTag"] = tag
            final.append(tagged)
    doc["results"].append({"alternatives": [{"transcript": "", "words": final}]})
    return doc


def test_google_diarised_last_result_alone_no_word_twice():
    blocks = blocks_of(GOOGLE, as_bytes(diarised_google()))
    assert summary(blocks) == [("Speaker 1", "hey let's go inside.", 5.9, 9.1),
                               ("Speaker 2", "Sew-in side part closure", 24.8, 26.1)]
    assert sum(len(b.words) for b in blocks) == 8


# --- IBM Watson ----------------------------------------------------------------------------

def test_watson_timestamps_take_their_speaker_labels():
    blocks = blocks_of(WATSON)
    turns = speaker_turns(blocks)
    assert [(s, [b.text for b in bs]) for s, bs in turns] == [
        ("Speaker 0", ["design %HESITATION"]), ("Speaker 1", ["%HESITATION swift"]),
        ("Speaker 0", ["transaction"])]
    stamps = doc_of(WATSON)["results"][0]["alternatives"][0]["timestamps"]
    assert [w for b in blocks for w in b.words] == [tuple(s) for s in stamps]


# --- Azure batch transcription -----------------------------------------------------------

def test_azure_phrases_in_seconds_from_ticks_with_their_speakers():
    blocks = blocks_of(AZURE)
    assert summary(blocks) == [("Speaker 1", "Run Alabama drivers license.", 0.04, 2.22),
                               ("Speaker 2", "0030", 2.28, 5.36),
                               ("Speaker 1", "669", 5.4, 7.46)]
    # Each block's line is in its own phrase (its offset), not in the combined phrases.
    lines = AZURE.read_text(encoding="utf-8").splitlines()
    starts = [i for i, ln in enumerate(lines, 1) if '"recognitionStatus"' in ln]
    assert [b.line for b in blocks] == [s + 3 for s in starts]


def test_azure_display_words_keep_their_times():
    blocks = blocks_of(AZURE_DOCS)
    assert summary(blocks) == [(None, "Hello world.", 0.76, 2.08)]
    assert blocks[0].words == (("Hello", 0.76, 1.52), ("world.", 1.52, 2.08))


# --- TEI -----------------------------------------------------------------------------------

EXPECTED = {    # hand counts (README): labels in order of first appearance, turns
    AAI: (["A"], 1), AAI_WORDS: ([], 0), REV: (["Speaker 0"], 1), SM: (["S1", "S2"], 2),
    SM_ENTITY: (["S1"], 1), GOOGLE: ([], 0), GOOGLE_OP: ([], 0),
    WATSON: (["Speaker 0", "Speaker 1"], 3), AZURE: (["Speaker 1", "Speaker 2"], 3),
    AZURE_DOCS: ([], 0),
}


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem)
def test_in_tei_valid_labels_turns_and_every_word(path):
    conv = convert_file(path, word_times=True)
    assert [d for d in check_tree(conv.tree, path.name) if d.severity == "error"] == []
    c = counts(conv.tree)
    assert (c["labels"], c["turns"]) == EXPECTED[path]
    src, out = source_tokens(sample_text(path)), tei_tokens(conv.tree)
    assert src and not src - out and not out - src


def test_speechmatics_in_tei_word_times_on_the_timeline():
    conv = convert_file(SM, word_times=True)
    us = conv.tree.findall(".//t:body//t:u", NS)
    assert [u.get("who") for u in us] == ["#s1", "#s2"]
    seconds = when_seconds(conv.tree)
    points = [seconds[a.get("synch")[1:]] for a in us[0].iter("{*}anchor")]
    assert points == [pytest.approx(1.56, abs=0.005)]      # "amazing" ("That's" starts it)
    assert "".join(us[0].find("t:seg", NS).itertext()) == "That's amazing."


# --- bad input -------------------------------------------------------------------------------

def test_assemblyai_bad_time_is_one_error_at_its_utterance(tmp_path):
    text = AAI.read_text(encoding="utf-8").replace('"start": 2241', '"start": "soon"')
    with pytest.raises(InputError) as err:
        read_blocks(text.encode("utf-8"), "bad.json")
    assert err.value.code == "bad-time"
    assert err.value.line == next(i for i, ln in enumerate(text.splitlines(), 1)
                                  if '"text": "Quick brown Fox jumped over the fence.",' in ln
                                  and ln.startswith("\t\t"))
    src = tmp_path / "bad.json"
    src.write_text(text, encoding="utf-8")
    refused_in_one_line(src, tmp_path / "out", rf"{err.value.line}:0: error: a utterances "
                        r"record's time 'soon' is not a number of seconds \[bad-time\]")


def test_azure_display_not_text_is_a_shape_error():
    doc = doc_of(AZURE)
    doc["recognizedPhrases"][1]["nBest"][0] = {"display": 30}
    with pytest.raises(InputError) as err:
        read_blocks(as_bytes(doc), AZURE.name)
    assert err.value.code == "json-shape"
    assert "recognizedPhrases record's \"text\" is not a string" in str(err.value)
