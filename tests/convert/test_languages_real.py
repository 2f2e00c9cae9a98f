"""Real transcripts in the languages of the shipped packs convert with the right
labels, turns and TEI/@xml:lang (fixtures in tests/data/convert/languages, each
with its SOURCE.md; the expected results, read by hand, in expected.toml)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from lxml import etree

from convert_helpers import NS, counts
from tei_corpus.convert import convert_file
from tei_corpus.convert.languages import list_languages, macrolanguages

DATA = Path(__file__).resolve().parents[1] / "data" / "convert" / "languages"
EXPECTED = tomllib.loads((DATA / "expected.toml").read_text(encoding="utf-8"))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason=e["gap"], strict=True)) if "gap" in e else n
    for n, e in sorted(EXPECTED.items())])
def test_real_transcript_in_its_language(name):
    want = EXPECTED[name]
    assert (DATA / name).is_file() and (DATA / name).parent.joinpath("SOURCE.md").is_file()
    conv = convert_file(DATA / name)
    c = counts(conv.tree)
    assert conv.tree.getroot().get(XML_LANG) == want["lang"]
    assert c["labels"] == want["labels"]
    assert c["turns"] == want["turns"]


def test_french_record_reads_every_label_the_ocr_left_whole():
    # A label after a stage direction's closing bracket, names opening with a particle
    # or followed by a title of nobility, and the benches as a group.
    name = "fr/chambre-1881-01-11-ajournement.txt"
    damaged = "lVJ. Georges Péri»"
    labels = counts(convert_file(DATA / name).tree)["labels"]
    assert labels == [lab for lab in EXPECTED[name]["labels"] if lab != damaged]


def test_interjections_from_the_floor_are_events_per_part():
    # The Hessian Landtag page of the shared samples: "(Zurufe – Lachen – Unruhe)".
    from conftest import SAMPLES_RAW, need_shared
    need_shared(SAMPLES_RAW)
    conv = convert_file(SAMPLES_RAW / "405_de-landtag-hessen-plenarprotokoll-20-59-page-4567.txt")
    root = conv.tree.getroot()
    u = root.xpath(".//t:u[@xml:id='u3']", namespaces=NS)[0]
    events = [(e.tag.split("}")[1], e.get("type"), e.findtext("t:desc", namespaces=NS))
              for e in u if e.tag != f"{{{NS['t']}}}seg"]
    assert events == [("vocal", "interruption", "(Zurufe"), ("vocal", "laughter", " – Lachen"),
                      ("vocal", "other", " – Unruhe)")]
    applause = root.findall(".//t:kinesic[@type='applause']", NS)
    assert applause and all(a.findtext("t:desc", namespaces=NS).startswith("(Beifall") for a in applause)
    said = [d.text for d in root.iterfind(".//t:vocal[@type='interruption']/t:desc", NS)]
    assert "(Zuruf: Ohne Aussprache und dann namentlich!" in said and " – Weitere Zurufe)" in said
    assert etree.tostring(root).count(b"(Beifall") == etree.tostring(root).count(b"type=\"applause\"")


def test_kanji_and_hanja_are_the_documents_own_script():
    # Japanese writes Han and kana, Korean Hangul and Han: neither is marked as Chinese.
    for name in ("ja/shimizu-hokkaido-2023-03-22-giketsu.txt", "ko/jeheon-1-1-bonhoeui-p4.txt"):
        root = convert_file(DATA / name).tree.getroot()
        assert root.findall(".//t:text//t:foreign", NS) == [], name
        assert root.xpath(".//t:u[@xml:lang]", namespaces=NS) == [], name
    # Foreign stays relative to the document's language: read as Chinese, the kana are
    # Japanese and the Han characters are not foreign.
    root = convert_file(DATA / "ja/shimizu-hokkaido-2023-03-22-giketsu.txt", lang="zh").tree.getroot()
    marked = {f.get(XML_LANG) for f in root.iterfind(".//t:body//t:foreign", NS)}
    texts = "".join(f.text for f in root.iterfind(".//t:body//t:foreign", NS))
    assert marked == {"ja"} and "について" in texts and "議案" not in texts


def test_minutes_labels_keep_their_printed_marks():
    # The note holds the label as printed: the ○ of Japanese minutes, the dash and ":-"
    # of Iraqi minutes; the speech starts after them.
    for name, first, speech in [
            ("ja/shimizu-hokkaido-2023-03-22-giketsu.txt", "○議長(山下清美)", "日程第1、"),
            ("ar/iraq-cor-2013-01-22-session-7.txt", "- السيد رئيس مجلس النواب:-", "بسم الله")]:
        root = convert_file(DATA / name).tree.getroot()
        note = root.find(".//t:body//t:note[@type='speaker']", NS)
        assert note.text == first
        assert note.getnext().findtext("t:seg", namespaces=NS).startswith(speech)


def test_a_header_line_with_a_colon_is_not_an_arabic_label():
    # "عدد الحضور: (166) نائباً." (the attendance) holds no honorific: it stays text.
    root = convert_file(DATA / "ar/iraq-cor-2013-01-22-session-7.txt").tree.getroot()
    notes = [n.text for n in root.iterfind(".//t:body//t:note[@type='speaker']", NS)]
    assert not any("عدد الحضور" in n for n in notes)
    assert "عدد الحضور" in "".join(root.find(".//t:body", NS).itertext())


UNSEEN = DATA.parent / "unseen"


def _fixtures_of(code: str) -> list[Path]:
    """The real transcripts of a pack's language: its folder here, or held-out ones named
    CODE-... (in the held-out set's root, else in its batches); for a macrolanguage's pack
    without one of its own code, those named by its members' codes (Serbo-Croatian's
    sr-, hr-, bs-: detected, they are read, and written, as sh)."""
    own = [DATA / n for n in EXPECTED if n.split("/")[0] == code]
    found = own or sorted(p for p in UNSEEN.iterdir() if p.name.startswith(f"{code}-")) \
        or sorted(p for p in UNSEEN.glob(f"*/{code}-*") if p.is_file())
    members = [m for m, group in macrolanguages().items() if group == code and m != code]
    return found or sorted(p for m in members for p in UNSEEN.glob(f"*/{m}-*") if p.is_file())


@pytest.mark.parametrize("code", [c for c, _ in list_languages()])
def test_every_pack_has_a_real_transcript_detected_in_its_language(code):
    """Each shipped pack is tried on a real transcript: in languages/ (labels and turns checked
    above) or in the held-out set (labels and turns checked by test_unseen_styles)."""
    found = _fixtures_of(code)
    assert found, f"no real transcript for the {code} pack"
    for path in found:
        assert convert_file(path).tree.getroot().get(XML_LANG) == code, path.name


def test_a_language_without_a_pack_marks_no_run_of_its_own_script_foreign():
    # A Persian press report (held-out lang9): Persian has no pack; its Arabic letters are
    # its own script (languages/groups/scripts.toml), not Arabic phrases.
    path = UNSEEN / "lang9" / "fa-peiknet-1385-agriculture-minister-reporters-dash-questions-vazir-colon.txt"
    root = convert_file(path).tree.getroot()
    assert root.get(XML_LANG) == "fa"
    assert [e.get(XML_LANG) for e in root.iter() if e.get(XML_LANG) not in (None, "fa")] == []


def test_punctuation_a_script_shares_is_no_foreign_phrase():
    # A Bengali interview (held-out talk14) ends its sentences with the danda "।", a
    # character of the Devanagari block that Bengali writes too: no Hindi in it.
    path = UNSEEN / "talk14" / "bn-chandpurkantha24-2022-07-01-children-page-interview-section-and-name-spaced-colon.txt"
    root = convert_file(path).tree.getroot()
    assert root.get(XML_LANG) == "bn" and "।" in "".join(root.itertext())
    assert not root.xpath(".//*[local-name()='foreign']")
    assert [e.get("ident") for e in root.iterfind(".//t:langUsage/t:language", NS)] == ["bn"]


def test_persian_printed_with_the_arabic_yeh_is_read_as_persian_where_it_prints_gaf():
    """An Iranian page spelled with the Arabic yeh and kaf ("رئيس جمهور") is Persian by its own
    letters (گ, پ, چ); an Arabic text is left as it is."""
    from tei_corpus.convert.language import detect_language
    persian = next(UNSEEN.glob("asia30/fa-president-ir-*")).read_text(encoding="utf-8")
    assert detect_language([persian]).lang == "fa"
    arabic = next(UNSEEN.glob("parl4/ar-kw-*")).read_text(encoding="utf-8")
    assert detect_language([arabic]).lang == "ar"
