"""Person ids: readable ASCII in every script, and names re-cased in the document's language.

The fixtures are real transcripts (tests/data/convert/languages and unseen, each
described in its SOURCE.md); the ids named below were read by hand from the names.
"""
from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from tei_corpus.convert import convert_file
from tei_corpus.convert.languages import load_language
from tei_corpus.convert.profile import load_profile, with_language
from tei_corpus.convert.speakers import casing_for, derive_participants, slug
from tei_corpus.resources import data_dir

from convert_helpers import NS

DATA = Path(__file__).resolve().parents[1] / "data" / "convert"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NCNAME_ASCII = re.compile(r"[a-z][a-z0-9-]*")
# Names printed in scripts other than Latin, and the ids their names read as.
OTHER_SCRIPTS = {
    "unseen/el-government-press-briefing-2005-04-08-hrnet-run-on.txt": {"spyraki", "antonaros"},
    "unseen/he-knesset-finance-committee-2015-12-08-protocol-tika-text.txt": {"gfny", "khhn"},
    "languages/ru/echo-razvorot-2013-02-28.txt": {"m-ganapolskiy", "i-vorobeva"},
    "languages/uk/rada-budget-committee-2019-10-30.txt": {"aristov", "tsabal", "trukhin", "purtova"},
    "languages/zh/legco-2013-01-10-mpf-motion.txt": {"zhuxi"},
    "languages/ar/iraq-cor-2013-01-22-session-7.txt": set(),
    "languages/ko/jeheon-1-1-bonhoeui-p4.txt": {"iseungman", "yunseoggu", "yunjaeug", "noilhwan"},
    "languages/ja/shimizu-hokkaido-2023-03-22-giketsu.txt": set(),
}
TURKISH = "unseen/tr-tbmm-genel-kurul-run-on-page-text.txt"


def _persons(name: str) -> dict:
    """xml:id -> persName of every person of a converted fixture."""
    root = convert_file(DATA / name).tree.getroot()
    return {p.get(XML_ID): "".join(p.find("t:persName", NS).itertext())
            for p in root.iterfind(".//t:person", NS)}


@pytest.mark.parametrize("name", sorted(OTHER_SCRIPTS))
def test_names_in_other_scripts_get_readable_distinct_ids(name):
    persons = _persons(name)
    ids = list(persons)
    assert len(ids) >= 2 and len(set(ids)) == len(ids)
    assert all(NCNAME_ASCII.fullmatch(i) for i in ids), ids
    assert not [i for i in ids if re.fullmatch(r"speaker(?:-\d+)?|p-.*", i)], ids
    assert OTHER_SCRIPTS[name] <= set(ids), ids


def test_no_id_names_two_different_people_across_the_files():
    # The old ids ("speaker", "speaker-2", ...) were the same in every file.
    seen: dict = {}
    for name in OTHER_SCRIPTS:
        for pid, person in _persons(name).items():
            seen.setdefault(pid, set()).add(person)
    assert {pid: names for pid, names in seen.items() if len(names) > 1} == {}


def test_a_label_s_honorific_or_initials_after_the_name_are_not_its_id():
    # 윤석구 의원 (member Yun Seok-gu), Арістов Ю.Ю. (surname, then initials).
    ko = _persons("languages/ko/jeheon-1-1-bonhoeui-p4.txt")
    uk = _persons("languages/uk/rada-budget-committee-2019-10-30.txt")
    assert ko["yunseoggu"] == "윤석구 의원" and not [i for i in ko if i.startswith("uiwon")]
    assert uk["aristov"] == "Арістов Ю.Ю."


@given(st.text(alphabet=string.printable, max_size=40))
def test_an_ascii_name_keeps_the_id_it_always_had(text):
    # Lower case, every run of other characters one hyphen, a letter first.
    t = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    assert slug(text) == (("p-" + t if t[0].isdigit() else t) if t else "speaker")


