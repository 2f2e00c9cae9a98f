"""What a document teaches its own grammar (issue #8): the names a play closes by a period,
the names a text sets off by a space alone (in a script without spaces, or as initials and a
surname: labels.document_vocabulary).

The inputs are held-out excerpts (tests/data/convert/unseen) and the shared samples; a
document whose lines only look so now and then (a record's "Grupo Mixto. …" line, a
recogniser's words spaced one by one) teaches nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tei_corpus.convert import convert_file
from tei_corpus.convert.labels import document_vocabulary
from tei_corpus.convert.pipeline import language_pack, read_source

from conftest import text_samples
from convert_helpers import counts

UNSEEN = Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen"
CHEKHOV = UNSEEN / "media9" / "ru-go-read-chekhov-vishnevyi-sad-1904-name-period-inline-remarks.txt"
PANEL = UNSEEN / "media9" / "ja-nippon-zaidan-2003-volunteer-symposium-panel-surname-space-label.txt"
SPACED_WORDS = UNSEEN / "formats5" / "yue-batchalign-asr-home-recording-chat-one-participant-par0-unchecked.cha"


def _taught(path: Path, lang: str = ""):
    honorifics = language_pack(lang).honorifics if lang else ()
    return document_vocabulary((t for _, t in read_source(path.read_bytes(), path.name).lines), honorifics)


def test_a_play_teaches_the_names_it_closes_by_a_period():
    assert _taught(CHEKHOV).period_names == {"Лопахин", "Дуняша"}
    tei = convert_file(CHEKHOV)
    assert counts(tei.tree)["labels"] == ["Лопахин", "Дуняша", "Лопахин (прислушивается)"]
    assert tei.report.taught == {"names closed by a period": ["Дуняша", "Лопахин"]}
    assert "  taught by the document: names closed by a period: Дуняша, Лопахин" in tei.report.summary_lines()


def test_a_japanese_panel_teaches_the_surnames_it_sets_off_by_a_space():
    assert _taught(PANEL).spaced_names == {"加藤", "石井"}
    assert set(counts(convert_file(PANEL).tree)["labels"]) == {"加藤", "石井"}


def test_words_a_recogniser_spaces_one_by_one_are_no_names():
    if not SPACED_WORDS.exists():
        pytest.skip(f"{SPACED_WORDS.name} is not among the held-out excerpts")
    assert not _taught(SPACED_WORDS).spaced_names


@pytest.mark.parametrize("path", text_samples(), ids=lambda p: p.name)
def test_the_shared_press_and_parliament_samples_teach_no_play_names(path):
    """The shared samples label every speaker with a colon or in capitals: a line opening
    "Thank you. …" or "Mr. …" teaches no name closed by a period."""
    taught = _taught(path, "en")        # (read with the vocabulary's forms of address: "Mr.")
    assert not taught.spaced_names
    assert not taught.period_names


ECHO = UNSEEN / "media5" / "ru-echo-moskvy-echodrom-1437858-borisov-felgengauer-initial-name-no-delim.txt"


def test_a_radio_transcript_teaches_the_initials_and_surnames_it_prints_without_a_delimiter():
    """'Д. Борисов: …' once, then 'Т. Фельгенгауэр Добрый вечер.', 'Д. Борисов Да, …'."""
    assert _taught(ECHO).spaced_names == {"Д. Борисов", "Т. Фельгенгауэр"}
    c = counts(convert_file(ECHO).tree)
    assert (c["labels"], c["turns"]) == (["Д. Борисов", "Т. Фельгенгауэр"], 9)


INTERVIEW = UNSEEN / "talk2" / "es-informacion-2020-10-12-barcelo-interview-bare-p-r-no-delimiter.txt"


def test_an_interview_teaches_the_letters_it_prints_for_question_and_answer():
    """'P ¿A qué hora …?' / 'R Depende. A veces …': P and R take turns; the article 'A' of
    'A veces' opens no paragraph."""
    assert _taught(INTERVIEW).letters == {"P", "R"}
    assert not _taught(ECHO).letters            # 'Д. Борисов', 'Т. Фельгенгауэр': initials
    c = counts(convert_file(INTERVIEW).tree)
    assert (c["labels"], c["turns"]) == (["P", "R"], 22)
