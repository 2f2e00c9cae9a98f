"""Recognise speaker labels at the start of a line, by kind.

Matching is two-step: a permissive pattern finds ``LABEL: rest`` shapes, and
the label text is then classified into a *kind* (see profile.LABEL_KINDS).
Which kinds count as speakers is the profile's choice.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass

from .languages import unicameral_ranges
from .profile import LABEL_KINDS, Profile

# "LABEL: text", with an ASCII or a full-width colon (CJK: "主席：" needs no space after it);
# records in Arabic (and South Asian English) close the label with ":-" ("السيد الرئيس:-"),
# Somali typists with ";-" ("Jawaab;- Waxaan …").
# Text extracted from PDF or HTML may glue the speech to the colon ("AKARURU:Is there"): a
# capital (Latin, Greek, Cyrillic or Armenian: "Водеща:Уплашихте ли се"), a letter of a
# script without case ("主席:現在開會") or an ellipsis right after it starts the speech; after a
# label in such a script, or Q and A, a figure or a bracket too ("記者:2ヶ月ぶりの…", "記者:(6回の…)",
# "Q:7人の選手が…"); after any label, a typographic quotation mark that opens the speech ("Sra.
# Camps:” del 93, …"). The Chilean Senate closes its labels with ".-" ("El señor PIZARRO
# (Presidente).- En el nombre"). A time printed after the name, in brackets, belongs to the
# label ("Erna Solberg (H) [10:20:01]: Takk, president.", the Storting).
# Hindi typed text often prints the visarga for a colon, glued to the name, a space after
# it ("चंद्रिमाः यह चाइना रेडियो…", China Radio's Hindi service). A label in a script without
# case glued to its colon may have small Latin letters after it ("男:happy teachers’ day!").
# The capitals of the cased scripts a label is printed in: Latin, Greek, Cyrillic, Armenian.
_CAPITALS = "A-ZÀ-ÖØ-Þ\u0386-\u038f\u0391-\u03ab\u0400-\u042f\u0531-\u0556"
_COLON = re.compile(r"^(?P<label>[^\s:：*(（](?:[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]|[^:：(（]"
                    r"|\((?:[^()]|\([^()]*\))*\)){0,159}?)\s*"
                    r"(?:(?::-?|;-)(?P<rest>(?:\s.*|(?=[" + _CAPITALS + r"\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f"
                    r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af…“”„«]|(?:(?<=[\u3040-\u30ff\u3400-\u9fff"
                    r"\uac00-\ud7af]:)|(?<=^[QA]:))[\d(（「『〈《\[“‘\x22]|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]:)[a-z]).*)?)"
                    r"|\.[-–—](?P<rest_dash>\s.*)|：(?P<rest_fw>.*)"
                    r"|(?<=[\u0900-\u0963])ः(?P<rest_vs>\s.*))$")
# Markdown bold or italic around a label and its colon: "**Jerod Santo:**", "*Name:*".
# (A time may stand after the colon inside the emphasis: "**I:[00:00:05]** text".)
# (Underscores as well as stars: "__Name:__ text", "_Name:_ text"; a time may stand before
# the name inside the emphasis: "**[00:01:02] Name:** text".)
_BOLD = re.compile(r"^(?P<em>\*\*?|__?)(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?(?P<label>[^*]{1,100}?)"
                   r"\s*(?::\s*(?:[\[(]\d{1,2}:\d{2}(?::\d{2})?"
                   r"(?:[.,]\d+)?[\])]\s*)?(?P=em)|(?P=em)\s*:)(?P<rest>.*)$")
# An inline HTML tag of emphasis around a label and its colon, in a Markdown or plain text
# exported from a web page's editor: "<u>Jane Smith:</u>\tHello", "<b>Q</b>: …".
_TAG_BOLD = re.compile(r"^<(?P<tag>(?i:u|b|strong|em|i))>(?P<label>[^<>:]{1,100}?)\s*"
                       r"(?::\s*</(?P=tag)>|</(?P=tag)>\s*:)(?P<rest>(?:\s.*)?)$")
# Angle brackets around a label and its colon, alone on its line: "<היו\"ר משה גפני:>"
# (the Knesset's Word protocols mark their fields so).
_ANGLE = re.compile(r"^<(?P<label>[^<>:\s][^<>:]{0,99}?)\s*:\s*>(?P<rest>)$")
# Markdown bold without a colon: "**Adam Garrett-Harris** Hello" (after a timestamp).
# A time inside the bold, before or after the name, is the label's: "**00:01:39 LT. GOV.
# EARLE-SEARS**", "**Lex Fridman  (00:46:00)** text".
_BOLD_BARE = re.compile(r"^(?P<em>\*\*|__)(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(?P<label>[^*:]{1,100}?)"
                        r"(?:\s*[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])])?(?P=em)(?P<rest>(?:\s.*)?)$")
# A name in italics alone on its line, the speech below: "*Jane Smith*".
_ITALIC_ALONE = re.compile(r"^(?P<em>[*_])(?P<label>[^*_:\s][^*_:]{0,59}?)(?P=em)(?P<rest>)$")
# A bold label closed by a period after the bold: the Spanish press's "**P**. ¿…" / "**R**. …".
_BOLD_PERIOD = re.compile(r"^\*\*(?P<label>[^*.:]{1,40}?)\*\*\.\s+(?P<rest>\S.*)$")
# An office in capitals, its holder in brackets glued on, then the speech with no
# delimiter: "SR. PRESIDENTE(BALESTRINI) En consideración en general." (the Argentine
# Chamber's speech database).
_GLUED_HOLDER = re.compile(r"^(?P<label>(?:[^\W\d_]+\.? ){0,3}[^\W\d_]{2,}\([^\W\d_][^()]{1,40}\))"
                           r" (?P<rest>[^\W\d_¿¡\"“«].*)$")
# A turn printed wholly in bold, its label and colon inside: "**ML: Naprawdę?**", the label
# perhaps in italics as well ("**_People:_ \tSurely not I, Lord?**", a liturgy's part).
# A bold label, a stage direction in italic brackets after it, then the colon: a play's
# "**Sestra** _(vejde):_ Prosím, …".
_BOLD_DIRECTED = re.compile(r"^(?P<em>\*\*|__)(?P<label>[^*_:]{1,60}?)(?P=em)\s+(?P<it>[*_])\([^()*_]{1,120}\)"
                            r"(?::(?P=it)|(?P=it)\s*:)\s+(?P<rest>\S.*)$")
_BOLD_WHOLE = re.compile(r"^\*\*(?P<u>_?)(?P<label>[^*:_]{1,60}?):(?P=u)\s+(?P<rest>[^*]+(?:\*\*)?)$")
# A label and a timestamp alone on a line, the speech below: "A1  0:00" (Otter, Zoom),
# "Jane Smith (00:01:02)", "Jane Smith | 00:01:02", a clock's time of day: "Mr Speaker 10:40 a.m."
# (a parliament's record of when each turn began).
# (The half of the day after a clock's time: "10:40 a.m.", "9:15 PM".)
_DAY_HALF = r"(?:\s?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b))?"
_LABEL_TIME = re.compile(r"^(?P<label>[^\s:\[(][^:|]{0,59}?)\s+(?:\|\s+)?[\[(]?\d{1,2}:\d{2}(?::\d{2})?"
                         r"(?:[.,]\d+)?" + _DAY_HALF + r"[\])]?$")
# A diarisation label and its time, the speech after them on the line (TranscribeMe's
# text export: "S1 00:00:01.717 The quick").
_ID_TIME_SPEECH = re.compile(r"^(?P<label>[A-Za-z]{1,12}[ _-]?\d{1,4})\s+(?P<time>\d{1,2}:\d{2}"
                             r"(?::\d{2})?(?:[.,]\d+)?)\s+(?P<rest>\S.*)$")
# A speaker's code or handle after an at sign, the speech after a space: a spoken-language
# corpus's "@is1984f так /", a chat log's "@jane_doe hello".
_AT_HANDLE = re.compile(r"^@(?P<label>[^\W_][\w.\-]{0,30})\s+(?P<rest>\S.*)$")
# A label wholly in brackets, in capitals, then its colon: a news transcript's speaker it
# could not name, "(UNKNOWN):", "(OFF-MIKE):" (the speech on the line or below it).
_PAREN_COLON = re.compile(r"^(?P<label>\([A-Z][A-Z .'’\-?]{0,30}\))\s*:(?P<rest>(?:\s.*)?)$")
# Joint labels: "Jen Luker & Adam Garrett-Harris".
_JOINT = re.compile(r"\s+(?:&|and|und|et|y|e|/)\s+|\s*,\s*")
# A letter of a script written without spaces: "Q.惜しい試合でしたが" needs none after "Q.".
_CJK = "[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
# A bare label, no colon: "Q text", "Q. text", "A. text", "A.どちらに" (Japanese and Chinese
# press records glue the letter's period to the answer; a court's record prints "A I have
# …", the article "A" then a capital, which only a document of bare questions reads so: see
# segment._drop_bare_answers); or a label column set off from the
# speech by a run of spaces, as an answer's "A  text" is and as transcripts print their
# speakers' initials in capitals ("CL          Hello", "TAG        Thank you.": the WHO's
# press conferences; the reader makes a tab one space, so a tab alone sets off no column).
_QBARE = re.compile(r"^(?P<label>Q)(?: +(?!and\b|&)|\. +|[.、](?=" + _CJK + r"))(?P<rest>\S.*)$"
                    r"|^(?P<label2>A(?=[.、](?: |" + _CJK + r")| (?:I\b|[A-Z][a-z]))|[A-Z]{1,4}(?= {2}))[.、]? *(?P<rest2>\S.*)$")
# A letter for question or answer of the language packs (``qa_letters``), bare or with its
# period or a spaced dash: "R - Sur le premier point, …", "P ¿Le hacen caso?".
_LETTER_BARE = re.compile(r"^(?P<label>[^\W\d_])(?: +[-–—] +|\. +| +)(?P<rest>\S.*)$")
# The word for question or answer (``qa_words``) with its period or a spaced dash.
_WORD_BARE = re.compile(r"^(?P<label>[^\W\d_]{2,})(?:\. +| +[-–—] +)(?P<rest>\S.*)$")
_PAREN_TAIL = re.compile(r"^(?P<head>[^()]+?)\s*(?P<paren>(?:\((?:[^()]|\([^()]*\))+\)\s*)+)$")
_WORD = re.compile(r"[\w’'.\-&]+", re.U)
# Printed before a label: a ">>" turn marker, a Markdown quote's ">", a bullet, a hyphen
# glued to a label in capitals and its colon ("-EL C. PRESIDENTE …:", the Mexican Senate), a
# heading's "#", an elision where a quoted transcript skips lines (". . . Q: text",
# "… THE COURT: text"), a timestamp, or the number of the speech in the record
# ("Anf. 2 LARS TOBISSON (m):", "Nr. 14 ...", "2. KUASA HUKUM PEMOHON: NAME"), or a speech
# recogniser's segment times ("[0.0, 3.26] - SPEAKER_00:", "[00:00.000 --> 00:04.000]"), or
# the number of the question in a committee's oral evidence ("Q12 Chair:"). A geometric
# or reference mark of the kind many scripts print as a bullet (triangles, squares,
# diamonds, discs, arrows, the katakana middle dot, "※") marks a turn with no space
# needed ("▲김선 행정관 : ", Korean and Japanese web transcripts); the circles "○ ◯ 〇"
# are the Japanese and Korean packs' own label marks (their period_labels) and are not here.
# Such a mark leads a label with its colon only: a page's play links ("▶ Guten Morgen Tim")
# and list items are no labels alone on their line.
# A square bracket opens a translation that begins with its speaker's label again, the
# bracket closing at its end: "[Mr P J GROENEWALD: Madam Deputy Speaker, …]" (Hansards
# that print a speech in the language given and its translation); a bracket closed on its
# own line is a note ("[Scene: Central Perk, …]").
# An opening quotation mark before a label and its colon: a quoted exchange, each paragraph
# opening with the mark ('\'El señor presidente: Siguiente …\'', “Q: Did you …), perhaps an
# editor's elision in brackets and a dash after it: an excerpt's '“(…) – La Región (LR):
# Estamos …'. A geometric
# bullet stands before a label and its colon, or before a label in brackets ("▲(교감) 저는 …",
# "△ (변호인) 전 …", a court sketch's marks for the two sides).
_BULLET_MARKS = "▲△▴▵▶▷▸▹►▻▼▽◀◁◂◃■□▪▫◆◇◈◉●◎◦・※★☆♦"
BULLET_MARKS = _BULLET_MARKS     # (segment looks for them inside a run of text too)
# A hyphen glued before a capitalised name and its colon is a dialogue's mark, as before
# capitals: the exchange a Greek interview prints "-Δημοσιογράφος: Προτού … -Υπουργός: Ναι".
# A paragraph in italics, a label and its colon inside at its start: an interview's questions
# ("_RaW: Is there not an inevitable trade-off …?_", the answers in roman under "VC:"); an
# underscore's paragraph may be cut before it closes (a page's stored text), a star's may
# not (a footnote's "*Correspondence: …").
_ITALIC_PARAGRAPH = r"(?:_(?=[^\W\d_][^*_:]{0,59}:\s)|\*(?=[^\W\d_][^*_:]{0,59}:\s.*\S\*$))"
_DIALOGUE_HYPHEN = (r"-(?=(?:[" + _CAPITALS + r"]\.\s)?[" + _CAPITALS + r"][^\W\d_]+(?:\s[^\W\d_]+){0,3}"
                    r"[:：]\s)")
_PREFIX = re.compile(r"^(?:>>+\s*|>\s+|[-–—•*]\s+|-(?=(?:[A-ZÀ-Þ]{1,3}\.? )?[A-ZÀ-Þ]{2}[^:：]{0,60}[:：]\s)|" + _DIALOGUE_HYPHEN + r"|" + _ITALIC_PARAGRAPH + r"|[" + _BULLET_MARKS + r"]\s*(?=[^:：]{1,40}[:：]|[(\[【][^()\[\]【】]{1,30}[)\]】])|#{1,6}\s+|\[(?=[^\[\]:]{1,60}:\s)(?![^\]]*\]\s*$)|[\x22“„«‘'](?=[^\W\d_][^:：\x22“”«»]{0,59}[:：]\s|[(\[](?:…|\.{3})[)\]]\s+[-–—]\s)"
                     r"|(?:\.(?: ?\.){2}|…)\s+)?"
                     r"(?:[(\[](?:…|\.{3})[)\]]\s+[-–—]\s+(?=[^\W\d_][^:：]{0,60}[:：]\s))?"
                     r"(?:\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?\s*(?:-->|[-–—])\s*(?:\d{1,2}:)?\d{1,2}:\d{2}"
                     r"(?:[.,]\d+)?\]\s+"
                     r"|[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s+(?:[-–—|]\s+)?"
                     r"|\[\d+(?:\.\d+)?,\s*\d+(?:\.\d+)?\]\s*(?:-\s+)?)?"
                     r"(?:(?-i:[A-Z][a-z]{1,4})\.\s+\d{1,4}\s+(?=\S)|\d{1,4}\.\s+(?=[^\W\d_]{2}|[QA]\.\s)"
                     r"|Q\d{1,4}\s+(?=[^\W\d_]{2}))?")
# Printed after a label's name: a timestamp, "(00:01:23)".
_TS_TAIL = re.compile(r"\s*[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]$")
# A label in square brackets before its colon: "[SPEAKER_00]: Hello" (WhisperX captions).
_SQUARE = re.compile(r"\[([^\[\]]{1,60})\]")
# A name in brackets alone on its line, the speech below: "(Danyel Fisher)" (video
# platforms' caption exports), "[Interviewer]", "【記者】", "<권덕철 중앙메르스대책본부 총괄반장>" (a Korean
# ministry's briefing; its news broadcasts' "<앵커>").
_BRACKET_ALONE = re.compile(r"^[(\[【<〈](?P<label>[^()\[\]【】<>〈〉:]{1,60}?"
                            # a name, a colon, an outlet in a script without case: "(上田:NHK記者)"
                            r"|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,8}[:：][^()\[\]【】:：\s]{1,20})"
                            r"(?:\s*:)?[)\]】>〉]$")     # (its colon inside the brackets: "[Reporter:]")
# A name in brackets leading its speech, perhaps with the time after it: "[Speaker 1]
# [00:20] Because I've been..." (diarized transcripts), "(Jane Smith) Thank you". Japanese
# and Chinese transcripts print a role or a name in lenticular brackets glued to the speech,
# as their scripts put no space between words: "【知事】冒頭、1つ。", "【记者】请问". A colon
# may close the name inside the brackets: "(Карэспандэнт: ) "Скажыце, …"" (a vox pop). A
# mark and a colon may tell the sides apart before the name: "(○:広田市長)", "(■:日本海新聞)".
_BRACKET_TIME = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?"
_BRACKET_LEAD = re.compile(r"^[(\[【](?P<label>(?:[" + _BULLET_MARKS + r"○]:)?[^()\[\]【】:]{1,60}?)(?:\s*:\s*)?"
                           r"(?:[)\]](?:\s+" + _BRACKET_TIME + r")?\s+|】(?:\s*" + _BRACKET_TIME + r")?\s*"
                           r"|[)）\]](?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]))"
                           r"(?P<rest>\S.*)$")
# A colon inside the brackets says the words before it are a label, one word too: "(Анатоль: )".
_COLON_IN_BRACKETS = re.compile(r"^[(\[][^()\[\]:]{1,60}:\s*[)\]]")
# Square brackets around a whole label set a name off: "[Camuso]: text" (caption
# sites); a party in brackets ("[CDU/CSU]: Nein!") is no speaker.
_IN_BRACKETS = re.compile(r"^\[([^\[\]()]{1,60})\]$")
# A role and a name in square brackets, a colon between and after them: "[嘉宾:陈铎]:我…".
_BRACKET_ROLE_NAME = re.compile(r"^\[(?P<label>(?P<role>[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,8})"
                                r"[:：][^\[\]:：]{1,20})\][:：]\s*(?P<rest>\S.*)$")
# One period closing a label alone on its line (a play's "OPHELIA."), not an ellipsis.
_PERIOD_END = re.compile(r"(?<=[^\s.])\.$")
# A label set off by a dash: "SMITH — Thank you" / "Jane Smith - Thank you", the
# name perhaps with its party in brackets, which may hold a dash of its own:
# "O SR. LUIZ COUTO (Bloco/PT - PB. Sem revisão do orador.) - Sr. Presidente"; the speech
# may begin on the next line, where the text is wrapped at a width. A typeset page's minus
# sign (U+2212) is such a dash too ("Maria Rosa − Teu pai tarda muito.").
# A label in capitals may be glued to its hyphen: "SUNUCU- TRT Ekranlarından…" (the Turkish
# presidency's transcripts), the speech too ("Mr PETER O'NEILL-Thank you", a Hansard's PDF);
# a name in small letters to its hyphen where a capital opens the speech ("A. Zico- As I have said").
_DASH = re.compile(r"^(?P<label>[^\s—–−\-(](?:[^—–−:(]|\([^()]{1,100}\)){0,60}?)"
                   r"(?:\s+(?:—|–|−|--|-)|(?:(?<=[^\W\d_a-zß-ÿ])|(?<=\)))-(?=\s+\S|[A-ZÀ-Þ][a-zß-ÿ])"
                   r"|(?<=[a-zß-ÿ])-(?=\s+[A-ZÀ-Þ]))(?:\s*(?P<rest>\S.*))?$")


@dataclass(frozen=True)
class LabelMatch:
    """A label found at the start of a line."""

    label: str        # the label as printed, without delimiter or markdown
    raw: str          # the printed label with its delimiter (and markdown)
    rest: str         # the text after the label on the same line
    kind: str


def is_numbered(label: str, profile: Profile) -> bool:
    """A numbered generic label: Speaker 2, Sprecher 2, 发言人1 (the packs' ``numbered``)."""
    return any(p.fullmatch(label) for p in profile.numbered)


def _is_outlet_and_generic(label: str, profile: Profile) -> bool:
    """A generic label of the vocabulary after an outlet's capitalised name or acronym:
    "EIB reporter", "CNN reporter", "Joy FM journalist" (a media encounter's questioners)."""
    words = label.split()
    return 2 <= len(words) <= 4 and label_key(words[-1]) in profile.generic \
        and all(w[:1].isupper() and w[1:].replace("-", "").isalnum() for w in words[:-1])


def _is_known_label(label: str, profile: Profile) -> bool:
    """A chair's, a group's or an interpreter's label of the vocabulary, as printed
    in the language's own case ("De voorzitter", "la Presidenta")."""
    key = label_key(label).rstrip(".")
    return key in profile.moderators or key in profile.generic or key in profile.interpreters


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalpha())


