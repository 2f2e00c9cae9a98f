"""The segmenter's and reader's shortcuts give what the plain rules they stand for give (hypothesis).

Each shortcut is compared with the rule as first written, on text made of the
pieces that make the rule matter.
"""
from __future__ import annotations

import re

from convert_helpers import plain_is_caseless_name
from hypothesis import example, given, settings, strategies as st

from tei_corpus.convert.labels import is_caseless_name
from tei_corpus.convert.layout import set_apart_line_numbers
from tei_corpus.convert.read import normalise
from tei_corpus.convert.segment import _RUN_ON_AFTER, _RUN_ON_START

# The run-on label as first written, every run free to give characters back.
_PLAIN_LABEL = (r"(?P<label>[^\W\d_][\w.'’\-]*(?: [\w.'’\-]+){0,4}(?: \([^()]{1,60}\))?)"
                r"(?P<delim>\s+[-–—]|\s*:)\s")
PLAIN_START = re.compile(r"^\s*" + _PLAIN_LABEL)
PLAIN_AFTER = re.compile(r"[.!?;;…)\]»”]\s*" + _PLAIN_LABEL)

RUN_ON = st.lists(st.sampled_from([
    "BAŞKAN", "ENGİN ALTAY", "Mr", ".", "'", "’", "-", "–", "—", ":", " ", "  ", "\t", "\n", "(",
    ")", "(İstanbul)", "(a (b) c)", "x", "1", "_", "Jo-Ann", "; ", ". ", "» ", "… ", "a.b"]),
    max_size=14).map("".join)


def _found(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.group("label"), m.group("delim")) for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(text=RUN_ON)
@example(text=". ENGİN ALTAY (İstanbul) - Sayın")
@example(text=". BAŞKAN Jo-Ann - x")
def test_run_on_labels_with_possessive_runs_are_found_where_the_plain_pattern_finds_them(text):
    assert _found(_RUN_ON_AFTER, text) == _found(PLAIN_AFTER, text)
    assert _found(_RUN_ON_START, text) == _found(PLAIN_START, text)


# Names and speech in caseless scripts, with the digits and punctuation a line of speech holds.
CASELESS_LINES = st.lists(st.sampled_from([
    "主席", "鄧家彪", "קובי", "בוזו", "היו\"ר", "עו״ד", "माननीय", "ि", "\u0345", "Smith", "ß", "ⓐ",
    " ", "·", "-", "'", '"', "’", "1", "٣", ".", ",", "?", ":", "：", "。", "、", "，", "؟", "،", "…",
    "!", "(", ")", "[", "]", "\\", "^", "_", "`", "~", "«", "»", "—", "\u200f"]),
    max_size=10).map("".join)


@settings(max_examples=600, deadline=None)
@given(label=CASELESS_LINES)
@example(label="קובי, בוזו")
@example(label="היו\"ר.")
def test_a_caseless_name_with_punctuation_is_told_as_the_rule_tells_it(label):
    assert is_caseless_name(label) == plain_is_caseless_name(label)


# Texts of numbered lines (a court reporter's margin) and lines of speech.
MARGIN_LINES = st.lists(st.one_of(
    st.integers(1, 30).map(lambda n: f"{n}   THE COURT: Be seated."),
    st.integers(1, 30).map(str),
    st.sampled_from(["", " ", "  7", "\t12  Q. Yes.", "\u20037  A. No.", "x 3", "123  no", "Speech.",
                     "٣   Arabic-Indic digit"])),
    min_size=0, max_size=60).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text=MARGIN_LINES)
@example(text="\n".join(f"{n}  Q. Line {n}." for n in range(1, 26)))
@example(text="\n".join(f"{n}  Q. Line {n}." for n in range(1, 21)))      # as many as needed
@example(text="\n".join(f" {n}  Q. Line {n}." for n in range(1, 21)))
def test_line_numbers_are_set_apart_as_when_every_line_is_looked_at(text):
    lines = list(enumerate(text.split("\n"), 1))
    notes_fast, notes_plain = [], []
    assert set_apart_line_numbers(lines, notes_fast, text) == set_apart_line_numbers(lines, notes_plain)
    assert notes_fast == notes_plain


LINE_ENDS = st.lists(st.sampled_from(["\r", "\n", "\r\n", "\n\r", "a", " ", "\u2028"]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(text=LINE_ENDS.map("".join))
@example(text="\r\r\n\n\r")
def test_line_ends_normalised_in_one_pass_are_those_two_replacements_give(text):
    assert normalise(text, []) == normalise_plain_line_ends(text)


def normalise_plain_line_ends(text: str) -> str:
    """:func:`normalise` with its line ends replaced as first written: CRLF, then CR."""
    return normalise(text.replace("\r\n", "\n").replace("\r", "\n"), [])
