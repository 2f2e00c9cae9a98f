"""XSLT specs of the text edition, the tables and the index entry: fragment in, fragment out."""
from __future__ import annotations

import json

from lxml import etree

from edition_helpers import run, tei

TURNS = ('<note type="speaker">FOREIGN MINISTER CHO:</note><note type="delivery">(Via interpreter)</note>'
         '<u xml:id="u2" who="#blinken" ana="#regular #interpreted" resp="#interp" xml:lang="en">'
         '<seg>Good afternoon.</seg><seg>Second   paragraph\n of it.</seg></u>'
         '<kinesic type="applause" who="#press"><desc>(Applause.)</desc></kinesic>'
         '<note type="speaker">QUESTION:</note>'
         '<u xml:id="u4" who="#press" ana="#truncated"><seg>Are "you"…</seg></u>'
         '<note type="speaker">SECRETARY BLINKEN:</note>'
         '<u xml:id="u5" who="#blinken" ana="#interrupting" trans="overlap" next="#u6">'
         '<seg>Approached with<gap reason="editorial"><desc>…</desc></gap> on the <fw type="pageNum">2</fw>'
         'finest <vocal type="laughter"><desc>(laughs)</desc></vocal>terms</seg></u>'
         '<vocal type="laughter" who="#press"><desc>(Laughter.)</desc></vocal>'
         '<u xml:id="u6" who="#blinken" prev="#u5"><seg>and a <choice><sic>teh</sic><corr>the</corr></choice> end.</seg></u>')
FRONT = '<front><div type="boilerplate"><p>Generated page.</p><p>https://example.org/x</p></div></front>'
BACK = '<back><div type="boilerplate"><p>Page developed.</p></div></back>'


def test_diplomatic_reproduces_the_printed_transcript():
    assert run("text", tei(TURNS, front=FRONT, back=BACK)) == (
        "FOREIGN MINISTER CHO: (Via interpreter) Good afternoon.\n"
        "Second paragraph of it.\n"
        "\n"
        "(Applause.)\n"
        "\n"
        "QUESTION: Are \"you\"…\n"
        "\n"
        "SECRETARY BLINKEN: Approached with… on the 2finest (laughs)terms\n"
        "\n"
        "(Laughter.)\n"
        "\n"
        "and a teh end.\n"
        "\n")


def test_diplomatic_with_boilerplate():
    out = run("text", tei(TURNS, front=FRONT, back=BACK), boilerplate="yes")
    assert out.startswith("Generated page.\n\nhttps://example.org/x\n\nFOREIGN MINISTER CHO:")
    assert out.endswith("and a teh end.\n\nPage developed.\n\n")


def test_diplomatic_drama_and_prose():
    out = run("text", tei('<head>ACT 1</head><sp who="#w"><speaker>FIRST WITCH</speaker>'
                          '<l>When shall we</l><l>meet <lb/>again?</l></sp><stage>Exeunt.</stage>'
                          '<p>Some <hi>prose</hi>.</p>'))
    assert out == "ACT 1\n\nFIRST WITCH\nWhen shall we\nmeet again?\n\nExeunt.\n\nSome prose.\n\n"


def test_analysis_one_line_per_utterance_events_removed_resumed_turns_joined():
    assert run("text", tei(TURNS), flavour="analysis") == (
        "u2\tblinken\tGood afternoon. Second paragraph of it.\n"
        "u4\tpress\tAre \"you\"…\n"
        "u5\tblinken\tApproached with on the finest terms and a the end.\n")


def test_analysis_gap_text_drama_and_missing_ids():
    out = run("text", tei(TURNS), flavour="analysis", gap="[…]")
    assert "u5\tblinken\tApproached with[…] on the finest terms and a the end.\n" in out
    drama = run("text", tei('<sp who="#a #b"><speaker>BOTH</speaker><l>Hail!</l><stage>Aside.</stage></sp>'
                            '<u who="#c">Words <note>(note)</note>here.</u>'), flavour="analysis")
    assert drama == "turn-1\ta b\tHail!\nturn-2\tc\tWords here.\n"


def test_analysis_stops_on_a_pointer_cycle():
    out = run("text", tei('<u xml:id="a" who="#x" next="#b" prev="#b"><seg>one</seg></u>'
                          '<u xml:id="b" who="#x" next="#a" prev="#a"><seg>two</seg></u>'), flavour="analysis")
    assert out == ""  # both continue each other: no start, and no endless loop


def test_table_utterances_tsv():
    lines = run("tables", tei(TURNS)).splitlines()
    assert lines[0].split("\t") == ["doc", "id", "n", "start", "end", "who", "name", "role",
                                    "role_title", "label",
                                    "interpreted", "interpreter", "truncated", "interrupting",
                                    "overlap", "continues", "language", "words", "text"]
    assert lines[1].split("\t") == ["doc", "u2", "1", "", "", "blinken", "Antony J. Blinken", "principal",
                                    "Secretary of State", "FOREIGN MINISTER CHO:", "TRUE",
                                    "Interpreter (unnamed)", "FALSE", "FALSE", "FALSE", "", "en", "6",
                                    "Good afternoon. Second paragraph of it."]
    # A field holding a double quote is quoted, CSV-style, so pandas and R read it back.
    assert lines[2].split("\t")[-1] == '"Are ""you""…"'
    assert lines[3].split("\t")[10:19] == ["FALSE", "", "FALSE", "TRUE", "TRUE", "", "en", "6",
                                         "Approached with on the finest terms"]
    assert lines[4].split("\t")[9:16] == ["", "FALSE", "", "FALSE", "FALSE", "FALSE", "u5"]
    assert len(lines) == 5