def _is_caps(label: str, max_words: int = 7) -> bool:
    core = _PAREN_TAIL.match(label)
    head = core.group("head") if core else label
    if " of " in head and (state := _STATE_TAIL.match(head)):
        head = state.group("head")      # "MR. BROWN of Ohio": the Record's member and state
    words = head.split()
    if not words or len(words) > max_words or not head[0].isalpha():
        return False
    letters = _letters(head)
    if len(letters) < 1 or not letters.isupper():
        return False
    return all(re.fullmatch(r"[\w.’'\-&/]+,?", w) and not _FIGURE.fullmatch(w) for w in words) \
        and not head.endswith(",")


# A member's state or place after a name in capitals, as the Congressional Record tells
# namesakes apart ("MR. BROWN of Ohio", "Mr. SMITH of New Jersey").
_STATE_TAIL = re.compile(r"^(?P<head>.+?)\s+of\s+[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?){0,2}$")


# A figure with a separator is no part of a name: an article (39.1), an amount (1,000).
_FIGURE = re.compile(r"\d+(?:[.,/]\d+)+\.?,?")


def _is_caps_name_office(label: str) -> bool:
    """A name in capitals and the office after it in small letters: the Hungarian
    Assembly's "VARGA MIHÁLY pénzügyminiszter", "DR. GULYÁS GERGELY miniszterelnökséget
    vezető miniszter", or, after a comma, its offices at length."""
    words = label.split()
    k = 0
    while k < len(words) and _is_upper_letters(words[k]) and len(_letters(words[k])) >= 2:
        k += 1                  # (a capital alone is an article or an initial: "O BNG concreta")
    office = words[k:]
    if k >= 2 and words[k - 1].endswith(","):
        # after a comma, the offices at length: "LEZSÁK SÁNDOR, az oktatási és tudományos
        # bizottság elnöke, a napirendi pont előadója; valamint az MDF képviselőcsoportja részéről"
        return len(_letters(" ".join(words[:k]))) >= 4 and 1 <= len(office) <= 24 \
            and office[0][:1].islower() and all(_OFFICE_WORD.fullmatch(w.rstrip(",;")) for w in office)
    return k >= 2 and len(_letters(" ".join(words[:k]))) >= 4 and 1 <= len(office) <= 6 \
        and all(w[:1].islower() and _OFFICE_WORD.fullmatch(w) for w in office)


# A word of a label alone on its line in the language's case: letters, an initial's period,
# a hyphen or an apostrophe inside.
_CASED_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*[^\W\d_])?\.?")


def _is_cased_line(label: str) -> bool:
    """A short line of words beginning with a capital and closed by no punctuation,
    perhaps a country or a seat in brackets: a label alone on its line in the
    language's case ("La presidenta", "Joan Garcia i Puig", "La consellera de la
    Presidència": the Parliament of Catalonia; "Ms. Barnes (United States)": the UN).
    Alone it could be a heading; the segmenter takes such lines for labels where they
    recur."""
    core = _PAREN_TAIL.match(label)
    head = core.group("head") if core else label
    words = head.split()
    return len(label) <= 60 and 1 <= len(words) <= 6 and head[0].isupper() \
        and not head.endswith(".") and all(_CASED_WORD.fullmatch(w) for w in words)


def is_cased_line_only(label: str) -> bool:
    """A label alone on its line that only :func:`_is_cased_line` reads: neither in capitals
    nor a name and office after a comma."""
    return not _is_caps_line(label) and "," not in label and _is_cased_line(label)


def _is_name_and_affiliation(label: str, profile: Profile) -> bool:
    """A name, a dash, then the company and title ("Jason Wang - MediaTek, Investor
    Relation": an earnings call's speakers)."""
    parts = _NAME_DASH.split(label, 1)
    if len(parts) != 3:
        return False
    name, _, rest = parts
    return len(name.split()) >= 2 and _is_name(name, profile, 4) and 1 <= len(rest.split()) <= 8


_NAME_DASH = re.compile(r"\s+([-–—])\s+")


def _is_caps_line(label: str) -> bool:
    """Capitals alone on a line: a name, or a name and its office after a comma
    ("JOSÉ RAFAEL OJEDA DURÁN, SECRETARIO DE MARINA")."""
    name, comma, _ = label.partition(",")
    return _is_caps(label, 5) or (bool(comma) and _is_caps(name, 5) and _is_caps(label, 12))


def _strip_hon(words: list[str], profile: Profile) -> int:
    """Return how many leading words form an honorific, or honorifics one after another
    ("La Presidenta diputada Ruth Zavaleta", "Rt Hon Minister")."""
    low = [w.lower().rstrip(".") for w in words]
    done = 0
    while True:         # (a further honorific leaves a word after it: "The SPEAKER" is one)
        n = next((n for n in (3, 2, 1) if len(low) - done > (n if done else n - 1)
                  and " ".join(low[done:done + n]) in profile.honorifics), 0)
        if not n:
            return done
        done += n


def _is_name_word(w: str, profile: Profile) -> bool:
    if w.lower() in profile.particles:
        return True
    particle, hyphen, rest = w.partition("-")
    if hyphen and particle.lower() in profile.particles and rest[:1].isupper():
        w = rest                # a particle joined to its word: "di-Pertua", "al-Sabah"
    if re.fullmatch(r"[A-Z]\.?", w):        # initial
        return True
    if not w[0].isupper():
        return False
    return bool(re.fullmatch(r"[\w’'\-.]+", w)) and any(c.islower() for c in w[1:] + "x") \
        and not w.endswith("..")


