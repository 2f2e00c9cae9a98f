"""XSLT specs of the HTML edition: a small TEI fragment in, the expected HTML fragment out."""
from __future__ import annotations

from edition_helpers import pick, run, tei


def test_turn_with_label_cue_and_interpreter():
    page = run("html", tei(
        '<note type="speaker">SECRETARY BLINKEN:</note><note type="delivery">(Via interpreter)</note>'
        '<u xml:id="u2" who="#blinken" ana="#regular #interpreted" resp="#interp" xml:lang="ko">'
        '<seg>One.</seg><seg>Two.</seg></u>'))
    assert pick(page, "//article") == [
        '<article id="u2" class="turn is-interpreted" lang="ko" data-who="#blinken"><header class="turn-head">'
        '<span class="speaker"><span class="label">SECRETARY BLINKEN:</span> '
        '<span class="cue">(Via interpreter)</span> <span class="who">'
        '<a href="#participant-blinken">Antony J. Blinken</a>, Secretary of State</span></span>'
        '<span class="marks"><span class="mark mark-interpreted">Interpreted by '
        '<a href="#participant-interp">Interpreter (unnamed)</a> into Korean</span></span>'
        '<a class="cite" href="#u2" title="Link to this utterance">u2</a></header>'
        '<div class="turn-body"><p class="seg">One.</p><p class="seg">Two.</p></div></article>']
    # The label and cue notes are not repeated outside the turn.
    assert page.count("SECRETARY BLINKEN:") == 1
    assert page.count("(Via interpreter)") == 1


def test_several_delivery_cues_stay_with_their_turn():
    page = run("html", tei(
        '<note type="speaker">PM:</note><note type="delivery">(Speaks French.)</note>'
        '<note type="delivery">(As interpreted.)</note><u xml:id="u1" who="#blinken"><seg>Hi.</seg></u>'))
    assert pick(page, "//article//span[@class='cue']") == [
        '<span class="cue">(Speaks French.) (As interpreted.)</span>']
    assert pick(page, "//section[@class='div div-transcript']/*") [1:] == []


def test_cut_off_interrupting_and_resumed_turns():
    page = run("html", tei(
        '<u xml:id="u4" who="#press" ana="#truncated"><seg>Are you…</seg></u>'
        '<u xml:id="u5" who="#blinken" ana="#interrupting" trans="overlap" cert="medium" next="#u6"><seg>It</seg></u>'
        '<vocal type="laughter"><desc>(Laughter.)</desc></vocal>'
        '<u xml:id="u6" who="#blinken" prev="#u5"><seg>Yes.</seg></u>'))
    assert pick(page, "//article//span[@class='marks']") == [
        '<span class="marks"><span class="mark mark-truncated">Cut off</span></span>',
        '<span class="marks"><span class="mark mark-interrupting">Interrupts <a href="#u4">u4</a>'
        '<span class="cert"> (certainty: medium)</span></span>'
        '<span class="mark mark-continues">Continued in <a href="#u6">u6</a></span></span>',
        '<span class="marks"><span class="mark mark-continued">Continues <a href="#u5">u5</a></span></span>']
    assert [a.split('"')[3] for a in pick(page, "//article/@class/..")] == [
        "turn is-truncated", "turn is-interrupting", "turn is-continued"]
    # A turn without a printed label shows the speaker's name, marked as such.
    assert pick(page, "//article[@id='u6']//span[@class='speaker']") == [
        '<span class="speaker"><span class="label label-none">Antony J. Blinken</span></span>']


def test_event_between_turns_is_a_block_with_kind_and_who():
    page = run("html", tei('<kinesic type="applause" who="#press"><desc>(Applause.)</desc></kinesic>'))
    assert pick(page, "//main//p[contains(@class, 'event')]") == [
        '<p role="note" class="event event-kinesic type-applause" title="kinesic: applause">'
        '<span class="event-kind">applause</span> <span class="event-desc">(Applause.)</span> '
        '<span class="event-who">(Questioners from the press)</span></p>']