def test_table_utterances_jsonl_escapes():
    rows = [json.loads(line) for line in run("tables", tei(
        '<u xml:id="u1" who="#blinken"><seg>A \\ back "slash"</seg></u>'), format="jsonl").splitlines()]
    assert rows == [{"doc": "doc", "id": "u1", "n": 1, "start": None, "end": None,
                     "who": "blinken", "name": "Antony J. Blinken",
                     "role": "principal", "role_title": "Secretary of State", "label": None,
                     "interpreted": False, "interpreter": None, "truncated": False,
                     "interrupting": False, "overlap": False, "continues": None, "language": "en", "words": 4,
                     "text": 'A \\ back "slash"'}]


def test_table_participants_listed_and_unlisted():
    out = run("tables", tei('<note type="speaker">O señor PRESIDENTE:</note>'
                            '<u xml:id="u1" who="#Santalices"><seg>Bos días.</seg></u>'
                            '<u xml:id="u2" who="#blinken"><seg>Hi.</seg></u>'), table="participants")
    assert out.splitlines() == [
        "doc\tid\tkind\tname\trole\trole_title\taffiliation\tidno\tlabel\tutterances",
        "doc\tblinken\tperson\tAntony J. Blinken\tprincipal\tSecretary of State\t\t\t\t1",
        "doc\tpress\tpersonGrp\tQuestioners from the press\tjournalist\t\t\t\t\t0",
        "doc\tinterp\tpersonGrp\tInterpreter (unnamed)\tinterpreter\t\t\t\t\t0",
        "doc\tSantalices\tunlisted\t\t\t\t\t\tO señor PRESIDENTE:\t1"]


def test_table_events_within_and_between_turns():
    out = run("tables", tei(TURNS), table="events", doc="d1")
    assert out.splitlines() == [
        "doc\tn\tkind\ttype\twho\tname\tutterance\tafter\ttext",
        "d1\t1\tkinesic\tapplause\tpress\tQuestioners from the press\t\tu2\t(Applause.)",
        "d1\t2\tgap\teditorial\t\t\tu5\t\t…",
        "d1\t3\tvocal\tlaughter\t\t\tu5\t\t(laughs)",
        "d1\t4\tvocal\tlaughter\tpress\tQuestioners from the press\t\tu5\t(Laughter.)"]


def test_table_without_header_row():
    assert run("tables", tei(""), header="no") == ""
    assert run("tables", tei(""), table="events") == "doc\tn\tkind\ttype\twho\tname\tutterance\tafter\ttext\n"


def test_info_entry():
    out = run("info", tei(TURNS))
    assert out == '<doc id="doc" lang="en" utterances="4">A title</doc>\n'


def test_tsv_reads_back_with_a_standard_tab_reader():
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(run("tables", tei(TURNS))), dialect="excel-tab"))
    assert [r["text"] for r in rows][:2] == ["Good afternoon. Second paragraph of it.", 'Are "you"…']
    assert [r["interpreted"] for r in rows] == ["TRUE", "FALSE", "FALSE", "FALSE"]


def test_tsv_booleans_are_booleans_to_pandas_and_r():
    """TRUE/FALSE: R's read.delim and pandas' read_csv type the column logical/bool."""
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(run("tables", tei(TURNS))), dialect="excel-tab"))
    for col in ("interpreted", "truncated", "interrupting"):
        assert {r[col] for r in rows} <= {"TRUE", "FALSE"}
    try:
        import pandas
    except ImportError:
        return          # the csv check above stands; pandas is not a dependency
    frame = pandas.read_csv(io.StringIO(run("tables", tei(TURNS))), sep="\t")
    assert frame["interpreted"].dtype == bool and frame["interpreted"].tolist() == [True, False, False, False]


def test_turns_without_id_are_numbered_by_position_among_all_turns():
    # Position among every u and sp of the document, in document order: turns with an
    # xml:id count too, an sp counts before the u inside it, and a corpus numbers across texts.
    doc = etree.fromstring(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>'
        '<TEI><teiHeader/><text><body><u xml:id="a" who="#x">one</u><u who="#x">two</u>'
        '<sp who="#y"><speaker>Y</speaker><l>three</l></sp></body></text></TEI>'
        '<TEI><teiHeader/><text><body><u who="#z">four</u><u xml:id="b" who="#z">five</u>'
        '<u who="#z">six</u></body></text></TEI></teiCorpus>').getroottree()
    assert run("text", doc, flavour="analysis") == (
        "a\tx\tone\nturn-2\tx\ttwo\nturn-3\ty\tthree\nturn-4\tz\tfour\nb\tz\tfive\nturn-6\tz\tsix\n")
    assert [r.split("\t")[1] for r in run("tables", doc, header="no").splitlines()] == [
        "a", "turn-2", "turn-3", "turn-4", "b", "turn-6"]