_NAMES: dict = {}


def _is_name(label: str, profile: Profile, max_words: int = 6) -> bool:
    """A label made of capitalised name words (cached: every profile asks the same)."""
    key = (label, profile.vocab_key, max_words)
    found = _NAMES.get(key)
    if found is None:
        if len(_NAMES) > 200_000:
            _NAMES.clear()
        found = _NAMES[key] = _is_name_uncached(label, profile, max_words)
    return found


# Letters after a name, after a comma: a degree or a generation ("MES", "PhD", "Jr.").
_POST_NOMINAL = re.compile(r",\s*(?:[A-Z][A-Za-z]{0,4}\.?)(?:\s*,?\s*[A-Z][A-Za-z]{0,4}\.?)?$")


# A channel's or a paper's name with its number glued on: "Digi24", "France24", "TV5".
_OUTLET_NUMBER = re.compile(r"[^\W\d_][^\W\d_]+\d{1,2}")
_OUTLET_FIGURES = 3


def _is_name_uncached(label: str, profile: Profile, max_words: int) -> bool:
    if "," in label and (post := _POST_NOMINAL.search(label)) and post.start() > 0:
        label = label[:post.start()]    # "Beate Meinl-Reisinger, MES", "Jane Roe, PhD"
    words = label.split()
    if len(words) > 2 and words[-1].lstrip("/").lower() in profile.parties:
        words = words[:-1]          # a member's party after the name: "Vilhelm Junnila ps"
        label = " ".join(words)
    if not words or len(words) > max_words:
        return False
    if len(words) >= 2 and words[0].isdigit() and len(words[0]) <= _OUTLET_FIGURES \
            and not any(ch.isdigit() for ch in label[len(words[0]):]):
        words = words[1:]           # a programme's name opening with its number: "60 Minutes"
        label = " ".join(words)
    if any(ch.isdigit() for ch in label):
        # An outlet's name glued to its number may stand with a role ("Jurnalist Digi24");
        # no other digit is a name's.
        if len(words) < 2 or not all(_OUTLET_NUMBER.fullmatch(w) for w in words if any(map(str.isdigit, w))):
            return False
        words = [w.rstrip("0123456789") for w in words]
    if not all(_is_name_word(w, profile) or w.isupper() for w in words):
        return False
    # Mixed case (all capitals is the "caps" kind), with at least one
    # capitalised word that is not a particle or an initial.
    if not any(c.islower() for c in label):
        return False
    return any(w[0].isupper() and len(w) > 1 and w.lower() not in profile.particles for w in words)


def _is_office_title(label: str, profile: Profile, max_words: int = 8) -> bool:
    """An office alone, its capitalised words joined by the language's connectors:
    "Secretary for Security", "Minister for Foreign Affairs", "The Leader of the Opposition"
    (a government's media sessions and Hansards label an office so). A phrase's shape:
    a label where it recurs, a heading or a menu item printed once ("Chamber of Deputies:")."""
    words = label.split()
    if not 3 <= len(words) <= max_words or any(ch.isdigit() for ch in label):
        return False
    inner = [w.lower() in profile.connectors for w in words]
    if not any(inner[1:-1]) or inner[-1] or (inner[0] and words[0] != "The"):
        return False
    return all(c or _is_name_word(w, profile) for w, c in zip(words, inner))


def is_full_name(label: str, profile: Profile) -> bool:
    """A person's full name as a list prints it: two to six capitalised name words, particles
    and initials allowed ("António Jorge Duarte Rebelo de Sousa", "Carlos Alberto R. Santana
    Maia")."""
    return 2 <= len(label.split()) <= 6 and _is_name(label, profile, 6)


def is_personal_name(label: str, profile: Profile) -> bool:
    """A person's name alone: two to four capitalised name words (particles and initials
    allowed), none a connector of an office ("Nikola Tulimirović", not "Samostalni
    poslanici" nor "Ministry of Finance")."""
    words = label.split()
    return 2 <= len(words) <= 4 and _is_name(label, profile, 4) \
        and not any(w.lower() in profile.connectors for w in words)


# A role in brackets after a name on its own line: "Matt Smith (Head of Investor Relations)".
_ROLE_IN_BRACKETS = re.compile(r"(?P<head>[^()]+?) \((?P<role>[^\W\d_][^()\d.!?;:]{0,60})\)")


def is_name_with_role(label: str, profile: Profile) -> bool:
    """A person's name, or a label of the vocabulary ("Operator"), with a role in brackets
    after it: "Matt Smith (Head of Investor Relations)", "Operator (participant)" (an
    earnings call's participants, each on a line of their own over their speech)."""
    m = _ROLE_IN_BRACKETS.fullmatch(label.strip())
    return m is not None and len(m.group("role").split()) <= 6 and (
        is_personal_name(head := m.group("head"), profile) or _is_known_label(head, profile))


# A word of a phrase label: letters only (with a hyphen or an apostrophe inside).
_PHRASE_WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")


def _is_phrase(label: str, profile: Profile) -> bool:
    """Two or three words in sentence case, a role named by a common noun ("Phóng viên",
    "Público asistente"): a capital, then small letters only."""
    words = label.split()
    return 2 <= len(words) <= 3 and len(label) <= 30 and words[0][:1].isupper() \
        and all(_PHRASE_WORD.fullmatch(w) for w in words) \
        and not any(c.isupper() for c in label[1:]) and label.lower() not in profile.not_labels


def _is_name_office(label: str, profile: Profile) -> bool:
    """A name of two words or more and, after a comma, the office or party it holds, in
    the language's own case ("Emil Abelsen, Landsstyremedlemmet for Økonomiske Anliggender",
    "Peter Grønvold Samuelsen, formand for Landstingets finansudvalg"); a name opens with no
    small word of the language ("En CleaFan Clinic, la atención …": a sentence)."""
    name, comma, office = label.partition(",")
    words = office.replace(",", " ").split()
    # A bare name: after an honorific the comma closes a vocative ("Frau Bundeskanzlerin,
    # ich sage Ihnen voller Bedauern:").
    first = name.split()[0].lower() if name.split() else ""
    return bool(comma) and len(name.split()) >= 2 and _is_name(name.strip(), profile, 5) \
        and not _is_address(name.split(), profile) \
        and not (first in profile.small_words and first not in profile.particles) \
        and 0 < len(words) <= 12 and all(_OFFICE_WORD.fullmatch(w) for w in words)


# The longest name-and-role label with no comma between them.
_NAME_ROLE_MAX = 60


def _is_name_role(label: str, profile: Profile) -> bool:
    """A full name of two or three capitalised words, then with no comma the role it speaks
    in, opening in small letters ("Conny Karlsson tränare i TFF", "Sören Cratz Mjällbys
    tränare": a sports page's labels); a name's particles are the name's ("Jan de Vries
    trainer"), but two of its words at least are capitalised ("Início da transcrição" is a
    heading)."""
    words = label.split()
    k = next((i for i, w in enumerate(words) if w[:1].islower() and w.lower() not in profile.particles),
             len(words))
    role = words[k:]
    return 2 <= k <= 4 and sum(w[:1].isupper() for w in words[:k]) >= 2 \
        and 1 <= len(role) <= 5 and len(label) <= _NAME_ROLE_MAX \
        and words[0].lower() not in profile.small_words and not _is_address(words[:k], profile) \
        and _is_name(" ".join(words[:k]), profile, 4) and all(_OFFICE_WORD.fullmatch(w) for w in role)


def _is_address(words: list, profile: Profile) -> bool:
    """Honorifics and no name after them, or a chair's title ("Frau Bundeskanzlerin", "Mr.
    Speaker"): a form of address, which a vocative's comma follows; a title before a name
    is none ("Dr. de With, Parl. Staatssekretär …")."""
    n = _strip_hon(words, profile)
    rest = " ".join(words[n:]).lower().rstrip(".")
    return n > 0 and (not rest or rest in profile.moderators or rest in profile.honorifics)


# (a club's or an outlet's name in quotation marks among them: "главный тренер «Шинника»")
_OFFICE_WORD = re.compile(r"[«„“\x22‘]?[^\W\d_][\w’'\-./&]*[»“”\x22’]?")
# A sentence ended inside a line ("Thanks, Mr. President. Hola, Señor."): no one label.
_SENTENCE_END = re.compile(r"[.?!;:]\s")
# The longest "Name, office, party." a line alone holds (a chamber's full style of a member).
NAME_OFFICE_MAX = 160


def is_period_closed_name_office(raw: str, profile: Profile) -> bool:
    """A line that is only a name and its office closed by one period ("Ruth Heilmann,
    Siumuts ordfører."): a label alone on its line, as a record without colons prints it."""
    return len(raw) <= NAME_OFFICE_MAX and "," in raw and _PERIOD_END.search(raw) is not None \
        and _SENTENCE_END.search(raw) is None and _is_name_office(raw[:-1], profile)


def is_open_name_office(raw: str, profile: Profile) -> bool:
    """A line that is only a name and its office after a comma, closed by no mark at all
    ("Zita SENKOVÁ, moderátorka", "Jiří HLAVÁČ, klarinetista, skladatel": a radio's
    transcript, each label over a rule), or by the quotation mark closing a club's or an
    outlet's name ("Олег Кононов, головний тренер ФК «Карпати»"): a label alone on its
    line where it recurs."""
    closed = raw[-1:].isalpha() or raw[-2:-1].isalpha() and raw[-1:] in "»”\x22’"
    words = raw.split()
    after_title = " ".join(words[_strip_hon(words, profile):])    # (an honorific's period: "Hon. John …")
    return len(raw) <= 80 and "," in raw and closed \
        and _SENTENCE_END.search(after_title) is None and _is_name_office(raw, profile)
# Gershayim and geresh inside a word of a caseless script ("היו\"ר", "עו\"ד") are letters of
# an abbreviation, not quotation marks.
_GERSHAYIM = re.compile(r"(?<=\w)[\"״׳'](?=\w)")


# Characters no caseless name holds: digits and punctuation that are neither letters nor
# marks nor the name's own (" ·・-‐'’"), nor gershayim (which may be dropped). One search
# finds what the character-by-character test below would stop at.
_NOT_IN_NAME = re.compile(r"[0-9!#$%&()*+,./:;<=>?@\[\\\]^_`{|}~،؛؟。、，！？：；…]")


def has_case(c: str) -> bool:
    """Whether the letter ``c`` is written in upper and lower case in running text: Unicode
    gives it two cases, and it is in no range that text writes in one case only
    (:func:`~tei_corpus.convert.languages.unicameral_ranges`: Georgian's Mkhedruli)."""
    return c.lower() != c.upper() and not any(a <= c <= b for a, b in unicameral_ranges())


def is_caseless_name(label: str, max_chars: int = 12) -> bool:
    """A short label in a script without letter case (Han, Kana, Hangul, Arabic,
    Devanagari...).

    Case says nothing there, so the label's shape is only its length and that
    it is all letters (no sentence punctuation, no digits). The vowel signs and
    viramas of Indic scripts are combining marks: they belong to their letter
    and add nothing to the length.
    """
    label = label.strip()
    if not label or not label[0].isalpha() or has_case(label[0]):
        return False
    if " " in label and (parts := _OFFICE_COMMA.split(label)) and len(parts) == 2 \
            and all(len(p.split()) >= 2 for p in parts):
        # an office, a comma, the holder's name, each of two words or more, in a script that
        # spaces its words ("आधिकारिक प्रवक्ता, श्री रवीश कुमार", the foreign ministry's spokesman);
        # or a slash between them ("مدرب الميناء/ حسن أحمد", the club's coach)
        return all(is_caseless_name(p, max_chars) for p in parts)
    if _NOT_IN_NAME.search(label):
        return False                       # (a digit or a sentence's punctuation: at once)
    if any(c.isalpha() and has_case(c) for c in label):
        return False                       # a cased script: the other shapes decide
    label = _GERSHAYIM.sub("", label)      # (it takes neither a letter nor the first character)
    if sum(1 for c in label if not _is_mark(c)) > _caseless_limit(label, max_chars):
        return False
    return all(c.isalpha() or _is_mark(c) or c in " ·・-‐'’" for c in label)


_OFFICE_COMMA = re.compile(r"\s*[,،/]\s+|\s+/\s*")
# A name in a script that spaces its words (Arabic, Hebrew, Devanagari: "عبد الحميد دشتي") spells
# with letters what Han writes with a few characters: in two to four words it may be twice
# as long as a caseless name without spaces.
_SPACED_NAME_WORDS = 4


def _caseless_limit(label: str, max_chars: int) -> int:
    """How many characters a caseless name spelled as ``label`` is may have."""
    return 2 * max_chars if 2 <= len(label.split()) <= _SPACED_NAME_WORDS else max_chars


def _is_mark(c: str) -> bool:
    """A combining mark (a vowel sign, a virama, a nukta), part of the letter before it."""
    return unicodedata.category(c)[0] == "M"


def _is_names(label: str, profile: Profile) -> bool:
    """A name, a capitalised label, or several joined by & / and / commas."""
    parts = [p for p in _JOINT.split(label) if p]
    return bool(parts) and len(parts) <= 6 and all(
        _is_name(p, profile, 6) or _is_caps(p, 5) for p in parts)


