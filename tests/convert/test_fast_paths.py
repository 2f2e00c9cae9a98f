"""The converter's shortcuts give what the plain rules they stand for give (hypothesis).

Each shortcut narrows where a rule is tried (a whole-text search for where a
label may be glued, the characters without which a line holds no label, the
characters a cut-off end is made of, a pattern without its leading word
boundary, the characters normalised in one pass, one search for all the
surnames, function words between spaces);
each is compared with the rule tried everywhere, on text made of the pieces
that make the rule matter.
"""
from __future__ import annotations

import re

from convert_helpers import plain_is_caseless_name
from hypothesis import example, given, settings, strategies as st

from tei_corpus.convert.labels import _TIME, is_caseless_name, label_items, label_marks, match_line
from tei_corpus.convert.languages import list_languages, load_language
from tei_corpus.convert.markup import (_SENTENCE, _TOKEN, _apostrophe_pattern, _cue, _own_words,
                                       _script_lang, _script_spans, compile_lexicon, first_event,
                                       foreign_sentences, language_code, mark_foreign)
from tei_corpus.convert.model import Inline
from tei_corpus.convert.pipeline import _CUT_END, _ends_cut, _quick_test, _shipped
from tei_corpus.convert.read import normalise
from tei_corpus.convert.segment import _GLUE_BEFORE, _maybe_glued, _run_on_matches, trie_pattern
from tei_corpus.convert.speakers import _matches_at, _surname_starts

