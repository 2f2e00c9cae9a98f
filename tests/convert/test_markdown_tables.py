"""A transcript kept as a Markdown table is read by its cells; a label that opens with the
form of address the document's labels open with starts a turn mid-cell.

Built from the held-out Brazilian Senate notes (tests/data/convert/unseen/parl2): the
page as published, and the same page changed where the rules must not read it.
"""
from __future__ import annotations

from pathlib import Path

from convert_helpers import counts
from tei_corpus.convert import convert_bytes

UNSEEN = Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen"
NOTES = (UNSEEN / "parl2" / "pt-br-senado-2025-11-12-notas-taquigraficas-markdown-table-rows.md"
         ).read_text(encoding="utf-8")
INTERVIEW = (UNSEEN / "media" / "es-tec-monterrey-2030-entrevista-vero-saldana-bold-caps-label-lines.md"
             ).read_text(encoding="utf-8")
CHAIR = "O SR. PRESIDENTE (Humberto Costa. Bloco Parlamentar Pelo Brasil/PT - PE. Fala da Presidência.)"
MEMBER = "O SR. EDUARDO GIRÃO (Bloco Parlamentar Vanguarda/NOVO - CE. Para discursar.)"
T = "{http://www.tei-c.org/ns/1.0}"


def _convert(text: str):
    return convert_bytes(text.encode(), "notes.md").tree


def _back(tree) -> list:
    return [p.xpath("string()") for p in tree.iter(f"{T}p")
            if p.getparent().getparent().tag == f"{T}back"]


def test_each_rows_text_cell_is_read_and_the_other_cells_are_set_apart():
    tree = _convert(NOTES)
    assert counts(tree)["labels"] == [CHAIR, MEMBER]
    speech = " ".join(u.xpath("string()") for u in tree.iter(f"{T}u"))
    assert "|" not in speech and "Havendo número regimental" in speech
    back = " ".join(_back(tree))
    assert "Horário" in back and "Texto com revisão" in back
    assert back.split().count("R") == NOTES.count("| R |")


def test_a_table_that_holds_little_of_the_text_is_left_as_printed():
    tree = convert_bytes(INTERVIEW.encode(), "interview.md").tree
    text = "".join(tree.getroot().find(f"{T}text").itertext())
    assert "| **Carrera:** | Médico Cirujano |" in text or "| Carrera: | Médico Cirujano |" in text


def test_a_name_not_in_capitals_after_the_form_of_address_starts_no_turn():
    text = NOTES.replace("O SR. EDUARDO GIRÃO (", "O Sr. Eduardo Girão (")
    assert counts(_convert(text))["labels"] == [CHAIR]


def test_a_form_of_address_with_another_delimiter_starts_no_turn():
    text = NOTES.replace("Para discursar.) -", "Para discursar.) disse")
    assert counts(_convert(text))["labels"] == [CHAIR]
