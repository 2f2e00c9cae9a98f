"""Format readers on the real shared samples (406, 407, 410, 411, 412) and on files
written at test time by the format's own library (python-docx) or from real sample data."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

import pytest

from tei_corpus.convert.readers import (Block, CsvReader, read_blocks, reader_for,
                                        speaker_turns)
from tei_corpus.convert.readers.documents import join_hyphens
from tei_corpus.errors import InputError

from conftest import DATA  # noqa: E402
from tei_corpus.convert import convert_bytes
from tei_corpus.convert.encode import TEI_NS
from convert_helpers import S406, S407, S410, S411, S412, raw_sample as sample  # noqa: E402


def labels(turns) -> list:
    return list(dict.fromkeys(speaker for speaker, _ in turns))


def one_line_error(exc: InputError, name: str) -> str:
    text = str(exc)
    assert "\n" not in text
    assert text.startswith(f"{name}:")
    return text


# --- registry and turns --------------------------------------------------------

def test_registry_by_suffix_case_insensitive():
    assert reader_for("a.VTT").suffixes == (".vtt",)
    assert reader_for("b.Srt").suffixes == (".srt",)
    assert reader_for("c.TSV").suffixes == (".csv", ".tsv")
    assert reader_for("d.PDF").suffixes == (".pdf",)
    assert reader_for("e.docx").suffixes == (".docx",)
    assert reader_for("f.json").suffixes == (".json",)
    assert reader_for("g.xyz") is None
    for name in ("a.txt", "b.MD", "c.html", "d.htm"):
        assert read_blocks(b"Q: hello", name) is None


def test_speaker_turns_merges_runs_and_leaves_unknown_speakers_alone():
    blocks = [Block("a", 1, "X"), Block("b", 2, "X"), Block("1", 3, style=frozenset({"furniture"})),
              Block("c", 4, "X"), Block("d", 5, "Y"), Block("e", 6), Block("f", 7),
              Block("g", 8, "X")]
    turns = speaker_turns(blocks)
    assert [(s, [b.text for b in bs]) for s, bs in turns] == [
        ("X", ["a", "b", "c"]), ("Y", ["d"]), (None, ["e"]), (None, ["f"]), ("X", ["g"])]


# --- JSON -------------------------------------------------------------------------

def test_406_diarised_turns_speaker_public_runs(gold):
    blocks = read_blocks(sample(S406), S406)
    assert len(blocks) == 130
    assert (blocks[0].start, blocks[0].end) == (41.39, 63.03)
    assert blocks[0].text.startswith("Good evening. I would like to call")
    turns = speaker_turns(blocks)
    assert len(turns) == gold[S406]["turns"] == 98
    assert labels(turns) == gold[S406]["speakers"]
    # no metadata became text; every record's line points at its "text" in the file
    lines = sample(S406).decode("utf-8").splitlines()
    assert all('"text"' in lines[b.line - 1] for b in blocks)


def _whisper_from_406(with_speakers: bool) -> bytes:
    turns = json.loads(sample(S406))["turns"]
    segments = []
    for i, t in enumerate(turns[:6]):
        seg = {"id": i, "start": t["start"], "end": t["end"], "text": " " + t["text"]}
        if with_speakers:
            first = t["text"].split()[0]
            seg["words"] = [{"word": first, "start": t["start"], "end": t["start"] + 0.3,
                             "speaker": t["speaker"]}]
            if i != 2:                       # WhisperX leaves it off when unsure
                seg["speaker"] = t["speaker"]
        segments.append(seg)
    doc = {"text": "…", "segments": segments, "language": "en"}
    return json.dumps(doc, indent=2).encode(), turns[:6]


def test_whisper_json_segments_without_speakers():
    data, turns = _whisper_from_406(False)
    blocks = read_blocks(data, "w.json")
    assert [b.text for b in blocks] == [t["text"] for t in turns]
    assert [(b.start, b.end) for b in blocks] == [(t["start"], t["end"]) for t in turns]
    assert all(b.speaker is None for b in blocks)


def test_whisperx_json_segment_speakers_and_word_fallback():
    data, turns = _whisper_from_406(True)
    blocks = read_blocks(data, "wx.json")
    assert [b.speaker for b in blocks] == [t["speaker"] for t in turns]   # 2 from its words


def test_unknown_json_names_the_keys_found():
    with pytest.raises(InputError) as err:
        read_blocks(b'{"meeting": {}, "results": [1, 2]}', "x.json")
    assert one_line_error(err.value, "x.json") == (
        "x.json:1:1: error: unknown JSON transcript shape: top-level keys meeting, results; "
        "expected segments[] (Whisper, WhisperX) or turns[] (diarised), each with \"text\" "
        "[json-shape]")


def test_truncated_json_gives_position():
    data = sample(S406)
    cut = data[:len(data) // 2]
    with pytest.raises(InputError) as err:
        read_blocks(cut, S406)
    text = one_line_error(err.value, S406)
    assert err.value.code == "json-syntax"
    assert err.value.line == cut.count(b"\n") + 1
    assert "not valid JSON" in text


# --- CSV / TSV ---------------------------------------------------------------------

def test_407_csv_rows_runs(gold):
    data = sample(S407)
    blocks = read_blocks(data, S407)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(blocks) == len(rows) == 494
    assert [b.text for b in blocks] == [r["text"].strip() for r in rows]
    assert blocks[0].end == pytest.approx(12.38) and blocks[0].start == 0.94
    assert blocks[0].line == 2
    turns = speaker_turns(blocks)
    assert len(turns) == gold[S407]["turns"] == 289
    assert labels(turns) == gold[S407]["speakers"] == ["0", "2", "1"]


def test_csv_words_in_columns_without_a_role_are_kept_apart():
    """An oral history kept as CSV: its first 'timestamp' column holds section titles, its
    'tags' column keywords; they are not speech, and no word of them is lost."""
    path = DATA / "convert" / "unseen" / "en-oral-history-csv-gluck-interview-speaker-column.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    blocks = read_blocks(path.read_bytes(), path.name)
    apart = [b.text for b in blocks if "furniture" in b.style]
    wanted = [cell.strip() for row in rows[1:] for i, cell in enumerate(row)
              if i in (0, 3, 4) and any(c.isalpha() for c in cell)]
    assert apart == wanted and "[00:03:43] beginning of actual interview" in apart
    speech = [b.text for b in blocks if "furniture" not in b.style]
    assert speech == [row[2].strip() for row in rows[1:] if row[2].strip()]
    tei = convert_bytes(path.read_bytes(), path.name).tree
    back = " ".join(tei.getroot().find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}back").itertext())
    assert "GLÜCK AND HER IPAD" in back
    assert not any("GLÜCK AND HER IPAD" in "".join(u.itertext())
                   for u in tei.iter(f"{{{TEI_NS}}}u"))


def _rewrite_407(header: list[str] | None, order=(0, 1, 2, 3), delimiter=",") -> bytes:
    rows = list(csv.reader(io.StringIO(sample(S407).decode("utf-8"))))
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if header is not None:
        w.writerow(header)
    for r in rows[1:]:
        w.writerow([r[i] for i in order])
    return out.getvalue().encode()


def test_csv_user_named_columns_and_tsv():
    data = _rewrite_407(["Von", "Bis", "Wortlaut", "Wer"], delimiter="\t")
    with pytest.raises(InputError):
        read_blocks(data, "de.tsv")
    blocks = read_blocks(data, "de.tsv", columns={"text": "wortlaut", "speaker": "Wer",
                                                  "start": "Von", "end": "Bis"})
    assert len(blocks) == 494 and len(speaker_turns(blocks)) == 289
    assert blocks[1].start == 4.112 and blocks[1].speaker == "2"


def test_csv_common_names_in_another_order_and_headerless_by_index():
    data = _rewrite_407(["Speaker_Label", "Transcript", "Start_Time", "End_Time"],
                        order=(3, 2, 0, 1))
    blocks = CsvReader().read(data, "r.csv")
    assert len(speaker_turns(list(blocks))) == 289
    headless = _rewrite_407(None, order=(3, 2, 0, 1))
    blocks = read_blocks(headless, "h.csv",
                         columns={"speaker": 0, "text": 1, "start": 2, "end": 3})
    assert len(blocks) == 494 and blocks[0].text == "Hello, can you hear me?"
    assert blocks[0].line == 1


def test_csv_without_text_column_is_one_line_error():
    data = _rewrite_407(["start", "end", "speaker"], order=(0, 1, 3))
    with pytest.raises(InputError) as err:
        read_blocks(data, "no-text.csv")
    assert one_line_error(err.value, "no-text.csv") == (
        "no-text.csv:1:1: error: no text column: the first row is start, end, speaker; "
        "expected one of text/transcript/utterance/content/transcription/sentence/"
        "caption/speech/… (_columns.toml), or name the columns [csv-no-text]")


def test_csv_speech_under_a_name_of_its_own_is_the_column_of_most_words():
    """A header naming the times and the speaker may call the speech anything ("notes"):
    the column of sentences is the text, the speaker column stays the speaker."""
    named = read_blocks(_rewrite_407(["start", "end", "text", "speaker"]), "named.csv")
    other = read_blocks(_rewrite_407(["start", "end", "notes", "speaker"]), "notes.csv")
    assert [(b.text, b.speaker) for b in other] == [(b.text, b.speaker) for b in named]


@pytest.mark.parametrize("header", [
    ["Start Time", "End Time", "Transcription", "Speaker Name"],
    ["from", "to", "line", "who"],
    ["timestamp", "end_timestamp", "Sentence", "Speaker ID"],
])
def test_csv_other_common_header_names(header):
    blocks = read_blocks(_rewrite_407(header), "other.csv")
    assert len(blocks) == 494 and len(speaker_turns(blocks)) == 289
    assert (blocks[1].start, blocks[1].end, blocks[1].speaker) == (4.112, 9.112, "2")


def test_csv_times_in_milliseconds():
    rows = list(csv.reader(io.StringIO(sample(S407).decode("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["start_ms", "end_ms", "text", "speaker"])
    for start, end, text, speaker in rows[1:]:
        writer.writerow([round(float(start) * 1000), round(float(end) * 1000), text, speaker])
    blocks = read_blocks(out.getvalue().encode(), "ms.csv")
    assert (blocks[1].start, blocks[1].end) == (4.112, 9.112) and len(blocks) == 494


def test_csv_bad_time_names_row_and_column():
    data = sample(S407).replace(b"4.112,", b"4.1x2,", 1)
    with pytest.raises(InputError) as err:
        read_blocks(data, S407)
    assert (err.value.line, err.value.col, err.value.code) == (3, 1, "bad-time")


# --- WebVTT -------------------------------------------------------------------------

_LABEL = re.compile(r"^([A-Z][\w.’' -]{0,40}):\s")


def _attribute(blocks):
    """What the segmenter does after the reader (decision 1 of the 41x files): the
    format's speaker, else a printed ``Name:`` at the start, else the current turn."""
    out, current = [], None
    for b in blocks:
        m = _LABEL.match(b.text)
        current = b.speaker or (m.group(1) if m else current)
        out.append(replace(b, speaker=current))
    return out


