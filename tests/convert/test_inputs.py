"""Reading real-world input: encodings, wrapping, PDF text, HTML, front matter,
pseudo-labels, registries and user profiles (small hand-made inputs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tei_corpus.convert import convert_bytes, convert_file, load_registry
from tei_corpus.errors import ConfigError, InputError
from tei_corpus.validate import validate_file

from convert_helpers import NS, counts

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALOGUE = ("MODERATOR: Welcome, everyone. Let us begin with the first question today.\n"
            "\n"
            "SENATOR SMITH: Thank you. I am glad to be here in Springfield today.\n"
            "\n"
            "MODERATOR: Next question, please, from the back of the room.\n")


def body_text(conv) -> str:
    return "".join(conv.tree.getroot().find("t:text/t:body", NS).itertext())


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"")])
def test_unicode_encodings(encoding, prefix):
    text = DIALOGUE.replace("Springfield", "Saint-Étienne")
    conv = convert_bytes(prefix + text.encode(encoding), "t.txt")
    assert counts(conv.tree)["turns"] == 3
    assert "Saint-Étienne" in body_text(conv)


def test_cp1252_fallback_warns_with_position():
    data = DIALOGUE.replace("glad", "\u201cglad\u201d").encode("cp1252")
    conv = convert_bytes(data, "t.txt")
    assert "\u201cglad\u201d" in body_text(conv)
    assert conv.report.warnings == ["3:32: not valid UTF-8; decoded as cp1252"]
    decl = "".join(conv.tree.getroot().find(".//t:editorialDecl", NS).itertext())
    assert "decoded as cp1252" in decl


def test_crlf_and_nbsp():
    data = DIALOGUE.replace("\n", "\r\n").replace("SMITH: ", "SMITH:\u00a0\u00a0").encode()
    conv = convert_bytes(data, "t.txt")
    assert counts(conv.tree)["turns"] == 3
    assert "\r" not in conv.xml.decode() and "\u00a0" not in body_text(conv)


@pytest.mark.parametrize("data,message", [
    (b"", "t.txt:1:1: error: empty file: no transcript to convert [empty]"),
    (b"  \n\n ", "t.txt:1:1: error: empty file: no transcript to convert [empty]"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00" * 40, "t.txt:1:1: error: binary file: not a text transcript [binary]"),
])
def test_bad_input_is_one_line_error(data, message):
    with pytest.raises(InputError) as exc:
        convert_bytes(data, "t.txt")
    assert str(exc.value) == message


def test_front_matter_title_url_date_and_hard_wraps():
    raw = ("---\ntitle: \"Remarks by the\\\n  \\ Mayor\"\ndate: '2024-03-01'\n"
           "source_url: https://example.org/remarks-by-the-mayor/\n---\n\n"
           "City Hall\n\n"
           "THE MAYOR: Good morning. We are here\nto talk about the new bridge and\nwhat it means.\n\n"
           "Q Will it open this year?\n\n"
           "THE MAYOR: Yes.\n")
    conv = convert_bytes(raw.encode(), "remarks.md")
    root = conv.tree.getroot()
    assert root.findtext(".//t:titleStmt/t:title", namespaces=NS) == "Remarks by the Mayor"
    assert root.findtext(".//t:bibl/t:idno[@type='URI']", namespaces=NS) == "https://example.org/remarks-by-the-mayor/"
    assert root.find(".//t:bibl/t:date", NS).get("when") == "2024-03-01"
    segs = root.findall(".//t:u/t:seg", NS)
    assert segs[0].text == "Good morning. We are here to talk about the new bridge and what it means."
    assert [a.text for a in root.findall(".//t:front/t:div[@type='frontmatter']/t:ab", NS)][0] == "---"
    assert counts(conv.tree)["turns"] == 3


def test_pdf_text_labels_alone_and_page_numbers():
    raw = ("  TRANSCRIPT OF PRESS CONFERENCE  \n\n JOURNALIST:   \n\n Will you run again?   \n\n"
           " MINISTER:   \n\n That is a matter for the party and  \n\n  2\n\n"
           " the voters in due course.   \n\n JOURNALIST:   \n\n Thank you…   \n\n [ends]  \n\n  3\n")
    conv = convert_bytes(raw.encode(), "doorstop.txt")
    root = conv.tree.getroot()
    c = counts(conv.tree)
    assert c["turns"] == 3 and c["labels"] == ["JOURNALIST", "MINISTER"]
    seg = root.findall(".//t:u", NS)[1].find("t:seg", NS)
    assert seg.find("t:fw", NS).get("type") == "pageNum"
    assert "".join(seg.itertext()) == "That is a matter for the party and 2 the voters in due course."
    assert [p.text for p in root.findall(".//t:back//t:p", NS)] == ["[ends]", "3"]
    assert c["truncated"] == 1


def test_pseudo_labels_are_not_turns():
    raw = ("TITLE: Weekly briefing\nDATE: 3 May\n\n"
           "**Jane Roe:** Welcome to the show. My question is as follows:\n\n"
           "**John Doe:** Thanks for having me on the show today.\n\n"
           "**Break**: [12:30]\n\n"
           "My question is as follows: why now?\n\n"
           "**Jane Roe:** Good question.\n")
    conv = convert_bytes(raw.encode(), "show.md")
    c = counts(conv.tree)
    assert c["turns"] == 3 and c["labels"] == ["Jane Roe", "John Doe"]


def test_no_speaker_gives_one_unattributed_turn_with_warning():
    raw = b"This is a statement read out to the press this morning. It has no speakers at all.\n"
    conv = convert_bytes(raw, "statement.txt")
    us = conv.tree.getroot().findall(".//t:u", NS)
    assert len(us) == 1 and us[0].get("who") is None and us[0].get("ana") == "#unlabelled"
    assert conv.report.warnings == ["no speaker label found: the text is one unattributed turn"]


def test_interruption_overlap_and_resumed_turn():
    raw = ("Anna Berg: I was going to say that the budget—\n\n"
           "Carl Dahl: Sorry, can I just—\n\n"
           "Anna Berg: —that the budget is balanced.\n\n"
           "Carl Dahl: Right. (Laughter.)\n\n"
           "(Applause.)\n\n"
           "Anna Berg: The numbers were (inaudible) in March.\n")
    conv = convert_bytes(raw.encode(), "debate.txt")
    us = conv.tree.getroot().findall(".//t:u", NS)
    assert us[0].get("ana") == "#regular #truncated"
    assert us[1].get("ana") == "#regular #truncated #interrupting"
    assert us[1].get("trans") == "overlap" and us[1].get("cert") == "medium"
    assert us[0].get("next") == "#u3" and us[2].get("prev") == "#u1"
    assert us[3].find("t:seg/t:vocal", NS).get("type") == "laughter"
    applause = us[3].getnext()
    assert applause.tag.endswith("kinesic") and applause.get("type") == "applause"
    assert applause.findtext("t:desc", namespaces=NS) == "(Applause.)"
    gap = us[4].find("t:seg/t:gap", NS)
    assert gap.get("reason") == "inaudible" and gap.findtext("t:desc", namespaces=NS) == "(inaudible)"


def test_interpreter_cue_inline_and_foreign_words():
    raw = ("PRESIDENT RUIZ: (As interpreted.) Thank you. Muchas gracias to all of you.\n\n"
           "Q Hola, Señor. A question for the President, please.\n\n"
           "PRESIDENT RUIZ: (Speaks English.) Yes. (As interpreted.) And again, thank you.\n")
    conv = convert_bytes(raw.encode(), "presser.txt")
    root = conv.tree.getroot()
    us = root.findall(".//t:u", NS)
    assert [("#interpreted" in u.get("ana")) for u in us] == [True, False, True]
    assert us[0].getprevious().text == "(As interpreted.)"
    notes = [n.text for n in us[2].iter("{*}note")]
    assert notes == ["(As interpreted.)"]
    foreign = [(f.text, f.get(XML_LANG)) for f in root.iter("{*}foreign")]
    assert ("Muchas gracias", "es") in foreign and ("Hola", "es") in foreign
    assert root.find(".//t:langUsage/t:language[@ident='es']", NS) is not None
    assert root.find(".//t:personGrp[@role='interpreter']", NS) is not None


def test_html_page_input():
    raw = ("<!DOCTYPE html><html><head><title>Briefing with Ms. Lee</title>"
           "<script>var x = 1;</script></head><body><nav>Home | News</nav>"
           "<p><strong>MS. LEE:</strong> Good afternoon, everybody, and welcome.</p>"
           "<p><strong>Q:</strong> Thanks. Can you tell us more?</p>"
           "<p><strong>MS. LEE:</strong> Not today.</p></body></html>")
    conv = convert_bytes(raw.encode(), "briefing.html")
    root = conv.tree.getroot()
    assert root.findtext(".//t:titleStmt/t:title", namespaces=NS) == "Briefing with Ms. Lee"
    assert counts(conv.tree)["turns"] == 3
    assert "var x" not in conv.xml.decode()


def test_registry_overrides_guesses(tmp_path):
    reg = tmp_path / "people.csv"
    reg.write_text("label,id,name,role,role_title,idno\n"
                   "SENATOR SMITH,smith-jane,Jane Smith,principal,Senator,wikidata:Q123\n"
                   "MODERATOR,host,Pat Host,moderator,,\n", encoding="utf-8")
    conv = convert_bytes(DIALOGUE.encode(), "t.txt", people=load_registry(reg))
    root = conv.tree.getroot()
    smith = root.find(".//t:person[@role='principal']", NS)
    assert smith.get("{http://www.w3.org/XML/1998/namespace}id") == "smith-jane"
    assert smith.findtext("t:persName", namespaces=NS) == "Jane Smith"
    assert smith.find("t:idno", NS).get("type") == "wikidata" and smith.findtext("t:idno", namespaces=NS) == "Q123"
    assert [u.get("who") for u in root.findall(".//t:u", NS)] == ["#host", "#smith-jane", "#host"]


def test_registry_errors_name_the_file(tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text("name,role\nX,principal\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_registry(bad)
    assert str(exc.value) == f"{bad}:1:1: registry needs a header row with at least 'label' and 'id'"


def test_user_profile_with_own_pattern(tmp_path):
    prof = tmp_path / "brackets.toml"
    prof.write_text('name = "brackets"\ndescription = "[Speaker] text"\n[labels]\n'
                    "patterns = ['^\\[(?P<label>[A-Z][\\w .]+)\\]\\s+(?P<rest>.*)$']\n", encoding="utf-8")
    raw = b"[Interviewer] How did it start?\n\n[Maria Lopez] It started in 1999.\n\n[Interviewer] And then?\n"
    conv = convert_bytes(raw, "oral-history.txt", profile=str(prof))
    c = counts(conv.tree)
    assert c["turns"] == 3 and c["labels"] == ["Interviewer", "Maria Lopez"]   # brackets: the delimiter


def test_bad_profile_is_a_config_error(tmp_path):
    prof = tmp_path / "bad.toml"
    prof.write_text("[labels]\nkinds = ['shouting']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        convert_bytes(DIALOGUE.encode(), "t.txt", profile=str(prof))
    assert "unknown label kind(s) shouting" in str(exc.value)


def test_foreign_sentence_detected_by_function_words():
    raw = ("Q Thank you. Y señor, usted Presidente, muchas gracias por la bienvenida esta semana. "
           "My question is for both of you.\n\n"
           "PRESIDENT RUIZ: Merci. C'est une question très importante pour nous. Thank you.\n\n"
           "Q And to the other leader?\n")
    conv = convert_bytes(raw.encode(), "presser.txt")
    foreign = [(f.text, f.get(XML_LANG)) for f in conv.tree.getroot().iter("{*}foreign")]
    assert foreign == [
        ("Y señor, usted Presidente, muchas gracias por la bienvenida esta semana.", "es"),
        ("Merci", "fr"),
        ("C'est une question très importante pour nous.", "fr"),
    ]
    langs = [lang.get("ident") for lang in conv.tree.getroot().iterfind(".//t:langUsage/t:language", NS)]
    assert langs == ["en", "es", "fr"]


def test_a_date_is_read_with_the_month_names_of_the_documents_language():
    raw = ("Plenarprotokoll 20/59\nWiesbaden, Donnerstag, 21. März 2024\n\n"
           "Präsidentin Astrid Wallmann: Ich eröffne die Sitzung und begrüße Sie alle herzlich.\n\n"
           "Jürgen Lenders (Freie Demokraten): Vielen Dank, Frau Präsidentin, für das Wort.\n\n"
           "Präsidentin Astrid Wallmann: Vielen Dank. Das Wort hat nun der nächste Redner.\n")
    conv = convert_bytes(raw.encode(), "landtag.txt", lang="de")
    root = conv.tree.getroot()
    assert root.find(".//t:sourceDesc/t:bibl/t:date", NS).get("when") == "2024-03-21"
    assert "date 2024-03-21 from '21. März 2024' before the transcript" in conv.report.guessed


def test_date_found_before_the_transcript_and_language_cues():
    raw = ("Press conference\nFriday, March 3, 2000\n\n"
           "THE MINISTER: (speaking in Spanish) Buenos días. (Translated from Spanish.) Good morning.\n\n"
           "Q Thank you, Minister.\n")
    conv = convert_bytes(raw.encode(), "pc.txt")
    root = conv.tree.getroot()
    assert root.find(".//t:sourceDesc/t:bibl/t:date", NS).get("when") == "2000-03-03"
    assert "date 2000-03-03 from 'March 3, 2000' before the transcript" in conv.report.guessed
    assert counts(conv.tree)["labels"] == ["THE MINISTER", "Q"]
    u = root.find(".//t:u", NS)
    assert "#interpreted" in u.get("ana")
    assert [n.text for n in root.iterfind(".//t:body/t:div/t:note[@type='delivery']", NS)] == ["(speaking in Spanish)"]


def test_interpreter_turn_linked_to_the_turn_it_renders(tmp_path):
    raw = ("PRESIDENT MACRON: Merci beaucoup. C'est un plaisir d'être ici avec vous aujourd'hui.\n\n"
           "INTERPRETER: Thank you very much. It is a pleasure to be here with you today.\n\n"
           "Q Mr. President, a question on trade.\n")
    conv = convert_bytes(raw.encode(), "visit.txt")
    us = conv.tree.getroot().findall(".//t:u", NS)
    assert (us[0].get("corresp"), us[1].get("corresp")) == ("#u2", "#u1")
    assert us[1].get("who") == "#interpreter" and "#interpreted" not in us[1].get("ana")
    # A turn wholly in French is in French; its words are not "foreign" inside it.
    assert us[0].get(XML_LANG) == "fr" and us[0].find(".//t:foreign", NS) is None
    assert us[0].find("t:seg", NS).text == "Merci beaucoup. C'est un plaisir d'être ici avec vous aujourd'hui."
    out = tmp_path / "visit.xml"
    out.write_bytes(conv.xml)
    assert validate_file(out) == []


def test_markers_ridings_chairs_and_audiences():
    raw = ("**Ann Lee:** Welcome. I'm your host for tonight's talk.\n\n"
           "**Bo Chan:** Thanks. Mr. Bernier (Bonaventure-Gaspe-Iles-de-la-Madeleine-Pabok, BQ) moved it.\n\n"
           "**Break**: \\[55:30\\]\n\n"
           "**Ann Lee:** We're back. (Laughter.)\n\n"
           "**Q:** A question from the floor.\n")
    conv = convert_bytes(raw.encode(), "talk.md")
    root = conv.tree.getroot()
    body = root.find(".//t:body/t:div", NS)
    marker = body.find("t:incident", NS)
    assert marker.get("type") == "proceedings" and marker.findtext("t:desc", namespaces=NS) == "**Break**: [55:30]"
    assert marker.getprevious().tag.endswith("u") and marker.getnext().get("type") == "speaker"
    seg = root.findall(".//t:u", NS)[1].find("t:seg", NS)
    assert len(seg) == 0 and "(Bonaventure-Gaspe-Iles-de-la-Madeleine-Pabok, BQ)" in seg.text
    xml = {"xml": "http://www.w3.org/XML/1998/namespace"}
    assert root.find(".//t:person[@xml:id='lee']", NS | xml).get("role") == "moderator"
    audience = root.find(".//t:personGrp", NS)
    assert (audience.get("{http://www.w3.org/XML/1998/namespace}id"), audience.get("role"),
            audience.findtext("t:name", namespaces=NS)) == ("audience", "audience", "Questioners from the audience")


@pytest.mark.parametrize("name,doc_id", [
    ("000_state-blinken.txt", "state-blinken"), ("2023-01-10.txt", "doc-2023-01-10"),
    ("2024-01-10.txt", "doc-2024-01-10"), ("1_000_x.txt", "doc-1-000-x"), ("2_000_x.txt", "doc-2-000-x"),
    ("12. Interview with X.md", "interview-with-x"), ("dir/2023-01-10-remarks.txt", "doc-2023-01-10-remarks")])
def test_document_ids_from_file_names_stay_distinct(name, doc_id):
    from tei_corpus.convert import doc_id_from_name
    assert doc_id_from_name(name) == doc_id


def test_semicolon_registry_and_control_characters(tmp_path):
    reg = tmp_path / "people.csv"
    reg.write_text("label;id;name\nSENATOR SMITH;smith-jane;Jane Smith\n", encoding="utf-8")
    conv = convert_bytes(DIALOGUE.replace("glad", "glad\x01").encode(), "t.txt",
                         people=load_registry(reg))
    assert [u.get("who") for u in conv.tree.getroot().findall(".//t:u", NS)][1] == "#smith-jane"
    assert "control characters (not allowed in XML) were replaced by spaces" in conv.report.warnings


def test_control_characters_in_and_after_an_html_title():
    page = ("<html><head><title>Brief\x01ing on\x0b trade</title>\x02</head><body>"
            "<p>SMITH: Hello there, and welcome.</p><p>JONES: Thank you, glad to be here.</p>"
            "<p>SMITH: Let us begin.</p><p>JONES: Gladly.</p></body></html>").encode()
    conv = convert_bytes(page, "briefing.html")
    assert conv.tree.getroot().findtext(".//t:titleStmt/t:title", namespaces=NS) == "Brief ing on trade"
    assert counts(conv.tree)["turns"] == 4


def test_a_markdown_body_of_html_blocks_is_read_as_its_page_shows_it():
    from pathlib import Path

    from tei_corpus.convert.read import render_markdown_html

    data = Path(__file__).resolve().parents[1] / "data" / "convert"
    page = (data / "unseen" / "en-scotus-oral-argument-1952-05-12-youngstown-md-html.md").read_text(encoding="utf-8")
    rendered = render_markdown_html(page)
    assert rendered is not None and "<p>" not in rendered.text
    assert rendered.text.startswith("---\ntitle: \"Youngstown Sheet &amp; Tube Co.")  # front matter as found
    assert "\nMR. JUSTICE REED: How could they reject this?\n" in rendered.text
    # A Markdown transcript that is Markdown is left alone.
    podcast = (data / "languages" / "en" / "gotime-100-pike-griesemer.md").read_text(encoding="utf-8")
    assert render_markdown_html(podcast) is None


_UNSEEN = Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen"
# Real transcripts whose front matter opens with header fields (SOURCE.md beside each):
# a field naming the title gives its value; another field is no title.
TITLED_BY_FIELD = {
    "europe31/cs-ujc-dialogy-1999-11-28-v-prave-poledne-debate-initials-braced-numbers.txt":
        "V pravé poledne",
    "talk35/en-gcis-gov-za-2008-07-27-post-cabinet-lekgotla-briefing-header-fields-name-colon.txt":
        "Post-Cabinet Lekgotla media briefing",
}


@pytest.mark.parametrize("name,title", sorted(TITLED_BY_FIELD.items()))
def test_a_title_field_gives_its_value_as_the_title(name, title):
    conv = convert_file(_UNSEEN / name)
    assert conv.tree.getroot().findtext(".//t:titleStmt/t:title", namespaces=NS) == title


def test_a_header_field_that_names_no_title_is_no_title():
    path = next((_UNSEEN / "common10").glob("en-nz-livenews-2025-05-05-post-cabinet-presser*"))
    title = convert_file(path).tree.getroot().findtext(".//t:titleStmt/t:title", namespaces=NS)
    assert title and not title.startswith("Source:") and "CABINET" in title.upper()
