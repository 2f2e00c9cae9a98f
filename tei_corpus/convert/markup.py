"""Inline markup of a paragraph: events, cues, timestamps, foreign phrases.

Works on the paragraph's text and returns a list of items (plain strings and
:class:`~tei_corpus.convert.model.Inline`). Concatenating the items' text
gives back the paragraph's text exactly.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat

from .model import Inline
from .profile import EventRule, Profile

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
def language_code(name: str) -> str:
    """Return the BCP 47 code of a language named in English ("" if unknown; the names are
    data: ``languages/groups/names.toml``)."""
    from .languages import language_name_codes

    return language_name_codes().get(name.strip().casefold(), "")


@lru_cache(maxsize=None)
def _script_lang(ch: str) -> tuple[str, str, str] | None:
    """The language, its name and the script of a letter of a script that tells a language;
    None for Latin, and for punctuation, which scripts share (the Devanagari danda "।" ends a
    Bengali sentence too)."""
    if ord(ch) < 0x370 or unicodedata.category(ch)[0] == "P":
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
    cue = _cue(whole.strip(), profile)
    if cue is not None:
        return Inline(cue[0], whole, cue[1], cue[2])
    if _TIMESTAMP.match(text):
        return Inline("time", whole)
    words = text.split()
    # A parenthesised aside is not a stage direction: those are short, and
    # capitalised when in round brackets.
    if paren and len(words) > 3 and not text[0].isupper():
        return None
    # A long one counts only when it opens with the event's word
    # ("(Beifall CDU, BÜNDNIS 90/DIE GRÜNEN, SPD, Freie Demokraten und DIE LINKE)").
    rule = first_event(_TRAILING_TS.sub("", text), profile, anchored=len(words) > 8)
    return Inline(rule.element, whole, rule.type) if rule is not None else None


def _cue(whole: str, profile: Profile) -> tuple | None:
    """Return (kind, type, lang) of an interpreter, language or cut-off cue, or None."""
    rules = _rules(profile)
    if _any_matches(rules.interpreter, whole, "fullmatch"):
        return "delivery", "interpreter", ""
    for pat in rules.language:
        m = pat.fullmatch(whole)
        if m:
            if "lang" in m.groupdict() and (code := language_code(m.group("lang"))):
                return "delivery", "language", code
    if _any_matches(rules.cutoff, whole, "fullmatch"):
        return "incident", "interruption", ""
    return None


def first_event(text: str, profile: Profile, anchored: bool = False) -> EventRule | None:
    """Return the first of the profile's event rules found in ``text`` (at its start
    when ``anchored``), or None."""
    rules = _rules(profile)
    how = "match" if anchored else "search"
    if rules.events[1] is not None and getattr(rules.events[1], how)(text) is None:
        return None                     # none of them is: one search says so
    for rule in rules.events[0]:
        if getattr(rule.pattern, how)(text):
            return rule
    return None


@dataclass(frozen=True)
class _Rules:
    """A profile's event rules and cues, each once, in order, with (patterns, one
    pattern matching where any of them does, or None)."""

    events: tuple           # ((EventRule, ...), pattern)
    interpreter: tuple
    language: tuple         # patterns (each is tried: its group says the language)
    cutoff: tuple


def _rules(profile: Profile) -> _Rules:
    """Return the profile's :class:`_Rules`, made once per profile.

    A rule or cue repeated later (a pack's and the profile's own) is never the
    first to match, so leaving it out changes no answer.
    """
    hit = profile.memo.get(("inline rules",))
    if hit is None or hit[0] is not profile.events:
        events = tuple(_once(profile.events, lambda r: (r.pattern, r.element, r.type)))
        rules = _Rules(events=(events, _any_of([r.pattern for r in events])),
                       interpreter=_patterns_and_any(profile.interpreter_cues),
                       language=tuple(_once(profile.language_cues, lambda p: p)),
                       cutoff=_patterns_and_any(profile.cutoff_cues))
        hit = profile.memo[("inline rules",)] = (profile.events, rules)
    return hit[1]


def _once(items, key) -> list:
    """The items in order, each key's first only."""
    seen: set = set()
    out = []
    for it in items:
        if key(it) not in seen:
            seen.add(key(it))
            out.append(it)
    return out


