"""Linguists' and oral historians' transcripts: CHAT (.cha), Transcriber (.trs) and
EXMARaLDA (.exb) become TEI with the speakers the format names, their times, every word
of the speech, and what is not speech (headers, dependent tiers, comments, annotation
tiers) kept apart verbatim in back matter.

The inputs are real files from public repositories (``tests/data/convert/lingo/``,
sources and hand counts in its README and expected.toml); bad inputs are those files
damaged at test time.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import sample_text
from convert_helpers import NS, counts, source_tokens, tei_tokens, when_seconds
from tei_corpus.cli import cli
from tei_corpus.convert import convert_bytes, convert_file
from tei_corpus.convert.readers import read_blocks, speaker_turns
from tei_corpus.errors import InputError
from tei_corpus.validate.check import check_tree

LINGO = Path(__file__).resolve().parents[1] / "data" / "convert" / "lingo"
EXPECTED = tomllib.loads((LINGO / "expected.toml").read_text(encoding="utf-8"))
EVE = LINGO / "brown-eve-excerpt.cha"
BRAUNWALD = LINGO / "braunwald-english-child-speech.cha"
FRINT = LINGO / "france-inter-frint980428.trs"
MIXTEC = LINGO / "mixtec-yoloxochitl-narrative-excerpt.trs"
HARDTALK = LINGO / "exmaralda-demo-hardtalk-excerpt.exb"
_CACHE: dict = {}


def converted(path: Path):
    if path not in _CACHE:
        _CACHE[path] = convert_file(path)
    return _CACHE[path]


def speech(blocks) -> list:
    return [b for b in blocks if "furniture" not in b.style]


def back_text(tree) -> list[str]:
    return ["".join(p.itertext()) for p in tree.iterfind(".//t:back//t:p", NS)]


def test_every_file_is_described_and_counted():
    files = sorted(p.name for p in LINGO.iterdir() if p.suffix in (".cha", ".trs", ".exb"))
    assert files and files == sorted(EXPECTED)
    readme = (LINGO / "README.md").read_text(encoding="utf-8")
    assert all(f"## {name}" in readme for name in files)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_labels_turns_words_and_validity(name):
    conv, want = converted(LINGO / name), EXPECTED[name]
    c = counts(conv.tree)
    assert (c["labels"], c["turns"]) == (want["labels"], want["turns"])
    blocks = read_blocks((LINGO / name).read_bytes(), name)
    assert len(speech(blocks)) == want["utterances"]
    src, out = source_tokens(sample_text(LINGO / name)), tei_tokens(conv.tree)
    assert not src - out, f"missing from the TEI: {list((src - out).items())[:20]}"
    assert not out - src, f"not in the source: {list((out - src).items())[:20]}"
    assert [d for d in check_tree(conv.tree, name) if d.severity == "error"] == []


# --- CHAT -----------------------------------------------------------------------------

def test_chat_main_tiers_are_utterances_of_the_code_printed():
    lines = EVE.read_text(encoding="utf-8").splitlines()
    blocks = read_blocks(EVE.read_bytes(), EVE.name)
    said = speech(blocks)
    mains = [(n, line) for n, line in enumerate(lines, 1) if line.startswith("*")]
    assert [(b.line, b.speaker, b.text) for b in said] == [
        (n, line[1:4], line.split("\t", 1)[1]) for n, line in mains]
    assert [(s, len(bs)) for s, bs in speaker_turns(blocks)] == [
        ("CHI", 1), ("MOT", 5), ("CHI", 1), ("MOT", 1), ("CHI", 1), ("MOT", 4), ("CHI", 1)]


def test_chat_headers_and_dependent_tiers_are_kept_apart_verbatim():
    lines = EVE.read_text(encoding="utf-8").splitlines()
    kept = [b for b in read_blocks(EVE.read_bytes(), EVE.name) if "furniture" in b.style]
    assert [(b.line, b.text) for b in kept] == [
        (n, line) for n, line in enumerate(lines, 1) if line[0] in "@%"]
    back = back_text(converted(EVE).tree)
    assert "@Participants: CHI Eve Target_Child , MOT Sue Mother , COL Colin Investigator , " \
           "RIC Richard Investigator" in back
    assert "%com: pronounces Fraser as fr&jdij ." in back
    body = "".join(converted(EVE).tree.find(".//t:body", NS).itertext())
    assert "%mor" not in body and "@ID" not in body and "qn|more" not in body


def test_chat_media_bullets_time_the_utterances_and_leave_the_text():
    blocks = speech(read_blocks(BRAUNWALD.read_bytes(), BRAUNWALD.name))
    assert [(b.text, b.start, b.end) for b in blocks] == [
        ("let's see if we clean this if it works any better .", 0.0, 3.042),
        ("just say something .", 3.117, 4.092), ("anything .", 4.092, 4.533)]
    tree = converted(BRAUNWALD).tree
    seconds = when_seconds(tree)
    u = tree.find(".//t:body//t:u", NS)
    assert (seconds[u.get("start")[1:]], seconds[u.get("end")[1:]]) == (0.0, 4.533)
    wor = [t for t in back_text(tree) if t.startswith("%wor")]
    assert len(wor) == 3 and wor[1].split() == [
        "%wor:", "just", "3117_3360", "say", "3360_3600", "something", "3600_4092", "."]
    assert "\x15" not in "".join(tree.getroot().itertext())


def test_chat_wor_tier_times_the_words_on_request():
    blocks = speech(read_blocks(BRAUNWALD.read_bytes(), BRAUNWALD.name))
    assert [w for w, _, _ in blocks[1].words] == ["just", "say", "something"]
    assert blocks[1].words[2] == ("something", 3.6, 4.092)
    tree = convert_file(BRAUNWALD, word_times=True).tree
    seconds = when_seconds(tree)
    first = tree.find(".//t:body//t:u/t:seg", NS)
    points = [seconds[a.get("synch")[1:]] for a in first.iter("{*}anchor")]
    assert points == [0.0, 0.24, 0.38, 0.5, 0.62, 0.98, 1.26, 1.44, 1.56, 1.86, 2.14, 3.042]
    assert "".join(first.itertext()) == "let's see if we clean this if it works any better ."
    plain = converted(BRAUNWALD).tree.find(".//t:body//t:u/t:seg", NS)
    assert len(list(plain.iter("{*}anchor"))) == 2          # without: the segment's ends


def test_chat_continuation_lines_join_their_line():
    data = EVE.read_bytes().replace(
        b"*MOT:\tyou have another cookie right on the table .",
        b"*MOT:\tyou have another cookie\n\tright on the table .").replace(
        b"MOT Sue Mother , COL", b"MOT Sue Mother ,\n\tCOL")
    blocks = read_blocks(data, "wrapped.cha")
    table = next(b for b in blocks if b.text.startswith("you have another"))
    # One line more above it (the wrapped header): it starts on line 37, not 36.
    assert (table.text, table.line) == ("you have another cookie right on the table .", 37)
    part = next(b for b in blocks if b.text.startswith("@Participants"))
    assert part.text.endswith("MOT Sue Mother , COL Colin Investigator , RIC Richard "
                              "Investigator")
    assert next(b for b in blocks if b.text == "more juice ?").line == 41    # two more


# --- Transcriber ----------------------------------------------------------------------

def test_trs_speakers_by_name_segments_by_sync_and_who():
    blocks = read_blocks(FRINT.read_bytes(), FRINT.name)
    said = speech(blocks)
    assert [(b.speaker, b.text, b.start, b.end) for b in said[:4]] == [
        ("Simon Tivolle", "ouais .", 0.0, 0.387),
        ("Patricia Martin", "sûr ?", 0.0, 0.387),        # ISO-8859-1, as declared
        ("Simon Tivolle", "ah bon ? [rire] non . blague , blague de Patricia .", 0.387, 3.008),
        ("Simon Tivolle", "[i] France-Inter , [rire-] il est 7 heures [-rire] .", 3.008, 4.736)]
    lines = FRINT.read_bytes().decode("iso-8859-1").splitlines()
    assert all(re.match(r"<(Sync|Who)\b", lines[b.line - 1]) for b in said)
    assert [b.text for b in blocks if "furniture" in b.style] == ["les titres"]


def test_trs_in_tei_overlap_laughter_and_the_topic_apart():
    tree = converted(FRINT).tree
    us = tree.findall(".//t:body//t:u", NS)
    assert [u.get("who") for u in us] == ["#tivolle", "#martin", "#tivolle", "#martin",
                                         "#tivolle"]
    assert us[1].get("trans") == "overlap"
    assert [v.findtext("t:desc", namespaces=NS) for v in us[2].iterfind(".//t:vocal", NS)] \
        == ["[rire]", "[rire-]", "[-rire]"]
    assert back_text(tree) == ["les titres"]
    assert tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_trs_comments_kept_apart_and_who_turns_split():
    blocks = read_blocks(MIXTEC.read_bytes(), MIXTEC.name)
    kept = [b for b in blocks if "furniture" in b.style]
    assert len(kept) == 1 and kept[0].text.startswith(
        "Los tonos originales de estas palabras son: \"tu'1un3 i4sa1bi4\", sin embargo, está")
    asks = [(b.speaker, b.text) for b in speech(blocks) if b.start >= 340]
    assert asks == [("Rey Castillo García", "¿Sa1a3 na3ni(4)=un4?"),
                    ("Esteban Guadalupe Sierra", "Esteban, Esteban Guadalupe Sierra."),
                    ("Rey Castillo García", "¿Sa1a3 kwi1ya(1)=on4?"),
                    ("Esteban Guadalupe Sierra", "*Veintisiete**."),
                    ("Rey Castillo García", "¿Sa1a3 na3ni4 ñu3u2=un4?"),
                    ("Esteban Guadalupe Sierra", "*Yoloxóchitl, Guerrero**.")]


def test_trs_doctype_is_never_read(tmp_path):
    """A trans-14.dtd beside the file would give the speakers a name by default: it is not
    read, so the speaker without a name is known by its id."""
    (tmp_path / "trans-14.dtd").write_text(
        '<!ATTLIST Speaker name CDATA "FROM THE DTD">\n<!ENTITY who "FROM THE DTD">\n',
        encoding="utf-8")
    data = FRINT.read_bytes().replace(b' name="Patricia Martin"', b"")
    src = tmp_path / "frint.trs"
    src.write_bytes(data)
    blocks = read_blocks(src.read_bytes(), str(src))
    assert "sp2" in {b.speaker for b in blocks}
    assert "FROM THE DTD" not in {b.speaker for b in blocks}
    with pytest.raises(InputError):         # an entity only the DTD declares: refused
        read_blocks(data.replace(b" ouais .", b" &who; ouais ."), str(src))


# --- EXMARaLDA ------------------------------------------------------------------------

def test_exb_runs_of_events_by_the_timeline_and_other_tiers_apart():
    blocks = read_blocks(HARDTALK.read_bytes(), HARDTALK.name)
    said = speech(blocks)
    assert [b.speaker for b in said] == ["StS", "DD", "StS", "DD", "StS", "DD", "StS"]
    assert said[4].text == ("Is it fair to say that you believe the world would be a much "
                            "better place if we were all atheists?")
    assert (said[4].start, said[4].end) == (8.043671447140028, 14.899973410454308)
    assert said[5].text.endswith("descendants of/ of ah religions. ((unint.)) ((1.2s))"
                                 "Secular, secular institutions.")
    lines = HARDTALK.read_text(encoding="utf-8").splitlines()
    assert all("<event " in lines[b.line - 1] for b in blocks)
    assert [b.text for b in blocks if "furniture" in b.style] == ["((1,4s))", "clicking noise"]
    assert back_text(converted(HARDTALK).tree) == ["((1,4s))", "clicking noise"]


def test_exb_points_without_times_keep_the_timeline_order():
    data = re.sub(rb'(<tli id="T(?:4|5)") time="[0-9.]+"', rb"\1", HARDTALK.read_bytes())
    said = speech(read_blocks(data, "untimed.exb"))
    assert [b.speaker for b in said] == ["StS", "DD", "StS", "DD", "StS", "DD", "StS"]
    assert (said[2].text, said[2].start, said[2].end) == ("Now you are an atheist.", None, None)
    tree = convert_bytes(data, "untimed.exb").tree
    assert [d for d in check_tree(tree, "untimed.exb") if d.severity == "error"] == []


# --- bad inputs -----------------------------------------------------------------------

def _eve(old: bytes, new: bytes) -> bytes:
    data = EVE.read_bytes()
    assert old in data
    return data.replace(old, new, 1)


def _file(path: Path, old: bytes, new: bytes) -> bytes:
    data = path.read_bytes()
    assert old in data
    return data.replace(old, new, 1)


BAD = [  # (name, bytes, code, position "line:col")
    ("stray.cha", lambda: _eve(b"*MOT:\there .", b"MOT here ."), "chat-invalid", "26:1"),
    ("nocolon.cha", lambda: _eve(b"*MOT:\there .", b"*MOT here ."), "chat-invalid", "26:1"),
    ("notchat.cha", lambda: b"@UTF8\n@Begin\n@End\n", "chat-invalid", "1:1"),
    ("bullet.cha", lambda: _file(BRAUNWALD, b"\x153117_4092\x15", b"\x153117-4092\x15"),
     "bad-time", "15:28"),
    ("backwards.cha", lambda: _file(BRAUNWALD, b"\x153117_4092\x15", b"\x154092_3117\x15"),
     "bad-time", "15:0"),
    ("cut.trs", lambda: FRINT.read_bytes()[:FRINT.read_bytes().index(b"<Sync time=\"3.008")],
     "trs-invalid", None),
    ("who.trs", lambda: _file(MIXTEC, b'<Who nb="2"/>', b'<Who nb="3"/>'), "trs-invalid", "38:0"),
    ("speaker.trs", lambda: _file(FRINT, b'<Turn speaker="sp2"', b'<Turn speaker="sp9"'),
     "trs-invalid", "44:0"),
    ("sync.trs", lambda: _file(FRINT, b'<Sync time="3.008"/>', b'<Sync time="3,0,8"/>'),
     "bad-time", "25:0"),
    ("root.trs", lambda: HARDTALK.read_bytes(), "trs-invalid", "3:0"),
    ("point.exb", lambda: _file(HARDTALK, b'<event start="T4" end="T5">',
                                b'<event start="T4" end="T55">'), "exb-invalid", "50:0"),
    ("order.exb", lambda: _file(HARDTALK, b'<event start="T4" end="T5">',
                                b'<event start="T5" end="T4">'), "exb-invalid", "50:0"),
    ("cut.exb", lambda: HARDTALK.read_bytes()[:3000], "exb-invalid", None),
]


@pytest.mark.parametrize("name,make,code,where", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_exit_1_and_nothing_written(tmp_path, name, make, code, where):
    src = tmp_path / name
    src.write_bytes(make())
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out), "-q"],
                             catch_exceptions=False)
    assert res.exit_code == 1
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert re.fullmatch(rf"{re.escape(str(src))}:\d+:\d+: error: [^\n]+ \[{code}\]", lines[0])
    if where is not None:
        assert lines[0].startswith(f"{src}:{where}: error: "), lines[0]
    else:                                   # an XML error: the parser's position
        assert not lines[0].startswith(f"{src}:0:"), lines[0]
    assert not out.exists() or [p.name for p in out.iterdir()] == [".tei-written"]


UNSEEN_FORMATS = Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen" / "formats5"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize("name, lang", [
    # "@Languages:\tjpn": a few Japanese utterances, too little text to detect
    ("ja-talkbank-reference-miyata-chat-chi-fat-mot-mor-gra-tiers.cha", "ja"),
    # "@Languages:\tyue": Cantonese, read with the Chinese pack
    ("yue-batchalign-asr-home-recording-chat-one-participant-par0-unchecked.cha", "zh"),
    # <Trans xml:lang="fr">
    ("fr-aglib-transcriber-trs-france-inter-1998-04-28-overlap-who-latin1.trs", "fr"),
])
def test_the_language_a_format_declares_is_the_documents(name, lang):
    conv = convert_file(UNSEEN_FORMATS / name)
    assert conv.tree.getroot().get(XML_LANG) == lang
    assert conv.report.language_how == "declared"


def test_the_users_lang_goes_before_the_declared_one():
    conv = convert_file(UNSEEN_FORMATS / "ja-talkbank-reference-miyata-chat-chi-fat-mot-mor-gra-tiers.cha",
                        lang="en")
    assert conv.tree.getroot().get(XML_LANG) == "en" and conv.report.language_how == "given"
