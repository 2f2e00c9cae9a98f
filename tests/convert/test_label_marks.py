"""Label marks and shapes read from the held-out transcripts' own lines (issue #8): a
bullet glued before a label, a role in lenticular brackets, a label glued to the quote
bracket of its speech, initials set off by a run of spaces."""
from __future__ import annotations

from pathlib import Path

from tei_corpus.convert.labels import label_marks, match_line
from tei_corpus.convert.pipeline import _shipped
from tei_corpus.convert.segment import _FIELD_VALUE

COMMON5 = Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen" / "common5"


def _profile(lang: str, name: str):
    found = [p for p in _shipped(lang) if p.name == name]
    assert found, name
    return found[0]


def _lines(prefix: str) -> list[str]:
    files = sorted(COMMON5.glob(prefix + "*"))
    assert files
    return [line for line in files[0].read_text(encoding="utf-8").splitlines() if line.strip()]


def _read(line: str, lang: str, profile: str):
    m = match_line(line, _profile(lang, profile), True)
    return m and (m.label, m.raw, m.rest)


def test_a_bullet_glued_before_a_label_is_printed_before_it_as_a_dash_is():
    turns = [line for line in _lines("ko-president") if line.startswith("▲")]
    assert len(turns) == 6
    label, raw, rest = _read(turns[0], "ko", "names")
    assert (label, raw) == ("김선 행정관", "▲김선 행정관 :") and rest.startswith("안녕하세요")
    assert _read(turns[1], "ko", "names")[0] == "고민정 부대변인"
    # The circles of minutes stay the packs' own marks, read by their period_labels.
    assert _read("○議長（大島理森君）　これより会議を開きます。", "ja", "congress")[:2] \
        == ("議長（大島理森君）", "○議長（大島理森君）")
    assert _read("◯의장 문희상 의석을 정돈하여 주시기 바랍니다.", "ko", "congress")[0] == "의장 문희상"


def test_a_role_in_lenticular_brackets_glued_to_its_speech_is_a_label():
    governor, reporter = [line for line in _lines("ja-tokyo") if line.startswith("【")]
    assert _read(governor, "ja", "bracketed")[:2] == ("知事", "【知事】")
    assert _read(governor, "ja", "bracketed")[2].startswith("冒頭、1つ。")
    assert _read(reporter, "ja", "bracketed")[0] == "記者"
    assert _read("【記者】", "ja", "bracketed")[0] == "記者"
    assert _read("【拍手】ありがとうございます。", "ja", "bracketed") is None    # an event


def test_a_paragraph_of_a_script_without_spaces_is_no_fields_value():
    # The reporter's one paragraph is one "word" to a count of words; its full stops end
    # sentences, so it is speech, not a field's short value ("記者" printed once).
    reporter = next(line for line in _lines("ja-tokyo") if line.startswith("【記者】"))
    assert _FIELD_VALUE.fullmatch(reporter[len("【記者】"):]) is None
    assert _FIELD_VALUE.fullmatch("2012年8月24日(金曜)")
    assert _FIELD_VALUE.fullmatch("19.05.2011")


def test_a_label_glued_to_the_quote_bracket_of_its_speech_keeps_the_bracket_in_the_speech():
    turns = [line for line in _lines("ja-yahoo") if line.startswith(("東京新聞記者「", "菅官房長官「"))]
    assert len(turns) == 6 and turns[-1] == "東京新聞記者「つ"     # (the excerpt ends inside it)
    for line in turns:
        label = line.split("「", 1)[0]
        found, raw, rest = _read(line, "ja", "congress")
        assert (found, raw) == (label, label) and rest == line[len(label):] and rest[0] == "「"


def test_a_sentence_or_a_headline_that_quotes_is_no_label():
    headline, caption, narrative = (_lines("ja-yahoo")[i] for i in (1, 3, 4))
    assert headline.startswith("菅長官「") and "」東京新聞記者は" in headline
    for line in (headline, caption, narrative):
        assert _read(line, "ja", "congress") is None, line