def _is_code_or_name(label: str, profile: Profile) -> bool:
    """A name, a capitalised label, a numbered one (Speaker 2), a short code (A1, P9), or a
    name as a company directory writes it, family name first ("Doe, Jane": Teams)."""
    label = label.strip()
    family, comma, given = label.partition(",")
    return (_is_name(label, profile, 5) or _is_caps(label, 4) or is_numbered(label, profile)
            or bool(re.fullmatch(r"[A-Z]{1,4}\d{0,3}|[A-Z]\w{0,3}\d{1,3}", label))
            or bool(comma) and _is_name(family, profile, 3) and _is_name(given.strip(), profile, 3))


# A name and its role in brackets, between slashes: Korean television's "[정혜전 / 대변인]";
# offices listed with the ideographic comma before the holder's name: "[國家衛生健康委新聞發言人、
# 宣傳司副司長 米鋒]" (a State Council press conference).
_NAME_SLASH_ROLE = re.compile(r"\s+/\s+|、")


def _is_bracketed_name(label: str, profile: Profile, printed: str = "") -> bool:
    """A person's name (or a numbered generic label) in brackets, never a stage direction.

    In lenticular or square brackets (``printed`` opens with "【" or "["), a short label in a
    script without case too: Japanese and Chinese print roles and names so ("【知事】",
    "【主持人】"), Korean television its anchor and guest ("[앵커]", "[인터뷰]"), and their
    stage directions in round or tortoise-shell brackets ("（拍手）", "〔笑〕"), the events
    of the language packs' cues ("[박수]") being no names. A label of the vocabulary in square
    brackets is one in any script ("[Reporter]").
    """
    if any(rule.pattern.search(label) for rule in profile.events):
        return False                       # (Laughter), [Applause]: events, not speakers
    return (_is_names(label, profile) and len(label.split()) >= 2) or \
        is_numbered(label, profile) or _is_caps(label, 4) or \
        (printed[:1] in "【[<〈" and all(is_caseless_name(p) for p in _NAME_SLASH_ROLE.split(label))) or \
        (is_caseless_name(label) or printed[:1] == "[") and _is_known_label(label, profile) or \
        is_caseless_role(label, profile) or \
        is_display_name(label, profile) or  \
        is_unknown_caseless_in_round(label, printed, profile) or \
        (marked := _MARKED_SIDE.fullmatch(label)) is not None and is_caseless_name(marked.group(1))
    # "(問)", "(答)"; "(知事)", "(上田:NHK記者)"; "(federico garcia)"; "(安住紳一郎)"


# A mark and a colon telling the sides of a press conference apart before a caseless name:
# "(○:山本企画課長)" (the city's officials), "(■:日本海新聞)" (the press).
_MARKED_SIDE = re.compile(r"[" + _BULLET_MARKS + r"○]:(.+)")


def is_unknown_caseless_in_round(label: str, printed: str, profile: Profile) -> bool:
    """A short label in a script without case, in round brackets and not of the vocabulary
    ("(安住紳一郎)さて、…", a radio talk's host): a name, or a stage direction the packs do not
    know ("(中略)"); the document tells them apart (segment._drop_unnamed_in_round)."""
    return printed[:1] in "(（" and is_caseless_name(label) and len(label) >= 2 \
        and not _is_known_label(label, profile) and not is_caseless_role(label, profile)


_DISPLAY_WORD = re.compile(r"[a-zß-ÿ][a-zß-ÿ'’\-]+")


def is_display_name(label: str, profile: Profile) -> bool:
    """A person's name typed in small letters, as a meeting's participant set it for the
    captions ("federico garcia aguiar", Google Meet's "(federico garcia aguiar)"): two to four
    words of small letters, none a small word of the language (a stage direction has them:
    "(música de fondo)"). Such a label is a speaker only where it recurs among names."""
    words = label.split()
    return 2 <= len(words) <= 4 and all(_DISPLAY_WORD.fullmatch(w) and w not in profile.small_words
                                        and w not in profile.particles for w in words)


def is_caseless_role(label: str, profile: Profile) -> bool:
    """A label in a script without case that is, or holds, a title or a role of the
    vocabulary, perhaps with a name before or after a colon ("知事", the governor; "上田:NHK記者",
    a reporter named with the outlet; "嘉宾:陈铎", the guest): in round brackets such a label
    is no stage direction ("（拍手）")."""
    words = profile.generic | profile.moderators | frozenset(profile.honorifics)
    return any(_is_role_word(part, words) for part in _CASELESS_TAIL.split(label_key(label)))


def _is_role_word(part: str, words: frozenset) -> bool:
    """``part`` is one of ``words`` in a script without case, or ends with one ("NHK記者")."""
    if not part or not _CJK_RUN.fullmatch(part[-1]):
        return False
    return part in words or any(len(w) >= 2 and part.endswith(w) and _CJK_RUN.fullmatch(w[-1])
                                for w in words)