def _patterns_and_any(patterns) -> tuple:
    once = tuple(_once(patterns, lambda p: p))
    return once, _any_of(once)


def _any_of(patterns) -> re.Pattern | None:
    """One pattern that matches (searches, fully matches) where any of ``patterns``
    does; None when they cannot be joined (groups, differing flags, comments)."""
    if not patterns or len({p.flags for p in patterns}) > 1 or any(p.groups for p in patterns) \
            or patterns[0].flags & re.VERBOSE:
        return None
    try:        # (a pattern opening with its own flags cannot be joined: an error)
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:
        return None


def _any_matches(found: tuple, text: str, how: str) -> bool:
    """Whether any of the patterns ``found`` (from :func:`_patterns_and_any`) matches ``text``."""
    patterns, joined = found
    if joined is not None:
        return getattr(joined, how)(text) is not None
    return any(getattr(p, how)(text) for p in patterns)


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
        rule = first_event(head, profile)    # "Exit music: Electro swing", "Beifall bei der SPD"
        if rule is not None:
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
    if "**" not in text:
        return None
    m = _MARKER.match(text.strip())
    if not m or m.group("word").strip().lower().rstrip(".") not in profile.not_labels:
        return None
    rule = first_event(m.group("word"), profile)
    if rule is not None:
        return Inline(rule.element, text.strip(), rule.type)
    return Inline("incident", text.strip(), "other")


def mark_events(text: str, profile: Profile) -> list:
    """Split ``text`` into strings and Inline events/cues/timestamps."""
    marker = paragraph_marker(text, profile) if "**" in text else None
    if marker is not None:
        return [marker]
    if "(" not in text and "[" not in text and "（" not in text:
        return [text] if text else []       # nothing bracketed
    items: list = []
    pos = 0
    for m in _BRACKETED.finditer(text):
        inner = m.group(m.lastgroup)
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
    voc = _vocabulary(stopwords, main, None)
    if voc is not None and not voc.may_hold_sentence(*voc.letter_runs(text)):
        return []
    return _sentences_in(text, stopwords, main)


def _sentences_in(text: str, stopwords: dict, main: str) -> list:
    """:func:`foreign_sentences`, each sentence looked at."""
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


@dataclass(frozen=True)
class _Vocabulary:
    """The words :func:`mark_foreign` looks for, counted on a text's runs of letters first.

    A foreign sentence has three words that are function words of another
    language, a known phrase has its letters. With the text lower-cased and every
    character in none of those words made a space, each such word stands alone
    (a function word with an apostrophe is counted where it is printed): when
    too few are there, what they would be found in is not there either.
    """

    table: bytes            # Latin-1 characters that are in none of the words made spaces
    plain: frozenset        # the other languages' function words of letters only (Latin-1)
    quoted: tuple           # the other languages' function words with an apostrophe
    phrase_runs: frozenset | None   # the longest run of letters of each phrase, lower-cased
                                    # (Latin-1); None: a phrase in ASCII has none
    wide: tuple             # the largest character of each phrase (not ASCII) with no run
                            # in Latin-1: a text holding none of them holds none of those
    any_quoted: re.Pattern | None   # found where one of the ``quoted`` words is (None: none)

    def letter_runs(self, text: str) -> tuple[str, list]:
        """Return the text lower-cased (’ as ') and its runs of the words' letters."""
        low = text.lower().replace("’", "'")
        return low, low.encode("latin-1", "replace").translate(self.table).split()

    def may_hold_sentence(self, low: str, runs: list) -> bool:
        """False when :func:`foreign_sentences` cannot find a sentence in the text."""
        if self.plain.isdisjoint(runs):
            found = 0
        else:
            found = sum(map(self.plain.__contains__, runs))
        if found >= 3 or not self.quoted or found + low.count("'") < 3 \
                or self.any_quoted.search(low) is None:
            return found >= 3           # (too few apostrophes, or none of the words that need one)
        return found + sum(map(low.count, self.quoted)) >= 3

    def may_hold_phrase(self, text: str, runs: list) -> bool:
        """False when the lexicon's pattern cannot match in the text."""
        if self.phrase_runs is None:
            return True
        return not self.phrase_runs.isdisjoint(runs) \
            or not text.isascii() and any(map(text.__contains__, self.wide))