def test_inline_events_gap_and_foreign():
    page = run("html", tei(
        '<u xml:id="u1" who="#blinken"><seg>Go <foreign xml:lang="ko">Katchi kapshida</foreign> with'
        '<gap reason="editorial"><desc>…</desc></gap> on <vocal type="laughter"><desc>(laughs)</desc></vocal>'
        ' and <gap reason="inaudible"/>.</seg></u>'))
    assert pick(page, "//article//p") == [
        '<p class="seg">Go <i class="foreign" lang="ko">Katchi kapshida</i> '
        '<abbr class="lang-tag" title="Korean" lang="en">ko</abbr> with'
        '<span class="event event-gap" title="gap: editorial"><span class="event-desc">…</span></span> on '
        '<span class="event event-vocal type-laughter" title="vocal: laughter"><span class="event-desc">(laughs)</span></span>'
        ' and <span class="event event-gap" title="gap: inaudible"><span class="event-desc">[inaudible]</span></span>.</p>']


def test_turn_without_paragraphs_and_without_id():
    page = run("html", tei('<u who="#blinken">Plain words.</u><u who="#press">More.</u>'))
    assert pick(page, "//article/@id/..")[0].startswith('<article id="turn-1" class="turn" data-who="#blinken">')
    assert pick(page, "//article[@id='turn-2']//div[@class='turn-body']") == [
        '<div class="turn-body"><p>More.</p></div>']


def test_boilerplate_collapsed_open_or_hidden():
    front = '<front><div type="boilerplate"><p>Scraped from a page.</p><p>Second.</p></div></front>'
    collapsed = run("html", tei("", front=front))
    assert pick(collapsed, "//details") == [
        '<details class="boilerplate"><summary lang="en">Text around the transcript (boilerplate)'
        '<span class="count"> · 2 lines</span></summary><div class="boilerplate-body">'
        '<p class="p">Scraped from a page.</p><p class="p">Second.</p></div></details>']
    assert pick(run("html", tei("", front=front), boilerplate="open"), "//details/@open/..")
    assert "Scraped" not in run("html", tei("", front=front), boilerplate="hidden")


def test_drama_speech_with_lines_and_stage_direction():
    page = run("html", tei(
        '<sp xml:id="sp1" who="#blinken"><speaker>FIRST WITCH</speaker><l>When shall we three meet again?</l>'
        '<stage>Thunder.</stage><l>In rain?</l></sp>'))
    assert pick(page, "//article") == [
        '<article id="sp1" class="turn turn-sp" data-who="#blinken"><header class="turn-head"><span class="speaker">'
        '<span class="label">FIRST WITCH</span> <span class="who"><a href="#participant-blinken">'
        'Antony J. Blinken</a>, Secretary of State</span></span>'
        '<a class="cite" href="#sp1" title="Link to this utterance">sp1</a></header>'
        '<div class="turn-body"><div class="l">When shall we three meet again?</div>'
        '<p class="event event-stage" role="note">Thunder.</p><div class="l">In rain?</div></div></article>']


def test_participants_listed_and_unlisted():
    page = run("html", tei(
        '<note type="speaker">O señor PRESIDENTE:</note><u xml:id="u1" who="#Santalices"><seg>Bos días.</seg></u>'
        '<u xml:id="u2" who="#blinken"><seg>Hi.</seg></u>'))
    rows = pick(page, "//section[@id='participants']//tbody/tr")
    assert rows[0] == ('<tr id="participant-blinken"><th scope="row">Antony J. Blinken</th><td>principal</td>'
                       '<td>Secretary of State</td><td class="num"><a href="#u2" title="First turn">1</a></td></tr>')
    assert rows[1] == ('<tr id="participant-press"><th scope="row">Questioners from the press '
                       '<span class="grp">(group)</span></th><td>journalist</td><td></td><td class="num">0</td></tr>')
    assert rows[3] == ('<tr class="unlisted" id="participant-Santalices"><th scope="row">O señor PRESIDENTE:</th>'
                       '<td></td><td><span class="muted">not in the header: <code>#Santalices</code></span></td>'
                       '<td class="num"><a href="#u1" title="First turn">1</a></td></tr>')