_CASELESS_TAIL = re.compile(r"[:：・/／]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


def _is_one_name_in_square_brackets(label: str, printed: str, profile: Profile) -> bool:
    """One capitalised name in square brackets before speech: subtitles for the deaf
    print "[Alba] En 1928," where the speaker is off screen (their sound cues are in
    small letters: "[llora]"); an event's word is none."""
    return printed.startswith("[") and " " not in label and _is_names(label, profile) \
        and not any(rule.pattern.search(label) for rule in profile.events)


def _names_the_speaker(field: str, value: str, profile: Profile) -> bool:
    """A field naming the speaker of the text below it, alone on its line ("SPEAKER: S1",
    Speechmatics' text export): its name one of a speaker column's (``_columns.toml``),
    its value a diarisation label or a name."""
    from .readers.records import column_names, normalised_name   # (the readers read labels)

    value = value.strip()
    return len(field) <= 20 and len(value.split()) <= 4 \
        and normalised_name(field) in column_names()["speaker"] \
        and (_is_speaker_id(value, profile) or _is_names(value, profile) and not _SAID.search(value)
             and (field.isupper() or len(value.split()) >= 2))
    # (a word or two said, not a name: "Participant:\t\tOkay.", "Participant: Yeah")


# A sentence's mark in a field's value: a reply, no name ("Okay.", "Exactly. Yeah.").
_SAID = re.compile(r"(?<!\b[^\W\d_])[.!?…](?:\s|$)|[!?…]")    # (an initial's period is none)


def _without_verb(label: str, profile: Profile) -> str:
    """The label without the verb printed between it and its colon ("Poseł Jan Nowak
    interrupts:"): the packs' ``speech_verbs`` say a speaker speaks, they name no one."""
    head, _, last = label.rpartition(" ")
    if head.strip() and label_key(last) in profile.speech_verbs:
        return head.rstrip()
    head, _, manner = label.rpartition(", ")
    if head.strip() and label_key(manner) in profile.speech_verbs:
        return head.rstrip()    # a phrase after a comma: "Banu, drept la replică" (a reply)
    return _without_addressee(label, profile)


def _without_addressee(label: str, profile: Profile) -> str:
    """The label without whom its question is put to, after a bracketed seat or party
    ("ANDREW LITTLE (Leader of the Opposition) to the Prime Minister", an oral question
    in a Hansard; the minister answering for another: "Hon JIM SUTTON (Minister of
    Agriculture), on behalf of the Minister of Finance") or a name in capitals ("HON. A.D. O'CONNOR asked the Government, upon
    notice"): the packs' ``addressees`` open that phrase."""
    for phrase in profile.addressees:
        head, found, tail = label.partition(f") {phrase} ")
        if not found:       # (after a comma: "Hon JIM SUTTON (Minister of Agriculture), on behalf of …")
            head, found, tail = label.partition(f"), {phrase} ")
        if found and tail[:1].isupper() and len(tail.split()) <= 8:
            return head + ")"
        head, found, tail = label.partition(f" {phrase} ")
        if found and tail[:1].isupper() and len(tail.split()) <= 8 and (
                _is_caps(head, 6) or _is_name(head, profile, 4) and _is_name(tail, profile, 4)):
            return head     # "HON. A.D. O'CONNOR asked the Government, upon notice" (a written
            #                 question); a debater's to another: "Banu către Nicușor Dan"
    return label


def _is_cue(printed: str, profile: Profile) -> bool:
    """A bracketed delivery cue of the vocabulary: "(Speaks French.)", "[Interpreted]"."""
    return any(p.search(printed) for p in
               profile.interpreter_cues + profile.language_cues + profile.cutoff_cues)


# A diarisation label: SPEAKER_00, spk_1, Speaker 2, S3, a radio machine transcript's "Voz 1346".
_SPEAKER_ID = re.compile(r"[A-Za-z]{1,12}[ _-]?\d{1,4}")


def _is_speaker_id(label: str, profile: Profile) -> bool:
    """A diarisation label or a numbered generic one, which brackets may hold before speech."""
    label = label.strip()
    return bool(_SPEAKER_ID.fullmatch(label)) or is_numbered(label, profile)


def _is_office(words: list[str], profile: Profile) -> bool:
    """An office title: capitalised words joined by connectors (Secretary of State for ...)."""
    return len(words) <= 14 and words[0][:1].isupper() and all(
        w[:1].isupper() or w in profile.connectors for w in words)


# Offices one after another, set off by a dash: "Deputy Chief of Staff … – Presidential Press
# Secretary Dmitry Peskov".
_OFFICE_DASH = re.compile(r"\s+[-–—]\s+")
# The most words an office and its holder's name may print (two offices and a name).
_OFFICE_NAME_WORDS = 24


def office_and_name(label: str, profile: Profile) -> tuple[str, str] | None:
    """(office, name) of a label that is an office of capitalised words and connectors, or
    offices set off by dashes, closed by its holder's name ("Deputy Chief of Staff of the
    Presidential Executive Office – Presidential Press Secretary Dmitry Peskov"), else None.

    A style that prints the whole office before the name, however long; the name is the
    last two words, capitalised and not connectors.
    """
    parts = _OFFICE_DASH.split(label)
    words = [w for part in parts for w in part.split()]
    if not 3 <= len(words) <= _OFFICE_NAME_WORDS or len(label) > NAME_OFFICE_MAX or len(parts) > 3:
        return None
    if not all(part.split() and _is_office(part.split(), profile) for part in parts) \
            or words[0].lower() in profile.connectors or any(ch.isdigit() for ch in label):
        return None                     # ("And for President López Obrador": a question's start)
    name = words[-2:]
    if any(w.lower() in profile.connectors for w in name) or not _is_name(" ".join(name), profile, 2):
        return None
    return label[:label.rindex(name[0])].rstrip(" -–—"), " ".join(name)


def _is_hon_caps(label: str, profile: Profile) -> bool:
    """An honorific and a name or office in capitals: "El señor FEIJÓO ALBERTE".

    The office may be long and name its holder in brackets (parliamentary
    records: "El señor PRESIDENTE DEL GOBIERNO (Sánchez Pérez-Castejón)").
    """
    core = _PAREN_TAIL.match(label)
    words = (core.group("head") if core else label).split()
    n = _strip_hon(words, profile)
    if n == 0 or n >= len(words):
        return False
    hon = " ".join(words[:n])
    if hon.isupper():
        return False
    rest = words[n:]
    return len(rest) <= (16 if core else 3) and \
        all(map(_is_upper_letters, rest)) and any(_letters(w) for w in rest)


# A seat in square brackets after a member's name: "Datuk Seri Anwar Ibrahim [Permatang Pauh]"
# (the Dewan Rakyat); read as the round brackets other Hansards print.
_SQUARE_TAIL = re.compile(r"(?<=\S)\s+\[([^\[\]()]{2,60})\]$")


def round_brackets(label: str) -> str:
    """The label with a seat in square brackets at its end in round ones."""
    return _SQUARE_TAIL.sub(r" (\1)", label) if label.endswith("]") else label


def _is_hansard(label: str, profile: Profile) -> bool:
    label = round_brackets(label)
    m = _PAREN_TAIL.match(label)
    if not m or any(len(p.split()) > _PAREN_WORDS for p in _IN_PAREN.findall(m.group("paren"))):
        return False        # (a transcriber's note, not a seat, a party or an office)
    head = m.group("head")
    words = head.split()
    if words and words[0] == "The":
        words = words[1:]
        return bool(words) and (_is_name(" ".join(words), profile, 5) or _is_office(words, profile))
    # A name with its seat or party in brackets: the honorific is optional
    # (Mr. Name (Riding, Party) / Jürgen Lenders (Freie Demokraten) / De heer Name (Party)),
    # or an office and, in the brackets, the name of its holder ("Forseti (Birgir Ármannsson)").
    if _holds_name(m.group("paren"), profile) and 1 <= len(words) <= _OFFICE_WORDS \
            and words[0][:1].isupper() and all(_OFFICE_WORD.fullmatch(w) for w in words):
        return True         # an office, its holder in brackets: "Timbalan Yang di-Pertua (Datuk …)"
    return (_is_name(head, profile, 7) or _is_hon_name(words, profile)) \
        and (_strip_hon(words, profile) > 0 or len(words) >= 2)


# A member's seat, party or office in brackets has at most this many words ("(Leader of the
# Government in the House of Commons, Lib.)"); a note of the transcriber's is longer ("Från
# SVT Play (intervjun börjar vid cirka 31 minuter, tvekanden, …):").
_PAREN_WORDS = 20
_IN_PAREN = re.compile(r"\(([^()]*)\)")
# An office before its holder's name in brackets may be this long: "Minister of State at the
# Department of Finance (Deputy Sean Fleming)" (the Seanad's record).
_OFFICE_WORDS = 10


def _holds_name(paren: str, profile: Profile) -> bool:
    """Brackets holding a person's name of two words or more: "(Birgir Ármannsson)"."""
    inner = paren.strip()[1:-1].strip()
    return 2 <= len(inner.split()) <= 8 and _is_name(inner, profile, 8)


def _is_hon_name(words: list[str], profile: Profile) -> bool:
    """An honorific of the language, in any case, then a name (De heer Hijink, la señora Pérez),
    or, in a script without case, then up to six words of letters (النائب خالد عبد الله العلواني)."""
    n = _strip_hon(words, profile)
    if not 0 < n < len(words):
        return False
    rest = words[n:]
    return _is_name(" ".join(rest), profile, 5) or (
        len(rest) <= 6 and all(_is_caseless_word(w) for w in rest))


def _is_caseless_word(w: str) -> bool:
    w = _GERSHAYIM.sub("", w)
    return w[:1].isalpha() and all(c.isalpha() or _is_mark(c) for c in w) and w.lower() == w.upper()


_SHAPES: dict = {}


# A speaker abbreviated to the initial of the label printed first, in its own case, and a
# period: "j.:" after "Ja:", "b.:" after "Babcia:" (a school interview's typed transcript).
_ABBREVIATED = re.compile(r"[^\W\d_]\.")


def _shapes(label: str, profile: Profile) -> tuple:
    """Return the label shapes ``label`` has (hansard, caps, hon-caps, name), cached.

    The answer depends only on the label and the profile's vocabulary, which
    the shipped profiles share, so scoring every profile costs one test per label.
    """
    key = (label, profile.vocab_key)
    found = _SHAPES.get(key)
    if found is None:
        found = tuple(k for k, test in (("hansard", lambda: _is_hansard(label, profile)),
                                        ("caps", lambda: _is_caps(label)
                                         or _is_caps_name_office(label)
                                         or ("," in label and _is_caps(label, _CAPS_OFFICE_WORDS))),
                                        ("hon-caps", lambda: _is_hon_caps(label, profile)),
                                        ("name", lambda: _is_name(label, profile)
                                         or _ABBREVIATED.fullmatch(label) is not None
                                         or _is_hon_name(label.split(), profile)
                                         or is_caseless_name(label)
                                         or _is_name_office(label, profile)
                                         or _is_name_role(label, profile)
                                         or office_and_name(label, profile) is not None),
                                        ("phrase", lambda: _is_phrase(label, profile)
                                         or _is_office_title(label, profile))) if test())
        if len(_SHAPES) > 100_000:
            _SHAPES.clear()
        _SHAPES[key] = found
    return found


def classify(label: str, profile: Profile) -> str | None:
    """Return the kind of a label text, or None when it is none of them.

    Remembered per profile: a document prints its few labels hundreds of times.
    """
    memo = profile.memo
    key = ("kind", label)
    found = memo.get(key, memo)
    if found is memo:
        if len(memo) > 100_000:
            memo.clear()
        found = memo[key] = _classify(label, profile)
    return found


# An office in capitals that lists its portfolios between commas may be this long: "NAIBU
# WAZIRI WA AFYA, MAENDELEO YA JAMII, JINSIA, WAZEE NA WATOTO" (Tanzania's Hansard).
_CAPS_OFFICE_WORDS = 14


def is_qa_letter(label: str, profile: Profile) -> bool:
    """One of the language's letters for question and answer (``qa_letters``: French "R")."""
    return len(label) == 1 and label.isupper() and label.lower() in profile.qa_letters


def _classify(label: str, profile: Profile) -> str | None:
    if label in ("Q", "A") or is_qa_letter(label, profile):
        return "qa"
    if (is_numbered(label, profile) or _is_known_label(label, profile)
            or is_caseless_role(label, profile) or _is_outlet_and_generic(label, profile)) \
            and ("name" in profile.kinds or "caps" in profile.kinds):
        return "name" if "name" in profile.kinds else "caps"
    low = label.lower().rstrip(".")
    if low in profile.not_labels or low.startswith("by "):    # BY MR. SMITH: examination heading
        return None
    if any(p.fullmatch(label) for p in profile.not_label_patterns):
        return None
    for kind in _shapes(label, profile):
        if kind in profile.kinds:
            return kind
    quoted = _QUOTED_LABEL.fullmatch(label)
    if quoted:
        return _classify(quoted.group(1), profile)    # an outlet's name in its quotation marks
    note = _MANNER_NOTE.fullmatch(label)
    if note and note.group("note")[0].islower() and (
            _is_known_label(head := note.group("head"), profile) or len(head.split()) >= 2):
        return _classify(head, profile)
    held = _CASELESS_HOLDER.fullmatch(label)
    if held and is_caseless_name(held.group("note")) and is_caseless_name(head := held.group("head")) \
            and (_is_known_label(head, profile) or is_caseless_role(head, profile)):
        return _classify(head, profile)
    return None


# A role in a script without case and its holder's name or rank in brackets glued to it:
# "裁判長(でんだ):" (the presiding judge), "弁護人(主任):" (the chief defence counsel).
_CASELESS_HOLDER = re.compile(r"(?P<head>[^()（）\s]+)[(（](?P<note>[^()（）]{1,12})[)）]")


# A label in its quotation marks, an outlet's name as the press prints it: "«Naša Niva»:", "«NN»:".
_QUOTED_LABEL = re.compile(r"[«„“\x22]([^«»„“”\x22]{2,40})[»“”\x22]")
# A label and how its speaker speaks, in small letters in brackets after it: "Свидетель
# (замялся):" (the witness, who hesitated), "Anna Weber (lacht):"; the label's kind is its
# head's, a label of the vocabulary or a name of two words at least ("Продолжение
# (окончание):", a heading, is neither); the note has up to three words ("Участник (не
# определён):", a diariser's speaker it could not tell).
_MANNER_NOTE = re.compile(r"(?P<head>[^()]+?) \((?P<note>[^\W\d_][^\W\d_’'\-]*(?: [^\W\d_’'\-]+){0,2})\)")


def match_line(line: str, profile: Profile, para_start: bool) -> LabelMatch | None:
    """Find a speaker label at the start of ``line``.

    Args:
        line: one source line (leading blanks allowed).
        profile: the house style.
        para_start: the line starts a paragraph (weak labels need this).
    """
    parts = split_prefix(line)
    return match_split(parts, profile, para_start) if parts else None


# A bullet before a line opens a list's item: "  • [人民日報記者]近期…" under "  • […]…".
_ITEM_BULLET = re.compile(r"[•" + _BULLET_MARKS + r"]\s*")


def is_bullet(prefix: str) -> bool:
    """Whether what :func:`split_prefix` found before a line's text is a list item's bullet
    (such a line starts a paragraph, as a line after a blank one does)."""
    return _ITEM_BULLET.fullmatch(prefix) is not None


# A line that is only a label in square or lenticular brackets: "[사회자]", "【知事】".
_BRACKET_LINE = re.compile(r"\s*[\[【][^\[\]【】]{1,60}[\]】]\s*")


def is_bracket_line(text: str) -> bool:
    """Whether ``text`` is only a label in square or lenticular brackets: such a line opens a
    paragraph, as a line after a blank one does (a Korean broadcaster's "[사회자]" right under
    the page's last line of furniture)."""
    return _BRACKET_LINE.fullmatch(text) is not None


def split_prefix(line: str) -> tuple | None:
    """Return (what is printed before a label, the text after it) of ``line``, or None.

    None is a blank line or one that is only a prefix (">>", a bullet, a time).
    """
    line = line.strip()
    if not line:
        return None
    pm = _PREFIX.match(line)
    prefix, s = line[: pm.end()], line[pm.end():]
    return (prefix, s) if s else None


def match_split(parts: tuple, profile: Profile, para_start: bool) -> LabelMatch | None:
    """:func:`match_line` of a line already split by :func:`split_prefix`.

    Scoring splits each line once and asks every candidate grammar of the parts.
    """
    prefix, s = parts
    return _match_label(s, profile, para_start, prefix)


def has_label_shape(parts: tuple, profile: Profile, para_start: bool) -> bool:
    """A line split by :func:`split_prefix` starts with some delimiter shape of a label.

    A line without one is a label under no kinds of ``profile``'s vocabulary
    (only a profile's own ``patterns`` could still match it).
    """
    return bool(_shape_candidates(parts[1], para_start, profile))


# The characters a label of each kind cannot be printed without (its delimiter, or
# the bracket or letter it starts with), as :func:`_iter_shapes` reads them. The
# kinds a colon closes (caps, name, hansard...) need a colon, as every profile's do.
_COLON_CHARS = ":：ः"         # (the visarga a Hindi typist prints for a colon)
_PERIOD_DASH = r"\.[-–—]\s"         # the Chilean Senate's ".-" closing a label, a play's ".—"
# What a kind may be marked by instead of one of its characters (a regex): a bare label's
# capital before a run of spaces ("CL          Hello"), or two capitals ("RUTTE Mijn …").
_KIND_RUNS = {"q-bare": "[A-Z]  |[^\\W\\d_a-z]{2}"}
_KIND_CHARS = {"md-bold": ":", "label-time": ":", "bold": "*_", "dash": "—–−-", "bracket": "([【<〈",
               "q-bare": "QA", "caps": "", "hon-caps": "", "name": "", "qa": "", "hansard": "",
               "phrase": "", "handle": "@"}


def label_marks(profile: Profile) -> re.Pattern | None:
    """A pattern found in every line where :func:`match_split` finds a label of ``profile``.

    A line it is not found in holds no label (a cheap test before matching).
    None when any line may hold one: the profile's own ``patterns``, a capitalised
    line alone (``caps-line``) or a period-closed label (``period``) need no mark.
    """
    if profile.patterns or any(k not in _KIND_CHARS for k in profile.kinds):
        return None
    chars = set(_COLON_CHARS).union(*(_KIND_CHARS[k] for k in profile.kinds))
    if "q-bare" in profile.kinds:
        chars |= {c.upper() for c in profile.qa_letters}     # the language's "R - …", "P ¿…"
        chars |= {w[:1].upper() for w in profile.qa_words}    # the words: "Pregunta. …"
    runs = sorted({_KIND_RUNS[k] + "|" for k in profile.kinds if k in _KIND_RUNS})
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]|" + "".join(runs) + _PERIOD_DASH + "|;-")


def _split_once(pattern: re.Pattern, s: str) -> tuple | None:
    """Return (label, raw label, rest) where ``pattern`` matches ``s``, or None."""
    m = pattern.match(s)
    if not m:
        return None
    g = m.groupdict()
    label = g.get("label") or g.get("label2") or ""
    rest = (g.get("rest") or g.get("rest_fw") or g.get("rest_dash") or g.get("rest_vs")
            if g.get("label")
            else g.get("rest2")) or ""
    return label.strip(), s[: len(s) - len(rest)].strip(), rest.strip()


# Words set two spaces apart all through: a text so spaced ("E  notícia,  que  …", a PDF's or
# an editor's export) sets no label off by a run of spaces.
_DOUBLE_SPACED = re.compile(r"\S  \S+  \S+  \S")


# The answering person's name after the answer's letter, closed by a hyphen: "A. Zico- As I
# have said" (a press conference's coach and player answering in turn).
_ANSWERER = re.compile(r"(?P<name>[A-ZÀ-Þ][a-zß-ÿ’'\-]+(?: [A-ZÀ-Þ][a-zß-ÿ’'\-]+){0,2})-\s+(?=[A-ZÀ-Þ\d\x22“‘'])")


def _with_answerer(m: tuple, s: str) -> tuple:
    """A bare "A" label (``m``, of :data:`_QBARE` in ``s``) with the answerer's name it is
    printed with, where there is one: the label "A. Zico", the speech after the hyphen."""
    label, raw, rest = m
    if label != "A" or not (who := _ANSWERER.match(rest)):
        return m
    tail = rest[who.end():]
    return f"{raw} {who.group('name')}", s[:len(s) - len(tail)].strip(), tail


# :func:`_split_once`, cached: every profile scored on a document asks the same
# questions of the same lines; only the answers' classification depends on the profile.
_split = lru_cache(maxsize=65536)(_split_once)