_VOCABULARIES: dict = {}
_NO_WORDS: dict = {}


def _vocabulary(stopwords: dict, main: str, lexicon: tuple | None) -> _Vocabulary | None:
    """Return the :class:`_Vocabulary` of the languages but ``main`` and of the
    lexicon, made once per table, language and lexicon; None when a function
    word is not written in Latin-1 (nothing is counted first)."""
    key = (id(stopwords), main, id(lexicon))
    hit = _VOCABULARIES.get(key)
    if hit is None or hit[0] is not stopwords or hit[1] is not lexicon:
        words = {w for code, ws in stopwords.items() if code != main for w in ws}
        voc = None
        if all(max(w, default="") <= "\xff" for w in words):
            plain = {w for w in words if w.isalpha()}
            runs, wide = _phrase_runs(lexicon[1] if lexicon else {})
            keep = {ord(c) for w in plain | (runs or set()) for c in w}
            quoted = tuple(sorted(w for w in words if "'" in w))
            voc = _Vocabulary(bytes(c if c in keep else 32 for c in range(256)),
                              frozenset(w.encode("latin-1") for w in plain), quoted,
                              None if runs is None else frozenset(r.encode("latin-1") for r in runs),
                              wide, _apostrophe_pattern(quoted))
        hit = _VOCABULARIES[key] = (stopwords, lexicon, voc)
    return hit[2]


def _apostrophe_pattern(words: tuple) -> re.Pattern | None:
    """One pattern found at the apostrophe of each of ``words`` where it is printed.

    Each word is looked for from its first apostrophe, what comes before it looked
    behind: the search skips at once from one apostrophe of the text to the next.
    """
    if not words:
        return None
    alts = []
    for w in words:
        before, _, after = w.partition("'")
        alts.append("(?<=" + re.escape(before + "'") + ")" + re.escape(after))
    return re.compile("'(?:" + "|".join(alts) + ")")


_LETTERS = re.compile(r"[^\W\d_]+")


def _phrase_runs(phrases) -> tuple[set | None, tuple]:
    """Return the longest run of letters of each phrase, lower-cased and in Latin-1,
    and the largest character of each phrase (not in ASCII) that has none; None for
    the runs when a phrase in ASCII has none.

    The lexicon's pattern matches its phrases as they are printed: a text without
    a phrase's largest character does not hold it.
    """
    runs, wide = set(), set()
    for ph in phrases:
        found = [r for r in _LETTERS.findall(ph.lower()) if r.isalpha() and max(r) <= "\xff"]
        if found:
            runs.add(max(found, key=len))
        elif ph.isascii():
            return None, ()
        else:
            wide.add(max(ph))
    return runs, tuple(sorted(wide))


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
    voc = _vocabulary(stopwords or _NO_WORDS, main, lexicon)
    for it in items:
        if not isinstance(it, str):
            out.append(it)
            continue
        spans = _foreign_spans(it, voc, lexicon, stopwords, main)
        spans = _script_spans(it, spans, main, scripts)
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