@given(st.text(max_size=40))
def test_every_id_is_an_ascii_ncname(text):
    assert NCNAME_ASCII.fullmatch(slug(text)) and slug(text) == slug(text)


def test_latin_letters_lose_their_marks_or_are_spelled_out():
    assert slug("Anu Vehviläinen") == "anu-vehvilainen"
    assert slug("José Rafael Ojeda Durán") == "jose-rafael-ojeda-duran"
    assert slug("Søren Østergård") == "soren-ostergard"       # was "s-ren-stergard"
    assert slug("Łukasz Straße") == "lukasz-strasse"
    assert slug("習近平") == slug("习近平") == "xijinping"
    assert slug("ガナポリスキー") != slug("カナホリスキー")      # voiced kana keep their sound


def test_turkish_names_are_title_cased_with_dotted_and_dotless_i():
    names = set(_persons(TURKISH).values())
    assert {"Mustafa Elitaş", "Engin Altay", "Gülay Yedekci", "Oğuz Kaan Salıcı"} <= names
    assert not [n for n in names if "\u0307" in n]       # no combining dot above


def _names(labels: list, lang: str) -> list:
    profile = with_language(load_profile("names"), load_language("en"))
    parts, _ = derive_participants(labels, profile, ["", "", ""], lang=lang)
    return [p.name for p in parts]


def test_casing_follows_the_documents_language_and_no_other():
    labels = ["OĞUZ KAAN SALICI", "MUSTAFA ELİTAŞ"]
    assert _names(labels, "tr") == _names(labels, "tr-TR") == ["Oğuz Kaan Salıcı", "Mustafa Elitaş"]
    assert _names(labels, "az") == _names(labels, "tr")
    for lang in ("en", "de", "", "xx"):
        assert casing_for(lang) == casing_for("en")
        assert _names(labels, lang) == ["Oğuz Kaan Salici", "Mustafa Eli\u0307taş"]   # Unicode's own
    assert _names(["İSMET İNÖNÜ", "KILIÇ"], "tr") == ["İsmet İnönü", "Kılıç"]


def test_every_casing_file_pairs_a_capital_with_a_small_letter():
    files = sorted((data_dir("languages") / "casing").glob("*.toml"))
    assert {f.stem for f in files} >= {"tr", "az"}
    for f in files:
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        assert data["code"] == f.stem
        for big, small in data["pairs"]:
            assert big.isupper() and small.islower() and big.lower() != small, (f.name, big, small)


def test_two_labels_answering_each_other_are_two_people_whatever_their_names_share():
    # A family interview: "João" and "Avó do João" (João's grandmother) share their last
    # word, but one answers the other turn after turn: two participants, not one.
    from pathlib import Path

    from tei_corpus.convert import convert_file

    src = (Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen" / "media"
           / "pt-entrevista-familiar-2025-04-02-bold-labels-after-bold-header-fields.md")
    root = convert_file(src).tree.getroot()
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    who = {n.text.rstrip(":"): n.getnext().get("who")
           for n in root.iterfind(".//t:body//t:note[@type='speaker']", ns)}
    assert who["João"] != who["Avó do João"]
    assert len(root.findall(".//t:listPerson/t:person", ns)) == 2


# A title the converter makes of the file name's words names nobody: a speaker's full name
# is looked up in the front matter and the text, not there ("Youtube Help Alice" was one).
@pytest.mark.parametrize("path, names", [
    ("captions/youtube-help-alice-john-bakery.sbv", {"Alice", "John"}),
    ("unseen/media3/ru-mymeet-test-task-durov-interview-clock-speaker-letter-paragraphs.md",
     {"Speaker D", "Speaker A", "Speaker B"}),
])
def test_no_name_is_taken_from_the_file_name(path, names):
    tree = convert_file(DATA / path).tree
    found = {p.findtext("t:persName", namespaces=NS) for p in tree.iterfind(".//t:person", NS)}
    assert found == names