def test_410_vtt_voices_cues_and_turns(gold):
    blocks = read_blocks(sample(S410), S410)
    assert len(blocks) == 222
    assert blocks[0] == Block("When you first get\nstarted in podcasting, it's", 4,
                              "Travis", 0.179, 2.399)
    assert all("<" not in b.text and "-->" not in b.text for b in blocks)
    assert sum(b.speaker is not None for b in blocks) == 7
    prefixed = [b for b in blocks if _LABEL.match(b.text)]
    assert [b.text.split(":")[0] for b in prefixed] == ["Gilon"] * 3   # left in the text
    assert all(b.start < b.end for b in blocks)
    turns = speaker_turns(_attribute(blocks))
    assert len(turns) == gold[S410]["turns"] == 10
    assert labels(turns) == gold[S410]["speakers"] == ["Travis", "Sarah", "Gilon"]


def test_vtt_notes_styles_settings_identifiers_and_several_voices():
    data = ("WEBVTT - a title\nKind: captions\n\nSTYLE\n::cue { color: red }\n\n"
            "NOTE a comment\nover two lines\n\n"
            "intro\n00:01.000 --> 00:02.500 align:start position:10%\n"
            "<v.loud Ann Lee>Hello &amp; welcome</v>\n\n"
            "01:00:03.000 --> 01:00:04.000\n<v Bo>Yes.</v> <v Ann Lee><i>No.</i>\n\n"
            "01:00:05.000 --> 01:00:06.000\n[SPEAKER_00]: Zoom <00:05.500>style\n\n"
            "01:00:06.000 --> 01:00:07.000\nAnn Lee: well\nsaid\n").encode()
    blocks = read_blocks(data, "t.vtt")
    assert blocks == [Block("Hello & welcome", 12, "Ann Lee", 1.0, 2.5),
                      Block("Yes.", 15, "Bo", 3603.0, 3604.0),
                      Block("No.", 15, "Ann Lee", 3603.0, 3604.0, frozenset({"italic"})),
                      Block("[SPEAKER_00]: Zoom style", 18, None, 3605.0, 3606.0),
                      Block("Ann Lee: well\nsaid", 21, None, 3606.0, 3607.0)]


