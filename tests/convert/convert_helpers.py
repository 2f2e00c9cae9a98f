"""Helpers for converter tests: read counts back from the TEI itself."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
_MD = re.compile(r"\\([\[\]*_#`()\\])")
# A label is counted without its delimiter (":", "：", ".", the Urdu full stop "۔", ":-", ". –", ".-", "/", a hyphen
# glued to capitals ("SUNUCU-"), a screenplay's
# dual-dialogue "^", a speech verb of the
# language packs before the colon: "interrupts") and without the mark printed before it
# (">>", a Markdown quote's ">", a bullet or dash, a dialogue's hyphen glued on ("-Υπουργός:"),
# the emphasis opening a paragraph in italics ("_RaW:"),
# a geometric bullet glued on ("▲"), the "○"
# of Japanese and Korean minutes,
# the elision of a quoted transcript: ". . . Q:", "“(…) – LR:", a speech's number: "Anf. 2", a committee's
# question number: "Q12", a field naming the speaker: "SPEAKER: S1", a corpus's "@" before
# a speaker's code). A period after a single letter is an initial's, not the delimiter's
# ("Հ. Զ. –").
_LABEL_DELIM = re.compile(r"(?<!\s[^\W\d_])(?<!^[^\W\d_])\.\s+[-–—]\s*$|\.[-–—]\s*$|\s*(?::-|;-|[:：./／ः۔])\s*$|(?<=^[QA])、$|\s+(?:—|–|−|--|-|\^)\s*$|(?:(?<=[^\W\d_])|(?<=\)))-\s*$")
_CAPS = "A-ZÀ-ÖØ-Þ\u0386-\u038f\u0391-\u03ab\u0400-\u042f\u0531-\u0556"
_LABEL_MARK = re.compile(r"^\s*(?:>>+\s*|>\s+|[-–—•*]\s+|-(?=(?:[A-ZÀ-Þ]{1,3}\.? )?[A-ZÀ-Þ]{2})|-(?=(?:[" + _CAPS + r"]\.\s)?[" + _CAPS + r"][^\W\d_]+(?:\s[^\W\d_]+){0,3}$)|@(?=\w)|[*_](?=[^\W\d_])|[○◯〇▲△▴▵▶▷▸▹►▻▼▽◀◁◂◃■□▪▫◆◇◈◉●◎◦・※★☆♦]\s*"
                         r"|(?:\.(?: ?\.){2}|…)\s+|[\x22“„«‘']?[(\[](?:…|\.{3})[)\]]\s+[-–—]\s+"
                         r"|[A-Z][a-z]{1,4}\.\s+\d{1,4}\s+|\d{1,4}\.\s+(?=[^\W\d_]{2}|[QA]$)|Q\d{1,4}\s+|[\x22“„«‘'](?=[^\W\d_][^»”\x22]*$)"
                         r"|(?i:speaker):\s+)")
# Brackets around the whole label are its delimiter too ("[Speaker 1]", "(Danyel Fisher)",
# "【知事】"), with a colon inside them ("(Карэспандэнт: )").
_LABEL_BRACKETS = re.compile(r"^[\[(【<〈‹]([^\[\]()【】<>〈〉‹›]+?)(?:\s*:\s*)?[\])】>〉›]$")
# So are angle brackets around a label and its colon ("<היו\"ר משה גפני:>", Knesset protocols).
_LABEL_ANGLE = re.compile(r"^<([^<>]+?)\s*:\s*>$")
# A closing angle glued to a label with no opening one is its delimiter ("◆ 김동연> 네."), so is
# a closing round bracket (a city council's "市長)本日は").
_CLOSED_ONLY = [(re.compile(r"[<〈‹]"), re.compile(r"(?<=\S)[>〉›]\s*$")),
                (re.compile(r"[(（]"), re.compile(r"(?<=\S)[)）]\s*$"))]
# Scripts written without spaces between words are compared character by character.
_UNSPACED = re.compile(r"([\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])")


# A label glued to its speech ("AKARURU:Is", "Водеща:Уплашихте", "Camps:”del", "いん/(笑)", "O'NEILL-Thank",
# a spaced hyphen's speech with no space after it: "PTC -A equipe", "EC -Gosto") or to the sentence
# before it ("privileges.MCCOY:", a Korean interview's "안녕하세요.▶김재섭 :", a play's "fazer.Maria Rosa −", "(Entra Aninha.)Aninha −",
# a court's "Lo prometoPRESIDENTE:", an Urdu interview's "جواب ۔میرے", "جواب۔8")
# is one token in the source and two in the TEI: both sides are split there.
_GLUED = re.compile(r"(?<=:)(?=[" + _CAPS + r"\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f…“”„«])|(?<=[/／])(?=\S)"
                    r"|(?<=۔)(?=[\u0600-\u06ff\d])"
                    r"|(?:(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]:)|(?<=\b[QA]:))(?=[\d(（「『〈《\[“‘\x22])"
                    r"|(?<=[^\W\d_a-zß-ÿ]-)(?=[A-ZÀ-Þ][a-zß-ÿ])|(?<=^-)(?=[A-ZÀ-Þ])"
                    r"|(?<=[.!?…])(?=[▲△▶▷▸►◆◇◈◉●■□])"
                    r"|(?<=[a-z][.!?])(?=[A-Z][A-Z'’\-]+(?: \[[A-Z]+\])?:)"
                    r"|(?:(?<=[^\W\d_A-ZÀ-Þ][.!?])|(?<=[.!?]\)))(?=[A-ZÀ-Þ][a-zß-ÿ]+$)"
                    r"|(?<=[a-zß-ÿ]{3})(?=[A-ZÀ-Þ][A-ZÀ-Þ'’\-]{2,}:$)")


def _tokens(text: str) -> Counter:
    return Counter(_unstarred(t) for token in map(_untagged, text.split()) for part in _GLUED.split(token)
                   for t in _UNSPACED.split(part) if t)


# A label in a script without case glued to its half-width colon at a line's start, small
# Latin letters after it ("男:happy teachers’ day!"): one token in the source, two in the TEI.
_LEAD_CASELESS_LABEL = re.compile(r"(?m)^(\s*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,12}:)(?=[a-z])")


_EMPHASIS_TAG_ENDS = re.compile(r"^<(?i:u|b|strong|em|i)>|</(?i:u|b|strong|em|i)>$")


def _untagged(token: str) -> str:
    """A token without an HTML tag of emphasis at its ends ("<u>Jane", "Smith:</u>"): the
    converter drops it from the labels it reads, as it drops Markdown's."""
    return _EMPHASIS_TAG_ENDS.sub("", token) or token