# A name printed in capitals is re-cased whole; capitals before a name printed in the
# language's case are a heading's, not the name's ("SCENE V. Clorian").
@pytest.mark.parametrize("path, name", [
    ("unseen/en-ny-senate-floor-1993-03-10-line-numbered.txt", "Christopher J. Mega"),
    ("unseen/media4/fr-dramacode-scudery-1636-fils-suppose-md-indented-caps-name-period-verse.md",
     "Clorian"),
])
def test_full_names_found_in_the_text_are_cased_as_names(path, name):
    tree = convert_file(DATA / path).tree
    assert name in {p.findtext("t:persName", namespaces=NS) for p in tree.iterfind(".//t:person", NS)}


def test_a_label_the_texts_legend_defines_is_named_by_it():
    # A spoken corpus's record lists whom each pair of initials stands for ("RP = Roman
    # Prorok, moderátor;") before the turns labelled "RP:": the person is named so.
    root = convert_file(DATA / "unseen/europe31/cs-ujc-dialogy-1999-11-28-v-prave-poledne-debate-initials-braced-numbers.txt").tree.getroot()
    people = {p.get(XML_ID): ("".join(p.find("t:persName", NS).itertext()), p.get("role"),
                              p.findtext(".//t:roleName", namespaces=NS))
              for p in root.iterfind(".//t:person", NS)}
    assert people["prorok"] == ("Roman Prorok", "moderator", "moderátor")
    assert people["zeman"] == ("Miloš Zeman", "principal", "premiér vlády ČR")
    assert len(people) == 5 and all(len(name.split()) == 2 for name, _, _ in people.values())


def test_a_role_printed_alone_is_the_holder_an_earlier_label_named_for_it():
    # "Realizator: Mihai Gadea - …" opens the interview, "Realizator: …" follows: one host.
    root = convert_file(DATA / "unseen/europe31/ro-atitudinea-2017-04-22-grindeanu-antena3-interview-run-on-role-name-dash.txt").tree.getroot()
    who = [u.get("who") for u in root.iterfind(".//t:body//t:u", NS)]
    assert who == ["#gadea", "#grindeanu", "#gadea", "#grindeanu"]
    assert _persons("unseen/europe31/ro-atitudinea-2017-04-22-grindeanu-antena3-interview-run-on-role-name-dash.txt") == {
        "gadea": "Mihai Gadea", "grindeanu": "Sorin Grindeanu"}


def test_a_spoken_corpus_code_in_brackets_is_the_speakers_idno():
    # BNCweb prints "Storer (PS5M9) [1] management meeting, …": the code is the corpus's id.
    root = convert_file(DATA / "unseen/talk35/en-bnc-phon-ox-1994-02-01-nottingham-constabulary-meeting-name-code-numbered-sentences.txt").tree.getroot()
    person = root.find(".//t:person[@xml:id='storer']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert person.findtext("t:persName", namespaces=NS) == "Storer"
    assert [(i.get("type"), i.text) for i in person.iterfind("t:idno", NS)] == [("corpus", "PS5M9")]
    assert person.find("t:affiliation", NS) is None


# A label that is one word of two or three capitals and no vowel (initials, an office's
# letters) is the person's name as printed, where the text gives no fuller name.
ABBREVIATED = {
    "unseen/world32/en-samoaobserver-2016-07-22-tuilaepa-60-minutes-outlet-name-digit-colo": "PM",
    "unseen/lang27/sv-nontelly-blogspot-2014-09-07-lofven-din-rost-full-names-then-initia": "SL",
    "unseen/talk35/en-theboar-2009-06-warwick-vice-chancellor-interview-italic-outlet-q-a": "VC",
}


@pytest.mark.parametrize("stem,printed", sorted(ABBREVIATED.items()))
def test_initials_and_an_office_s_letters_keep_their_capitals(stem, printed):
    path = next((DATA / stem).parent.glob(Path(stem).name + "*"))
    names = {"".join(p.itertext()) for p in convert_file(path).tree.iterfind(".//t:person/t:persName", NS)}
    assert printed in names and printed.title() not in names, names
