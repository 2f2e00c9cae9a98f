"""House styles beyond the shared samples: each a small transcript of a kind
archives hold, recognised by --profile auto."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_corpus.cli import cli
from tei_corpus.convert import check_own_output, convert_bytes
from tei_corpus.errors import InputError

from convert_helpers import NS, counts

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

STYLES = {
    "rev-timestamps": ("Speaker 1 (00:00:02):\nWelcome back to the show. Today we talk about rivers.\n\n"
                       "Dana Whitfield (00:00:09):\nThanks for having me. It's great to be here.\n\n"
                       "Speaker 1 (00:00:14):\nSo how did you start—\n\n"
                       "Dana Whitfield (00:00:15):\nWell, it started with a canoe. [laughs]\n",
                       4, ["Speaker 1", "Dana Whitfield"], ["#speaker-1", "#whitfield", "#speaker-1", "#whitfield"]),
    "congressional-record": ("The PRESIDING OFFICER. The Senator from Nevada is recognized.\n\n"
                             "Mr. REID. Mr. President, I ask unanimous consent.\n\n"
                             "The PRESIDING OFFICER. Without objection, it is so ordered.\n\n"
                             "Mr. McCONNELL. Mr. President, I rise today to speak.\n",
                             4, ["The PRESIDING OFFICER.", "Mr. REID.", "Mr. McCONNELL."],
                             ["#presiding-officer", "#reid", "#presiding-officer", "#mcconnell"]),
    "broadcast-chevrons": ("THIS IS A RUSH TRANSCRIPT.\n\n"
                           ">> WOLF BLITZER, CNN ANCHOR: Welcome to our viewers around the world.\n\n"
                           ">> JAKE TAPPER, CNN CHIEF WASHINGTON CORRESPONDENT: Thanks, Wolf.\n\n"
                           ">> BLITZER: Stand by.\n\n(COMMERCIAL BREAK)\n\n>> TAPPER: We're back.\n",
                           4, None, ["#blitzer", "#tapper", "#blitzer", "#tapper"]),
    "timestamp-prefix": ("[00:00:01] Host: Hello and welcome to episode twelve.\n"
                         "[00:00:05] Guest: Hi, glad to be here.\n"
                         "[00:00:09] Host: Let's dive right in, shall we?\n"
                         "[00:00:12] Guest: Absolutely.\n",
                         4, None, ["#host", "#guest", "#host", "#guest"]),
    "uk-commons": ("Mr Speaker: Order. Questions to the Prime Minister.\n\n"
                   "Sir Keir Starmer (Holborn and St Pancras) (Lab): Will the Prime Minister tell the House?\n\n"
                   "The Prime Minister (Rishi Sunak): I thank the right honourable gentleman.\n\n"
                   "Mr Speaker: Order.\n\nSir Keir Starmer: That was not an answer.\n",
                   5, None, ["#mr-speaker", "#starmer", "#sunak", "#mr-speaker", "#starmer"]),
    "court-record": ("THE COURT: Please be seated. Call your next witness.\n\n"
                     "MR. SMITH: The defense calls Jane Doe.\n\nBY MR. SMITH:\n\n"
                     "Q. Please state your name.\n\nA.  Jane Doe.\n\n"
                     "THE WITNESS: May I have some water?\n\nTHE COURT: Of course.\n",
                     6, ["THE COURT", "MR. SMITH", "Q.", "A.", "THE WITNESS"], None),
    "screenplay": ("EVENING NEWS\nTranscript\n\nANNA LEE\nGood evening. Our top story is the storm.\n\n"
                   "MARK DIAZ\nThanks, Anna. The winds picked up around noon and\nhave not let go since.\n\n"
                   "ANNA LEE\nStay safe out there, Mark.\n\nMARK DIAZ\nWill do.\n",
                   4, ["ANNA LEE", "MARK DIAZ"], ["#lee", "#diaz", "#lee", "#diaz"]),
    # The Diario de Sesiones prints an office in capitals and its holder in brackets
    # ("El señor PRESIDENTE DEL GOBIERNO (Sánchez Pérez-Castejón):"), once or often.
    "congreso-diario": ("DIARIO DE SESIONES DEL CONGRESO DE LOS DIPUTADOS\n\n"
                        "La señora PRESIDENTA: Se abre la sesión.\n\n"
                        "El señor PRESIDENTE DEL GOBIERNO (Sánchez Pérez-Castejón): Muchas gracias, "
                        "señora presidenta. Señorías, comparezco hoy ante esta Cámara. (Aplausos).\n\n"
                        "La señora PRESIDENTA: Muchas gracias. Tiene la palabra el señor Núñez Feijóo.\n\n"
                        "El señor NÚÑEZ FEIJÓO: Gracias, presidenta. (Rumores).\n\n"
                        "La señora PRESIDENTA: Silencio, por favor.\n\n"
                        "El señor NÚÑEZ FEIJÓO: Continúo.\n",
                        6, ["La señora PRESIDENTA", "El señor PRESIDENTE DEL GOBIERNO (Sánchez Pérez-Castejón)",
                            "El señor NÚÑEZ FEIJÓO"], None),
    # Resoconto stenografico and compte rendu intégral: a label closed by a period, a
    # minister's printed once with the office after a comma.
    "camera-resoconto": ("RESOCONTO STENOGRAFICO\n\nLa seduta comincia alle 9,30.\n\n"
                         "PRESIDENTE. La seduta è aperta. Ha facoltà di parlare l'onorevole Meloni.\n\n"
                         "GIORGIA MELONI, Presidente del Consiglio dei ministri. Grazie, Presidente. "
                         "Onorevoli colleghi, oggi discutiamo del bilancio. (Applausi).\n\n"
                         "PRESIDENTE. Ha chiesto di parlare l'onorevole Schlein. Ne ha facoltà.\n\n"
                         "ELLY SCHLEIN. Grazie, Presidente. Lei non ha risposto. (Commenti).\n\n"
                         "PRESIDENTE. Colleghi, per favore.\n\nELLY SCHLEIN. Continuo.\n",
                         6, ["PRESIDENTE.", "GIORGIA MELONI, Presidente del Consiglio dei ministri.",
                             "ELLY SCHLEIN."], None),
    "assemblee-compte-rendu": ("ASSEMBLÉE NATIONALE\nCompte rendu intégral\n\n"
                               "Mme la présidente. La séance est ouverte. La parole est à M. Éric Ciotti.\n\n"
                               "M. Éric Ciotti. Madame la présidente, la situation est grave. "
                               "(Applaudissements sur les bancs du groupe LR.)\n\n"
                               "Mme la présidente. La parole est à M. le ministre de l'intérieur.\n\n"
                               "M. Gérald Darmanin, ministre de l'intérieur et des outre-mer. Monsieur le "
                               "député, je vous remercie. (Exclamations sur les bancs du groupe RN.)\n\n"
                               "M. Éric Ciotti. Ce n'est pas une réponse !\n\nMme la présidente. Merci.\n",
                               6, ["Mme la présidente.", "M. Éric Ciotti.",
                                   "M. Gérald Darmanin, ministre de l'intérieur et des outre-mer."], None),
    # Стенограмма: a chair, and members named "Surname I. O." whose last initial's
    # period closes the label, with their office or faction after a comma once.
    "duma-stenogramma": ("Стенограмма заседания\n\n"
                         "Председательствующий. Уважаемые коллеги, начинаем работу.\n\n"
                         "Мишустин М. В., Председатель Правительства Российской Федерации. "
                         "Уважаемые депутаты! Благодарю за поддержку.\n\n"
                         "Председательствующий. Спасибо. Вопросы.\n\n"
                         "Зюганов Г. А., фракция КПРФ. Спасибо. У меня вопрос о бюджете.\n\n"
                         "Председательствующий. Пожалуйста, ответ.\n\n"
                         "Мишустин М. В. Спасибо за вопрос. Бюджет сбалансирован.\n",
                         6, ["Председательствующий.",
                             "Мишустин М. В., Председатель Правительства Российской Федерации.",
                             "Зюганов Г. А., фракция КПРФ.", "Мишустин М. В."], None),
    # European Parliament verbatim report (CRE): the label closed by a period and a dash,
    # a speaker's role or group after a comma, the language of delivery after the dash.
    "europarl-cre": ("Verbatim report of proceedings\n\n"
                     "  President. – The next item is the debate on the Council and Commission statements.\n\n"
                     "  Maroš Šefčovič, Member of the Commission. – Madam President, honourable Members, "
                     "thank you for this debate.\n\n"
                     "  Jörgen Warborn, on behalf of the PPE Group. – Madam President, trade is our strength.\n\n"
                     "  Iratxe García Pérez, en nombre del Grupo S&D. – (ES) Señora presidenta, gracias.\n\n"
                     "  President. – Thank you. The debate is closed.\n\n(The sitting closed at 23:55)\n",
                     5, ["President. –", "Maroš Šefčovič, Member of the Commission. –",
                         "Jörgen Warborn, on behalf of the PPE Group. –",
                         "Iratxe García Pérez, en nombre del Grupo S&D. –"], None),
    # The Storting: a member's party in brackets and the time of the speech before the colon.
    "storting": ("Presidenten: Møtet er lovleg sett.\n\n"
                 "Kjersti Toppe (Sp) [10:00:37]: President! Eg tek ordet om sjukehusa.\n\n"
                 "Presidenten: Det blir replikkordskifte.\n\n"
                 "Erna Solberg (H) [10:07:12]: Takk, president.\n\n"
                 "Kjersti Toppe (Sp) [10:08:40]: Takk for spørsmålet.\n",
                 5, ["Presidenten:", "Kjersti Toppe (Sp)", "Erna Solberg (H)"], None),
    # The Althingi: an office, and the name of its holder in brackets.
    "althingi": ("Forseti (Birgir Ármannsson): Fundur er settur.\n\n"
                 "Kristrún Frostadóttir (S): Virðulegi forseti. Ég spyr um verðbólguna.\n\n"
                 "Forseti (Birgir Ármannsson): Hæstvirtur forsætisráðherra.\n\n"
                 "Forsætisráðherra (Bjarni Benediktsson): Virðulegur forseti. Ég þakka fyrirspurnina.\n",
                 4, ["Forseti (Birgir Ármannsson)", "Kristrún Frostadóttir (S)",
                     "Forsætisráðherra (Bjarni Benediktsson)"], None),
    # The Italian Senate: the senator's group in brackets before the period.
    "senato": ("PRESIDENTE. La seduta è aperta. Ha facoltà di parlare il senatore Malan.\n\n"
               "MALAN (FdI). Domando di parlare.\n\n"
               "PRESIDENTE. Ne ha facoltà.\n\n"
               "MALAN (FdI). Signor Presidente, intervengo sull'ordine dei lavori.\n\n"
               "BOCCIA (PD). Signor Presidente, chiedo la parola per dichiarazione di voto.\n",
               5, ["PRESIDENTE.", "MALAN (FdI).", "BOCCIA (PD)."], None),
    # The Seimas: capitals closed by a period, initials and a group in brackets (no pack).
    "seimas": ("PIRMININKAS (V. PRANCKIETIS). Gerbiamieji kolegos, pradedame posėdį.\n"
               "A. VERYGA. Ačiū, posėdžio pirmininke. Pristatau įstatymo projektą.\n"
               "PIRMININKAS. Ačiū. Jūsų nori paklausti A. Širinskienė.\n"
               "A. ŠIRINSKIENĖ (LVŽSF). Ačiū. Gerbiamas ministre, kodėl projektas vėluoja?\n"
               "A. VERYGA. Ačiū už klausimą.\n",
               5, ["PIRMININKAS (V. PRANCKIETIS).", "A. VERYGA.", "PIRMININKAS.",
                   "A. ŠIRINSKIENĖ (LVŽSF)."], None),
    # The Hungarian Assembly: a name in capitals, then the office in small letters.
    "orszaggyules": ("ELNÖK: Tisztelt Országgyűlés! Az ülést megnyitom.\n\n"
                     "TÓTH BERTALAN (MSZP): Köszönöm a szót, elnök úr.\n\n"
                     "ELNÖK: Megadom a szót Varga Mihály miniszter úrnak.\n\n"
                     "VARGA MIHÁLY pénzügyminiszter: Köszönöm, elnök úr.\n\n"
                     "ELNÖK: Köszönöm.\n",
                     5, ["ELNÖK:", "TÓTH BERTALAN (MSZP)", "VARGA MIHÁLY pénzügyminiszter"], None),
    # The Parliament of Catalonia: the label alone on its line in the language's case.
    "parlament": ("La presidenta\nBon dia. Comencem la sessió. Té la paraula el diputat Joan Garcia.\n\n"
                  "Joan Garcia i Puig\nGràcies, presidenta. Diputades, diputats, bon dia.\n\n"
                  "La presidenta\nGràcies, diputat. Té la paraula la consellera.\n\n"
                  "La consellera de la Presidència\nGràcies, presidenta. Respondré breument.\n\n"
                  "La presidenta\nGràcies.\n",
                  5, ["La presidenta", "Joan Garcia i Puig", "La consellera de la Presidència"], None),
    # The National Assembly of Korea: the "○" that marks a speaker in the minutes, then
    # the office and name; an office printed once is a speaker too.
    "kukhoe": ("○의장 박병석  의석을 정돈해 주시기 바랍니다.\n"
               "○의사국장 이채익  보고사항을 말씀드리겠습니다.\n"
               "○의장 박병석  다음은 교섭단체 대표연설을 듣겠습니다.\n"
               "○김기현 의원  존경하는 국민 여러분, 의장님, 동료 의원 여러분.\n"
               "○의장 박병석  수고하셨습니다.\n",
               5, None, None),
    # The Austrian Nationalrat: offices and academic titles before the name, a degree
    # after it ("MES"), the club in brackets.
    "nationalrat": ("Präsident Mag. Wolfgang Sobotka: Ich eröffne die Sitzung.\n\n"
                    "Abgeordneter Mag. Jörg Leichtfried (SPÖ): Herr Präsident! Das ist ein "
                    "wichtiger Tag. (Beifall bei der SPÖ.)\n\n"
                    "Präsident Mag. Wolfgang Sobotka: Als Nächste zu Wort gelangt Frau "
                    "Abgeordnete Meinl-Reisinger.\n\n"
                    "Abgeordnete Mag. Beate Meinl-Reisinger, MES (NEOS): Herr Präsident! Hohes Haus!\n\n"
                    "Präsident Mag. Wolfgang Sobotka: Danke.\n",
                    5, ["Präsident Mag. Wolfgang Sobotka", "Abgeordneter Mag. Jörg Leichtfried (SPÖ)",
                        "Abgeordnete Mag. Beate Meinl-Reisinger, MES (NEOS)"], None),
    # A Vietnamese interview: the reporter named by a common noun in sentence case.
    "phong-van": ("Phóng viên: Xin chào ông. Ông có thể cho biết kế hoạch năm nay không?\n\n"
                  "Ông Nguyễn Văn An: Chào bạn. Năm nay chúng tôi tập trung vào xuất khẩu.\n\n"
                  "Phóng viên: Những khó khăn lớn nhất là gì?\n\n"
                  "Ông Nguyễn Văn An: Khó khăn lớn nhất là chi phí vận chuyển.\n",
                  4, ["Phóng viên", "Ông Nguyễn Văn An"], None),
    "deposition-q-a": ("Q. Please state your name for the record.\n\nA.  John Carter.\n\n"
                       "Q. Where do you live?\n\nA.  In Tulsa.\n",
                       4, None, None),
}


@pytest.mark.parametrize("name", sorted(STYLES))
def test_style_recognised(name):
    raw, turns, labels, who = STYLES[name]
    conv = convert_bytes(raw.encode(), f"{name}.txt")
    c = counts(conv.tree)
    assert c["turns"] == turns
    notes = [n.text for n in conv.tree.getroot().iterfind(".//t:note[@type='speaker']", NS)]
    if labels:
        assert list(dict.fromkeys(n.lstrip("> ").rstrip(":").strip() for n in notes)) == \
            [lab.rstrip(":") for lab in labels]
    if who:
        assert [u.get("who") for u in conv.tree.getroot().iterfind(".//t:u[@who]", NS)] == who


def test_broadcast_names_and_roles():
    conv = convert_bytes(STYLES["broadcast-chevrons"][0].encode(), "cnn.txt")
    root = conv.tree.getroot()
    blitzer = root.find(".//t:person[@xml:id='blitzer']", NS | {"xml": "http://www.w3.org/XML/1998/namespace"})
    assert blitzer.findtext("t:persName", namespaces=NS) == "Wolf Blitzer"
    assert blitzer.findtext("t:affiliation/t:roleName", namespaces=NS) == "CNN Anchor"
    inc = root.find(".//t:body/t:div/t:incident", NS)
    assert inc.get("type") == "proceedings" and inc.findtext("t:desc", namespaces=NS) == "(COMMERCIAL BREAK)"


def test_parliament_labels_give_names_parties_and_offices():
    conv = convert_bytes(STYLES["uk-commons"][0].encode(), "pmqs.txt")
    root = conv.tree.getroot()
    xml = {"xml": "http://www.w3.org/XML/1998/namespace"}
    starmer = root.find(".//t:person[@xml:id='starmer']", NS | xml)
    assert starmer.findtext("t:persName", namespaces=NS) == "Keir Starmer"
    assert [(a.get("type"), a.text) for a in starmer.findall("t:affiliation", NS)] == [
        ("party", "Lab"), ("constituency", "Holborn and St Pancras")]
    sunak = root.find(".//t:person[@xml:id='sunak']", NS | xml)
    assert sunak.findtext("t:persName", namespaces=NS) == "Rishi Sunak"
    assert sunak.findtext("t:affiliation/t:roleName", namespaces=NS) == "Prime Minister"
    assert root.find(".//t:person[@xml:id='mr-speaker']", NS | xml).get("role") == "moderator"


def test_congressional_record_labels_are_the_language_packs_period_labels():
    # The House's labels ("Mr. SMITH of Ohio.", "The SPEAKER pro tempore.") are a
    # shape the English pack gives (labels.period_labels), read by the period kind.
    raw = ("The SPEAKER pro tempore. The Chair recognizes the gentleman from Ohio.\n\n"
           "Mr. SMITH of Ohio. Madam Speaker, I yield myself such time as I may consume.\n\n"
           "The SPEAKER pro tempore. The gentleman is recognized.\n\n"
           "Mr. SMITH of Ohio. I thank the Chair.\n\n"
           "Ms. DeLAURO. Madam Speaker, will the gentleman yield?\n")
    conv = convert_bytes(raw.encode(), "house.txt")
    c = counts(conv.tree)
    assert conv.report.profile == "congress" and conv.report.shapes == {"period": 5}
    assert c["turns"] == 5
    assert c["labels"] == ["The SPEAKER pro tempore", "Mr. SMITH of Ohio", "Ms. DeLAURO"]


def test_capitals_closed_by_a_period_keep_the_abbreviation_before_the_name():
    # The Philippine House's "REP. DAZA." (its record's lines, held-out parl4): the label
    # ends at the first period after four letters, not at "REP." and not at the "Mr." of
    # the speech after it.
    raw = ("REP. DAZA. Mr. Speaker, I move that we dispense with the reading of the Journal.\n\n"
           "THE DEPUTY SPEAKER (Rep. Castro, F.H.). Is there any objection? (Silence) "
           "The Chair hears none; the motion is approved.\n\n"
           "REP. HERRERA-DY. Mr. Speaker, I move for the approval of the Journal.\n\n"
           "THE DEPUTY SPEAKER (Rep. Castro, F.H.). The Majority Leader is recognized.\n\n"
           "REP. MARCOLETA. Mr. Speaker, I move that we call the roll.\n\n"
           "REP. DAZA. Mr. Speaker.\n")
    c = counts(convert_bytes(raw.encode(), "house.txt").tree)
    assert c["labels"] == ["REP. DAZA", "THE DEPUTY SPEAKER (Rep. Castro, F.H.)", "REP. HERRERA-DY",
                           "REP. MARCOLETA"]
    assert c["turns"] == 6


def test_a_bracketed_name_leading_its_speech_is_a_label_and_a_bracketed_cue_is_not():
    raw = ("[Speaker 1] [00:00] Welcome back, everyone.\n"
           "[Speaker 2] [00:04] Thanks. (Laughter) Good to be here.\n"
           "[Speaker 1] [00:09] Let us start with the news.\n"
           "(Speaks Spanish) Buenos días a todos.\n"
           "[Speaker 2] [00:15] Right, the news.\n")
    conv = convert_bytes(raw.encode(), "diarized.txt")
    c = counts(conv.tree)
    assert c["labels"] == ["Speaker 1", "Speaker 2"] and c["turns"] == 4
    notes = [n for n in conv.tree.getroot().iterfind(".//t:body/t:div/t:note[@type='speaker']", NS)]
    assert notes[0].text == "[Speaker 1] " and notes[0][0].text == "[00:00]"


def test_titles_from_a_heading_or_the_file_name():
    conv = convert_bytes(STYLES["screenplay"][0].encode(), "007_evening-news-2024-05-01.txt")
    root = conv.tree.getroot()
    assert root.findtext(".//t:titleStmt/t:title", namespaces=NS) == "Evening News"
    assert [p.text for p in root.iterfind(".//t:front//t:p", NS)] == ["EVENING NEWS", "Transcript"]
    conv = convert_bytes(STYLES["rev-timestamps"][0].encode(), "012_river-talk-2024-05-01.txt")
    assert conv.doc_id == "river-talk-2024-05-01"
    assert conv.tree.getroot().findtext(".//t:titleStmt/t:title", namespaces=NS) == "River Talk 2024-05-01"


def test_dash_labels_and_prose_dashes():
    raw = ("WASHINGTON — The hearing opened at ten.\n\nSMITH — Thank you, Madam Chair.\n\n"
           "JONES — Go ahead, please.\n\nSMITH — Why was the report late—\n\nJONES — It was not late.\n")
    conv = convert_bytes(raw.encode(), "hearing.txt")
    c = counts(conv.tree)
    assert c["turns"] == 4 and c["labels"] == ["SMITH", "JONES"] and c["truncated"] == 1
    assert [p.text for p in conv.tree.getroot().iterfind(".//t:front//t:p", NS)] == [
        "WASHINGTON — The hearing opened at ten."]
    prose = b"Well - I think we should go.\n\nSo - what now?\n\nWell - maybe later.\n\nSo - fine.\n"
    conv = convert_bytes(prose, "notes.txt")
    assert counts(conv.tree)["turns"] == 0      # no speaker: one unattributed turn with every line
    u = conv.tree.getroot().find(".//t:u", NS)
    assert u.get("ana") == "#unlabelled" and len(u.findall("t:seg", NS)) == 4


def test_a_document_mixing_label_shapes_gets_a_grammar_of_both():
    # A podcast's bold host labels and its live audience's bare Q: labels: no
    # shipped profile has both shapes; the grammar is extended by the one the
    # document also uses, and the report shows the evidence.
    host = ["**Dana Lee:** Welcome back to the live show, everyone.",
            "**Sam Ortiz:** Thanks, Dana. Glad to be here in Lisbon.",
            "**Dana Lee:** Let us take questions from the room.",
            "**Sam Ortiz:** Go ahead, please.",
            "**Dana Lee:** Next one, in the back.",
            "**Sam Ortiz:** That is a good question."]
    audience = ["Q: How did you start the podcast?", "Q: What was your first episode about?",
                "Q: Will you tour again next year?", "Q: Where do you record?"]
    paras = [host[0], host[1], host[2], audience[0], host[3], audience[1], host[4], audience[2],
             host[5], audience[3]]
    conv = convert_bytes("\n\n".join(paras).encode() + b"\n", "live-show.md")
    c = counts(conv.tree)
    assert c["turns"] == 10 and c["labels"] == ["Dana Lee", "Sam Ortiz", "Q"]
    assert conv.report.profile == "markdown+qa"
    assert conv.report.shapes == {"md-bold": 6, "qa": 4}
    grammar = [line for line in conv.report.summary_lines() if line.startswith("  grammar: ")]
    assert grammar and grammar[0].startswith("  grammar: md-bold 6, qa 4 (score ")
    assert "; runner-up " in grammar[0]


@pytest.mark.parametrize("name", ["blinken.txt", "u1.txt", "press.txt", "regular.txt"])
def test_a_document_id_never_takes_a_participant_turn_or_category_id(name, tmp_path):
    raw = ("SECRETARY BLINKEN: Good morning, and thank you all for coming.\n\n"
           "QUESTION: Mr. Secretary, a question on the talks.\n\nSECRETARY BLINKEN: Yes, go ahead.\n")
    src = tmp_path / name
    src.write_text(raw, encoding="utf-8")
    out = tmp_path / "out.xml"
    r = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out), "-q"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    stem = name.removesuffix(".txt")
    root = etree.parse(str(out)).getroot()
    assert root.get(XML_ID) == f"{stem}-doc"
    assert stem in {el.get(XML_ID) for el in root.iter()}     # the participant, turn or category
    r = CliRunner().invoke(cli, ["validate", str(out)], catch_exceptions=False)
    assert r.exit_code == 0 and r.stdout == ""


def test_the_converter_refuses_to_hand_back_tei_that_fails_its_own_check():
    conv = convert_bytes(b"SMITH: Good morning.\n\nJONES: Good morning to you.\n", "check.txt")
    u = conv.tree.getroot().find(".//t:u", NS)
    u.set("who", "#nobody")
    with pytest.raises(InputError) as exc:
        check_own_output(conv.tree, "check.txt")
    assert exc.value.code == "invalid-output"
    assert str(exc.value).startswith("check.txt:0:0: error: the TEI made from this file fails the "
                                     "project's own check, so it was not written: ")
    assert "\n" not in str(exc.value)


def test_a_label_glued_after_a_cut_off_is_a_turn():
    # As in a PDF's extracted lines of a meeting record (the shared sample 412
    # has 19 such): the next speaker's label follows the cut-off dash on the
    # same line. Labels the document uses at line starts are found mid-line too.
    raw = ("CHAIRMAN BURNS. Let us turn to the domestic outlook. Mr. Partee?\n\n"
           "MR. PARTEE. Growth is slowing, and I would want to-MR. WALLICH. May I add a point?\n\n"
           "CHAIRMAN BURNS. Please. Then Mr. Partee can finish.\n\n"
           "MR. WALLICH. The dollar is weak. MR. PARTEE. As I was saying, growth is slowing.\n\n"
           "CHAIRMAN BURNS. Thank you both.\n")
    conv = convert_bytes(raw.encode(), "fomc-like.txt")
    c = counts(conv.tree)
    assert c["labels"] == ["CHAIRMAN BURNS", "MR. PARTEE", "MR. WALLICH"]
    assert c["turns"] == 7 and c["truncated"] == 1
    cut = conv.tree.getroot().xpath("//t:u[contains(@ana, '#truncated')]/t:seg", namespaces=NS)
    assert [s.text for s in cut] == ["Growth is slowing, and I would want to-"]


def test_a_text_without_labels_is_not_put_in_a_pattern_only_house_style():
    # Every grammar scores 0 on prose; the tie goes to a grammar of label kinds,
    # not to a profile that is only its patterns (europarl's "Name. –").
    from tei_corpus.convert.profile import load_profile
    raw = ("The committee met at ten. It heard the report of the treasurer.\n\n"
           "The minutes of the last meeting were approved without change.\n")
    conv = convert_bytes(raw.encode(), "minutes.txt")
    assert conv.report.turns == 0 and max(conv.report.profile_scores.values()) == 0
    assert load_profile(conv.report.profile).kinds


def test_two_speakers_each_labelled_once_in_one_shape_are_the_grammar():
    raw = ("1 § Förslag om statsminister\n\nAnf. 1 TALMANNEN:\n\nDetta förslag bordlädes.\n\n"
           "Anf. 2 LARS TOBISSON (m):\n\nFru talman! Jag nöjer mig med detta anförande.\n")
    c = counts(convert_bytes(raw.encode(), "riks.txt").tree)
    assert c["labels"] == ["TALMANNEN", "LARS TOBISSON (m)"] and c["turns"] == 2
    # One label of that shape alone is still a heading-like line, not a cast: a member's name
    # (the Speaker's title printed once is a turn, a chair's word of the Swedish pack).
    member = "1 § Förslag om statsminister\n\nAnf. 2" + raw.split("Anf. 2")[1]
    assert counts(convert_bytes(member.encode(), "one.txt").tree)["turns"] == 0
    chair = counts(convert_bytes(raw.split("Anf. 2")[0].encode(), "chair.txt").tree)
    assert chair["labels"] == ["TALMANNEN"] and chair["turns"] == 1


def test_a_directory_name_family_name_first_is_a_label_and_a_person():
    # Microsoft Teams writes each speaker as the company directory has the name,
    # family name first, with the time of the turn ("Doe, Jane   0:03").
    raw = ("Doe, Jane   0:03\nHi everyone, can you hear me?\n\n"
           "Garcia, Maria   0:07\nYes, loud and clear.\n\n"
           "Doe, Jane   0:10\nGreat, let us start with the agenda.\n\n"
           "Guo, Host   0:15\nWelcome, both of you.\n")
    conv = convert_bytes(raw.encode(), "teams.txt")
    root = conv.tree.getroot()
    assert counts(conv.tree)["turns"] == 4
    names = [p.findtext("t:persName", namespaces=NS) for p in root.iterfind(".//t:person", NS)]
    # "Host" is a word of the vocabulary, not a given name: that label is a name and a role.
    assert names[:2] == ["Jane Doe", "Maria Garcia"] and "Host Guo" not in names


def test_hansard_seats_offices_parties_and_times_in_brackets():
    # The Australian House of Representatives: seat and office joined by a dash, then the
    # time; the Austrian Nationalrat: the club alone in brackets is a party, not a seat.
    au = ("The SPEAKER (14:00): Questions without notice.\n\n"
          "Mr DUTTON (Dickson—Leader of the Opposition) (14:00): My question is to the "
          "Prime Minister.\n\n"
          "Mr ALBANESE (Grayndler—Prime Minister) (14:01): I thank the Leader of the Opposition.\n\n"
          "The SPEAKER (14:03): There is no point of order.\n\n"
          "Ms CHESTERS (Bendigo) (14:05): My question is to the Treasurer.\n")
    root = convert_bytes(au.encode(), "house.txt").tree.getroot()
    xml = {"xml": "http://www.w3.org/XML/1998/namespace"}
    albanese = root.find(".//t:person[@xml:id='albanese']", NS | xml)
    assert albanese.findtext("t:affiliation/t:roleName", namespaces=NS) == "Prime Minister"
    assert albanese.find("t:affiliation[@type='constituency']", NS).text == "Grayndler"
    chesters = root.find(".//t:person[@xml:id='chesters']", NS | xml)
    assert chesters.find("t:affiliation[@type='constituency']", NS).text == "Bendigo"
    at = convert_bytes(STYLES["nationalrat"][0].encode(), "nr.txt").tree.getroot()
    beate = at.find(".//t:person[@xml:id='meinl-reisinger']", NS | xml)
    assert beate.findtext("t:persName", namespaces=NS) == "Mag. Beate Meinl-Reisinger"
    assert beate.find("t:affiliation[@type='party']", NS).text == "NEOS"
