"""The seed transcript: the exact encoding DESIGN.md asks for, and the
committed corpus_xml/ file is what the converter produces now."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from tei_corpus.convert import convert_file

SEED = ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
COMMITTED = ROOT / "corpus_xml" / "000_state-blinken-cho-seoul-2025.xml"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def seed():
    return convert_file(SEED)


def test_committed_tei_is_current(seed):
    assert COMMITTED.read_bytes() == seed.xml, (
        "corpus_xml/ is stale: run `tei convert corpus_raw/ -o corpus_xml/` and commit")


def test_turns_labels_and_flags(seed):
    root = seed.tree.getroot()
    notes = root.findall(".//t:body//t:note[@type='speaker']", NS)
    assert len(notes) == 23
    assert sorted({n.text for n in notes}) == [
        "FOREIGN MINISTER CHO:", "MODERATOR:", "QUESTION:", "SECRETARY BLINKEN:"]
    us = root.findall(".//t:body//t:u", NS)
    assert len(us) == 23
    interpreted = [u for u in us if "#interpreted" in u.get("ana")]
    assert len(interpreted) == 12
    assert all(u.get("{http://www.w3.org/XML/1998/namespace}lang") == "en" for u in interpreted)
    # The interpreter is responsible for the whole turn, or (where the speaker
    # goes on in English himself) for the paragraphs delivered through them.
    wholly = [u for u in interpreted if u.get("resp") == "#interpreter"]
    assert len(wholly) == 11
    partly = [u for u in interpreted if u.get("resp") is None]
    assert [[s.get("resp") for s in u.findall("t:seg", NS)] for u in partly] == [["#interpreter", None]]
    assert "(In English)" in "".join(partly[0].findall("t:seg", NS)[1].itertext())
    assert not [u for u in us if "#truncated" in u.get("ana")]
    # Each interpreted turn keeps its printed cue right after the speaker note.
    for u in interpreted:
        prev = u.getprevious()
        assert prev.get("type") == "delivery" and prev.text == "(Via interpreter)"


def test_line_74_is_an_elision_inside_one_turn(seed):
    gaps = seed.tree.getroot().findall(".//t:body//t:gap", NS)
    assert len(gaps) == 1
    gap = gaps[0]
    assert gap.get("reason") == "editorial" and gap.find("t:desc", NS).text == "…"
    seg = gap.getparent()
    text = "".join(seg.itertext())
    assert "this process be approached with… on the finest achievable conditions" in text


def test_boilerplate_kept_apart_verbatim(seed):
    root = seed.tree.getroot()
    front = root.findall(".//t:front/t:div[@type='boilerplate']/t:p", NS)
    back = root.findall(".//t:back/t:div[@type='boilerplate']/t:p", NS)
    assert len(front) == 3 and len(back) == 9
    raw = SEED.read_text(encoding="utf-8").splitlines()
    assert [p.text for p in front] == raw[:3]
    assert [p.text for p in back] == raw[-9:]


def test_header(seed):
    root = seed.tree.getroot()
    url = root.find(".//t:sourceDesc/t:bibl/t:idno[@type='URI']", NS).text
    assert url == ("https://china.usembassy-china.org.cn/secretary-antony-j-blinken-and-republic-"
                   "of-korea-foreign-minister-cho-tae-yul-at-a-press-availability/")
    assert root.find(".//t:titleStmt/t:title", NS).text == (
        "Secretary Antony J. Blinken and Republic of Korea Foreign Minister Cho Tae-yul "
        "at a Press Availability")
    persons = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p
               for p in root.find(".//t:listPerson", NS)}
    assert persons["blinken"].findtext("t:persName", namespaces=NS) == "Antony J. Blinken"
    assert persons["cho"].findtext("t:persName", namespaces=NS) == "Cho Tae-yul"
    assert persons["cho"].findtext("t:affiliation/t:roleName", namespaces=NS) == "Foreign Minister"
    assert persons["press"].tag.endswith("personGrp") and persons["press"].get("role") == "journalist"
    assert persons["interpreter"].get("role") == "interpreter"
    assert persons["moderator"].get("role") == "moderator"
    # Every @who, @resp and @ana resolves inside the document.
    ids = {e.get("{http://www.w3.org/XML/1998/namespace}id") for e in root.iter()}
    for u in root.iterfind(".//t:u", NS):
        for attr in ("who", "resp", "ana"):
            for ref in (u.get(attr) or "").split():
                assert ref[1:] in ids, f"{attr}={ref} does not resolve"
    assert root.find(".//t:langUsage/t:language[@ident='ko']", NS) is not None
    assert root.find(".//t:foreign", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "ko"


def test_parses_with_the_safe_parser():
    from tei_corpus.xmlio import parse_file
    tree = parse_file(COMMITTED)
    assert isinstance(tree, etree._ElementTree)