def test_initials_set_off_by_a_run_of_spaces_are_a_bare_label():
    cl, tag = [line for line in _lines("en-who") if line.startswith(("CL ", "TAG "))]
    for line, label in ((cl, "CL"), (tag, "TAG")):
        for name in ("qa", "whitehouse"):
            profile = _profile("en", name)
            m = match_line(line, profile, True)
            assert m is not None and (m.label, m.kind) == (label, "q-bare")
            assert m.rest == line[len(label):].strip()
    for name in ("qa", "whitehouse"):     # the capital before the run of spaces is its mark
        assert label_marks(_profile("en", name)).search(cl[:cl.index("Hello") + 5])  # no Q, A, ':'
    assert _read("A  Yes.", "en", "qa")[0] == "A"
    assert _read("US officials said so.", "en", "qa") is None     # one space: prose


def test_a_colon_glued_to_a_capital_of_greek_cyrillic_or_armenian_speech_closes_a_label():
    for lang, line, label in (("bg", "Водеща:Уплашихте ли се в Афганистан?", "Водеща"),
                              ("bg", "Н. Младенов:Ще ви прозвучи странно", "Н. Младенов"),
                              ("el", "Υπουργός:Καλημέρα σας.", "Υπουργός"),
                              ("hy", "Լրագրող:Պարոն նախարար, ինչ", "Լրագրող")):
        assert _read(line, lang, "names")[0] == label, line
    # (a small letter after the colon is no speech's start: a time, a ratio, a web address)
    assert _read("Водеща:уплашихте ли се", "bg", "names") is None


def test_a_hosts_name_after_the_role_and_before_a_spaced_dash_belongs_to_the_label():
    assert _read("Realizator: Mihai Gadea - Doamnelor şi domnilor, bună seara!", "ro", "names") == (
        "Realizator: Mihai Gadea", "Realizator: Mihai Gadea -", "Doamnelor şi domnilor, bună seara!")
    # (a title is no holder, and a name's label is no role: "Smith: John Jones - no.")
    assert _read("Moderator: Mr Secretary - thank you.", "en", "names")[0] == "Moderator"
    assert _read("Smith: John Jones - no.", "en", "names")[0] == "Smith"


def test_the_words_a_question_and_answer_letter_stand_for_are_labels_in_full():
    assert _read("Pregunta. Ningún candidato quiere pactar con usted.", "es", "qa")[:2] == ("Pregunta", "Pregunta.")
    assert _read("Respuesta. Es mentira.", "es", "qa")[0] == "Respuesta"
    assert _read("Frage - Wie geht es weiter?", "de", "qa")[0] == "Frage"
    # (the word in a sentence, or before small letters, is none: "Pregunta. por qué")
    assert _read("Pregunta. por qué no", "es", "qa") is None
    assert _read("Ningún candidato. Quiere pactar", "es", "qa") is None


def test_a_programme_named_with_its_number_first_is_a_label():
    assert _read("60 Minutes: Thank you for meeting with us today, Prime Minister.", "en", "names")[0] == "60 Minutes"
    # (a figure inside or after the name is no programme's: "Item 4:", "Section 2 Part 3:")
    assert _read("Item 4: Thank you for meeting", "en", "names") is None
    assert _read("2 Part 3: Thank you for meeting", "en", "names") is None


def test_a_generic_label_after_an_outlets_name_or_acronym_is_a_label():
    assert _read("EIB reporter: Is ENI under investigations?", "en", "names")[0] == "EIB reporter"
    assert _read("CNN journalist: Is ENI under investigations?", "en", "names")[0] == "CNN journalist"
    assert _read("the reporter said: Is ENI under investigations?", "en", "names") is None


def test_for_whom_a_minister_answers_is_printed_with_the_label_and_read_apart_from_it():
    line = ("Hon JIM SUTTON (Minister of Agriculture), on behalf of the Minister of Finance: "
            "New Zealand’s regulatory framework protects the interest of stakeholders")
    assert _read(line, "en", "hansard")[:2] == (
        "Hon JIM SUTTON (Minister of Agriculture)",
        "Hon JIM SUTTON (Minister of Agriculture), on behalf of the Minister of Finance:")
    assert _read("ANDREW LITTLE (Leader of the Opposition) to the Prime Minister: Does he stand", "en",
                 "hansard")[0] == "ANDREW LITTLE (Leader of the Opposition)"