def test_vtt_broken_timing_line_gives_its_line():
    data = sample(S410).replace(b"00:00:04.801 --> 00:00:07.980", b"00:00:04.801 -> 00:00:07.980")
    with pytest.raises(InputError) as err:
        read_blocks(data, S410)
    text = one_line_error(err.value, S410)
    assert (err.value.line, err.value.code) == (11, "bad-cue-timing")
    assert "'00:00:04.801 -> 00:00:07.980'" in text
    bad = sample(S410).replace(b"00:00:02.400 --> 00:00:04.799", b"00:00:02.400 --> 00:00:0x.799")
    with pytest.raises(InputError) as err:
        read_blocks(bad, S410)
    assert (err.value.line, err.value.col) == (7, 14)
    with pytest.raises(InputError) as err:
        read_blocks(b"00:01.000 --> 00:02.000\nhi\n", "no-header.vtt")
    assert err.value.code == "vtt-header"


# --- SubRip -------------------------------------------------------------------------

def test_411_srt_cues_verbatim_and_timed(gold):
    data = sample(S411)
    blocks = read_blocks(data, S411)
    assert len(blocks) == 1311
    assert blocks[0] == Block("Bekah Hawrot Weigel: Hello, and\nwelcome to Season 5, Episode 9",
                              3, None, 6.687, 8.216)
    assert blocks[1].text == "of the" and (blocks[1].start, blocks[1].end) == (8.216, 9.745)
    # the text is the file's text lines exactly, in order: no cue number, no timing line
    lines = data.decode("utf-8").split("\n")
    timing = re.compile(r"^\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d$")
    text_lines = [ln for i, ln in enumerate(lines)
                  if ln.strip() and not timing.match(ln)
                  and not (ln.isdigit() and i + 1 < len(lines) and timing.match(lines[i + 1]))]
    assert [ln for b in blocks for ln in b.text.split("\n")] == text_lines
    assert all(b.speaker is None and b.start <= b.end for b in blocks)
    assert all(lines[b.line - 2].count(":") == 4 for b in blocks)     # the line above: timing
    # times parsed as written: the file has one cue that starts before the previous one
    assert [b2.line for b1, b2 in zip(blocks, blocks[1:]) if b2.start < b1.start] == [5871]
    last = blocks[-1]
    assert (last.text, last.start, last.end) == ("see you next week.", 3429.315, 3430.155)
    # the labels stay in the text: one per colon-bearing cue, as the README counts them
    printed = [b.text.split(":")[0] for b in blocks if ":" in b.text]
    assert len(printed) == gold[S411]["turns"] == 199
    assert list(dict.fromkeys(printed)) == gold[S411]["speakers"]


