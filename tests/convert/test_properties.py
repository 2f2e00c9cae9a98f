"""Properties of the converter on arbitrary input (hypothesis).

On any Unicode text the converter either converts or refuses with one clean
line; what it converts loses no word (multiset of word tokens, after the
documented normalisations; compared character by character) and is valid against the project schema and rules
and against the official tei_all. On bytes: a UTF-8 text with one damaged
sequence keeps every other word, and the damage is reported where it is.
"""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from convert_helpers import source_tokens, tei_tokens
from tei_corpus.convert import convert_bytes
from tei_corpus.errors import InputError
from tei_corpus.validate.check import check_tree
from tei_corpus.xmlio import parse_bytes

# Text made of transcript-like pieces and arbitrary characters, so that labels,
# events and cues occur often enough to be exercised.
PIECES = st.sampled_from(["SMITH: ", "Q ", "A: ", "**Jo Ng:** ", "Mr. X (A, B):\n", "主席：", "(Laughter.)",
                          "[inaudible]", "—", "...", "\n", "\n\n", "(Via interpreter) ", "0:03 ",
                          "## Dana Lee\n", "Herr Präsident, ", "C'est très bien. ", ">> "])
TEXT = st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=40)), min_size=1, max_size=40).map("".join)
WORDS = st.lists(st.sampled_from(["Thank", "you", "café", "naïve", "Köln", "merci", "度", "Señor",
                                  "question", "answer", "today", "—", "..."]), min_size=3, max_size=60)


def check_valid(xml: bytes, tei_all) -> None:
    tree = parse_bytes(xml, "prop.xml")
    errors = [d for d in check_tree(tree, "prop.xml") if d.severity == "error"]
    assert errors == [], "\n".join(map(str, errors))
    assert tei_all.validate(tree), str(tei_all.error_log)[:1000]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
@example(text="000\x00")             # once read as two UTF-16 characters, and a 0 was lost
@example(text="\\\\**Jo Ng:** ")   # a backslash's own Markdown escape, once unescaped: one was lost
def test_any_text_converts_to_valid_tei_and_loses_no_word(text, tei_all):
    try:
        conv = convert_bytes(text.encode("utf-8"), "prop.txt")
    except InputError as exc:           # empty or binary: one clean line
        assert "\n" not in str(exc) and str(exc).startswith("prop.txt:")
        return
    check_valid(conv.xml, tei_all)
    # Every character of the source is in the TEI (whitespace aside: events
    # printed without a space between them become separate elements).
    source = Counter("".join(source_tokens(text.replace("\r", "\n")).elements()))
    out = Counter("".join(tei_tokens(conv.tree).elements()))
    assert not source - out, f"lost: {source - out}"


@settings(max_examples=80, deadline=None)
@given(words=WORDS, where=st.floats(0, 1), bad=st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\x80\x80"]))
def test_one_damaged_utf8_sequence_keeps_every_other_word(words, where, bad):
    # "café": the text is UTF-8 beyond doubt (a pure-ASCII file with a stray
    # high byte is read as cp1252: test_inputs.py).
    text = ("SMITH: café " + " ".join(words[: len(words) // 2]) + "\n\nJONES: "
            + " ".join(words[len(words) // 2:]))
    data = text.encode("utf-8")
    cut = data.rfind(b" ", 0, max(1, int(len(data) * where))) + 1   # damage between two words
    damaged = data[:cut] + bad + b" " + data[cut:]
    conv = convert_bytes(damaged, "damaged.txt")
    assert conv.report.encoding == "utf-8"
    out = tei_tokens(conv.tree)
    missing = source_tokens(text) - out
    assert not missing, f"words lost around the damage: {missing}"
    line = damaged[:cut].count(b"\n") + 1
    col = len(damaged[damaged.rfind(b"\n", 0, cut) + 1:cut].decode("utf-8")) + 1
    assert f"{line}:{col}: damaged UTF-8 sequence replaced by U+FFFD" in conv.report.warnings


@pytest.mark.parametrize("encoding,text", [
    ("cp1251", "ПРЕДСЕДАТЕЛЬ: Уважаемые коллеги, начинаем заседание.\n\nИВАНОВ: Спасибо, я готов ответить на вопрос.\n"),
    ("koi8-r", "ПРЕДСЕДАТЕЛЬ: Уважаемые коллеги, начинаем заседание.\n\nИВАНОВ: Спасибо, я готов ответить на вопрос.\n"),
    ("cp1252", "M. LE PRÉSIDENT: La séance est ouverte à quinze heures.\n\nM. DUPONT: Très bien, merci.\n"),
    ("mac_roman", "M. LE PRÉSIDENT: La séance est ouverte à quinze heures.\n\nM. DUPONT: Très bien, merci.\n"),
])
def test_legacy_8bit_encodings_are_read_as_written(encoding, text):
    conv = convert_bytes(text.encode(encoding), "legacy.txt")
    assert tei_tokens(conv.tree) == source_tokens(text)
    assert any("not valid UTF-8; decoded as" in w for w in conv.report.warnings)


def test_utf8_with_bom_and_a_damaged_byte_is_read_not_refused():
    data = b"\xef\xbb\xbfSMITH: caf\xc3\xa9 \xff ok.\n\nJONES: Thank you.\n"
    conv = convert_bytes(data, "bom.txt")
    assert conv.report.warnings[0] == "1:13: damaged UTF-8 sequence replaced by U+FFFD"
    assert "café" in "".join(conv.tree.getroot().itertext())
