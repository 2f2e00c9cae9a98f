"""Labels wrapped like the speech in a hard-wrapped text are joined before they are read.

The Greenland Landsting page (tests/data/convert/unseen) prints 'Name, office, party.'
alone and wraps it as it wraps the speech; see segment.join_wrapped_labels. A text in
paragraphs hard-wrapped at a width breaks a long label too: its bracket or its colon on
the paragraph's second line.
"""
from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path

import pytest

from convert_helpers import counts
from tei_corpus.convert import convert_bytes, convert_file
from tei_corpus.convert.pipeline import _shipped, read_source
from tei_corpus.convert.segment import join_wrapped_labels

UNSEEN = Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen"
WRAPPED = UNSEEN / "da-greenland-landsting-2002-em-item-5-wrapped-labels-page-text.txt"
CHAIR = "Otto Steenholdt, mødeleder, den ældste af Landstingets nestorer, løsgænger."


def _lines(path: Path) -> list:
    return read_source(path.read_bytes(), path.name).lines


def test_each_wrapped_label_becomes_one_line_at_its_first_line():
    lines = _lines(WRAPPED)
    joined = join_wrapped_labels(lines, _shipped("da")[0])
    assert joined is not None
    labels = [(no, t) for no, t in joined if t in (CHAIR, "Ruth Heilmann, Siumuts ordfører.",
                                                    "Godmand Rasmussen, Atassuts ordfører.")]
    firsts = [no for no, t in lines if t in ("Otto Steenholdt, mødeleder, den", "Ruth",
                                             "Godmand Rasmussen, Atassuts ordfører.")]
    assert [no for no, _ in labels] == firsts and len(firsts) == 5
    assert [t for _, t in labels].count(CHAIR) == 3
    assert len(joined) == len(lines) - 4          # four labels were on two lines each
    assert " ".join(t for _, t in joined).split() == " ".join(t for _, t in lines).split()


def test_a_label_shape_the_document_does_not_repeat_is_not_joined():
    lines = _lines(WRAPPED)
    second_chair = [i for i, (_, t) in enumerate(lines) if t.startswith("Otto Steenholdt")][1]
    assert join_wrapped_labels(lines[:second_chair], _shipped("da")[0]) is None



def _hard_wrapped(text: str, width: int = 72) -> str:
    """The text as an editor or a PDF's text layer breaks it at a width, paragraphs kept."""
    return "\n".join("\n".join(textwrap.wrap(line, width, break_long_words=False,
                                             break_on_hyphens=False)) or ""
                     for line in text.split("\n"))


@pytest.mark.parametrize("name", [
    # labels with a long bracketed note, some broken inside the brackets, some with the
    # dash at the line's end and the speech on the next line
    "pt-camara-deputados-2025-09-16-breves-comunicacoes.md",
    # a question wholly in bold, its closing marks on the paragraph's last line
    "common4/es-umh-master-blog-2018-10-09-entrevista-altares-el-pais-bold-p-r-period.md",
])
def test_a_held_out_transcript_hard_wrapped_keeps_its_labels_and_turns(name):
    path = UNSEEN / name
    want = tomllib.loads((path.parent / "expected.toml").read_text(encoding="utf-8"))[path.name]
    raw = _hard_wrapped(path.read_text(encoding="utf-8"))
    assert raw.count("\n") > path.read_text(encoding="utf-8").count("\n") + 20   # it was wrapped
    c = counts(convert_bytes(raw.encode(), path.name).tree)
    assert c["labels"] == want["labels"] and c["turns"] == want["turns"]


@pytest.mark.parametrize("name", [
    # a name alone on its line, its colon opening the next ("An Tánaiste" / ": As a …")
    "lang9/ga-tadenc-blog-2008-05-05-dail-quoted-td-name-an-tanaiste-colon.txt",
    # a Pandoc definition list: the term, then ":\t" and the definition
    "media8/de-mitschrift-undated-family-history-pandoc-definition-list-name-lines.md",
])
def test_a_name_whose_colon_opens_the_next_line_is_a_label(name):
    path = UNSEEN / name
    joined = join_wrapped_labels(_lines(path), _shipped("en")[0])
    assert joined is not None and any(t.endswith(" :") or " :\t" in t or " : " in t
                                      for _, t in joined)
    want = tomllib.loads((path.parent / "expected.toml").read_text(encoding="utf-8"))[path.name]
    c = counts(convert_file(path).tree)
    assert c["labels"] == want["labels"] and c["turns"] == want["turns"]