def test_srt_broken_timing_and_tags():
    data = sample(S411).replace(b"00:00:08,216 --> 00:00:09,745", b"00:00:08,216 --> 9,745", 1)
    with pytest.raises(InputError) as err:
        read_blocks(data, S411)
    assert (err.value.line, err.value.code) == (7, "bad-cue-timing")
    one_line_error(err.value, S411)
    blocks = read_blocks(b"1\n00:00:01,000 --> 00:00:02,000\n<i>Hi</i> there\n"
                         b"2\n00:00:02,000 --> 00:00:03,000\n{\\an8}Bye\n", "t.srt")
    assert blocks == [Block("Hi there", 3, None, 1.0, 2.0, frozenset({"italic"})),
                      Block("Bye", 6, None, 2.0, 3.0)]


# --- PDF ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fomc():
    pytest.importorskip("pdfminer", reason="pdfminer.six is in the 'formats' extra")
    return read_blocks(sample(S412), S412)


_FOMC_LABEL = re.compile(r"^((?:MR|MS|MRS)\. \[?[A-Z’'-]+\]?|(?:VICE )?CHAIRMAN [A-Z]+"
                         r"|SEVERAL|SPEAKER\(\?\))\.(?:\s|$)")


def test_412_pdf_furniture(fomc):
    furniture = [b for b in fomc if "furniture" in b.style]
    dates = [b for b in furniture if b.text == "1/17/78"]
    numbers = [b for b in furniture if re.fullmatch(r"-? ?\d{1,2} *-?", b.text)]
    assert len(dates) == 53 and len(numbers) == 52
    assert len(furniture) == len(dates) + len(numbers)
    assert not [b for b in fomc if b.text == "1/17/78" and not b.style]
    assert [b.text for b in fomc if not b.style][-1] == "END OF MEETING"