def test_a_label_opening_a_paragraph_in_italics_and_one_in_brackets_with_its_colon():
    assert _read("_RaW: Is there not an inevitable trade-off?_", "en", "names")[:2] == ("RaW", "_RaW:")
    assert _read("*RaW: Is there not an inevitable trade-off?*", "en", "names")[:2] == ("RaW", "*RaW:")
    # (a star before a field's name, not closed at the paragraph's end, is a footnote's mark)
    assert _read("*Correspondence: j.doe@example.org, Department of History", "en", "names") is None
    assert _read("[Reporter:]", "en", "bracketed")[0] == "Reporter"


def test_the_tatweel_stretching_an_arabic_label_is_no_letter_of_it():
    from tei_corpus.convert.labels import label_key
    assert label_key("الرئيـــــــــــــــــس") == label_key("الرئيـــس") == label_key("الرئيس")
    assert _read("الرئيـــــــــــــــــس: هل يوافق المجلس؟", "ar", "names")[0] == "الرئيـــــــــــــــــس"


def test_a_period_before_the_spaced_hyphen_is_the_french_chambers_delimiter():
    assert _read("M. Geoffroy BOULARD. - Merci, Monsieur le Maire.", "fr", "dash") == (
        "M. Geoffroy BOULARD", "M. Geoffroy BOULARD. -", "Merci, Monsieur le Maire.")
    assert _read("M. Mao PÉNINOU, adjoint, président. - La parole est à Olivia POLSKI.", "fr", "dash")[0] \
        == "M. Mao PÉNINOU, adjoint, président"
    # (an initial's period is the name's; a name and an office with no period is prose's dash)
    assert _read("Paris, capitale de la France - la ville lumière.", "fr", "dash") is None


def test_a_numbered_speaker_alone_on_its_line_after_its_time_is_a_label():
    # Word's transcription: "00:00:03 Speaker 1" over the speech's paragraph.
    assert _read("00:00:03 Speaker 1", "en", "screenplay")[:2] == ("Speaker 1", "00:00:03 Speaker 1")
    assert _read("00:00:03 Chapter 1", "en", "screenplay") is None


def test_a_time_range_before_a_generic_label_with_a_note_of_words():
    line = "[0:00:00,000 --> 0:00:01,960] Участник (не определён):  Так, ну что, смотрим твою квартиру."
    assert _read(line, "ru", "names") == ("Участник (не определён)", "[0:00:00,000 --> 0:00:01,960] Участник (не определён):",
                                          "Так, ну что, смотрим твою квартиру.")


def test_parts_in_capitals_closed_by_spaced_dashes_after_an_office_in_capitals_are_the_label():
    line = "O SR. PRESIDENTE - CARLOS GIANNAZI - PSOL - Presente o número regimental de Sras. Deputadas"
    assert _read(line, "pt", "dash") == ("O SR. PRESIDENTE - CARLOS GIANNAZI - PSOL",
                                         "O SR. PRESIDENTE - CARLOS GIANNAZI - PSOL -",
                                         "Presente o número regimental de Sras. Deputadas")
    assert _read("O SR. REIS - Boa tarde, presidente - já estou aqui.", "pt", "dash")[0] == "O SR. REIS"


def test_a_time_range_with_an_en_dash_before_a_label_is_its_prefix():
    assert _read("[02:51 – 03:10] Renee: So what is it", "en", "names") == (
        "Renee", "[02:51 – 03:10] Renee:", "So what is it")


def test_a_numbered_question_letter_is_the_question_its_number_a_prefix():
    assert _read("1. Q. Will you state your name, rank, and present station?", "en", "qa") == (
        "Q", "1. Q.", "Will you state your name, rank, and present station?")
