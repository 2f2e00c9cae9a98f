"""Labels wrapped like the speech in a hard-wrapped text are joined before they are read.

The Greenland Landsting page (tests/data/convert/unseen) prints 'Name, office, party.'
alone and wraps it as it wraps the speech; see segment.join_wrapped_labels.
"""
from __future__ import annotations

from pathlib import Path

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