def test_header_title_source_and_graceful_absence():
    tree = tei("", people=False, root='xml:lang="gl"',
               title='<title type="main" xml:lang="en">English title</title>'
                     '<title type="main" xml:lang="gl">Título galego</title>')
    page = run("html", tree)
    assert pick(page, "//h1") == ['<h1 lang="gl">Título galego</h1>']
    assert pick(page, "//title") == ["<title>Título galego</title>"]
    # No source, date, language or participants in the header: none shown, nothing breaks.
    assert pick(page, "//dl[@class='meta']") == ['<dl class="meta"></dl>']
    assert not pick(page, "//*[@id='participants']")
    bare = run("html", tei("<p>Just prose.</p>", people=False, title="", root=""))
    assert pick(bare, "//h1") == ['<h1 lang="und">Untitled TEI document</h1>']
    assert pick(bare, "//section[@id='transcript']/h2") == ['<h2 id="transcript-h" lang="en">Text</h2>']


def test_source_link_from_bibl():
    tree = tei("")
    src = tree.find(".//{http://www.tei-c.org/ns/1.0}sourceDesc")
    src.clear()
    src.append(etree_bibl())
    page = run("html", tree)
    assert pick(page, "//dl[@class='meta']/dd[1]") == [
        '<dd><a class="source-link" href="https://example.org/t">Press availability</a>'
        '<span class="uri">https://example.org/t</span></dd>']


def etree_bibl():
    from lxml import etree
    return etree.fromstring('<bibl xmlns="http://www.tei-c.org/ns/1.0"><title>Press availability</title>'
                            '<idno type="URI">https://example.org/t</idno><date when="2025-01-06"/></bibl>')


def test_links_only_to_targets_that_exist():
    page = run("html", tei(
        '<u xml:id="u1" who="#blinken" next="#u99"><seg>See <ref target="#u1">above</ref>, '
        '<ref target="#nowhere">there</ref> and <ref target="https://example.org/">the site</ref>.</seg></u>'))
    assert pick(page, "//article//p") == [
        '<p class="seg">See <a href="#u1">above</a>, <span class="ref">there</span> and '
        '<a href="https://example.org/">the site</a>.</p>']
    assert "u99" not in page


def test_blocks_inside_a_paragraph_become_phrasing():
    page = run("html", tei('<p>Items: <list><item>one</item><item>two</item></list> end <note>n</note></p>'))
    assert pick(page, "//main//p[@class='p']") == [
        '<p class="p">Items: <span class="list"><span class="item">one</span> <span class="item">two</span> '
        '</span> end <span class="note note-" role="note">n</span></p>']


def test_orphan_speaker_note_is_a_note():
    page = run("html", tei('<note type="speaker">NOBODY:</note><vocal type="laughter"/>'))
    assert pick(page, "//main//p") == [
        '<p class="note note-speaker" role="note">NOBODY:</p>',
        '<p role="note" class="event event-vocal type-laughter" title="vocal: laughter">'
        '<span class="event-kind">laughter</span> <span class="event-desc">[laughter]</span></p>']


def test_page_skeleton_landmarks_and_language():
    page = run("html", tei('<u xml:id="u1" who="#blinken"><seg>Hi.</seg></u>'), index="../index.html")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert pick(page, "//nav/@aria-label/..")[0].startswith('<nav class="toc" aria-label="Sections">')
    assert len(pick(page, "//main[@id='main']")) == 1
    assert pick(page, "//p[@class='crumbs']") == ['<p class="crumbs"><a href="../index.html">Corpus index</a></p>']
    assert pick(page, "//section[@id='transcript']/@lang/..")[0].startswith(
        '<section id="transcript" class="body" lang="en" aria-labelledby="transcript-h">')
    # Self-contained: the style and the one script (the find box and speaker filter) inline.
    assert len(pick(page, "//head/style")) == 1 and not pick(page, "//link | //script[@src] | //img")
    assert len(pick(page, "//script")) == 1


