"""Inline markup of a paragraph: events, cues, timestamps, foreign phrases.

Works on the paragraph's text and returns a list of items (plain strings and
:class:`~tei_corpus.convert.model.Inline`). Concatenating the items' text
gives back the paragraph's text exactly.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import chain, repeat

from .model import Inline
from .profile import Profile

# A bracketed stretch: round brackets (one level of nesting, for a party in an
# interjection), square brackets, or full-width round brackets.
_BRACKETED = re.compile(r"\((?P<p>(?:[^()\n]|\([^()\n]{0,80}\)){1,400})\)|\[(?P<b>[^\[\]\n]{1,100})\]"
                        r"|（(?P<fp>[^（）\n]{1,200})）")
# Parts of an interjection block: "(Beifall bei der SPD – Zuruf von der AfD: Unsinn!)".
_PART_SEP = re.compile(r"\s+[–—-]\s+")
# A part that quotes what someone called out: "Zuruf von der AfD: Unsinn!",
# "Christiane Böhm (DIE LINKE): Sie wussten doch ...", "郭文贵先生：是的".
_CALLED_OUT = re.compile(r"^(?P<who>[^:：]{1,80}?)\s*[:：]\s*(?P<words>\S.*)$", re.S)
_TIMESTAMP = re.compile(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?\s*$")
_TRAILING_TS = re.compile(r"\s+(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?\s*$")

# Scripts that tell a foreign phrase in a Latin-script transcript: the word in the
# characters' Unicode names, the language a run of them is taken for, its name, and
# the script's ISO 15924 code.
_NON_LATIN = re.compile("[^\u0000-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]")
# The characters :func:`_script_lang` may place in a script (it places none below U+0370).
_MAYBE_SCRIPT = re.compile("[^\u0000-\u036f]")
_SCRIPTS = [
    ("HANGUL", "ko", "Korean", "Hang"), ("HIRAGANA", "ja", "Japanese", "Hira"),
    ("KATAKANA", "ja", "Japanese", "Kana"), ("CJK", "zh", "Chinese", "Hani"),
    ("CYRILLIC", "ru", "Russian", "Cyrl"), ("GREEK", "el", "Greek", "Grek"),
    ("ARABIC", "ar", "Arabic", "Arab"), ("HEBREW", "he", "Hebrew", "Hebr"),
    ("DEVANAGARI", "hi", "Hindi", "Deva"), ("THAI", "th", "Thai", "Thai"),
]
# ISO 15924 codes that name several scripts: Japanese writes Han and both kana,
# Korean Hangul and Han (hanja); Simplified and Traditional Chinese are Han.
_SCRIPT_PARTS = {"Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"),
                 "Hans": ("Hani",), "Hant": ("Hani",)}


def own_scripts(scripts) -> frozenset:
    """Return the ISO 15924 codes a language writes, composite codes (``Jpan``) expanded."""
    return frozenset(chain.from_iterable(_SCRIPT_PARTS.get(s, (s,)) for s in scripts))
LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "de": "German", "it": "Italian",
    "pt": "Portuguese", "ko": "Korean", "ja": "Japanese", "zh": "Chinese", "ru": "Russian",
    "el": "Greek", "ar": "Arabic", "he": "Hebrew", "hi": "Hindi", "th": "Thai",
    "uk": "Ukrainian", "pl": "Polish", "nl": "Dutch", "la": "Latin", "tr": "Turkish",
    "fa": "Persian", "vi": "Vietnamese", "id": "Indonesian", "sv": "Swedish",
    "da": "Danish", "fi": "Finnish",
}
_NAME_TO_CODE = {v.lower(): k for k, v in LANGUAGE_NAMES.items()}
_NAME_TO_CODE.update({"mandarin": "zh", "cantonese": "yue", "farsi": "fa", "hindi": "hi"})


def language_code(name: str) -> str:
    """Return the BCP 47 code of a language named in English ("" if unknown)."""
    return _NAME_TO_CODE.get(name.strip().lower(), "")


@lru_cache(maxsize=None)
def _script_lang(ch: str) -> tuple[str, str, str] | None:
    if ord(ch) < 0x370:
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for key, code, lname, iso in _SCRIPTS:
        if key in name:
            return code, lname, iso
    return None


def classify_bracketed(inner: str, whole: str, profile: Profile, paren: bool) -> Inline | None:
    """Return the Inline for a bracketed stage direction or cue, or None."""
    text = inner.strip()
    if not text:
        return None
    for pat in profile.interpreter_cues:
        if pat.fullmatch(whole.strip()):
            return Inline("delivery", whole, "interpreter")
    for pat in profile.language_cues:
        m = pat.fullmatch(whole.strip())
        if m:
            code = language_code(m.group("lang")) if "lang" in m.groupdict() else ""
            if code or m.group("lang").lower() in _NAME_TO_CODE:
                return Inline("delivery", whole, "language", code)
    for pat in profile.cutoff_cues:
        if pat.fullmatch(whole.strip()):
            return Inline("incident", whole, "interruption")
    if _TIMESTAMP.match(text):
        return Inline("time", whole)
    words = text.split()
    # A parenthesised aside is not a stage direction: those are short, and
    # capitalised when in round brackets.
    if paren and len(words) > 3 and not text[0].isupper():
        return None
    core = _TRAILING_TS.sub("", text)
    for rule in profile.events:
        # A long one counts only when it opens with the event's word
        # ("(Beifall CDU, BÜNDNIS 90/DIE GRÜNEN, SPD, Freie Demokraten und DIE LINKE)").
        if (rule.pattern.search(core) if len(words) <= 8 else rule.pattern.match(core)):
            return Inline(rule.element, whole, rule.type)
    return None


def classify_interjections(inner: str, whole: str, profile: Profile) -> list | None:
    """Return the events of a parliamentary interjection block, or None.

    The block is split at its dashes into parts; every part must be an event
    the profile knows (applause, laughter...) or words called out by someone
    (``Zuruf: ...``, ``Name (Party): ...``), which become ``vocal`` of type
    ``interruption`` (as ParlaMint encodes them). The descs partition the
    printed block exactly, brackets and dashes included, so nothing is lost.
    """
    pieces = _PART_SEP.split(inner)
    seps = _PART_SEP.findall(inner)
    events = []
    for piece in pieces:
        ev = _part_event(piece.strip(), profile)
        if ev is None:
            return None
        events.append(ev)
    if len(events) == 1 and events[0][1] != "interruption":
        return None            # a single event: classify_bracketed's business
    open_, close = whole[: len(whole) - len(whole.lstrip())] + whole.lstrip()[0], whole.rstrip()[-1]
    texts = [open_ + pieces[0]] + [sep + p for sep, p in zip(seps, pieces[1:])]
    texts[-1] += close
    return [Inline(el, t, typ) for (el, typ), t in zip(events, texts)]


def _part_event(part: str, profile: Profile) -> tuple[str, str] | None:
    m = _CALLED_OUT.match(part)
    head = m.group("who").strip() if m else part
    if m and not (head[:1].isalpha() and len(head.split()) <= 8):
        return None                     # "(00:47): ..." is a time, not someone calling out
    if len(head.split()) <= 8:
        for rule in profile.events:     # "Exit music: Electro swing", "Beifall bei der SPD"
            if rule.pattern.search(head):
                return rule.element, rule.type
    if m and head.lower().rstrip(".") not in profile.not_labels:
        return "vocal", "interruption"
    return None


_MARKER = re.compile(r"^\*\*(?P<word>[^*]{1,40})\*\*\s*:?\s*(?P<rest>(?:\\?\[[\d:.,]+\\?\])?)\s*$")


def paragraph_marker(text: str, profile: Profile) -> Inline | None:
    """Return an event for a paragraph that is only a bold marker (``**Break**: [55:30]``).

    Such markers (ad breaks, segment changes) look like labels but are not
    speech: they become an incident (or the event their word names).
    """
    m = _MARKER.match(text.strip())
    if not m or m.group("word").strip().lower().rstrip(".") not in profile.not_labels:
        return None
    for rule in profile.events:
        if rule.pattern.search(m.group("word")):
            return Inline(rule.element, text.strip(), rule.type)
    return Inline("incident", text.strip(), "other")


def mark_events(text: str, profile: Profile) -> list:
    """Split ``text`` into strings and Inline events/cues/timestamps."""
    marker = paragraph_marker(text, profile)
    if marker is not None:
        return [marker]
    items: list = []
    pos = 0
    for m in _BRACKETED.finditer(text):
        inner = next(g for g in m.group("p", "b", "fp") if g is not None)
        found = classify_interjections(inner, m.group(0), profile) if m.group("b") is None else None
        if found is None:
            inline = classify_bracketed(inner, m.group(0), profile, m.group("b") is None)
            found = [inline] if inline is not None else None
        if found is None:
            continue
        if m.start() > pos:
            items.append(text[pos:m.start()])
        items.extend(found)
        pos = m.end()
    if pos < len(text):
        items.append(text[pos:])
    return items


_SENTENCE = re.compile(r"[^.!?]+[.!?]*[\"”’')\]]*")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def foreign_sentences(text: str, stopwords: dict, main: str = "en") -> list:
    """Return (start, end, lang) of whole sentences written in another language.

    Args:
        stopwords: {lang: frozenset of function words}; ``main`` is the
            transcript's own language.
    """
    spans = []
    index = _word_languages(stopwords)
    own = _own_words(stopwords, main)
    plain = _plain_words(own)
    for m in _SENTENCE.finditer(text):
        if len(plain.intersection(m.group(0).lower().split(" "))) > 1:
            continue            # two function words of the main language between spaces
        tokens = _TOKEN.findall(m.group(0))
        if len(tokens) < 4:
            continue
        words = " ".join(tokens).lower().replace("’", "'").split(" ")
        if len(own.intersection(words)) > 1:
            continue            # two function words of the main language (most sentences)
        counts = Counter(chain.from_iterable(map(index.get, words, repeat(()))))
        if counts.get(main, 0) > 1:
            continue
        best, score = "", 0
        for code in stopwords:          # the packs' order breaks ties
            n = counts.get(code, 0)
            if code != main and n > score:
                best, score = code, n
        if score >= 3 and score * 3 >= len(words):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
            spans.append((start, end, best))
    return spans


@lru_cache(maxsize=64)
def _plain_words(own: frozenset) -> frozenset:
    """The function words that are one word each as :data:`_TOKEN` reads words.

    Such a word printed between spaces in a sentence is one of its words: two
    of them pass the sentence over before it is split into words.
    """
    return frozenset(w for w in own if _TOKEN.fullmatch(w))


_WORD_LANGS: dict = {}


def _word_languages(stopwords: dict) -> dict:
    """Return {function word: languages whose function word it is}, made once per table."""
    hit = _WORD_LANGS.get(id(stopwords))
    if hit is None or hit[0] is not stopwords:
        index: dict = {}
        for code, words in stopwords.items():
            for w in words:
                index.setdefault(w, []).append(code)
        hit = _WORD_LANGS[id(stopwords)] = (stopwords, {w: tuple(c) for w, c in index.items()})
    return hit[1]


_OWN_WORDS: dict = {}


def _own_words(stopwords: dict, main: str) -> frozenset:
    """Return the function words that count for ``main``, made once per table and language."""
    key = (id(stopwords), main)
    hit = _OWN_WORDS.get(key)
    if hit is None or hit[0] is not stopwords:
        own = frozenset(w for w, codes in _word_languages(stopwords).items() if main in codes)
        hit = _OWN_WORDS[key] = (stopwords, own)
    return hit[1]


def mark_foreign(items: list, lexicon: list, stopwords: dict | None = None,
                 main: str = "en", scripts: frozenset = frozenset()) -> list:
    """Mark foreign phrases in the string items: sentences, known phrases, other scripts.

    Foreign is relative to ``main``: nothing in the main language is marked, and
    no run of a script the main language writes (Han in a Japanese transcript).

    Args:
        lexicon: (pattern, phrase -> language) from :func:`compile_lexicon`.
        stopwords: function words per language (see :func:`foreign_sentences`).
        main: the transcript's own language.
        scripts: the ISO 15924 codes of its scripts (see :func:`own_scripts`).
    """
    out: list = []
    for it in items:
        if not isinstance(it, str):
            out.append(it)
            continue
        spans = list(foreign_sentences(it, stopwords, main)) if stopwords else []
        if lexicon:
            pattern, langs = lexicon
            for m in pattern.finditer(it):
                if langs[m.group(0)] != main and \
                        not any(s < m.end() and m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), langs[m.group(0)]))
        # Runs of another script (with the spaces and hyphens inside them).
        i = 0 if _NON_LATIN.search(it) else len(it)
        while i < len(it):
            sl = _script_lang(it[i])
            if sl:
                j = i + 1
                while j < len(it) and (_script_lang(it[j]) == sl or
                                       (it[j] in " -" and j + 1 < len(it) and _script_lang(it[j + 1]) == sl)):
                    j += 1
                if sl[0] != main.split("-")[0] and sl[2] not in scripts \
                        and not any(s < j and i < e for s, e, _ in spans):
                    spans.append((i, j, sl[0]))
                i = j
            else:
                nxt = _MAYBE_SCRIPT.search(it, i + 1)
                i = nxt.start() if nxt else len(it)
        if not spans:
            out.append(it)
            continue
        spans.sort()
        pos = 0
        for s, e, code in spans:
            if s > pos:
                out.append(it[pos:s])
            out.append(Inline("foreign", it[s:e], lang=code))
            pos = e
        if pos < len(it):
            out.append(it[pos:])
    return out


def compile_lexicon(entries: dict) -> tuple | None:
    """Compile ``{lang: [phrase, ...]}`` into one pattern (longest phrase first)
    and a phrase -> language map."""
    langs = {ph: code for code, phrases in entries.items() for ph in phrases}
    if not langs:
        return None
    alts = "|".join(re.escape(ph) for ph in sorted(langs, key=len, reverse=True))
    # The phrases' first letters, looked ahead for first: most positions fail there,
    # before the lookbehind and the alternatives are tried.
    firsts = "".join(re.escape(c) for c in sorted({ph[0] for ph in langs if ph}))
    ahead = r"(?=[" + firsts + r"])" if all(langs) else ""
    return re.compile(ahead + r"(?<![\w’'])(?:" + alts + r")(?![\w’'])"), langs