def _foreign_spans(text: str, voc, lexicon, stopwords: dict | None, main: str) -> list:
    """Return (start, end, lang) of the text's foreign sentences and known phrases."""
    low, runs = voc.letter_runs(text) if voc is not None else ("", None)
    spans = _sentences_in(text, stopwords, main) \
        if stopwords and (voc is None or voc.may_hold_sentence(low, runs)) else []
    if lexicon and (voc is None or voc.may_hold_phrase(text, runs)):
        pattern, langs = lexicon
        for m in pattern.finditer(text):
            if langs[m.group(0)] != main and \
                    not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), langs[m.group(0)]))
    return spans


def _script_spans(text: str, spans: list, main: str, scripts: frozenset) -> list:
    """Add to ``spans`` the runs of another script (with the spaces and hyphens inside them)."""
    if text.isascii() or not _NON_LATIN.search(text):
        return spans
    lang = main.split("-")[0]
    found = spans[:]
    for start, end, (code, _, iso) in _script_runs(text):
        if code != lang and iso not in scripts and not any(s < end and start < e for s, e, _ in found):
            spans.append((start, end, code))
    return spans


# A stretch of characters :func:`_script_lang` may place, a lone space or hyphen inside it.
_STRETCH = re.compile("[^\u0000-\u036f](?:[ -]?[^\u0000-\u036f])*")


def _script_runs(text: str) -> list:
    """Return [start, end, script] of each run of one script: its characters, and
    a lone space or hyphen between two of them.

    Each stretch is written as its characters' script marks (:class:`_ScriptMarks`):
    a run is one script's mark repeated, a lone space or hyphen between two of them.
    """
    runs: list = []
    for m in _STRETCH.finditer(text):
        start = m.start()
        for r in _MARK_RUN.finditer(m.group().translate(_SCRIPT_MARKS)):
            runs.append([start + r.start(), start + r.end(), _SCRIPT_OF_MARK[r.group(1)]])
    return runs


# A letter for each script :func:`_script_lang` tells.
_SCRIPT_OF_MARK = {chr(ord("A") + i): (code, lname, iso)
                   for i, (_, code, lname, iso) in enumerate(_SCRIPTS)}
_MARK_OF_SCRIPT = {sl: mark for mark, sl in _SCRIPT_OF_MARK.items()}
# A run of one script's mark, a lone space or hyphen inside.
_MARK_RUN = re.compile(r"([A-Z])\1*(?:[ -]\1+)*")


class _ScriptMarks(dict):
    """A translation table: each character to its script's mark (:data:`_SCRIPT_OF_MARK`),
    a space and a hyphen to themselves, any other character to "." (filled in as met)."""

    def __missing__(self, code: int) -> str:
        sl = _script_lang(chr(code))
        mark = self[code] = "." if sl is None else _MARK_OF_SCRIPT[sl]
        return mark


_SCRIPT_MARKS = _ScriptMarks({ord(" "): " ", ord("-"): "-"})


def compile_lexicon(entries: dict) -> tuple | None:
    """Compile ``{lang: [phrase, ...]}`` into one pattern (longest phrase first)
    and a phrase -> language map."""
    langs = {ph: code for code, phrases in entries.items() for ph in phrases}
    if not langs:
        return None
    if not all(langs):
        alts = "|".join(re.escape(ph) for ph in sorted(langs, key=len, reverse=True))
        return re.compile(r"(?<![\w’'])(?:" + alts + r")(?![\w’'])"), langs
    # The phrases grouped by their first letter, which is matched first: the search
    # skips at once to where a phrase may start, and only there looks behind.
    by_first: dict = {}
    for ph in sorted(langs, key=len, reverse=True):
        by_first.setdefault(ph[0], []).append(ph[1:])
    alts = "|".join(re.escape(c) + r"(?<![\w’']" + re.escape(c) + r")(?:"
                    + "|".join(map(re.escape, rests)) + ")" for c, rests in by_first.items())
    return re.compile(r"(?:" + alts + r")(?![\w’'])"), langs