EDGE = ('<note type="speaker">LABEL "A":</note><note type="delivery">(cue)</note>'
        '<u who="#blinken #press" ana=" #interpreted  #truncated " resp="#interp" trans="overlap" prev="  #x y">'
        '<seg>say "hi" \\ there</seg><gap reason="inaudible"/><vocal type="laughter"><desc>(laughs "a")</desc></vocal></u>'
        '<incident><desc>door</desc><desc>second</desc></incident>'
        '<u xml:id="s1" who="press" xml:lang="ko">   </u><pause/><note>plain "note" \\</note>'
        '<u who="#zz" ana="#interrupting"><seg>unlisted</seg></u><u><seg>nobody</seg></u>'
        '<sp who="#zz"><speaker>ZZ</speaker><l>line</l><stage>aside</stage></sp>')


def test_the_three_tables_of_one_pass_are_those_of_each_table_alone():
    # The library asks for all three tables at once (table=all); each must be exactly
    # what the stylesheet writes for that table alone, quoting and escaping included.
    from tei_corpus.editions import render_tables
    tree = tei(EDGE)
    for fmt in ("tsv", "jsonl"):
        alone = {t: run("tables", tree, table=t, format=fmt, doc='d"\\') for t in
                 ("utterances", "participants", "events")}
        assert render_tables(tree, fmt, doc_id='d"\\') == alone
        assert all(alone.values())
    rows = [json.loads(line) for line in alone["utterances"].splitlines()]
    assert rows[0] == {"doc": 'd"\\', "id": "turn-1", "n": 1, "start": None, "end": None,
                       "who": "blinken press",
                       "name": "Antony J. Blinken", "role": "principal", "role_title": "Secretary of State",
                       "label": 'LABEL "A":', "interpreted": True, "interpreter": "Interpreter (unnamed)",
                       "truncated": True, "interrupting": True, "overlap": True, "continues": "x", "language": "en",
                       "words": 4, "text": 'say "hi" \\ there'}
    assert [(r["id"], r["language"], r["words"], r["text"]) for r in rows[1:3]] == [
        ("s1", "ko", 0, None), ("turn-3", "en", 1, "unlisted")]
    events = [json.loads(line) for line in alone["events"].splitlines()]
    assert [(e["kind"], e["type"], e["utterance"], e["after"], e["text"]) for e in events] == [
        ("gap", "inaudible", "turn-1", None, None), ("vocal", "laughter", "turn-1", None, '(laughs "a")'),
        ("incident", None, None, "turn-1", "door"), ("pause", None, None, "s1", None),
        ("note", None, None, "s1", 'plain "note" \\'), ("stage", None, "turn-5", None, "aside")]


# A timeline in each of the ways TEI allows (the converter writes the first).
TIMED = ('<timeline unit="s" origin="#T0"><when xml:id="T0" absolute="00:00:00"/>'
         '<when xml:id="T1" interval="3.48" since="#T0"/><when xml:id="T2" interval="9.02" since="#T0"/>'
         '<when xml:id="T3" interval="1500" unit="ms" since="#T2"/>'
         '<when xml:id="T4" interval="unknown" since="#T0"/></timeline>'
         '<timeline unit="s" origin="#O"><when xml:id="O" absolute="2024-05-01T10:00:00Z"/>'
         '<when xml:id="A1" absolute="2024-05-01T10:01:23.5Z"/><when xml:id="A2" absolute="10:02:00"/></timeline>'
         '<u xml:id="u1" who="#blinken" start="#T1" end="#T2"><seg>One.</seg></u>'
         '<u xml:id="u2" who="#blinken" start="#T2" end="#T3"><seg>Two.</seg></u>'
         '<u xml:id="u3" who="#press" start="#A1" end="#A2"><seg>Three.</seg></u>'
         '<u xml:id="u4" who="#press" start="#T4" end="#nowhere"><seg>Four.</seg></u>'
         '<u xml:id="u5" who="#press"><seg>Five.</seg></u>')


def test_table_utterances_start_and_end_in_seconds():
    rows = [line.split("\t")[1:5] for line in run("tables", tei(TIMED)).splitlines()]
    assert rows == [["id", "n", "start", "end"], ["u1", "1", "3.48", "9.02"],
                    ["u2", "2", "9.02", "10.52"], ["u3", "3", "83.5", "120"],
                    ["u4", "4", "", ""], ["u5", "5", "", ""]]
    jsonl = [json.loads(line) for line in run("tables", tei(TIMED), format="jsonl").splitlines()]
    assert [(r["start"], r["end"]) for r in jsonl] == [
        (3.48, 9.02), (9.02, 10.52), (83.5, 120), (None, None), (None, None)]
