"""A page whose lines a PDF's text ran on into one, its margin's line numbers inline, is
cut at the numbers; the numbers are set apart as the margin they were.

Built from the held-out Grenfell Tower Inquiry page (tests/data/convert/unseen/parl2):
the page as published, and the same page changed where the rule must not read it.
"""
from __future__ import annotations

import re
from pathlib import Path

from convert_helpers import counts
from tei_corpus.convert import convert_bytes

PAGE = (Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen" / "parl2"
        / "en-grenfell-tower-inquiry-2018-06-04-day-1-pdf-text-run-on-line-numbers.txt"
        ).read_text(encoding="utf-8")
LABELS = ["SIR MARTIN MOORE-BICK", "MR MILLETT"]
T = "{http://www.tei-c.org/ns/1.0}"


def _convert(text: str):
    return convert_bytes(text.encode(), "day1.txt")


def test_the_page_is_cut_at_its_line_numbers_and_they_are_set_apart():
    conv = _convert(PAGE)
    assert counts(conv.tree)["labels"] == LABELS
    back = [p.xpath("string()") for p in conv.tree.iter(f"{T}p")
            if p.getparent().getparent().tag == f"{T}back"]
    numbers = [b for b in back if b.isdigit()]
    assert numbers[numbers.index("2"):][:24] == [str(n) for n in range(2, 26)]
    speech = " ".join(u.xpath("string()") for u in conv.tree.iter(f"{T}u"))
    assert "welcome to this stage" in " ".join(speech.split())
    header = "".join(conv.tree.getroot().find(f"{T}teiHeader").itertext())
    assert "cut before each number" in header


def test_numbers_that_do_not_run_on_cut_nothing():
    # every line number doubled: "3 3 SIR MARTIN …" runs on no more than "3 … 4" did,
    # but a number out of the run ("7 7") is no line's; the rule needs the run
    shuffled = re.sub(r"(?<!\S)(\d{1,2})(?=\s)", lambda m: str(int(m.group(1)) * 2 + 30), PAGE)
    assert counts(_convert(shuffled).tree)["labels"] != LABELS


def test_an_examinations_letters_run_on_mid_line_are_split_off():
    """Leveson Inquiry page text (held-out parl9): counsel's and the chair's labels and the
    witness's Q./A. all run on; each Q. and A. after a sentence end opens a turn."""
    from pathlib import Path

    from convert_helpers import counts
    from tei_corpus.convert import convert_file
    from tei_corpus.convert.segment import run_on_qa_letters

    path = next((Path(__file__).parents[1] / "data" / "convert" / "unseen" / "parl9")
                .glob("en-leveson-inquiry-2012-05-11-*.txt"))
    c = counts(convert_file(path).tree)
    assert c["labels"] == ["LORD JUSTICE LEVESON", "MR JAY", "A", "Q"] and c["turns"] == 15
    assert run_on_qa_letters([(1, "Plan A. It worked. Then B. It did not.")], frozenset()) == set()
