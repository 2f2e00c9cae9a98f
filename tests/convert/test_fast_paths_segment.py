"""The segmenter's and reader's shortcuts give what the plain rules they stand for give (hypothesis).

Each shortcut is compared with the rule as first written, on text made of the
pieces that make the rule matter.
"""
from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from tei_corpus.convert.segment import _RUN_ON_AFTER, _RUN_ON_START

# The run-on label as first written, every run free to give characters back.
_PLAIN_LABEL = (r"(?P<label>[^\W\d_][\w.'’\-]*(?: [\w.'’\-]+){0,4}(?: \([^()]{1,60}\))?)"
                r"(?P<delim>\s+[-–—]|\s*:)\s")
PLAIN_START = re.compile(r"^\s*" + _PLAIN_LABEL)
PLAIN_AFTER = re.compile(r"[.!?;;…)\]»”]\s+" + _PLAIN_LABEL)

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