def _unstarred(token: str) -> str:
    """A token without Markdown emphasis at its ends ("*Głos", "interrupts:*", "_Narrator:_"):
    a star or an underscore there is markup, as "**" is, and the converter drops it from the
    labels it reads."""
    return token.strip("*_") or token


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset:
    from tei_corpus.convert.languages import list_languages, load_language
    return frozenset().union(*(load_language(code).speech_verbs for code, _ in list_languages()))


def counts(tree: etree._ElementTree) -> dict:
    """Turns, labels and flags as encoded in the TEI (not as reported)."""
    root = tree.getroot()
    labels = []
    for n in root.iterfind(".//t:body//t:note[@type='speaker']", NS):
        printed = (n.text or "") + "".join(c.tail or "" for c in n)   # without <time> children
        printed = " ".join(printed.split())     # (a run of spaces inside is one: "The  Speaker")
        lab = _LABEL_ANGLE.sub(r"\1", printed.strip())
        undelimited = _LABEL_DELIM.sub("", lab)
        for opening, closing in _CLOSED_ONLY:
            if not opening.search(undelimited):   # "◆ 김동연>": a closing angle, "市長)": a bracket
                undelimited = closing.sub("", undelimited)
        colon = undelimited != lab and lab.rstrip().endswith((":", "："))
        lab = _LABEL_MARK.sub("", undelimited).strip()
        if not (colon and lab.startswith("(")):     # "(UNKNOWN):": the brackets are the label's
            lab = _LABEL_BRACKETS.sub(r"\1", lab).strip()
        head, _, last = lab.rpartition(" ")
        if head and last.casefold() in _speech_verbs():
            lab = head.rstrip()
        if lab not in labels:
            labels.append(lab)
    us = root.findall(".//t:body//t:u", NS)
    heads = [u for u in us if u.get("prev") is None and "#unlabelled" not in (u.get("ana") or "")]
    ana = lambda u: (u.get("ana") or "").split()  # noqa: E731
    return {
        # A label printed again inside the turn it continues (the same speaker's next cue,
        # in a caption format) is kept inside the u: the run of cues is one turn.
        "turns": len(root.xpath(".//t:body//t:note[@type='speaker'][not(ancestor::t:u)]",
                                namespaces=NS)),
        "utterances": len(heads),
        "labels": labels,
        "interpreted": sum("#interpreted" in ana(u) for u in us),
        "truncated": sum("#truncated" in ana(u) for u in us),
    }


def source_tokens(raw: str) -> Counter:
    """Word tokens of a raw transcript, after the documented normalisations."""
    text = raw.replace("\u00a0", " ").replace("\r\n", "\n")
    # Zero-width characters and soft hyphens are removed; fixed-width spaces are spaces.
    text = re.sub("[\u200b\u2060\ufeff\u00ad]", "", text)
    text = re.sub("[\u2007\u202f\u2009\u200a\u2002\u2003\u3000]", " ", text)
    # Control characters not allowed in XML become spaces.
    text = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]", " ", text)
    # C1 controls stand for cp1252 punctuation (the converter reads them so).
    text = re.sub("[\x80-\x9f]", lambda m: bytes([ord(m.group())]).decode("cp1252", "replace")
                  .replace("\ufffd", " "), text)
    text = _MD.sub(r"\1", text).replace("**:", ":").replace("**.", ".").replace("**", " ")
    return _without_table_bars(_tokens(_LEAD_CASELESS_LABEL.sub(r"\1 ", text)))


