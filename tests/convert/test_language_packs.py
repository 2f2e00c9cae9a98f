"""Language packs: every shipped pack loads, is complete, and its regexes match its examples."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tei_corpus.convert.languages import (DELIVERY_CUES, iter_example_failures, languages_dir,
                                          list_languages, load_language, merged_vocabulary)
from tei_corpus.errors import ConfigError

REQUIRED = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "zh", "ja", "ko", "ar"]
SHIPPED = sorted(p.stem for p in languages_dir().glob("*.toml"))
# Letters each script's word lists may hold (digits, spaces, punctuation aside).
SCRIPT_LETTERS = {
    "Latn": r"[^\W\d_]", "Cyrl": r"[\u0400-\u04FF]", "Arab": r"[\u0600-\u06FF]",
    "Hans": r"[\u4E00-\u9FFF]", "Hant": r"[\u4E00-\u9FFF]",
    "Jpan": r"[\u3040-\u30FF\u4E00-\u9FFF]", "Kore": r"[\uAC00-\uD7A3\u4E00-\u9FFF]",
    "Hebr": r"[\u05D0-\u05EA]", "Deva": r"[\u0900-\u097F]",
    "Thai": r"[\u0E00-\u0E7F]", "Grek": r"[\u0370-\u03FF\u1F00-\u1FFF]", "Beng": r"[\u0980-\u09FF]",
    "Taml": r"[\u0B80-\u0BFF]", "Armn": r"[\u0531-\u0587]",
    "Geor": r"[\u10A0-\u10FF\u1C90-\u1CBF]",
}


def test_every_required_language_is_shipped():
    assert set(REQUIRED) <= set(SHIPPED)
    assert [c for c, _ in list_languages()] == SHIPPED


@pytest.mark.parametrize("code", SHIPPED)
def test_pack_loads_with_required_keys(code):
    pack = load_language(code)
    assert pack.code == code and pack.name and pack.native and pack.scripts
    for attr in ("honorifics", "chairs", "generic", "interpreters", "not_labels"):
        assert getattr(pack, attr), f"{code}: labels.{attr} is empty"
    for key in ("interpreter", "laughter", "applause", "interjection", "inaudible", "crosstalk"):
        assert pack.cues[key], f"{code}: cues.{key} is empty"
    assert len(pack.months) == 12 and all(pack.months)
    assert len(pack.weekdays) == 7 and all(pack.weekdays)
    assert pack.press and pack.self_chair
    events = [k for k in pack.cues if k not in DELIVERY_CUES]
    assert events and all(k in pack.event_words for k in events)


@pytest.mark.parametrize("code", SHIPPED)
def test_regexes_match_their_examples(code):
    pack = load_language(code)
    assert pack.examples, f"{code}: no [examples]"
    assert list(iter_example_failures(pack)) == []


@pytest.mark.parametrize("code", SHIPPED)
def test_each_cue_example_finds_its_own_event(code):
    """A stage direction given as an example of a cue is classified as that cue's event."""
    pack = load_language(code)
    for key, word in pack.event_words.items():
        for example in pack.examples[f"cues.{key}"]:
            found = pack.event_for(example)
            assert found is not None and found[1] == word, (code, key, example, found)


@pytest.mark.parametrize("code", SHIPPED)
def test_word_lists_are_in_the_packs_scripts(code):
    """Catches a Latin letter typed into a Cyrillic word, and the like."""
    pack = load_language(code)
    allowed = "|".join(SCRIPT_LETTERS[s] for s in pack.scripts)
    for attr in ("honorifics", "chairs", "generic", "interpreters", "not_labels", "particles"):
        for word in getattr(pack, attr):
            for ch in word:
                if ch.isalpha():
                    assert re.fullmatch(allowed, ch), f"{code}: labels.{attr}: {word!r} has {ch!r}"


def test_english_holds_the_former_python_literals():
    en = load_language("en")
    assert en.month_number("September") == 9 and en.month_number("Sept") == 9
    assert en.month_number("Dec") == 12 and en.month_number("Foo") == 0
    assert any(p.search("White House press gaggle") for p in en.press)
    assert any(p.search("I’m your moderator") for p in en.self_chair)
    assert any(p.fullmatch("Speaker 12") for p in en.numbered)
    assert {"the", "of", "vs"} <= en.small_words
    m = en.period_labels[0].match("The PRESIDING OFFICER. Without objection.")
    assert m and m.group("label") == "The PRESIDING OFFICER"


def test_dates_resolve_in_every_pack():
    for code in SHIPPED:
        pack = load_language(code)
        for text in pack.examples.get("dates.patterns", ()):
            m = next(m for p in pack.date_patterns if (m := p.search(text)))
            assert 1 <= pack.month_number(m.group("m")) <= 12, (code, text)
            assert 1 <= int(m.group("d")) <= 31 and len(m.group("y")) == 4


def test_merged_vocabulary_unites_packs():
    mixed = merged_vocabulary(["en", "ko"])
    assert mixed.code == "en+ko"
    assert "moderator" in mixed.chairs and "의장" in mixed.chairs
    assert mixed.event_for("(박수)")[1].type == "applause"
    assert mixed.event_for("(Laughter.)")[1].type == "laughter"
    assert mixed.month_number("March") == 3 and mixed.month_number("3월") == 3
    assert merged_vocabulary(["de"]) is load_language("de")
    with pytest.raises(ConfigError):
        merged_vocabulary([])