def test_412_pdf_lines_carry_the_labels(fomc, gold):
    body = [b for b in fomc if "furniture" not in b.style]
    assert len(body) > 1800 and all(b.text == b.text.strip() and b.text for b in body)
    found = [_FOMC_LABEL.match(b.text).group(1) for b in body if _FOMC_LABEL.match(b.text)]
    # pdftotext has 373 labels at line start and glues 19 after a cut-off dash; here
    # every label starts its line (393: the counting regex finds one more than the gold)
    assert len(found) == 393
    assert list(dict.fromkeys(found)) == gold[S412]["speakers"]
    cut = [a for a, b in zip(body, body[1:]) if a.text.endswith("--") and _FOMC_LABEL.match(b.text)]
    assert len(cut) >= gold[S412]["interrupted_turns"]
    assert any(b.text == "MR. TRUMAN.  Right.  I tried to insert that--" for b in body)
    assert not [b for b in fomc if "hyphen-joined" in b.style]   # none broken at a line end
    assert [b.line for b in fomc] == sorted(b.line for b in fomc)


def test_join_hyphens_only_where_the_document_settles_it():
    lines = ["the international side", "of the inter-", "national accounts and a long-",
             "term view; a long-term plan; the cut-", "off here and sub-", "stantive",
             "I tried to insert that--", "and then"]
    out, joined = join_hyphens(lines)
    assert out == ["the international side", "of the international", "accounts and a long-term",
                   "view; a long-term plan; the cut-", "off here and sub-", "stantive",
                   "I tried to insert that--", "and then"]
    assert joined == {1, 2}


def test_corrupt_pdf_is_one_line_error():
    pytest.importorskip("pdfminer", reason="pdfminer.six is in the 'formats' extra")
    data = sample(S412)
    for bad, code in ((data[:20000], "pdf-invalid"), (b"%PDF-1.4\n" + b"\x00garbage" * 50,
                                                     "pdf-invalid"),
                      (b"hello, not a pdf", "pdf-invalid")):
        with pytest.raises(InputError) as err:
            read_blocks(bad, S412)
        one_line_error(err.value, S412)
        assert err.value.code in (code, "pdf-no-text")