# A Markdown table's bars and the rule under its header row ("|---|---|") are markup,
# as "**" is: the converter reads a transcript kept as a table by its cells; so are a
# heading's marks ("### [00:01:02] Jane Smith", a label over its turn, the marks removed
# as the report says). They are left out on both sides.
_TABLE_MARKUP = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)*|\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?|#{1,6}")


def _without_table_bars(tokens: Counter) -> Counter:
    return Counter({t: n for t, n in tokens.items() if not _TABLE_MARKUP.fullmatch(t)})


def tei_tokens(tree: etree._ElementTree) -> Counter:
    """Word tokens of everything under TEI/text (same normalisation as the source)."""
    text = tree.getroot().find("t:text", NS)
    return text_tokens("".join(text.itertext()))


def text_tokens(text: str) -> Counter:
    """Word tokens of a text the converter wrote (an edition's, the TEI's)."""
    return _without_table_bars(_tokens(_MD.sub(r"\1", text).replace("**:", ":").replace("**.", ".").replace("**", " ")))


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def when_seconds(tree: etree._ElementTree) -> dict:
    """Each ``when`` of the timeline: id -> seconds since the origin."""
    return {w.get(XML_ID): float(w.get("interval", 0))
            for w in tree.getroot().iterfind(".//t:timeline/t:when", NS)}


def turn_groups(tree: etree._ElementTree) -> list:
    """Each turn of the transcript as [u, words of its speech, cues and events, words of its label]."""
    div = tree.getroot().find(".//t:body/t:div[@type='transcript']", NS)
    groups: list = []
    for child in div:
        if not isinstance(child.tag, str) or etree.QName(child).localname == "timeline":
            continue
        name = etree.QName(child).localname
        label = name == "note" and child.get("type") == "speaker"
        if label or not groups or (name == "u" and groups[-1][0] is not None):
            groups.append([None, 0, 0])
        if name == "u":
            groups[-1][0] = child
        groups[-1][2 if label else 1] += sum(_tokens("".join(child.itertext())).values())
    return groups


def cue_spans(tree: etree._ElementTree, blocks: list) -> list:
    """Pair each u with (its first cue's start, its last cue's end), by walking the cues' words.

    A cue the format gives a speaker (a VTT voice, a JSON or CSV speaker) does not
    print the label in its text; one without does (an SRT cue's ``Name:``).
    """
    spans, i = [], 0
    for u, words, label_words in turn_groups(tree):
        if i < len(blocks) and blocks[i].speaker is None:
            words += label_words
        taken, count = [], 0
        while count < words and i < len(blocks):
            count += sum(source_tokens(blocks[i].text).values())
            taken.append(blocks[i])
            i += 1
        assert taken and count == words, (u.get(XML_ID) if u is not None else None, count, words)
        spans.append((u, taken[0].start, taken[-1].end))
    assert i == len(blocks), f"{len(blocks) - i} cues left over"
    return spans


# Shared samples the reader tests use, by format.
S406 = "406_diarized-json-fairfax-city-council-work-session-2026-01-06.json"
S407 = "407_csv-asr-transcript-group-deliberation-3-speakers.csv"
S410 = "410_webvtt-voice-tags-buzzsprout-podcasting-qa-bonus.vtt"
S411 = "411_srt-speaker-names-virtual-coffee-podcast-s5e9.srt"
S412 = "412_pdf-fomc-meeting-transcript-1978-01-17.pdf"


def raw_sample(name: str) -> bytes:
    """The bytes of a shared raw sample (the test skips where ../shared is absent)."""
    from conftest import SAMPLES_RAW, need_shared
    return need_shared(SAMPLES_RAW / name).read_bytes()


def plain_is_caseless_name(label: str, max_chars: int = 12) -> bool:
    """labels.is_caseless_name as first written, which its fast paths are tested against:
    the abbreviation marks dropped, then every test in turn (a name of two to four spaced
    words may be twice as long; an office and its holder after a comma, each of two words
    or more, are each such a name)."""
    label = re.sub(r"(?<=\w)[\"״׳'](?=\w)", "", label.strip())
    if not label or not label[0].isalpha():
        return False
    parts = re.split(r"\s*[,،]\s+", label)
    if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts):
        return all(plain_is_caseless_name(p, max_chars) for p in parts)   # an office, its holder
    limit = 2 * max_chars if 2 <= len(label.split()) <= 4 else max_chars
    if sum(1 for c in label if unicodedata.category(c)[0] != "M") > limit:
        return False
    if any(c.lower() != c.upper() for c in label if c.isalpha()):
        return False
    return all(c.isalpha() or unicodedata.category(c)[0] == "M" or c in " ·・-‐'’" for c in label)



def refused_in_one_line(src, out, message: str) -> None:
    """``tei convert SRC -o OUT`` exits 1 with one stderr line matching ``message`` (a
    regex, after the file name and its colon), nothing on stdout and nothing written."""
    from click.testing import CliRunner

    from tei_corpus.cli import cli

    res = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out), "-q"],
                             catch_exceptions=False)
    assert res.exit_code == 1 and res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert re.fullmatch(rf"{re.escape(str(src))}:{message}", lines[0]), lines[0]
    assert not out.exists() or [p.name for p in out.iterdir()] == [".tei-written"]
