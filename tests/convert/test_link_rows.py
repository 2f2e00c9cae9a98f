"""A row of links printed under every speaker's name is the label's delimiter.

Built from the held-out Commons page (tests/data/convert/unseen): the page as
published, and the same page changed where the rule must not read it.
"""
from __future__ import annotations

from pathlib import Path

from convert_helpers import counts
from tei_corpus.convert import convert_bytes

PAGE = (Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen"
        / "en-uk-commons-pmqs-2026-01-14-parallelparliament.txt").read_text(encoding="utf-8")
ROW = "- View Speech - Hansard"
LABELS = ["Lincoln Jopp Portrait Lincoln Jopp (Spelthorne) (Con)",
          "Keir Starmer Portrait The Prime Minister (Keir Starmer)", "Lincoln Jopp Portrait Lincoln Jopp"]


def _labels(text: str) -> list:
    return counts(convert_bytes(text.encode(), "page.txt").tree)["labels"]


def _back(text: str) -> list:
    tree = convert_bytes(text.encode(), "page.txt").tree
    return [p.xpath("string()") for p in tree.iter("{http://www.tei-c.org/ns/1.0}p")
            if p.getparent().getparent().tag.endswith("back")]


def test_the_line_before_each_row_is_the_label_and_the_rows_are_set_apart():
    assert _labels(PAGE) == LABELS
    assert [r.startswith(ROW) for r in _back(PAGE)] == [True, True, True]


def test_without_the_rows_the_name_lines_are_no_labels():
    text = "\n".join(line for line in PAGE.split("\n") if not line.startswith(ROW))
    assert not set(_labels(text)) & set(LABELS)


def test_a_row_printed_twice_is_not_yet_the_documents_grammar():
    text = PAGE[:PAGE.rindex(LABELS[2])]
    assert text.count(ROW) == 2
    assert not set(_labels(text)) & set(LABELS)


def test_a_recurring_line_that_is_a_sentence_is_no_row():
    text = "\n".join(line + " here." if line.startswith(ROW) else line for line in PAGE.split("\n"))
    assert not set(_labels(text)) & set(LABELS)


def test_a_name_closed_by_a_colon_of_its_own_is_read_by_the_grammar_not_the_row():
    text = "\n".join(line + ":" if line in LABELS else line for line in PAGE.split("\n"))
    assert _back(text) == []


def test_a_short_excerpt_with_a_row_of_bar_separated_links_under_each_name():
    # KildareStreet prints "Link to this: Individually | In context | Oireachtas source"
    # under each speaker's line, glued to the photo's alt text: twice is enough when the
    # row is the same and its links are set apart by bars; the name is read once.
    from pathlib import Path

    from convert_helpers import NS, counts
    from tei_corpus.convert import convert_file

    src = (Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen" / "parl"
           / "en-ie-dail-2016-06-01-kildarestreet-photo-alt-link-lines.txt")
    tree = convert_file(src).tree
    assert counts(tree)["turns"] == 2
    names = [p.findtext("t:persName", namespaces=NS)
             for p in tree.getroot().iterfind(".//t:person", NS)]
    assert names == ["Seán Ó Fearghaíl", "Micheál Martin"]
    back = " ".join(tree.getroot().find(".//t:back", NS).itertext())
    assert back.count("Link to this: Individually | In context | Oireachtas source") == 2