def _match_label(s: str, profile: Profile, para_start: bool, prefix: str = "") -> LabelMatch | None:
    """Return the first label shape of the profile's kinds that ``s`` starts with.

    ``prefix``: what is printed before ``s`` on its line (see :func:`split_prefix`),
    part of the printed label.
    """
    for pat in profile.patterns:
        m = pat.match(s)
        if m:
            rest = m.groupdict().get("rest") or ""
            return LabelMatch(m.group("label").strip(), prefix + s[: len(s) - len(rest)].strip(),
                              rest.strip(), "pattern")
    for family, (label, raw, rest), ok in _profile_shapes(s, para_start, profile):
        if family == "colon":
            kind = classify(label, profile) or _placeholder_kind(label, raw, profile) \
                or _noted_kind(label, profile)
            if kind and not (kind == "qa" and "qa" not in profile.kinds):
                label, raw, rest = _with_holder(label, raw, rest, profile)
                return LabelMatch(label, prefix + raw, rest, kind)
        elif family in profile.kinds:
            if family == "md-bold" and not ok:
                return None          # a bold pseudo-label (**Break**:) ends the search
            if family == "caps-line" and "#" in prefix and not (
                    ok and _is_code_or_name(_TS_TAIL.sub("", label), profile)):
                continue             # a Markdown heading without a delimiter is a heading,
                #                      unless a name's or a speaker id's (see segment._drop_headings)
            if ok:
                return LabelMatch(label, prefix + raw, rest, family)
    return None


# A role's holder named after its colon, a spaced dash before the speech: "Realizator: Mihai
# Gadea - Doamnelor şi domnilor, bună seara!" (a host introduced once, by the role alone after).
_HOLDER_DASH = re.compile(r"(?P<name>[^\W\d_][^\W\d_’'\-]+(?: [^\W\d_][^\W\d_’'\-]+){1,2}) [-–—] (?P<rest>\S.*)")


def _with_holder(label: str, raw: str, rest: str, profile: Profile) -> tuple:
    """(label, raw label, rest) with the holder a one-word role of the vocabulary (a host's,
    a chair's) opens its speech with taken into the label ("Realizator: Mihai Gadea"), as a
    court's "KETUA: ASWANTO:" prints both; a title is no holder ("Moderator: Mr Secretary -")."""
    m = _HOLDER_DASH.fullmatch(rest) if " " not in label and _is_known_label(label, profile) else None
    if m is None or not is_personal_name(m.group("name"), profile) \
            or label_key(m.group("name").split()[0]).rstrip(".") in profile.honorifics:
        return label, raw, rest
    cut = len(rest) - len(m.group("rest"))
    return f"{label}: {m.group('name')}", f"{raw} {rest[:cut].strip()}", m.group("rest")


# A period closing a label before its spaced dash, after a word (no initial's): the French
# chambers' ". - " ("M. Geoffroy BOULARD. - Merci", "Mme Olivia POLSKI, adjointe. - Merci").
_PERIOD_CLOSED = re.compile(r"(?<=[^\W\d_]{2})\.$")


def _dash_shape(found: tuple, profile: Profile) -> tuple:
    """The dash shape of a line: ("dash", (label, raw, rest), acceptable)."""
    m = _without_period_before_dash(found)
    name = p.group("head") if (p := _PAREN_TAIL.match(m[0])) and m[1].endswith(")-") else m[0]
    return "dash", _with_capitals_run(m), (
        _is_caps(name, 5) or _is_name(name, profile, 4) and (
            len(name.split()) >= 2 or m[2][:1] in _QUOTE_OPENERS or _one_name_dashed(m))
        or m[0] != found[0] and _is_name_office(name, profile)
        or _caseless_dashed(m)) and not _not_label(m[0], profile)


def _without_period_before_dash(m: tuple) -> tuple:
    """(label, raw, rest) of the dash shape, the label without a period that is the
    delimiter's: "M. Geoffroy BOULARD. -" is the label "M. Geoffroy BOULARD"."""
    return (_PERIOD_CLOSED.sub("", m[0]), m[1], m[2]) if _PERIOD_CLOSED.search(m[0]) else m


# A part of a label in capitals closed by a spaced dash, as the speech after it is not.
_CAPS_PART = re.compile(r"(?P<part>[^\s\-–—][^\-–—]{0,40}?)\s+[-–—]\s+(?P<rest>\S.*)")
_CAPS_PARTS_MAX = 3


def _with_capitals_run(m: tuple) -> tuple:
    """(label, raw, rest) of the dash shape with the parts in capitals that follow a label in
    capitals, each closed by a spaced dash, taken into it: "O SR. PRESIDENTE - CARLOS
    GIANNAZI - PSOL - Presente o número …" (the office, its holder, the party: São Paulo's
    assembly); the speech is the first part in the language's case."""
    label, raw, rest = m
    if not _is_caps(label, 5):
        return m
    for _ in range(_CAPS_PARTS_MAX):
        part = _CAPS_PART.match(rest)
        if not part or not _is_caps(part.group("part"), 5):
            break
        label = f"{label} - {part.group('part')}"
        raw = raw + " " + rest[:part.start("rest")].strip()
        rest = part.group("rest")
    return label, raw, rest


_CANDIDATES: dict = {}


def _profile_shapes(s: str, para_start: bool, profile: Profile):
    """The shapes of ``s`` that :func:`_match_label` reads for ``profile``, in precedence order.

    The cached answer for every shape where scoring already asked; else only
    the colon shape (classified for every profile) and the profile's own kinds
    are worked out, lazily, up to the first that gives a label.
    """
    found = _CANDIDATES.get((s, para_start, profile.vocab_key))
    if found is not None:
        return found
    return _iter_shapes(s, para_start, profile, profile.kinds)


def _shape_candidates(s: str, para_start: bool, profile: Profile) -> tuple:
    """Every delimiter shape ``s`` starts with, in precedence order, cached.

    Returns (family, (label, raw label, rest), acceptable) triples. What they say depends
    only on the line and the label vocabulary, which the shipped profiles
    share, so scoring every profile on a document reads each line once.
    """
    key = (s, para_start, profile.vocab_key)
    found = _CANDIDATES.get(key)
    if found is None:
        if len(_CANDIDATES) > 200_000:
            _CANDIDATES.clear()
        found = _CANDIDATES[key] = tuple(_iter_shapes(s, para_start, profile))
    return found


# A word of a name in capitals (a hyphen or an apostrophe inside it).
_CAPS_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*")
# A bracket after it: the outlet or the office ("FRESEN (NOS)").
_BARE_BRACKET = re.compile(r"\([^()]{1,30}\) +")


# A quotation opening the speech after a one-word name and a dash: a press report's
# 'Felipão - "A história tem de registrar …"' (a bare "Well - I think" is prose).
_QUOTE_OPENERS = "\"“«„‘'「"


# A speaker's initials alone on their line, the speech below: "LT" (an interview that names
# its interviewer in full at first).
INITIALS_ALONE = re.compile(r"[A-ZÀ-Þ]{2,4}")


def _caps_bare(s: str) -> tuple | None:
    """(label, raw, rest) of a name in capitals with no delimiter, speech after it opening
    with a capital and small letters: the Dutch government's press conferences ("RUTTE Mijn
    reactie is …", "FRESEN (NOS) Meneer Rutte, …"). Up to three words, three letters."""
    words = s.split(" ", 4)
    k = 0
    while k < min(3, len(words) - 1) and _CAPS_WORD.fullmatch(words[k]) and words[k].isupper():
        k += 1
    if not k or len(_letters("".join(words[:k]))) < 3:
        return None
    label = " ".join(words[:k])
    rest = s[len(label):].lstrip(" ")
    if (b := _BARE_BRACKET.match(rest)) is not None:
        label, rest = f"{label} {b.group(0).strip()}", rest[b.end():]
    opening = rest.split(None, 1)[0] if rest.strip() else ""
    if not (opening[:1].isupper() and any(c.islower() for c in opening)) \
            or _LABEL_CLOSED.search(rest) and len(rest) <= 60:
        return None         # "HLV Mai Đức Chung:": an office's abbreviation in a label alone
    return label, s[:len(s) - len(rest)].strip(), rest.strip()


# A line closed by a colon, nothing after it: a label alone on its line.
_LABEL_CLOSED = re.compile(r"[^\W\d_]\s?[:：]\s*$")


def _emphasised(s: str, split) -> tuple | None:
    """(label, raw, rest) of a label in Markdown emphasis or an HTML tag of emphasis."""
    if s[:1] == "<":
        return split(_TAG_BOLD, s)
    return split(_BOLD, s) or _bold_closed_otherwise(s, split)


def _caseless_dashed(m: tuple) -> bool:
    """A name or an office in a script without case, a hyphen glued to it and speech after
    a space: the Majlis proceedings' "نایب رئیس- …", "مدرس- …"."""
    return m[1].endswith("-") and m[1][-2:-1].isalpha() and is_caseless_name(m[0])


def _bold_closed_otherwise(s: str, split) -> tuple | None:
    """(label, raw, rest) of a bold label closed by a period after the bold ("**P**. ¿…"),
    by a colon after a stage direction ("**Sestra** _(vejde):_ …": the direction is printed
    with the label), or of a turn wholly in bold ("**ML: Naprawdę?**": the closing marks
    end the speech)."""
    if (m := split(_BOLD_PERIOD, s)) is not None and len(m[0].split()) <= 3 and m[0][:1].isupper():
        return m
    return split(_BOLD_DIRECTED, s) or split(_BOLD_WHOLE, s)


def _italic_alone(s: str, split) -> tuple | None:
    """(label, raw, rest) of a name in italics alone on its line; not a sentence in italics,
    a play's stage direction ("*Enter Maid.*", "*Exit HERMIONE.*")."""
    m = split(_ITALIC_ALONE, s)
    if m is None or (m[0][-1:] in ".!?" and len(m[0].split()) >= 2):
        return None
    return m


def _in_capitals_label(label: str) -> bool:
    """Every letter of the label, its bracket's too, a capital: "SR. PRESIDENTE(BALESTRINI)"."""
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


# An outlet and its journalist alone on a line over the question, a spaced dash between:
# "Il Messaggero – Ileana Sciarra", "Sky Tg24 – Andrea Bonini".
_ATTRIBUTION = re.compile(r"(?P<outlet>[^\W\d_][\w’'.&]*(?: [\w’'.&]+){0,3}) [–—] (?P<name>[^\W\d_][^–—]{2,40})")


def is_attribution(line: str, profile: Profile) -> bool:
    """A line that is an outlet, a spaced dash and a person's name (:data:`_ATTRIBUTION`)."""
    m = _ATTRIBUTION.fullmatch(line.strip())
    return bool(m) and m.group("outlet")[0].isupper() and is_personal_name(m.group("name"), profile)


def attributed_name(line: str) -> str:
    """The person's name of an attribution line, else the line."""
    m = _ATTRIBUTION.fullmatch(line.strip())
    return m.group("name") if m else line


def _caps_line(s: str, profile: Profile) -> tuple:
    """The caps-line shape of a line alone: ("caps-line", (label, raw, ""), acceptable)."""
    raw = s.strip()
    label = _PERIOD_END.sub("", raw)       # a play's "HAMLET.": the period closes the name
    if label.endswith("^"):
        label = label[:-1].rstrip()        # Fountain's dual dialogue: "BRICK ^"
    return "caps-line", (label, raw, ""), (
        (len(s) <= 60 and _is_caps_line(label) and len(_letters(label)) >= 2
         and label[-1] not in ".?!,;" or is_period_closed_name_office(raw, profile)
         or label == raw and (_is_cased_line(raw) or is_attribution(raw, profile)
                              or is_open_name_office(raw, profile) or is_numbered(raw, profile)
                              # a role word of the vocabulary alone on its line in a script
                              # without case, the speech under it ("記者" / " 大臣の就任から…")
                              or is_caseless_name(raw) and is_caseless_role(raw, profile)))
        and label.lower() not in profile.not_labels
        and not any(p.fullmatch(label) for p in profile.not_label_patterns))


# An editor's placeholder for an unnamed speaker, in brackets, has at most this many words.
_PLACEHOLDER_WORDS = 8


# A name, then an editor's note in brackets: "田家秀樹(以下、田家)", "John Smith (hereafter JS)".
_NOTED_NAME = re.compile(r"(?P<head>[^()（）\[\]]+?)\s*[(（\[](?P<note>[^()（）\[\]]{2,40})[)）\]]")
# Between the note's word and the short label: punctuation or a space ("以下、", "далее – ").
_NOTE_GAP = re.compile(r"[\s、,，:：\-–—]*")
# The short label a note declares: at most this many words.
_ALIAS_WORDS = 3


def hereafter_note(label: str, profile: Profile) -> tuple[str, str] | None:
    """(the name, the short label) where ``label`` is a name and an editor's note declaring
    the short label printed from then on (``hereafter`` words of the language packs:
    "田家秀樹(以下、田家)" → ("田家秀樹", "田家"), "John Smith (hereafter JS)" → ("John
    Smith", "JS")); else None."""
    if not profile.hereafter or not (m := _NOTED_NAME.fullmatch(label.strip())):
        return None
    note = m.group("note").strip()
    low = note.casefold()
    word = next((w for w in sorted(profile.hereafter, key=len, reverse=True) if low.startswith(w)), None)
    if word is None:
        return None
    after = note[len(word):]
    alias = after[_NOTE_GAP.match(after).end():].strip()
    head = m.group("head").strip()
    if not alias or len(alias.split()) > _ALIAS_WORDS or not (
            is_caseless_name(head) or _is_name(head, profile, 6)):
        return None
    return head, alias