def test_index_page_lists_documents():
    from tei_corpus.editions import IndexEntry, render_index
    page = render_index([IndexEntry("a.html", "Talk <A> & more", "a", "en", "2025-01-06", 12),
                         {"href": "sub/b.html", "title": "", "doc_id": "b"}], title="My corpus").decode()
    assert pick(page, "//ul[@class='index-list']/li") == [
        '<li><a class="doc-title" href="a.html" lang="en">Talk &lt;A&gt; &amp; more</a>'
        '<span class="doc-meta">2025-01-06 · 12 utterances · <code>a</code></span></li>',
        '<li><a class="doc-title" href="sub/b.html">sub/b.html</a><span class="doc-meta"><code>b</code></span></li>']
    assert pick(page, "//h1") == ["<h1>My corpus</h1>"]
    assert not pick(page, "//*[@id='failed-h']")


def test_index_page_lists_failed_sources_apart():
    from tei_corpus.editions import IndexEntry, render_index
    page = render_index([IndexEntry("a.html", "A", "a")], title="C",
                        failures=[("raw/b.txt", "raw/b.txt:1:1: error: binary file [binary]"),
                                  ("c <&>\x01.txt", "c.txt:0:0: error: cannot read\n it [io]")]).decode()
    assert pick(page, "//dl[@class='meta']") == [
        '<dl class="meta"><dt>Documents</dt><dd>1</dd><dt>Not built</dt><dd><a href="#failed-h">2</a></dd></dl>']
    assert pick(page, "//main/h2") == ['<h2 id="documents-h">Documents</h2>', '<h2 id="failed-h">Not built (2)</h2>']
    assert pick(page, "//ul[@aria-labelledby='failed-h']/li") == [
        '<li><code>raw/b.txt</code><span class="doc-meta">raw/b.txt:1:1: error: binary file [binary]</span></li>',
        '<li><code>c &lt;&amp;&gt;\ufffd.txt</code><span class="doc-meta">c.txt:0:0: error: cannot read it [io]</span></li>']
    assert len(pick(page, "//ul[@class='index-list']/li")) == 1


def test_name_not_repeated_when_the_label_says_it():
    page = run("html", tei('<note type="speaker">Antony J. Blinken:</note>'
                           '<u xml:id="u1" who="#blinken"><seg>Hi.</seg></u>'))
    assert pick(page, "//article//span[@class='speaker']") == [
        '<span class="speaker"><span class="label">Antony J. Blinken:</span></span>']


def test_prose_verse_and_phrase_templates():
    page = run("html", tei(
        '<div xml:id="d1"><head>Part one</head><div><head>Section</head>'
        '<p><hi rend="bold">Bold</hi> <hi rend="italic">it</hi> <choice><sic>teh</sic><corr>the</corr></choice> '
        '<unclear reason="noise">maybe</unclear> a<lb/>b <pb n="2"/><fw type="pageNum">2</fw> '
        '<time>[00:01:02]</time> <del>x</del><add>y</add> <q>said</q></p>'
        '<table><row role="label"><cell>k</cell></row><row><cell>v</cell></row></table>'
        '<castList><castItem><role>HAMLET</role>, a prince</castItem></castList>'
        '<quote><l>A line</l></quote></div></div>'))
    assert pick(page, "//section[@id='d1']/h3 | //section[@id='d1']/section/h4") == [
        "<h3>Part one</h3>", "<h4>Section</h4>"]
    assert pick(page, "//main//p[@class='p']") == [
        '<p class="p"><strong>Bold</strong> <em class="hi">it</em> <span class="choice" title="the">teh</span> '
        '<span class="unclear" title="unclear: noise">maybe</span> a<br>b <span class="pb" title="page break">'
        '[p. 2]</span><span class="fw fw-pageNum" title="pageNum">2</span> <span class="timestamp">[00:01:02]'
        '</span> <del>x</del><ins>y</ins> <q>said</q></p>']
    assert pick(page, "//table[@class='tei-table']") == [
        '<table class="tei-table"><tr><th>k</th></tr><tr><td>v</td></tr></table>']
    assert pick(page, "//ul[@class='castList']") == ['<ul class="castList"><li>HAMLET, a prince</li></ul>']
    assert pick(page, "//blockquote") == ['<blockquote><div class="l">A line</div></blockquote>']