FORMS = ["M. le président.", "SMITH:", "**Jones:**", "Mr. Smith:", "M. le", "Q. Ms. Lee:", "x*y"]
GLUE = st.lists(st.sampled_from(FORMS + [". ", "! ", ") ", "] ", "- ", "—", "–", " ", "\t", "\u2028",
                                         "» ", "…", "word", "x"]), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(words=st.sets(st.text(min_size=1, max_size=6), min_size=1, max_size=8),
       other=st.text(max_size=6))
def test_the_factored_pattern_matches_exactly_its_words(words, other):
    pattern = re.compile(trie_pattern(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert bool(pattern.fullmatch(other)) == (other in words)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(GLUE, min_size=1, max_size=6), forms=st.sets(st.sampled_from(FORMS), min_size=1))
def test_every_line_with_a_glued_label_is_among_those_searched(lines, forms):
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    glued = re.compile(_GLUE_BEFORE + r"(?=(?:" + alts + r")\s+\S)")
    numbered = list(enumerate(lines, 1))
    cut = {i for i, text in enumerate(lines) if len(glued.split(text)) > 1}
    assert cut <= _maybe_glued(numbered, forms)


LABEL_PIECES = st.lists(st.sampled_from([
    "SMITH", "Mr. Smith", "Jane Lee", "Q", "A", "Speaker 1", "THE COURT", "hello there", "(m)", ":", "：",
    ":-", "*", "**", " - ", " — ", "–", "(", ")", "[", "]", ". ", " ", "  ", "0:03", "[00:01:02]",
    ">> ", "# ", "- ", "Anf. 2 ", "...", "M. le président.", "CL", "▲", "【", "】", "記者"]),
    max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(line=LABEL_PIECES, para_start=st.booleans())
@example(line="Jane Lee - hello there", para_start=True)
@example(line="(Jane Lee) hello there", para_start=True)
@example(line="CL          Hello there", para_start=True)
@example(line="▲Jane Lee : hello there", para_start=True)
@example(line="【記者】hello there", para_start=True)
def test_a_line_without_a_profiles_label_marks_holds_none_of_its_labels(line, para_start):
    for prof in _shipped("en"):
        marks = label_marks(prof)
        if marks is not None and not marks.search(line):
            assert match_line(line, prof, para_start) is None, prof.name


ENDS = st.lists(st.sampled_from(["word", "x.", " ", "\t", "\n", "\u2028", "\xa0", "…", ".", "..", "—", "–",
                                 "-", "--", "‐", '"', "”", "’", "'", "?"]), max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=ENDS)
@example(text="and then —  ”.")
@example(text="so...")
def test_a_cut_off_end_is_found_where_the_search_of_the_whole_text_finds_it(text):
    assert _ends_cut(text) == bool(_CUT_END.search(text))


CHAIR_PATTERNS = [pat for code, _ in list_languages() for pat in load_language(code).self_chair]
CHAIR_TEXT = st.lists(st.sampled_from([
    "I'm", "I am", "i’m", "your", "the", "host", "moderator", "chair", "person", "ich bin", "Ihr",
    "Moderator", "je suis", "votre", "animatrice", "soy", "la", "moderadora", " ", "x", "_", "-", "'"]),
    max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=CHAIR_TEXT)
@example(text="I'm your host")
@example(text="xI'm your host")
def test_a_pattern_is_searched_only_where_it_is_without_its_word_boundary(text):
    for pat in CHAIR_PATTERNS:
        quick = _quick_test(pat)
        assert bool((quick is None or quick.search(text)) and pat.search(text)) == bool(pat.search(text))


ODD = st.lists(st.sampled_from(["word", " ", "\t", "\r", "\n", "\r\n", "\f", "\xa0", "\u202f", "\u3000",
                                "\u200b", "\u00ad", "\ufeff", "\x84", "\x93", "\x96", "\x81", "\x00",
                                "\x0b", "\x1f", "\x7f", "\uffff", "\u200d", "é", "…", ":", "：",
                                "\n:\n", "Name\n :\n"]),
               max_size=12).map("".join)


def plain_normalise(text: str) -> tuple[str, list]:
    """The rule: each kind of character searched for and replaced in turn."""
    notes = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("Line ends were normalised to LF.")
    text = text.replace("\f", "\n")
    spaces = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"
    if any(c in text for c in spaces):
        notes.append("Non-breaking and fixed-width spaces were replaced by ordinary spaces.")
    text = re.sub("[\t" + spaces + "]", " ", text)
    if re.search("[\u200b\u2060\ufeff\u00ad]", text):
        notes.append("Zero-width characters and soft hyphens were removed.")
        text = re.sub("[\u200b\u2060\ufeff\u00ad]", "", text)
    if re.search("[\x80-\x9f]", text):
        def cp1252(m):
            try:
                return bytes([ord(m.group())]).decode("cp1252")
            except UnicodeDecodeError:
                return " "
        text = re.sub("[\x80-\x9f]", cp1252, text)
        notes.append("C1 control characters were read as the cp1252 punctuation they stand "
                     "for (U+0096 as an en dash).")
    if re.search("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]", text):
        text = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]", " ", text)
        notes.append("Control characters not allowed in XML were replaced by spaces.")
    lone = r"(?<=\S)[ \t]*\n[ \t]*([:：])[ \t]*\n"
    if re.search(lone, text):
        text = re.sub(lone, r" \1\n", text)
        notes.append("A colon printed on a line of its own was joined to the line before it.")
    return text, notes


@settings(max_examples=400, deadline=None)
@given(text=ODD)
@example(text="a\tb\x96c\u200bd\x01")
@example(text="Name\n :\nword")
def test_the_characters_normalised_in_one_pass_are_those_each_search_replaces(text):
    notes: list = []
    assert (normalise(text, notes), notes) == plain_normalise(text)


NAMES = st.lists(st.sampled_from(["Smith", "SMITH", "smith-Jones", "O'Brien", "Brien", "Lee", "Leeds",
                                  " ", "-", "'", ". ", "Ab-ab-ab", "Ab-ab", "John ", "Wen-li", "ſmith"]),
                 max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(NAMES, min_size=1, max_size=3),
       surnames=st.lists(st.sampled_from(["Smith", "Brien", "O'Brien", "Lee", "Ab-ab", "Wen"]),
                         min_size=1, max_size=4))
def test_surnames_searched_once_are_found_where_each_search_finds_them(texts, surnames):
    starts = _surname_starts(surnames, texts)
    for surname in surnames:
        sur = re.escape(surname)
        for pattern in (re.compile(rf"(?i)\b{sur}\b"), re.compile(rf"\b{sur}\s+([A-Z][a-z]+-[a-z]+)\b")):
            for text, at in zip(texts, starts):
                assert [m.span() for m in _matches_at(pattern, text, at)] == \
                    [m.span() for m in pattern.finditer(text)]


STOP = {"en": frozenset("the and of to a i you is it don't we".split()),
        "fr": frozenset("le la les et de un une je est pas".split()),
        "el": frozenset("τους και το".split())}
SENTENCES = st.lists(st.sampled_from(sorted(set().union(*STOP.values())) + [
    "The", "AND", "Le", "DON'T", "don’t", "ΤΟΥΣ", "Και", "cat", "chien", "İs", "Σ", " ", " ", ". ", "! ",
    ", ", ".’ ", "’", "\t", "\xa0", ") "]), max_size=40).map("".join)


def plain_foreign_sentences(text: str, stopwords: dict, main: str) -> list:
    """The rule: every sentence split into words, and their languages counted."""
    own = _own_words(stopwords, main)
    spans = []
    for m in _SENTENCE.finditer(text):
        words = " ".join(_TOKEN.findall(m.group(0))).lower().replace("’", "'").split(" ")
        if len(words) < 4 or len(own.intersection(words)) > 1:
            continue
        counts = {code: sum(w in ws for w in words) for code, ws in stopwords.items()}
        if counts[main] > 1:
            continue
        best, score = "", 0
        for code in stopwords:
            if code != main and counts[code] > score:
                best, score = code, counts[code]
        if score >= 3 and score * 3 >= len(words):
            s = m.group(0)
            spans.append((m.start() + len(s) - len(s.lstrip()), m.end() - len(s) + len(s.rstrip()), best))
    return spans


# Function words all in Latin-1: a text is counted before it is split into sentences.
LATIN = {"en": frozenset("the and of to you is it don't".split()),
         "fr": frozenset("le la et très où c'est qu'il".split()),
         "de": frozenset("für die und daß".split())}
LATIN_SENTENCES = st.lists(st.sampled_from(sorted(set().union(*LATIN.values())) + [
    "LA", "Très", "TRÈS", "C’EST", "qu’il", "FÜR", "DAẞ", "cat", "İ", "\u212a", "²", "_", "1", " ", " ",
    ". ", "! ", ", ", "—", "’", "'", "é", "中", "\xa0", ") "]), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=LATIN_SENTENCES, main=st.sampled_from(sorted(LATIN)))
@example(text="la la la et", main="en")
@example(text="Très—la—et—le chat", main="en")
@example(text="c’est c'est qu’il, the cat", main="en")
def test_texts_passed_over_hold_no_foreign_sentence(text, main):
    assert foreign_sentences(text, LATIN, main) == plain_foreign_sentences(text, LATIN, main)


@settings(max_examples=400, deadline=None)
@given(text=SENTENCES, main=st.sampled_from(sorted(STOP)))
@example(text="Le chien et la the chat. And you?", main="en")    # one own word: still looked at
@example(text="Le chien et la chatte is the cat. ", main="en")            # two: passed over
@example(text="Και το ΤΟΥΣ και τους la. ", main="fr")
def test_foreign_sentences_are_those_the_plain_rule_finds(text, main):
    assert foreign_sentences(text, STOP, main) == plain_foreign_sentences(text, STOP, main)


PHRASES = {"fr": ["Merci", "S'il vous plaît", "Mesdames et messieurs"], "es": ["De nada", "Señor"],
           "zh": ["Nǐ hǎo"], "en": ["Thank you"]}
PHRASE_TEXT = st.lists(st.sampled_from(sorted(p for ps in PHRASES.values() for p in ps) + [
    "MERCI", "merci", "nada", "Merci2", "_Merci", "xMerci", "señor", "SEÑOR", "S’il", "vous", "plaît",
    "hǎo", " ", " ", ". ", "'", "’", "-", "é", "\xa0", "İ", "la la la et", "the cat"]), max_size=20).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=PHRASE_TEXT, main=st.sampled_from(["en", "fr"]))
@example(text="Nǐ hǎo, Señor. S'il vous plaît", main="en")
def test_phrases_are_those_the_pattern_finds_everywhere(text, main):
    pattern, langs = lexicon = compile_lexicon(PHRASES)
    items, pos = [], 0
    for m in pattern.finditer(text):
        if langs[m.group(0)] != main:
            items += [text[pos:m.start()]] if m.start() > pos else []
            items.append(Inline("foreign", m.group(0), lang=langs[m.group(0)]))
            pos = m.end()
    items += [text[pos:]] if pos < len(text) else []
    assert mark_foreign([text], lexicon, None, main) == (items if pos else [text])


SCRIPTED = st.lists(st.sampled_from(["中文", "中", "한국어", "ひらがな", "カナ", "Русский", "Ελληνικά", " ", "-", " - ",
                                     "  ", "，", "—", "a", "é", "ǎ", "\u0370", "\U0001F600"]), max_size=16).map("".join)


def plain_script_runs(text: str, main: str, scripts: frozenset) -> list:
    """The rule: from each character of a script, its run (one space or hyphen inside)."""
    spans, i = [], 0
    while i < len(text):
        sl = _script_lang(text[i])
        j = i + 1
        if sl:
            while j < len(text) and (_script_lang(text[j]) == sl or (
                    text[j] in " -" and j + 1 < len(text) and _script_lang(text[j + 1]) == sl)):
                j += 1
            if sl[0] != main and sl[2] not in scripts:
                spans.append((i, j, sl[0]))
        i = j
    return spans


@settings(max_examples=400, deadline=None)
@given(text=SCRIPTED, main=st.sampled_from(["en", "zh", "ru"]), scripts=st.sampled_from([frozenset(), {"Hani"}]))
@example(text="中 中-中  中", main="en", scripts=frozenset())
def test_runs_of_other_scripts_are_those_found_from_each_character(text, main, scripts):
    assert _script_spans(text, [], main, scripts) == plain_script_runs(text, main, scripts)


CUES = st.lists(st.sampled_from(["(", ")", "[", "]", "Laughter", "laughs", "applause", "Beifall", "inaudible",
                                 "via interpreter", "through an interpreter", "speaks", "in", "Spanish", "Klingon",
                                 "interrupted", "cut off", "crosstalk", "00:12", "music", "Zuruf", " ", ". ",
                                 "the", "and", "[interrupted]", "[cut off]", "end", "sobs", "exits", "Heiterkeit",
                                 "Lachen", "Unruhe"]), max_size=10).map("".join)


def plain_first_event(text: str, profile, anchored: bool):
    for rule in profile.events:
        if rule.pattern.match(text) if anchored else rule.pattern.search(text):
            return rule
    return None


def plain_cue(whole: str, profile):
    if any(p.fullmatch(whole) for p in profile.interpreter_cues):
        return "delivery", "interpreter", ""
    for pat in profile.language_cues:
        m = pat.fullmatch(whole)
        if m:
            if "lang" in m.groupdict() and (code := language_code(m.group("lang"))):
                return "delivery", "language", code
    if any(p.fullmatch(whole) for p in profile.cutoff_cues):
        return "incident", "interruption", ""
    return None


@settings(max_examples=300, deadline=None)
@given(text=CUES, which=st.integers(0, 40), anchored=st.booleans())
@example(text="(Laughter)", which=0, anchored=False)
@example(text="(via interpreter)", which=0, anchored=False)
@example(text="[cut off]", which=0, anchored=False)
@example(text="the end", which=0, anchored=False)
def test_the_first_event_and_cue_are_those_each_rule_tried_in_order_finds(text, which, anchored):
    profiles = _shipped("de")
    profile = profiles[which % len(profiles)]
    assert first_event(text, profile, anchored) == plain_first_event(text, profile, anchored)
    assert _cue(text, profile) == plain_cue(text, profile)


CASELESS = st.lists(st.sampled_from(["主席", "鄧家彪", "議員", "קובי", "בוזו", "היו\"ר", "עו״ד", "माननीय", "अय",
                                     "Smith", "é", "ß", "\u0345", "ⓐ", "1", " ", "·", "-", "'", '"', ":"]),
                    max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(label=CASELESS)
@example(label="עו״ד")
@example(label="主席\u0345")
def test_a_caseless_name_is_told_as_the_rule_tells_it(label):
    assert is_caseless_name(label) == plain_is_caseless_name(label)


RUN_ON = re.compile(r"(?:(?<=[.!?;;…)\]»”])\s*|^\s*)"
                    r"(?P<label>[^\W\d_][\w.'’\-]*(?: [\w.'’\-]+){0,4}(?: \([^()]{1,60}\))?)"
                    r"(?P<delim>\s+[-–—]|\s*:)\s")
RUN_ON_TEXT = st.lists(st.sampled_from(["BAŞKAN", "MUSTAFA ELİTAŞ", "(Kayseri)", "Ana", " - ", " – ", ": ", ":",
                                        ". ", "! ", ") ", "; ", "…", " ", "  ", "\t", "word", "x.", "7", "-"]),
                       max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=RUN_ON_TEXT)
@example(text="BAŞKAN - Ana. MUSTAFA ELİTAŞ (Kayseri) - word. BAŞKAN - x")
@example(text=" BAŞKAN: x. Ana: word")
def test_labels_in_a_run_on_line_are_found_where_the_one_search_finds_them(text):
    spans = [(m.start("label"), m.group("label"), m.group("delim")) for m in _run_on_matches(text)]
    assert spans == [(m.start("label"), m.group("label"), m.group("delim")) for m in RUN_ON.finditer(text)]


def plain_label_items(raw: str) -> list:
    """The rule: every printed time in the label found, the text between kept."""
    items, pos = [], 0
    for m in _TIME.finditer(raw):
        items += [raw[pos:m.start()]] if m.start() > pos else []
        items.append(Inline("time", m.group()))
        pos = m.end()
    return items + ([raw[pos:]] if pos < len(raw) else [])


TIMED_LABELS = st.lists(st.sampled_from(["SMITH", "Speaker 1", ":", " ", "(", ")", "[", "]", "0", "12", "7",
                                         "٣", ":3", "00:01:02", "0:03", ".5", ",", "a", "**"]),
                        max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(raw=TIMED_LABELS)
@example(raw="SMITH [00:01:02]:")
@example(raw="٣:٤٥ Speaker 1:")
def test_a_labels_printed_times_are_those_the_search_of_the_whole_label_finds(raw):
    assert label_items(raw) == plain_label_items(raw)


QUOTE_PART = st.lists(st.sampled_from(["c", "d", "qu", "l", "est", "un", "une", "'", "’", ".", "+", "(", " ",
                                       "x"]), max_size=3).map("".join)
QUOTED = st.tuples(QUOTE_PART, QUOTE_PART).map("'".join)     # a word with an apostrophe


@settings(max_examples=400, deadline=None)
@given(words=st.lists(QUOTED, min_size=1, max_size=5),
       text=st.lists(st.sampled_from(["c'est", "d'une", "qu'il", "'", "c", "d", "un", "est", " ", "x", "+",
                                      "("]), max_size=12).map("".join))
@example(words=["d'un", "d'une"], text="qu'une d'u")
@example(words=["''"], text="'''")
def test_a_word_with_an_apostrophe_is_found_from_its_apostrophe_where_it_is_printed(words, text):
    assert (_apostrophe_pattern(tuple(words)).search(text) is not None) == any(w in text for w in words)