def test_user_file_merges_over_the_shipped_pack(tmp_path):
    user = tmp_path / "my-de.toml"
    user.write_text(
        'code = "de"\n'
        'replace = ["labels.generic"]\n'
        '[labels]\nchairs = ["Landtagspräsidentin"]\ngeneric = ["Gast"]\n'
        "[cues]\nbell = ['Klingel']\n"
        '[event_words]\nbell = { element = "kinesic", type = "gavel" }\n'
        "[examples]\n\"cues.bell\" = ['(Klingel)']\n", encoding="utf-8")
    pack = load_language(user)
    assert {"landtagspräsidentin", "präsident", "vizepräsidentin"} <= pack.chairs
    assert pack.generic == {"gast"}
    assert pack.event_for("(Klingel)")[1].type == "gavel"
    assert pack.event_for("(Beifall bei der SPD)")[1].type == "applause"
    assert pack.sources[-1] == str(user)
    assert list(iter_example_failures(pack)) == []


def test_user_file_for_a_new_language(tmp_path):
    src = tomllib.loads((languages_dir() / "nl.toml").read_text(encoding="utf-8"))
    assert src["code"] == "nl"
    text = (languages_dir() / "nl.toml").read_text(encoding="utf-8")
    path = tmp_path / "af.toml"
    path.write_text(text.replace('code = "nl"', 'code = "af"'), encoding="utf-8")
    assert load_language(path).code == "af"


@pytest.mark.parametrize("body, key", [
    ('code = "de"\n[cues]\napplause = [\'(Beifall\']\n', "cues.applause[0]: bad regular expression"),
    ('code = "de"\n[labels]\nchair = ["X"]\n', "labels.chair: unknown key"),
    ('code = "de"\n[event_words]\napplause = { element = "vocal", type = "clapping" }\n',
     "event_words.applause: vocal/clapping is not a closed event type"),
    ('code = "xx"\nname = "X"\nnative = "X"\nscripts = ["Latn"]\n', "labels.honorifics: required"),
    ('name = "X"\n', "code: required"),
    ('code = "de"\n[dates]\nmonths = [["jan"]]\n', "dates.months: required: a list of 12 lists"),
    ('code = "de"\n[dates]\npatterns = [\'(?P<d>\\d+)\']\n', "dates.patterns[0]: needs the groups"),
    ('code = "de"\nlabels = 3\n', "labels: must be a table"),
    ('code = "de"\n[cues\n', "not a valid TOML language pack"),
])
def test_broken_user_file_gives_one_line_naming_file_and_key(tmp_path, body, key):
    path = tmp_path / "broken.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_language(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert key in message


def test_unknown_code_lists_the_shipped_packs():
    with pytest.raises(ConfigError, match=re.escape(f"unknown language 'xx'; shipped language packs: {', '.join(SHIPPED)}")):
        load_language("xx")
    with pytest.raises(ConfigError):
        load_language("../profiles/_base")


def test_missing_user_file_names_it(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match=re.escape(f"{path}: cannot read language pack")):
        load_language(path)


def test_packs_ship_inside_the_package():
    """tei_corpus/languages is inside the package folder, so the wheel carries it."""
    folder = languages_dir()
    assert folder.name == "languages" and folder.parent.name == "tei_corpus"
    assert (folder / "README.md").is_file()


def test_numbered_labels_and_title_small_words_come_from_the_packs():
    from tei_corpus.convert.labels import is_numbered
    from tei_corpus.convert.pipeline import language_pack
    from tei_corpus.convert.profile import load_profile, with_language

    bare = load_profile("names")
    assert not is_numbered("Speaker 2", bare)         # no word of any language in Python
    de = with_language(bare, language_pack("de"))
    assert is_numbered("Speaker 2", de) and is_numbered("Sprecher 2", de)
    fr = with_language(bare, language_pack("fr"))
    assert {"de", "du", "the", "of"} <= fr.small_words


def test_a_record_the_detector_splits_between_chinese_languages_is_chinese():
    # py3langid reads this Legislative Yuan gazette (Mandarin, traditional characters) as
    # Cantonese 0.60 and Mandarin 0.38: together, by their macrolanguage, Chinese.
    from pathlib import Path

    from tei_corpus.convert import convert_file
    from tei_corpus.convert.pipeline import language_pack

    src = (Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen" / "parl"
           / "zh-tw-legislative-yuan-2021-03-12-plenary-gazette-procedure-opinions.txt")
    root = convert_file(src).tree.getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    assert not root.xpath(".//*[local-name()='foreign']")
    assert language_pack("yue").code.split("+")[0] == "zh"     # Cantonese gets the Chinese pack


def test_greek_words_are_found_as_labels_lower_them():
    """casefold writes a final ς as σ, str.lower keeps it: a pack's word is held both ways."""
    el = load_language("el")
    assert {"ΠΡΟΕΔΡΟΣ".lower(), "Πρόεδρος".lower(), "προεδρευων"} <= el.chairs
    assert el.month_number("ΟΚΤΩΒΡΙΟΥ") == 10 and el.month_number("Μαΐου") == 5