def test_participant_affiliation_and_idno():
    tree = tei('<u xml:id="u1" who="#p1"><seg>Hi.</seg></u>', people=False)
    header = tree.getroot()[0]
    from lxml import etree
    header.append(etree.fromstring(
        '<profileDesc xmlns="http://www.tei-c.org/ns/1.0"><particDesc><listPerson>'
        '<person xml:id="p1" role="principal"><persName><forename>Ana</forename> <surname>Pontón</surname></persName>'
        '<affiliation><roleName>Deputy</roleName> <orgName>BNG</orgName></affiliation>'
        '<idno type="URI">https://www.wikidata.org/wiki/Q1</idno></person></listPerson></particDesc></profileDesc>'))
    page = run("html", tree)
    assert pick(page, "//tr[@id='participant-p1']") == [
        '<tr id="participant-p1"><th scope="row">Ana Pontón <a class="idno" href="https://www.wikidata.org/wiki/Q1">'
        'id</a></th><td>principal</td><td>Deputy BNG</td><td class="num"><a href="#u1" title="First turn">1</a>'
        '</td></tr>']
    rows = run("tables", tree, table="participants").splitlines()
    assert rows[1] == "doc\tp1\tperson\tAna Pontón\tprincipal\tDeputy\tBNG\thttps://www.wikidata.org/wiki/Q1\t\t1"


def test_contents_of_divisions_with_headings():
    page = run("html", tei(
        '<div xml:id="agenda.1"><head>First item <note>(a note)</note></head>'
        '<div><head>Part <hi>one</hi></head><u who="#blinken"><seg>A.</seg></u></div>'
        '<div><p>No heading.</p><div><head>Deeper</head><u who="#press"><seg>B.</seg></u></div></div></div>'
        '<div><head>Second item</head><u who="#blinken"><seg>C.</seg></u></div>'))
    # Inside the transcript division: its sections keep their xml:id, or get their path.
    assert pick(page, "//details[@class='contents']") == [
        '<details class="contents" id="contents"><summary lang="en">Contents<span class="count">'
        ' · 4 sections</span></summary><nav aria-label="Contents"><ol>'
        '<li><a href="#agenda.1">First item</a><ol><li><a href="#section-1-1-1">Part one</a></li>'
        '<li><a href="#section-1-1-2-1">Deeper</a></li></ol></li>'
        '<li><a href="#section-1-2">Second item</a></li></ol></nav></details>']
    assert [s.split('"')[3] for s in pick(page, "//section[contains(@class, 'div')]/@id/..")] == [
        "agenda.1", "section-1-1-1", "section-1-1-2-1", "section-1-2"]
    # It follows the heading of the transcript, and the headings are those of the sections.
    assert pick(page, "//section[@id='transcript']/*[2]/@class") == ["contents"]
    assert [h.split(">", 1)[1].rsplit("<", 1)[0] for h in pick(page, "//section[@id]/h3 | //section[@id]/h4")][:2] == [
        'First item <span class="note note-" role="note">(a note)</span>', 'Part <em class="hi">one</em>']


def test_no_contents_for_one_heading_and_no_tools_without_turns():
    one = run("html", tei('<div><head>Only</head><u who="#blinken"><seg>A.</seg></u></div>'))
    assert pick(one, "//details[@class='contents']") == []
    assert len(pick(one, "//template[@id='tools-template']")) == 1
    prose = run("html", tei('<div><head>One</head><p>A.</p></div><div><head>Two</head><p>B.</p></div>'))
    assert len(pick(prose, "//details[@class='contents']//li")) == 2
    assert pick(prose, "//template | //script") == []