def test_missing_library_says_what_to_install(monkeypatch):
    import builtins
    real = builtins.__import__

    def no_pdfminer(name, *args, **kwargs):
        if name.startswith("pdfminer"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    import importlib
    monkeypatch.setattr(importlib, "import_module", lambda n: no_pdfminer(n))
    with pytest.raises(InputError) as err:
        read_blocks(b"%PDF-1.4\n", "x.pdf")
    assert str(err.value) == ("x.pdf:0:0: error: reading .pdf files needs the pdfminer.six "
                              "library: pip install 'tei-corpus[formats]' [missing-library]")


# --- DOCX -----------------------------------------------------------------------------

def _docx_from_406(tmp_path) -> tuple[bytes, list[dict]]:
    docx = pytest.importorskip("docx", reason="python-docx is in the 'formats' extra")
    turns = json.loads(sample(S406))["turns"][:4]
    doc = docx.Document()
    doc.add_heading("Fairfax City Council Work Session", level=1)
    doc.add_paragraph("January 6, 2026")
    doc.add_paragraph("")
    for t in turns:
        p = doc.add_paragraph()
        p.add_run(t["speaker_public"] + ":").bold = True
        p.add_run(" " + t["text"])
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Present", "Mayor Catherine Read"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Absent: none"
    doc.add_paragraph("Adjourned.").runs[0].italic = True
    path = tmp_path / "session.docx"
    doc.save(path)
    return path.read_bytes(), turns


def test_docx_paragraphs_bold_headings_and_cells(tmp_path):
    data, turns = _docx_from_406(tmp_path)
    blocks = read_blocks(data, "session.docx")
    assert [(b.text, set(b.style)) for b in blocks] == (
        [("Fairfax City Council Work Session", {"heading"}), ("January 6, 2026", set())]
        + [(f"{t['speaker_public']}: {t['text']}", {"bold"}) for t in turns]
        + [("Present", {"cell"}), ("Mayor Catherine Read", {"cell"}),
           ("Absent: none", {"cell"}), ("Adjourned.", {"italic"})])
    assert [b.line for b in blocks] == list(range(1, 11))


def test_truncated_docx_is_one_line_error(tmp_path):
    data, _ = _docx_from_406(tmp_path)
    with pytest.raises(InputError) as err:
        read_blocks(data[: len(data) // 2], "cut.docx")
    assert err.value.code == "docx-invalid"
    assert one_line_error(err.value, "cut.docx").startswith(
        "cut.docx:0:0: error: not a readable .docx file: ")


def test_srt_cues_without_blank_lines_between_them():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nDan: Hi\n2\n00:00:02,000 --> 00:00:03,000\nYo\n"
    blocks = read_blocks(data, "tight.srt")
    assert [(b.text, b.line, b.start) for b in blocks] == [("Dan: Hi", 3, 1.0), ("Yo", 6, 2.0)]


# --- ELAN and Praat, written by their own libraries from the real 406 turns ----------

def _turns_406() -> list[dict]:
    turns = json.loads(sample(S406))["turns"]
    assert turns == sorted(turns, key=lambda t: t["start"])
    return turns


def test_eaf_written_by_pympi_tiers_are_speakers(tmp_path, gold):
    pympi = pytest.importorskip("pympi", reason="pympi-ling is in the 'test' extra")
    turns = _turns_406()
    eaf = pympi.Elan.Eaf()
    for label in dict.fromkeys(t["speaker_public"] for t in turns):
        eaf.add_tier(f"tier-{label}", part=label)
        eaf.add_tier(f"en-{label}", ling="default-lt", parent=f"tier-{label}")
    eaf.remove_tier("default")
    for t in turns:
        tier = f"tier-{t['speaker_public']}"
        eaf.add_annotation(tier, round(t["start"] * 1000), round(t["end"] * 1000), t["text"])
    path = tmp_path / "session.eaf"
    eaf.to_file(str(path))
    data = path.read_bytes()
    blocks = read_blocks(data, "session.EAF")
    assert [(b.text, b.speaker, b.start, b.end) for b in blocks] == [
        (t["text"].strip(), t["speaker_public"], round(t["start"] * 1000) / 1000,
         round(t["end"] * 1000) / 1000) for t in turns]
    lines = data.decode("utf-8").splitlines()
    assert all("ALIGNABLE_ANNOTATION" in lines[b.line - 1] for b in blocks)
    assert len(speaker_turns(blocks)) == gold[S406]["turns"]


def test_eaf_not_elan_and_not_well_formed():
    with pytest.raises(InputError) as err:
        read_blocks(b"<TEI/>", "x.eaf")
    assert err.value.code == "eaf-invalid"
    with pytest.raises(InputError) as err:
        read_blocks(b"<ANNOTATION_DOCUMENT>\n<TIER>", "y.eaf")
    assert one_line_error(err.value, "y.eaf") and err.value.line == 2


def test_textgrid_written_by_praatio_tiers_are_speakers(tmp_path, gold):
    pytest.importorskip("praatio", reason="praatio is in the 'formats' extra")
    from praatio import textgrid
    from praatio.data_classes.interval_tier import IntervalTier

    turns = _turns_406()
    end = max(t["end"] for t in turns)
    tg = textgrid.Textgrid()
    for label in dict.fromkeys(t["speaker_public"] for t in turns):
        mine = [(t["start"], t["end"], t["text"]) for t in turns if t["speaker_public"] == label]
        tg.addTier(IntervalTier(label, mine, 0, end))
    for fmt in ("long_textgrid", "short_textgrid"):
        path = tmp_path / f"{fmt}.TextGrid"
        tg.save(str(path), format=fmt, includeBlankSpaces=True)
        blocks = read_blocks(path.read_bytes(), path.name)
        assert [(b.text, b.speaker, b.start, b.end) for b in blocks] == [
            (t["text"].strip(), t["speaker_public"], t["start"], t["end"]) for t in turns]
        assert len(speaker_turns(blocks)) == gold[S406]["turns"]
    with pytest.raises(InputError) as err:
        read_blocks(b"hello", "z.TextGrid")
    assert err.value.code == "textgrid-invalid"


def test_encrypted_pdf_says_so(tmp_path):
    pytest.importorskip("pdfminer", reason="pdfminer.six is in the 'formats' extra")
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) writes the encrypted PDF")
    reader = pypdf.PdfReader(io.BytesIO(sample(S412)))
    writer = pypdf.PdfWriter()
    writer.add_page(reader.pages[3])
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError) as err:
        read_blocks(out.getvalue(), "locked.pdf")
    assert one_line_error(err.value, "locked.pdf") == (
        "locked.pdf:0:0: error: encrypted PDF: it needs a password; decrypt it first "
        "(for example qpdf --decrypt) [pdf-encrypted]")
    writer = pypdf.PdfWriter()
    writer.add_page(reader.pages[3])
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    blocks = read_blocks(out.getvalue(), "open.pdf")       # no user password: readable
    assert any(b.text.startswith("MR. TRUMAN.") for b in blocks)


def _odt_from_406(tmp_path) -> tuple[bytes, list[dict]]:
    pytest.importorskip("odf", reason="odfpy is in the 'formats' extra")
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P, S, Span

    turns = json.loads(sample(S406))["turns"][:4]
    doc = OpenDocumentText()
    bold = Style(name="Label", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    doc.text.addElement(H(outlinelevel=1, text="Fairfax City Council Work Session"))
    doc.text.addElement(P(text="January 6, 2026"))
    for t in turns:
        p = P()
        p.addElement(Span(stylename=bold, text=t["speaker_public"] + ":"))
        p.addElement(S())
        p.addText(t["text"])
        doc.text.addElement(p)
    table = Table(name="Attendance")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for value in ("Present", "Mayor Catherine Read"):
        cell = TableCell()
        cell.addElement(P(text=value))
        row.addElement(cell)
    table.addElement(row)
    doc.text.addElement(table)
    doc.text.addElement(P(text="Adjourned."))
    path = tmp_path / "session.odt"
    doc.save(str(path))
    return path.read_bytes(), turns


def test_odt_paragraphs_bold_headings_and_cells(tmp_path):
    data, turns = _odt_from_406(tmp_path)
    blocks = read_blocks(data, "session.ODT")
    assert [(b.text, set(b.style)) for b in blocks] == (
        [("Fairfax City Council Work Session", {"heading"}), ("January 6, 2026", set())]
        + [(f"{t['speaker_public']}: {t['text']}", {"bold"}) for t in turns]
        + [("Present", {"cell"}), ("Mayor Catherine Read", {"cell"}), ("Adjourned.", set())])
    with pytest.raises(InputError) as err:
        read_blocks(data[: len(data) // 2], "cut.odt")
    assert err.value.code == "odt-invalid"
    one_line_error(err.value, "cut.odt")


def test_captions_saved_as_text_are_read_as_captions():
    # A caption extension's WebVTT saved with a .txt name (held-out media6); its cues and
    # their times are read, not its header and time lines as prose.
    from pathlib import Path
    path = (Path(__file__).resolve().parents[1] / "data/convert/unseen/media6/"
            "es-ar-clinic-software-meeting-meet-captions-vtt-saved-as-txt-paren-names.txt")
    blocks = read_blocks(path.read_bytes(), str(path))
    assert blocks and all(b.start is not None and b.end is not None for b in blocks)
    assert not any("-->" in b.text or b.text.startswith("WEBVTT") for b in blocks)
    # A text file that merely mentions captions is still the text segmenter's.
    assert read_blocks(b"Notes\n\nWEBVTT is a caption format.\n", "notes.txt") is None


def test_an_aligners_tier_names_its_speaker_before_the_kind_and_its_phones_are_no_speech():
    from tei_corpus.convert.readers.annotations import _grid_tier_speaker
    assert _grid_tier_speaker("IVR - words") == ("IVR", True)
    assert _grid_tier_speaker("KY25A - phones") == ("KY25A", False)
    assert _grid_tier_speaker("Interviewer") == ("Interviewer", True)
    assert _grid_tier_speaker("Jean-Marie - Paris") == ("Jean-Marie - Paris", True)


def test_an_elan_tier_of_figures_alone_holds_no_speech():
    from tei_corpus.convert.readers.annotations import _figures_only
    from tei_corpus.convert.readers.base import Block
    assert _figures_only([Block("0.643", 1), Block("1,2", 2), Block("3", 3)])
    assert not _figures_only([Block("0.643", 1), Block("oui 2", 2)])
    assert not _figures_only([])