def _placeholder_kind(label: str, raw: str, profile: Profile) -> str | None:
    """The kind of a colon label that is an editor's placeholder in brackets (see
    :func:`_is_placeholder`), as the profile's kinds name a name's."""
    return _name_kind(profile) if raw[:1] == "[" and _is_placeholder(label) else None


def _noted_kind(label: str, profile: Profile) -> str | None:
    """The kind of a colon label that is a name and a note declaring its short label (see
    :func:`hereafter_note`), as the profile's kinds name a name's."""
    return _name_kind(profile) if hereafter_note(label, profile) is not None else None


def _name_kind(profile: Profile) -> str | None:
    """The kind by which the profile reads a name before a colon, if it reads one."""
    return next((k for k in ("name", "caps") if k in profile.kinds), None)


def _is_placeholder(label: str) -> bool:
    """Words in capitals or in a script without case, as an editor puts in brackets for a
    speaker left unnamed ("[SENIOR STATE DEPARTMENT OFFICIAL]", "[المسؤول الكبير الأول في
    وزارة الخارجية]"), none of them longer than a name's word."""
    words = label.split()       # (one word in brackets is a party's: "[CDU/CSU]: Unsinn!")
    return 2 <= len(words) <= _PLACEHOLDER_WORDS and (
        _is_caps(label, _PLACEHOLDER_WORDS) or all(is_caseless_name(w) for w in words))


def _colon_label(s: str, m: tuple, profile: Profile) -> tuple | None:
    """(label, raw, rest) of a colon label as :data:`_COLON` split it, without a time
    after the name, the brackets around a caption's speaker id, a speech verb; the value
    of a field naming the speaker ("SPEAKER: S1") is the label. None if nothing is left."""
    label = _TS_TAIL.sub("", m[0]) if m[0][-1:] in (")", "]") else m[0]
    if label[:1] == "[" and (b := _IN_BRACKETS.match(label)) and (_is_name(b.group(1), profile)
                                             or is_numbered(b.group(1), profile)
                                             or _is_speaker_id(b.group(1), profile)
                                             or is_caseless_role(b.group(1), profile)
                                             or _is_placeholder(b.group(1))):
        # "[Camuso]: ...", "[SPEAKER_00]: ..." (captions), "[网络主持人]:", an unnamed
        # official's placeholder ("[المسؤول الكبير الأول في وزارة الخارجية]:")
        label = b.group(1).strip()
    label = _without_verb(label, profile)
    if m[2] and _names_the_speaker(label, m[2], profile):
        return m[2].strip(), s, ""     # "SPEAKER: S1" alone: a field naming him
    return (label, m[1], m[2]) if label else None


def _md_bold_shapes(m: tuple, profile: Profile, want):
    """The md-bold shape of a label in Markdown emphasis (``m``: label, raw, rest), and the
    phrase shape before it where the label is a role in sentence case ("**Dvorní rada:**")."""
    label = _without_verb(_TS_TAIL.sub("", m[0]), profile)     # ("**Name (00:01:02):**")
    ok = not _not_label(label, profile) and (
        label != m[0] or _is_name(label, profile, 8) or _is_caps(label) or label in ("Q", "A")
        or ((p := _PAREN_TAIL.match(label)) is not None and _is_name(p.group("head"), profile, 4))
        or is_numbered(label, profile) or _is_names(label, profile)
        or _HANDLE.fullmatch(label) is not None)
    if not ok and want("phrase") and _is_phrase(label, profile):
        yield "phrase", (label, m[1], m[2]), True
    yield "md-bold", (label, m[1], m[2]), ok


def _colon_shapes(s: str, profile: Profile, split, want):
    """The shapes of a label closed by a colon (or the Chilean ".-"), in its forms: in square
    brackets with a role and a name, glued to its holder in brackets, in angle brackets, an
    unidentified speaker in round ones."""
    first = s[:1]
    if first == "[" and (r := _BRACKET_ROLE_NAME.match(s)) and is_caseless_role(r.group("role"), profile):
        yield "colon", (r.group("label"), s[:r.start("rest")].strip(), r.group("rest")), True
    elif (any(c in s for c in _COLON_CHARS) or ".-" in s or ".–" in s or ".—" in s or ";-" in s) \
            and (m := split(_COLON, s)):
        if (colon := _colon_label(s, m, profile)) is not None:
            yield "colon", colon, True
    elif "(" in s[:60] and (m := split(_GLUED_HOLDER, s)) and _in_capitals_label(m[0]):
        yield "colon", m, True          # "SR. PRESIDENTE(BALESTRINI) En consideración …"
    elif first == "<" and (m := split(_ANGLE, s)):
        yield "colon", m, True
    elif first == "(" and want("caps") and (m := split(_PAREN_COLON, s)):
        yield "caps", m, _is_caps(m[0][1:-1])   # "(UNKNOWN):", an unidentified speaker


def _iter_shapes(s: str, para_start: bool, profile: Profile, kinds: tuple | None = None):
    """Yield the shapes of :func:`_shape_candidates`; with ``kinds``, only those and the colon.

    Each shape's pattern is tried only where ``s`` has the character the shape
    starts with or is closed by (an exact pre-test: ``s`` begins with no blank).
    With ``kinds`` (a grammar reading its document, each line once) the matches
    are not cached.
    """
    want = (LABEL_KINDS if kinds is None else kinds).__contains__
    split = _split if kinds is None else _split_once
    first = s[:1]
    if first in "*_<" and want("md-bold") and (m := _emphasised(s, split)):
        yield from _md_bold_shapes(m, profile, want)
    yield from _colon_shapes(s, profile, split, want)
    if first in "*_" and want("bold") and (m := split(_BOLD_BARE, s) or _italic_alone(s, split)):
        yield "bold", m, m[0].lower() not in profile.not_labels and (
            _is_names(m[0], profile) or _is_name_and_affiliation(m[0], profile))
    if first == "@" and want("handle") and (m := split(_AT_HANDLE, s)):
        yield "handle", (m[0], "@" + m[0], m[2]), True
    if want("label-time") and (t := _LABEL_TIME.match(s)):
        # (a whole line, a label and its time, is a turn's head wherever it stands: a record
        # of one line a paragraph prints no blank line between "Mr Speaker 10:40 a.m." and
        # the speech above it)
        yield "label-time", (t.group("label").strip(), s, ""), \
            _is_code_or_name(t.group("label"), profile)
    elif want("label-time") and para_start and (t := _ID_TIME_SPEECH.match(s)):
        yield "label-time", (t.group("label"), s[:t.end("time")], t.group("rest")), \
            _is_speaker_id(t.group("label"), profile)
    if want("dash") and para_start and (m := split(_DASH, s)):
        yield _dash_shape(m, profile)
    if want("caps-line") and para_start and len(s) <= NAME_OFFICE_MAX and ":" not in s:
        yield _caps_line(s, profile)
    bracket = first in ("(", "[", "【", "<", "〈") and para_start and want("bracket")
    if bracket and (b := _BRACKET_ALONE.match(s)):
        label = b.group("label").strip()
        yield "bracket", (label, s, ""), \
            _is_bracketed_name(label, profile, s) and not _not_label(label, profile)
    elif bracket and (m := split(_BRACKET_LEAD, s)):
        yield "bracket", m, \
            (_is_bracketed_name(m[0], profile, s) or _is_speaker_id(m[0], profile)
             or _is_one_name_in_square_brackets(m[0], s, profile)
             or _COLON_IN_BRACKETS.match(s) is not None and _is_name(m[0], profile, 4)) \
            and not _not_label(m[0], profile) and not _is_cue(m[1], profile)
    if want("q-bare") and "A" <= first <= "Z" and (first in "QA" or "  " in s) \
            and (m := split(_QBARE, s)) and not _DOUBLE_SPACED.search(m[2]):
        yield "q-bare", _with_answerer(m, s), True
    elif want("q-bare") and first.lower() in profile.qa_letters and (m := split(_LETTER_BARE, s)) \
            and not m[2][:1].islower():
        yield "q-bare", m, True         # the language's answer letter: "R - Sur le premier point"
    elif want("q-bare") and para_start and (m := split(_WORD_BARE, s)) and label_key(m[0]) in profile.qa_words \
            and not m[2][:1].islower():
        yield "q-bare", m, True         # the word a letter stands for: "Pregunta. Ningún candidato …"
    elif want("q-bare") and para_start and first.isupper() and (m := _caps_bare(s)):
        yield "q-bare", m, True
    elif want("q-bare") and para_start and INITIALS_ALONE.fullmatch(s):
        yield "q-bare", (s, s, ""), True     # "LT" over the question (segment._drop_unnamed_initials)
    if want("period") and (m := _period_label(s, profile, split)):
        yield "period", m, not _not_label(m[0], profile)


# A label, its bracketed party or constituency, then the period: "ROSSI (PD). Signor ...".
_PERIOD_PAREN = re.compile(r"^(?P<head>[^()]{2,60}?)\s*(?P<paren>\([^()]{1,80}\))\.\s+(?P<rest>\S.*)$")


# Capitals closed by a period, in any cased script: initials or an abbreviation, a name or
# an office, perhaps its group or holder in brackets ("PIRMININKAS (V. PRANCKIETIS).",
# "A. ŠIRINSKIENĖ (LVŽSF).", "REP. DAZA.").
_CAPS_PERIOD_LABEL = re.compile(r"(?:\w{1,4}\.\s?){0,3}\w[\w’'\-]*(?:\s+[\w’'\-]+){0,4}"
                                r"(?:\s*\([^()]{1,60}\))?")
# A label's last word an initial: its period is no label's end.
_INITIAL_END = re.compile(r"(?:^|\s)[^\W\d_]$")
# Where such a label may end: a period, then the speech.
_CAPS_PERIOD_END = re.compile(r"\.\s+(?=\S)")


def _one_name_dashed(m: tuple) -> bool:
    """One name before a long dash (not a hyphen) and a sentence: a play's "Aninha − Ele
    disse …" (the minus sign of a typeset page), "Smith — Thank you"."""
    label, raw, rest = m
    return raw[-1:] in "—–−" and rest[:1].isupper() and label.isalpha()


def _caps_period(s: str) -> tuple | None:
    """(label, raw label, rest) of capitals closed by a period.

    The label is the shortest run before a period that has four letters and its brackets
    closed: an abbreviation or initials before a name belong to it ("REP. DAZA.",
    "A. B. SMITH."), the speech after it does not ("REP. DAZA. Mr. Speaker, …"); "OK." and
    "TV." begin sentences.
    """
    head, colon, _ = s[:120].partition(":")
    if colon and _is_caps(head, 10):
        return None             # "MHE. PROSPER J. MBENA: …": capitals up to a colon are its label
    for m in _CAPS_PERIOD_END.finditer(s, 0, 120):
        label = s[:m.start()]
        if len(_letters(label)) < 4 or label.count("(") != label.count(")") \
                or _INITIAL_END.search(label):
            continue            # (an initial's period is inside the name: "PROSPER J. MBENA.")
        rest = s[m.end():]
        if _CAPS_PERIOD_LABEL.fullmatch(label) and _is_caps(label, 6) \
                and "\n" not in rest.rstrip("\n"):     # (speech on lines below is another shape's)
            return label.strip(), s[:m.end()].strip(), rest.strip()
        return None
    return None


def _period_label(s: str, profile: Profile, split) -> tuple | None:
    """(label, raw label, rest) of a label closed by a period.

    In a shape of the profile's packs; or so when its bracketed tail is left out (the
    tail, a party or a constituency, is part of the printed label); or capitals in
    any cased script, as the records of parliaments without a pack print their
    speakers (at least four letters: "OK." and "TV." begin sentences).
    """
    for pat in profile.period_labels:
        if (m := split(pat, s)):
            return m
    if (m := _chair_period(s, profile)):
        return m
    if "(" in s[:64] and (p := _PERIOD_PAREN.match(s)):
        head, rest = p.group("head").strip(), p.group("rest")
        for pat in profile.period_labels:
            if (m := split(pat, f"{head}. {rest}")) and m[0] == head:
                return s[:p.end("paren")], s[:p.start("rest")].strip(), rest.strip()
    if s[:1].isupper() and (s[1:2].isupper() or s[1:2] == ".") \
            and (m := _caps_period(s)):
        return m            # (capitals begin with two: "PI", or an initial: "A.")
    return None


# A few words, then a period and the speech on the same line.
_WORDS_PERIOD = re.compile(r"^(?P<label>[^\W\d_][^.\n:]{1,40}?)\.\s+(?P<rest>\S.*)$")


def _chair_period(s: str, profile: Profile) -> tuple | None:
    """A chair's office in the language's case closed by a period, as the European
    Parliament prints its chair in Spanish ("El Presidente. Tiene la palabra …"): the words
    before the period are one of the packs' chair titles."""
    m = _WORDS_PERIOD.match(s) if s[:1].isupper() else None
    if m and " ".join(m.group("label").lower().split()) in profile.moderators:
        return _split_once(_WORDS_PERIOD, s)
    return None


# How often a form of address must stand before a name in capitals to be one.
_ADDRESS_MIN_USES = 3


