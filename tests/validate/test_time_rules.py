"""The time rules on the converter's real output of timed samples, broken one rule at a time."""
from __future__ import annotations

import pytest
from lxml import etree

from conftest import SAMPLES_RAW, need_shared
from tei_corpus.convert import convert_file
from tei_corpus.validate import Options, check_bytes
from tei_corpus.xmlio import parse_bytes

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
RULES_ONLY = Options(schemas=(), rules="project")
TIMED = ["406_diarized-json-fairfax-city-council-work-session-2026-01-06.json",
         "407_csv-asr-transcript-group-deliberation-3-speakers.csv",
         "410_webvtt-voice-tags-buzzsprout-podcasting-qa-bonus.vtt",
         "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt"]


@pytest.fixture(scope="module", params=TIMED)
def converted(request) -> bytes:
    path = need_shared(SAMPLES_RAW / request.param)
    return convert_file(path).xml


def time_findings(data: bytes, options: Options = RULES_ONLY) -> list:
    return [d for d in check_bytes(data, "t.xml", options).diagnostics
            if d.code.startswith("time-")]


def edited(data: bytes, edit) -> bytes:
    tree = parse_bytes(data)
    edit(tree)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def whens(tree):
    return tree.xpath("//t:timeline/t:when", namespaces=NS)


def turns(tree):
    return tree.xpath("//t:u[@start][@end]", namespaces=NS)


def test_converter_output_has_a_timeline_and_no_time_errors(converted):
    tree = parse_bytes(converted)
    assert len(whens(tree)) > 10 and len(turns(tree)) > 5
    assert [d for d in time_findings(converted) if d.severity == "error"] == []


def overlaps(tree) -> int:
    """Count the turns that start before the previous turn ends (computed here independently)."""
    at = {w.get(XML_ID): float(w.get("interval", 0)) for w in whens(tree)}
    count, end = 0, None
    for u in turns(tree):
        start = at[u.get("start")[1:]]
        count += end is not None and start < end and u.get("trans") != "overlap"
        end = at[u.get("end")[1:]]
    return count


def unmarked(data: bytes) -> bytes:
    """The document with every ``trans`` taken off its turns."""
    def strip(tree):
        for u in turns(tree):
            u.attrib.pop("trans", None)
    return edited(data, strip)


def test_the_converter_marks_every_overlap_its_times_show(converted):
    assert [d for d in time_findings(converted) if d.code == "time-overlap-unmarked"] == []
    assert overlaps(parse_bytes(converted)) == 0


def test_overlapping_turns_without_trans_are_warned_and_trans_overlap_silences_them(converted):
    bare = unmarked(converted)
    warned = [d for d in time_findings(bare) if d.code == "time-overlap-unmarked"]
    assert len(warned) == overlaps(parse_bytes(bare))
    assert all(d.severity == "warning" for d in warned)

    def mark(t):
        for u in turns(t):
            u.set("trans", "overlap")
    assert time_findings(edited(bare, mark)) == []


def test_a_diarised_meeting_overlaps_and_every_overlap_is_marked():
    """406's speakers talk over each other: its times show it, and so does the TEI."""
    data = convert_file(need_shared(SAMPLES_RAW / TIMED[0])).xml
    bare = unmarked(data)
    assert overlaps(parse_bytes(bare)) > 10
    assert len([d for d in time_findings(bare) if d.code == "time-overlap-unmarked"]) == \
        overlaps(parse_bytes(bare))
    assert time_findings(data) == []


def test_a_when_out_of_order(converted):
    def swap(tree):
        points = whens(tree)
        points[2].set("interval", str(float(points[1].get("interval")) - 1))
    got = time_findings(edited(converted, swap))
    assert [(d.code, d.severity) for d in got if d.code == "time-order"] == \
        [("time-order", "error")]
    assert "before the point before it" in next(d.message for d in got if d.code == "time-order")


def test_a_turn_that_ends_before_it_starts(converted):
    def reverse(tree):
        u = turns(tree)[0]
        start, end = u.get("start"), u.get("end")
        if start == end:
            pytest.skip("the first turn is a single point")
        u.set("start", end)
        u.set("end", start)
    got = [d for d in time_findings(edited(converted, reverse)) if d.code == "time-start-after-end"]
    assert len(got) == 1 and got[0].severity == "error"


def test_start_end_synch_must_point_to_a_when(converted):
    def misdirect(tree):
        us = turns(tree)
        us[0].set("start", "#nowhere")
        us[1].set("end", "#" + us[0].get(XML_ID))      # a <u>, not a <when>
        us[2].set("synch", "#T1 #missing")
    got = [d.message for d in time_findings(edited(converted, misdirect))
           if d.code == "time-pointer-unresolved"]
    assert got[0].endswith('"#nowhere", which is not an id in this document')
    assert got[1].endswith('a <u>, not a <when> of a timeline')
    assert got[2].startswith('@synch of <u> points to "#missing"')
    assert len(got) == 3


def test_time_rules_are_part_of_the_project_rules_only(converted):
    broken = edited(converted, lambda t: turns(t)[0].set("start", "#nowhere"))
    assert time_findings(broken, Options(schemas=(), rules="generic")) == []
    generic = check_bytes(broken, "t.xml", Options(schemas=(), rules="generic")).diagnostics
    assert [d.code for d in generic] == ["pointer-unresolved"]
    assert time_findings(broken, Options(schemas=(), rules="project",
                                         codes=frozenset({"xsd"}))) == []


def test_points_inside_a_turn_out_of_order_or_outside_it(converted):
    tree = parse_bytes(converted)
    divided = tree.xpath("//t:u[@start][@end][count(.//t:anchor) >= 4]", namespaces=NS)
    if not divided:
        pytest.skip("no turn of this sample is divided at its parts' times")
    assert time_findings(converted) == [] or all(
        d.code == "time-overlap-unmarked" for d in time_findings(converted))

    def swap(tree):
        anchors = tree.xpath("//t:u[@start][@end][count(.//t:anchor) >= 4]//t:anchor",
                             namespaces=NS)
        a, b = anchors[1], anchors[2]        # the first part's end, the second part's start
        first, second = a.get("synch"), b.get("synch")
        if first == second:
            pytest.skip("the first two parts touch")
        a.set("synch", second)
        b.set("synch", first)
    got = [d for d in time_findings(edited(converted, swap)) if d.code == "time-anchor-order"]
    assert [(d.severity, d.message.split(",")[1].strip()[:18]) for d in got] == [
        ("error", "before the point b")]

    def beyond(tree):           # the first divided turn's last point: the document's last time
        u = tree.xpath("//t:u[@start][@end][count(.//t:anchor) >= 4]", namespaces=NS)[0]
        if u.get("end") == "#" + whens(tree)[-1].get(XML_ID):
            pytest.skip("the divided turn ends the document")
        u.xpath(".//t:anchor", namespaces=NS)[-1].set("synch", "#" + whens(tree)[-1].get(XML_ID))
    got = [d.message for d in time_findings(edited(converted, beyond))
           if d.code == "time-anchor-order"]
    assert len(got) == 1 and "after the turn's end" in got[0]