def document_honorifics(texts, known: frozenset | tuple = ()) -> frozenset[str]:
    """The forms of address a document prints before its speakers' names in capitals.

    Parliamentary records of languages without a pack address every speaker so
    ("A señora PRESIDENTA:", "O señor BEIRAS TORRADO:", "Zastupnik IVAN HORVAT:"):
    words in the language's case, then the name or office in capitals, then the
    colon. Words that stand so three times or more are the document's own honorifics (lower case, as the packs list them);
    ``known`` ones are left out.

    Args:
        texts: the document's lines (a sample will do).
        known: honorifics the vocabulary has already.
    """
    uses: Counter = Counter()
    for text in texts:
        if ":" not in text[:130] or not (m := _COLON.match(text.strip())):
            continue
        form = _address_form(m.group("label"))
        if form is not None:
            uses[form] += 1
    return frozenset(f for f, n in uses.items() if n >= _ADDRESS_MIN_USES and f not in known)


# A play's speaker at a line's start in the language's case, closed by a period, perhaps with
# a manner note between ("Лопахин. Пришел поезд…", "Лопахин (прислушивается) . Нет…",
# "Mephisto. Ich bin …"): up to three capitalised words, then the speech opening as a
# sentence does.
_NAME_PERIOD = re.compile(r"(?P<name>[^\W\d_][^\W\d_’'\-]*(?: [^\W\d_][^\W\d_’'\-]*){0,2})"
                          r"(?:\s*\([^()]{1,60}\))?\s?\.\s+(?=\S)")
# A name so must open this many lines, and at least two names so, before the document's
# grammar has them; nowhere may the document print one in small letters (a name keeps its
# capital everywhere; "Yes. …", "Thanks. …" open sentences and are written small inside them).
# The names must open a fifth of the paragraphs at least: a play's speeches, not a
# record's occasional "Grupo Mixto. …" line.
_NAME_PERIOD_MIN, _NAME_PERIOD_NAMES, _NAME_PERIOD_SHARE = 2, 2, 0.2
_BLANK_SHARE = 0.05
_WORD_LETTERS = re.compile(r"[^\W\d_]+")


def document_period_names(texts, honorifics: frozenset | tuple = ()) -> frozenset[str]:
    """The names a document prints at its lines' start closed by a period, as a play does.

    A name in the language's case (not capitals alone: those are :func:`_caps_period`'s)
    that opens lines so at least twice, where at least two names do, and which the document
    never prints in small letters (every word of it); forms of address ("Mr.", "Dr.") are none.

    Args:
        texts: the document's lines (a sample will do).
        honorifics: the vocabulary's forms of address.
    """
    texts = list(texts)
    opens: Counter = Counter()
    for text in texts:
        m = _NAME_PERIOD.match(text := text.lstrip()) if text else None
        name = m.group("name") if m else ""
        if name[:1].isupper() and any(c.islower() for c in name) \
                and all(w[0].isupper() for w in name.split()) and not text[m.end()].islower():
            opens[name] += 1
    names = {n for n, k in opens.items() if k >= _NAME_PERIOD_MIN
             and n.lower() not in honorifics and n.lower() + "." not in honorifics}
    if len(names) < _NAME_PERIOD_NAMES:
        return frozenset()
    small = {w for t in texts for w in _WORD_LETTERS.findall(t) if w[0].islower()}
    names = {n for n in names if not all(w.lower() in small for w in _WORD_LETTERS.findall(n))}
    if len(names) < _NAME_PERIOD_NAMES \
            or sum(opens[n] for n in names) < _NAME_PERIOD_SHARE * _openings(texts):
        return frozenset()
    return frozenset(names)


def _openings(texts: list) -> int:
    """How many paragraphs the lines open: those after a blank line, or every line where
    the text has hardly any blank line."""
    after_blank = sum(1 for a, b in zip([""] + texts, texts) if not a.strip() and b.strip())
    return after_blank if after_blank >= _BLANK_SHARE * len(texts) else sum(1 for t in texts if t.strip())


# A speaker's name in a script written without spaces, set off from the speech by a space
# alone ("加藤 再び加藤でございます。", "主持人 大家好"): in Han or katakana (a name, not a
# word of hiragana: "ありがとう"), the speech unspaced after it (a recogniser's words spaced
# one by one, "你 係 呢", are no such lines).
_SPACED_NAME = re.compile(r"(?P<name>[\u30a0-\u30ff\u3400-\u9fff々〆ヶ]{1,6})[ \u3000]+"
                          r"(?=[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e「『(（【〈《])")
# At most one space in this many characters of the speech after the name.
_UNSPACED_RUN = 15
# A speaker's initials and surname, then the speech with no delimiter, in a cased script
# ("Т. Фельгенгауэр Добрый вечер.", "Д. Борисов … на следующей неделе."); the colon the
# first turn may print is the same label's.
_INITIAL_NAME = re.compile(r"(?P<name>(?:[^\W\d_]\. ?){1,2}[^\W\d_][^\W\d_’'\-]+)(?::\s*|\s+)"
                           r"(?=[^\W\d_]|[«„\x22“(…—–])")


def document_spaced_names(texts) -> frozenset[str]:
    """The names a document sets off from its speech by a space alone at its lines' start,
    in a script without spaces or, in a cased one, as initials and a surname: each twice at
    least, two names at least, opening a fifth of the paragraphs."""
    opens: Counter = Counter()
    for text in texts:
        m = _SPACED_NAME.match(text := text.lstrip()) if text else None
        if m and text.count(" ", m.end()) * _UNSPACED_RUN <= len(text) - m.end():
            opens[m.group("name")] += 1
        elif text and (m := _INITIAL_NAME.match(text)) and _is_initial_name(m, text):
            opens[m.group("name")] += 1
    names = {n for n, k in opens.items() if k >= _NAME_PERIOD_MIN}
    if len(names) < _NAME_PERIOD_NAMES \
            or sum(opens[n] for n in names) < _NAME_PERIOD_SHARE * _openings(texts):
        return frozenset()
    return frozenset(names)


# An interview's question and answer as one capital letter each, bare or with a period,
# before the speech ("P ¿A qué hora …?" / "R Depende.", the Spanish press's pregunta and
# respuesta; "F" / "A", "В" / "О" elsewhere): the letters must take turns nearly always,
# as a sentence's one-letter first word ("A veces …", "I think …") does not.
_LETTER_OPEN = re.compile(r"(?P<name>[^\W\d_a-zß-ÿ])\.?\s+(?=[^\W\d_]|[¿¡«„\x22“(—–\-])")
_LETTERS_ALTERNATE = 0.75


def document_letters(texts) -> frozenset[str]:
    """The capital letters a document prints for its interview's question and answer at
    its paragraphs' start: two at least, each twice at least, taking turns in three pairs
    of four at least, opening a fifth of the paragraphs. Not "Q" and "A", which the bare
    shape knows (:data:`_QBARE`), nor a speaker's initial, which the same surname follows
    ("Д. Борисов …")."""
    opened: list = []
    for text in texts:
        m = _LETTER_OPEN.match(text := text.lstrip()) if text else None
        if m and m.group("name").isupper() and not text[m.end():m.end() + 1].islower():
            opened.append((m.group("name"), text[m.end():].split(" ", 1)[0]))
    uses = Counter(c for c, _ in opened)
    letters = {c for c, k in uses.items() if k >= _NAME_PERIOD_MIN and c not in "QA"
               and Counter(w for d, w in opened if d == c).most_common(1)[0][1] * 2 <= k}
    seq = [c for c, _ in opened if c in letters]
    if len(letters) < 2 or len(seq) < _NAME_PERIOD_MIN * 2 \
            or sum(a != b for a, b in zip(seq, seq[1:])) < _LETTERS_ALTERNATE * (len(seq) - 1) \
            or len(seq) < _NAME_PERIOD_SHARE * _openings(list(texts)):
        return frozenset()
    return frozenset(letters)


def _is_initial_name(m: re.Match, text: str) -> bool:
    """The initials and the surname in capitals, the speech opening as a sentence does."""
    name, after = m.group("name"), text[m.end():m.end() + 1]
    words = name.replace(".", ". ").split()
    return all(w[0].isupper() for w in words) and any(c.islower() for c in words[-1]) \
        and not after.islower()


@dataclass(frozen=True)
class Taught:
    """What a document teaches the grammar it is read with: the forms of address it prints
    before its speakers (:func:`document_honorifics`), the names it closes by a period
    (:func:`document_period_names`), the names it sets off by a space in a script without
    spaces (:func:`document_spaced_names`), the letters it prints for question and answer
    (:func:`document_letters`)."""

    honorifics: frozenset = frozenset()
    period_names: frozenset = frozenset()
    spaced_names: frozenset = frozenset()
    letters: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.honorifics or self.period_names or self.spaced_names or self.letters)

    def words(self) -> list[str]:
        return sorted(self.honorifics | self.period_names | self.spaced_names | self.letters)

    def listed(self) -> tuple:
        """(what, words) of each thing taught, for the report."""
        return tuple((what, tuple(sorted(words))) for what, words in (
            ("forms of address", self.honorifics), ("names closed by a period", self.period_names),
            ("names set off by a space", self.spaced_names),
            ("letters for question and answer", self.letters)) if words)

    def label_patterns(self) -> tuple:
        """The period labels of the names taught (the pack's ``period_labels`` are extended;
        the letters taught join its ``qa_letters``)."""
        out = []
        if self.period_names:
            out.append(re.compile(r"^(?P<label>(?:" + _alternation(self.period_names)
                                  + r")(?:\s*\([^()]{1,60}\))?)\s?\.\s+(?P<rest>\S.*)$"))
        if self.spaced_names:
            out.append(re.compile(r"^(?P<label>(?:" + _alternation(self.spaced_names)
                                  + r"))(?:[ \u3000]+|:\s*)(?P<rest>\S.*)$"))
        return tuple(out)


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def document_vocabulary(texts, honorifics: frozenset | tuple = ()) -> Taught:
    """What the document's lines teach (see :class:`Taught`); ``honorifics``: the vocabulary's."""
    texts = list(texts)
    return Taught(document_honorifics(texts, honorifics), document_period_names(texts, honorifics),
                  document_spaced_names(texts), document_letters(texts))


def _address_form(label: str) -> str | None:
    """The form of address of "A señora PRESIDENTA" / "O señor X (Office)" ("a señora"), else None."""
    core = _PAREN_TAIL.match(label)
    words = (core.group("head") if core else label).split()
    k = next((i for i, w in enumerate(words) if len(_letters(w)) >= 2 and _is_upper_letters(w)), 0)
    if not 1 <= k <= 3 or len(words) - k > 16 or not all(map(_is_upper_letters, words[k:])):
        return None
    lead = words[:k]
    if not all(w.rstrip(".").isalpha() for w in lead) or not any(c.islower() for w in lead for c in w):
        return None
    return " ".join(lead).lower().rstrip(".")


def _is_upper_letters(w: str) -> bool:
    """The word has no small letter: capitals, figures, an ordinal's "ª", "º" ("1ª")."""
    return not any(c.islower() for c in w if c not in "ªº")


# A user name as a chat or a call shows it, in bold with its colon: "**lightclient:**".
_HANDLE = re.compile(r"[a-z][a-z0-9]*(?:[_.\-]?[a-z0-9]+)*")


def _not_label(label: str, profile: Profile) -> bool:
    return label.lower().rstrip(".") in profile.not_labels


# A timestamp printed with a label: 0:03, [00:01:02], (12:44), 0:00:12.9; a recogniser's
# segment, in seconds or from one time to another: [0.0, 3.26], [00:00.000 --> 00:04.000].
_TIME = re.compile(r"\[\d+(?:\.\d+)?,\s*\d+(?:\.\d+)?\]"
                   r"|\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?\]"
                   # a clock and its unit in brackets: "(12:07 horas)", "(10:30 Uhr)", "(9:15 a.m.)"
                   r"|[\[(]\d{1,2}:\d{2}(?::\d{2})?\s+[^\W\d_]{1,6}(?:\.[^\W\d_]{1,3})*\.?[\])]"
                   # a clock with its half of the day after it: "10:40 a.m."
                   r"|[\[(]?\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\b" + _DAY_HALF + r"[\])]?")
# What every printed time holds: a label without it holds none.
_TIME_CORE = re.compile(r"\d:\d|\d\]")


def label_items(raw: str) -> list:
    """Return a printed label as items: text, and the printed times as Inline("time")."""
    if _TIME_CORE.search(raw) is None:
        return [raw] if raw else []
    from .model import Inline

    items: list = []
    pos = 0
    for m in _TIME.finditer(raw):
        if m.start() > pos:
            items.append(raw[pos:m.start()])
        items.append(Inline("time", m.group()))
        pos = m.end()
    if pos < len(raw):
        items.append(raw[pos:])
    return items


@lru_cache(maxsize=65536)
def label_key(label: str) -> str:
    """Return the comparison key of a label (case and spacing folded, and the tatweel that
    stretches Arabic letters for display dropped: "الرئيـــــس" is "الرئيس")."""
    return " ".join(label.lower().replace("’", "'").replace("\u0640", "").split())
