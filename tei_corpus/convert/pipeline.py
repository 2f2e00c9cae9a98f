"""Raw bytes to a Transcript: read, segment, mark up, attribute."""
from __future__ import annotations

import dataclasses
import hashlib
import datetime
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath

from ..errors import ConfigError
from .labels import Taught, document_vocabulary, label_items, label_key
from .layout import (restore_inline_line_numbers, set_apart_line_numbers, set_apart_link_rows,
                     set_apart_table_cells)
from .language import detect_language
from .markup import compile_lexicon, mark_events, mark_foreign, own_scripts
from .model import Block, Inline, Paragraph, Participant, Recording, Transcript, Turn
from .languages import (language_names, load_language, macrolanguages, merged_vocabulary, shipped_codes,
                        unpacked_scripts)
from .profile import LABEL_KINDS, Profile, load_profile, profiles_dir, shipped_profiles, with_language
from .read import decode, html_to_text, normalise, render_markdown_html, split_front_matter
from .readers import block_warnings, kept_apart, misnamed_captions, read_blocks
from .report import Report
from .segment import (LabelTable, Para, detect_mode, label_table, score, scoring_sample, segment,
                      join_wrapped_labels, run_on_qa_letters, split_glued_labels,
                      split_run_on_labels)
from .registry import apply_registry, rows_for_labels
from .speakers import derive_participants, slug
from .times import anchor_inner_times, place_times

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD_END = re.compile(r"\*\*?(\s*):$")
_ITALICS = re.compile(r"(?<!\*)\*[^*]")
_EMPHASIS_TAG = re.compile(r"</?(?i:u|b|strong|em|i)>")     # ("<u>Jane Smith:</u>")
_LIST_BULLET = re.compile(r"^\s*[*+\-•]\s+(?=[*_])")
# Underscores of Markdown emphasis around a label: at its start, at its end, before its colon.
_UNDERSCORES = re.compile(r"^_{1,2}|_{1,2}(?=\s*:)|_{1,2}$")
# A stage direction in italic brackets between a bold label and its colon: "_(vejde):_".
_ITALIC_DIRECTION = re.compile(r"_(\([^()]*\)):?_:?$")
_MD_ESCAPE = re.compile(r"\\([\[\]*_#`()\\])")
_CUT_END = re.compile(r"(?:…|\.{2,}|—|–|--?|‐)\s*[\"”’']?\s*\.?\s*$")
_CONT_START = re.compile(r"^\s*(?:…|\.{2,}|—|–|--?)?\s*[a-z]|^\s*(?:…|\.{2,}|—|–|--?)\s*\S")
_SPACES = re.compile(r" {2,}")


@lru_cache(maxsize=1)
def _foreign_data() -> tuple:
    with open(profiles_dir() / "_foreign.toml", "rb") as fh:
        data = tomllib.load(fh)
    stop = {k: frozenset(v) for k, v in data.get("stopwords", {}).items()}
    return compile_lexicon(data.get("foreign", {})), stop


@lru_cache(maxsize=64)
def _foreign_tables(lang: str) -> tuple:
    """(lexicon or None, function words per language or None) to mark foreign phrases in ``lang``.

    A sentence is foreign only where the document's own function words are known
    (the table's, else its language pack's small words): without them nothing tells
    a sentence of a language close to another (Galician and Spanish) from a foreign
    one. The lexicon lists phrases unmistakably not English: it is looked for in
    English documents only ("Por favor" is Portuguese and Galician too).
    """
    lexicon, stopwords = _foreign_data()
    code = (lang or "en").split("-")[0].lower()
    if code not in stopwords:
        own = load_language(code).small_words if code in shipped_codes() else frozenset()
        stopwords = {**stopwords, code: frozenset(own)} if own else None
    return (lexicon if code == "en" else None), stopwords


@lru_cache(maxsize=64)
def _shipped(lang: str, taught: Taught = Taught(), packs: tuple = ()) -> tuple:
    pack = _pack_with(lang, taught, packs)
    return tuple(with_language(p, pack) for p in shipped_profiles())


@lru_cache(maxsize=64)
def _pack_with(lang: str, taught: Taught = Taught(), packs: tuple = ()):
    """The language's vocabulary and what the document taught (see :class:`Taught`)."""
    pack = language_pack(lang, packs)
    if not taught:
        return pack
    return dataclasses.replace(
        pack, honorifics=pack.honorifics | taught.honorifics,
        period_labels=pack.period_labels + taught.label_patterns(),
        qa_letters=pack.qa_letters | {c.lower() for c in taught.letters},
        sources=pack.sources + ("the document: " + ", ".join(taught.words()),),
        taught=taught.listed())


@lru_cache(maxsize=64)
def language_pack(lang: str, packs: tuple = ()):
    """The vocabulary for a document in ``lang``: its pack and English, or English alone;
    for a document in several ("nl+fr"), their packs and English. A user's pack among
    ``packs`` (TOML paths, see :func:`user_packs`) stands for its language's shipped one,
    which it extends, or gives a language with none its vocabulary; it is read once a run."""
    shipped, users, codes = shipped_codes(), user_packs(packs), []
    for tag in (lang or "en").split("+"):
        code = tag.split("-")[0].lower()
        if code not in shipped and code not in users:
            code = macrolanguages().get(code, code)     # Cantonese (yue) is read with Chinese
        if (code in shipped or code in users) and code != "en" and code not in codes:
            codes.append(code)
    return merged_vocabulary([p for c in codes + ["en"] for p in users.get(c, [c])])


def user_packs(packs: tuple) -> dict:
    """A language's primary code -> the user's pack files for it (``--lang-pack``), in the
    order given.

    Raises:
        ConfigError: a file cannot be read or is no valid language pack (one line naming
            the file and the key).
    """
    users: dict = {}
    for path in packs:
        users.setdefault(load_language(path).code.split("-")[0].lower(), []).append(str(path))
    return users


_PACKS_READ: dict = {}        # a user's pack file -> the hash of the bytes it was read from


def forget_edited_packs(packs: tuple) -> None:
    """Forget the vocabularies made from a user's pack that was edited since it was read, so
    a process that converts on (a worker from build to build, a notebook) reads it again."""
    stamps = {path: hashlib.sha256(Path(path).read_bytes()).digest() for path in packs}
    if any(_PACKS_READ.get(path, stamp) != stamp for path, stamp in stamps.items()):
        for cached in (language_pack, _pack_with, _shipped):
            cached.cache_clear()
    _PACKS_READ.update(stamps)


@lru_cache(maxsize=64)
def _scripts(lang: str) -> frozenset:
    """The scripts a document in ``lang`` is written in (no run of them is foreign): its
    pack's, or for a language without one those of ``languages/groups/scripts.toml``."""
    primary = lang.split("-")[0]
    if primary not in shipped_codes() and (listed := unpacked_scripts().get(primary)):
        return own_scripts(listed)
    return own_scripts(language_pack(lang).scripts)


def _name_stem(name: str) -> str:
    """Return a file name without folder, extension and numbering prefix.

    A numbering prefix (``000_``, ``12. ``, ``01-``) is dropped when a word
    follows it; a date at the start of the name (``2023-01-10``) is kept whole.
    """
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.replace("\\", "/").rsplit("/", 1)[-1])
    if re.match(r"\d{4}-\d{2}(?:-\d{2})?(?!\d)", stem):
        return stem
    return re.sub(r"^\d+(?:[_.\s]+|-)(?=[^\W\d_])", "", stem) or stem


def doc_id_from_name(name: str) -> str:
    """Return the document id for a source file name (see :func:`_name_stem`).

    Ids are XML names: one that would start with a digit starts with ``doc-``.
    """
    text = slug(_name_stem(name))
    return "doc-" + text[2:] if text.startswith("p-") else text


def find_date(lines: list, pack) -> tuple[str, str]:
    """Return (ISO date, printed text) of the first date in ``lines``, or ("", "").

    Dates are printed as the language pack's ``dates.patterns`` say, with its month
    names; in a line the leftmost date wins (the pack's first pattern at one place).
    """
    for _, text in lines:
        found = sorted((m.start(), i, m) for i, p in enumerate(pack.date_patterns)
                       for m in p.finditer(text))
        for _, _, m in found:
            try:
                y, mo, d = int(m.group("y")), pack.month_number(m.group("m")), int(m.group("d"))
                datetime.date(y, mo, d)
            except (ValueError, TypeError):
                continue
            return f"{y:04d}-{mo:02d}-{d:02d}", m.group(0)
    return "", ""


def _title_from_id(doc_id: str) -> str:
    """Make a readable title from a document id (dates kept whole)."""
    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", r"\1_\2_\3", doc_id)
    words = [w.replace("_", "-") for w in text.split("-") if w]
    return " ".join(w if w.isdigit() or "-" in w else w.capitalize() for w in words)


# A line of prose, no heading: a full-width sentence end, a question in a script without
# spaces ("…的文件?"), or two sentences (the first's end after a word, not an initial).
_SENTENCES = re.compile(r"[。？！]|[\u3040-\u9fff\uac00-\ud7af].*\?$|[^\W\d_]{3}[.?!]\s+\S.*[.?!]$")


def _heading(front: list, profile: Profile, pack) -> str:
    """Return the first heading-like line before the transcript ("" if none): a line of
    a few words, no link, no date alone; of a header field, the value of one naming the
    title (the language pack's ``title_fields``), no other."""
    for _, line in front:
        text = " ".join(line.split())
        words = text.split()
        if not 2 <= len(words) <= 15 or not any(c.isalpha() for c in text):
            continue
        if re.search(r"https?://|www\.", text) or any(p.search(text) for p in profile.boilerplate):
            continue
        printed = find_date([(0, text)], pack)[1]
        if printed and len(printed) >= len(text) - 12 or _SENTENCES.search(text):
            continue            # a date alone; a sentence of the prose ("…で開かれた。")
        field, colon, value = text.partition(":")
        if colon and label_key(field) in pack.not_labels | pack.title_fields:
            if label_key(field) not in pack.title_fields or not value.strip():
                continue        # a header field is no heading ("Source: …", "DATE: …")
            text = value.strip()            # "NÁZEV POŘADU: V pravé poledne": the value
            words = text.split()
        if text.isupper():
            text = " ".join(w if len(w) <= 3 and w.isalpha() and w not in ("THE", "AND", "OF")
                            else w.capitalize() for w in words)
        return text
    return ""


_ALNUM = re.compile(r"[a-z0-9]+")
# The title's words are looked up in the first this many characters of the text.
_SLUG_SEARCH_CHARS = 300_000


def _title_from_slug(url: str, text: str, small: frozenset = frozenset()) -> str:
    """Make a title from a URL's last segment, in the text's own spelling; ``small``
    words (the language packs' ``small_words``) stay lower case."""
    path = re.sub(r"[?#].*$", "", url).rstrip("/")
    last = path.rsplit("/", 1)[-1]
    last = re.sub(r"\.(?:html?|php|aspx?)$", "", last)
    tokens = [t for t in re.split(r"[-_]+", last) if t]
    if len(tokens) < 2:
        return ""
    # Use the document's own spelling of multi-word stretches where it has them.
    words = re.findall(r"[\w’'.\-]+", text[:_SLUG_SEARCH_CHARS])
    firsts = {t.lower() for t in tokens}
    starts = [i for i, w in enumerate(words)
              if (m := _ALNUM.search(w.lower())) is not None and m.group() in firsts]
    norm: dict = {}
    for n in (4, 3, 2, 1):
        for i in starts:
            if i + n > len(words):
                continue
            phrase = " ".join(words[i:i + n]).strip(".,")
            if phrase.isupper() or not phrase[:1].isupper():
                continue
            key = "-".join(t for t in re.split(r"[^a-z0-9]+", phrase.lower()) if t)
            norm.setdefault(key, phrase)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(5, len(tokens) - i), 1, -1):
            key = "-".join(tokens[i:i + n]).lower()
            if key in norm:
                out.append(norm[key])
                i += n
                break
        else:
            t = tokens[i]
            if t.lower() in small and out:
                out.append(t.lower())
            elif len(t) == 1 and t.isalpha() and 0 < i < len(tokens) - 1:
                out.append(t.upper() + ".")
            else:
                out.append(t[:1].upper() + t[1:])
            i += 1
    return " ".join(out)


def _para_items(p: Para, profile: Profile, lang: str = "en") -> Paragraph:
    """Turn a source paragraph's lines into inline items."""
    if p.heading:
        return Paragraph([Inline("heading", " ".join(t.strip() for _, t in p.lines))], p.line)
    items: list = []
    for run in _runs(p):
        if isinstance(run, str):
            items.extend(mark_events(run, profile))
        else:
            items.append(run)
    lexicon, stopwords = _foreign_tables(lang)
    items = mark_foreign(items, lexicon, stopwords, lang, _scripts(lang))
    return Paragraph(_merge_strings(items), p.line)


def _runs(p: Para) -> list:
    """Return the paragraph's lines joined into runs of text and the items between them.

    Events are found in runs of joined lines: a bracketed interjection may span
    a line break. Only a page number or an elision mark stands between runs, and
    the speaker's label printed again before them.
    """
    if p.repeated is None and "pagenum" not in p.joins and "elision" not in p.joins:
        lines = [line.strip() for _, line in p.lines]
        if all(lines):                  # (an empty line would leave two spaces between its neighbours)
            text = " ".join(lines)
            return [_SPACES.sub(" ", text) if "  " in text else text] if lines else []
    pieces: list = []
    if p.repeated is not None:          # the speaker's label printed again on the next cue
        pieces.append(Inline("label", p.repeated.raw))
        if p.lines[0][1].strip():       # (a label alone on its line: the next line's space)
            pieces.append(" ")
    for idx, (_, line) in enumerate(p.lines):
        text = _clean_line(line)
        join = p.joins[idx - 1] if idx > 0 and idx - 1 < len(p.joins) else None
        if join == "pagenum":
            pieces.append(" ")
            pieces.append(Inline("fw", text))
            continue
        if join == "elision":
            prev = pieces[-1] if pieces and isinstance(pieces[-1], str) else None
            if prev is not None:
                m = re.search(r"(…|\.\.\.)\s*$", prev)
                if m:
                    pieces[-1] = prev[: m.start()]
                    pieces.append(Inline("elision", m.group(1)))
            pieces.append(" ")
        elif idx > 0:
            pieces.append(" ")
        pieces.append(text)
    return _merge_strings(pieces, keep_empty=True)


def _clean_line(line: str) -> str:
    """A line stripped, its runs of spaces made one."""
    text = line.strip()
    return _SPACES.sub(" ", text) if "  " in text else text


def _merge_strings(items: list, keep_empty: bool = False) -> list:
    """Return the items with adjacent strings joined (and empty ones dropped, unless kept)."""
    if len(items) == 1 and (keep_empty or items[0] != ""):
        return items
    merged: list = []
    for it in items:
        if isinstance(it, str) and merged and isinstance(merged[-1], str):
            merged[-1] += it
        elif keep_empty or it != "":
            merged.append(it)
    return merged


def _trailing_text(t: Turn) -> tuple[str, str]:
    """Return what ends the turn's speech: ("text", s), ("gap", ""), ("cue", "") or ("other", "").

    Only the last item counts (an inline event after the words means the words
    were finished); delivery notes and page numbers are looked through, and a
    full stop or closing quote printed after an inaudible mark belongs to it.
    """
    for p in reversed(t.paragraphs):
        last = p.items[-1] if p.items else None
        if isinstance(last, str) and last.strip() and not _CLOSING_ONLY.fullmatch(last):
            return "text", last.rstrip()        # (the commonest end: words)
        end = _speech_end(p.items)
        if end is None:
            continue          # empty, or a timestamp standing as its own paragraph
        last, before = end
        if isinstance(last, str) and isinstance(before, Inline) and before.kind == "gap" \
                and _CLOSING_ONLY.fullmatch(last):
            last = before
        if isinstance(last, str):
            return "text", last.rstrip()
        if last.kind == "gap":
            return "gap", ""
        if last.kind == "incident" and last.type == "interruption":
            return "cue", ""
        if last.kind in ("foreign", "unclear", "elision"):
            return "text", last.text
        return "other", ""
    return "none", ""


_CLOSING_ONLY = re.compile(r"\s*[.\"”’']+\s*")


def _speech_end(items: list) -> tuple | None:
    """The last item of a paragraph's speech and the one before it (or None), or None.

    Blanks, delivery notes and page numbers are looked through; a paragraph
    holding nothing else but timestamps has no speech.
    """
    said = (it for it in reversed(items)
            if (it.strip() if isinstance(it, str) else it.kind not in ("delivery", "fw")))
    last = next(said, None)
    if last is None:
        return None
    before = next(said, None)
    if _is_time(last) and (before is None or (_is_time(before) and all(map(_is_time, said)))):
        return None
    return last, before


def _is_time(item) -> bool:
    return isinstance(item, Inline) and item.kind == "time"


def _first_text(t: Turn) -> str:
    for p in t.paragraphs:
        for it in p.items:
            if isinstance(it, str):
                if it.strip():
                    return it
            elif it.kind in ("foreign", "unclear"):
                return it.text
    return ""


def _build_turn(label, lineno: int, paras: list, profile: Profile, lang: str = "en") -> Turn:
    raw = label.raw
    if label.kind in ("md-bold", "bold") or label.kind == "phrase" and raw[:1] in "*_":
        bullet = _LIST_BULLET.match(raw)        # a list item's "*   **Name**:": the bullet stays
        head = bullet.group(0) if bullet else ""
        raw = head + _BOLD_END.sub(r"\1:", raw[len(head):]).replace("*", "")
        if paras and paras[0].lines and (d := _ITALIC_DIRECTION.search(raw)):
            # "**Sestra** _(vejde):_ …": the direction and the colon open the speech, the
            # label is the name
            raw = raw[:d.start()].rstrip()
            (no, first), *more = paras[0].lines
            paras = [dataclasses.replace(paras[0], lines=[(no, f"{d.group(1)}: {first}"), *more]),
                     *paras[1:]]
        if raw.startswith("_"):             # "__Name:__", "_Name_": the underscores' emphasis
            raw = _UNDERSCORES.sub("", raw)
        elif raw.startswith("<"):           # "<u>Name:</u>": an HTML tag of emphasis
            raw = _EMPHASIS_TAG.sub("", raw)
    if raw.startswith("#"):
        raw = _MD_HEADING.sub("", raw)
    t = Turn(label=label.label, label_raw=raw, line=lineno, label_parts=label_items(raw),
             unlabelled=label.kind == "mark")      # ">>": a new speaker, not named
    t.paragraphs = [_para_items(p, profile, lang) for p in paras]
    if t.paragraphs:
        _take_opening_cues(t)
    t.interpreted = bool(t.delivery) and any(d for d in t.delivery if _is_interp(d, profile)) \
        or _has_interpreter_cue(t)
    if t.interpreted:
        _mark_interpreted_paragraphs(t, profile, lang)
    # Events and headings standing as paragraphs after the speech sit between turns.
    if t.paragraphs and _between_turns(t.paragraphs[-1]) \
            and any(not p.is_event_only() and not p.is_heading() for p in t.paragraphs):
        while t.paragraphs and _between_turns(t.paragraphs[-1]):
            t.after.insert(0, t.paragraphs.pop())
    return t


def _between_turns(p: Paragraph) -> bool:
    """Whether the paragraph, ending a turn's speech, stands between turns."""
    return p.is_event_only() or p.is_heading()


def _take_opening_cues(t: Turn) -> None:
    """Cues printed right after the label belong to the turn as a whole."""
    first = t.paragraphs[0].items
    while first:
        it = first[0]
        if isinstance(it, str) and not it.strip():
            first.pop(0)
        elif isinstance(it, Inline) and it.kind == "delivery":
            t.delivery.append(it.text)
            first.pop(0)
        else:
            break
    if first and isinstance(first[0], str):
        first[0] = first[0].lstrip()
    if not first:
        t.paragraphs.pop(0)


def _has_interpreter_cue(t: Turn) -> bool:
    """Whether an interpreter cue is printed in the turn's speech."""
    for p in t.paragraphs:
        for it in p.items:
            if isinstance(it, Inline) and it.kind == "delivery" and it.type == "interpreter":
                return True
    return False


_WORD_CHAR = re.compile(r"\w")


def _lift_language(t: Turn) -> None:
    """A turn spoken wholly in one other language gets that language itself.

    Its foreign phrases become plain text and the language goes on the ``u``
    (foreign marks words in a language other than the surrounding text).
    """
    if t.interpreted or not t.paragraphs:
        return
    langs = set()
    for p in t.paragraphs:
        for it in p.items:
            if isinstance(it, str):
                if _WORD_CHAR.search(it):
                    return
            elif it.kind == "foreign":
                langs.add(it.lang)
            elif it.kind not in ("vocal", "kinesic", "incident", "gap", "pause", "time", "fw",
                                 "elision", "delivery"):
                return
    if len(langs) != 1:
        return
    t.lang = langs.pop()
    for p in t.paragraphs:
        p.items = [it.text if isinstance(it, Inline) and it.kind == "foreign" else it
                   for it in p.items]
        merged: list = []
        for it in p.items:
            if isinstance(it, str) and merged and isinstance(merged[-1], str):
                merged[-1] += it
            else:
                merged.append(it)
        p.items = merged


def _mark_interpreted_paragraphs(t: Turn, profile: Profile, lang: str) -> None:
    """Say which paragraphs of an interpreted turn are the interpreter's.

    An interpreter cue starts the interpreter's rendition; a cue that the
    speaker goes on in the transcript's own language ("(Speaks English.)")
    ends it. A paragraph with any words said under the interpreter is theirs.
    """
    state = any(_is_interp(d, profile) for d in t.delivery)
    for p in t.paragraphs:
        p.interpreted = False
        for it in p.items:
            if isinstance(it, Inline) and it.kind == "delivery":
                if it.type == "interpreter":
                    state = True
                elif it.type == "language" and it.lang == lang:
                    state = False
            elif state and re.search(r"\w", it if isinstance(it, str) else it.text):
                p.interpreted = True


def _is_interp(text: str, profile: Profile) -> bool:
    return any(p.fullmatch(text.strip()) for p in profile.interpreter_cues)


# The characters a cut-off end (_CUT_END) is made of, besides blanks.
_CUT_CHARS = frozenset("….—–-‐\"”’'")


def _ends_cut(text: str) -> bool:
    """The text ends cut off: a dash or an ellipsis, perhaps then a quote and a full stop.

    Only the run of the characters such an end is made of is searched.
    """
    start = len(text)
    while start and (text[start - 1] in _CUT_CHARS or text[start - 1].isspace()):
        start -= 1
    return _CUT_END.search(text, start) is not None


def _mark_interruptions(turns: list) -> None:
    """Mark, in one pass, the turns cut off and those that cut in, the interpreters'
    renditions, and the turns resumed after an interruption."""
    for i, t in enumerate(turns):
        _mark_truncated(t)
        if i == 0:
            continue
        prev = turns[i - 1]
        if prev.truncated_by in ("punctuation", "cue") and t.who != prev.who and not t.unlabelled:
            t.interrupting = True
            t.interrupting_cert = "medium" if prev.truncated_by == "punctuation" else ""
        # An interpreter's own turn renders the turn just before it: the two are
        # linked (DESIGN: original and rendition, two u linked by @corresp).
        if t.who == "interpreter" and prev.who and prev.who != "interpreter" and not t.unlabelled:
            t.corresp, prev.corresp = i - 1, i
        if i == 1:
            continue
        a = turns[i - 2]
        if (a.who and t.who == a.who and prev.who != a.who and a.truncated_by == "punctuation"
                and a.continued_by is None and _CONT_START.match(_first_text(t) or "")):
            a.continued_by, t.resumes = i, i - 2


def _mark_truncated(t: Turn) -> None:
    """A turn whose speech ends in an inaudible mark, an interruption cue or a dash is cut off."""
    kind, text = _trailing_text(t)
    if kind == "gap":
        t.truncated, t.truncated_by = True, "inaudible"
    elif kind == "cue":
        t.truncated, t.truncated_by = True, "cue"
    elif kind == "text" and _ends_cut(text):
        t.truncated, t.truncated_by = True, "punctuation"


def choose_profile(lines: list, profile: str | Profile, lang: str = "en", given: dict | None = None,
                   cues: bool = False, packs: tuple = ()) -> tuple[Profile, object, dict]:
    """Return (profile, segmentation, scores); ``profile`` "auto" scores every shipped one.

    Every profile is read with the vocabulary of the document's language
    (its language pack, or the user's among ``packs``, and English, the shared fallback).
    """
    sample = scoring_sample(lines)
    taught = document_vocabulary((t for _, t in sample), language_pack(lang, packs).honorifics)
    pack = _pack_with(lang, taught, packs)
    if not given:
        lines = split_run_on_labels(lines, pack.honorifics) \
            or join_wrapped_labels(lines, _shipped(lang, taught, packs)[0]) or lines
    if isinstance(profile, Profile):
        prof = with_language(profile, pack)
        return (*_segment_with_glued_labels(lines, prof, given, cues), {})
    if profile != "auto":
        prof = with_language(load_profile(profile), pack)
        return (*_segment_with_glued_labels(lines, prof, given, cues), {})
    table = label_table(scoring_sample(lines), detect_mode(lines))
    table.cues = cues
    best = None
    scores = {}
    for prof in _shipped(lang, taught, packs):
        value, primary = score(table, prof)
        scores[prof.name] = round(value, 2)
        # Ties go to a grammar of label kinds before a pattern-only one, then to
        # the one with fewer kinds (the more specific house style).
        key = (round(value, 6), primary, bool(prof.kinds), -len(prof.kinds))
        if best is None or key > best[0]:
            best = (key, prof)
    prof = _extend_grammar(table, best[1], best[0][0])
    if prof is not best[1]:
        scores[prof.name] = round(score(table, prof)[0], 2)
    return (*_segment_with_glued_labels(lines, prof, given, cues), scores)


def _segment_with_glued_labels(lines: list, prof: Profile, given: dict | None = None,
                               cues: bool = False):
    """Segment; where the labels found also begin mid-line, split those lines and segment
    again (with the profile, which an examination's letters run on extend: see
    :func:`run_on_qa_letters`)."""
    memo: dict = {}
    seg = segment(lines, prof, given, memo, cues)
    if given:
        return prof, seg                # a structured format's lines are its own
    qa = run_on_qa_letters(lines, prof.qa_letters)
    if qa and "q-bare" not in prof.kinds:     # an examination's letters run on: its shape too
        prof, memo = dataclasses.replace(prof, kinds=prof.kinds + ("q-bare",),
                                         name=f"{prof.name}+q-bare"), {}
    split = split_glued_labels(lines, seg, prof.period_labels if "period" in prof.kinds else (),
                               prof.honorifics, qa)
    return prof, (segment(split, prof, memo=memo, cues=cues) if split is not None else seg)


# A label shape joins the chosen grammar when it explains this many more
# turns by recurring labels (and at least this share of the score). Shapes
# without a delimiter (a capitalised line alone, a name before a dash) look
# like headings and prose: they lead a grammar or stay out of it.
_EXTEND_MIN, _EXTEND_SHARE = 3.0, 0.05
_NO_DELIMITER = ("caps-line", "dash")


def _extend_grammar(table: LabelTable, prof: Profile, value: float) -> Profile:
    """Add to the best profile the label shapes the document also uses.

    A document may mix shapes (a court record's ``THE COURT:`` and ``Q.``; a
    podcast's ``**Name:**`` and ``Q:``): each shape the profile lacks is tried,
    greedily, and kept when it explains clearly more of the document.
    """
    if value <= 0:
        return prof
    for kind in LABEL_KINDS:
        if kind in prof.kinds or kind in _NO_DELIMITER:
            continue
        trial = dataclasses.replace(prof, kinds=prof.kinds + (kind,), name=f"{prof.name}+{kind}")
        gained = score(table, trial)[0] - value
        if gained >= max(_EXTEND_MIN, _EXTEND_SHARE * value):
            prof, value = trial, value + gained
    return prof


_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _runner_up(scores: dict, chosen: str) -> list:
    """The best-scoring profile other than the chosen one (and what it extends)."""
    base = chosen.split("+", 1)[0]
    others = [(v, k) for k, v in scores.items() if k not in (chosen, base)]
    return [max(others)[1], max(others)[0]] if others else []


def _speech(seg) -> list[str]:
    """The speech of a segmentation (what language detection reads)."""
    paras = list(seg.pre) + [p for _, _, ps in seg.turns for p in ps]
    out = [t for p in paras for _, t in p.lines]
    if seg.turns:
        out.extend(lab.rest for lab, _, _ in seg.turns if lab.rest)
    return out


def check_date(date: str) -> None:
    """Raise ConfigError unless ``date`` is empty or a real ISO date (YYYY, YYYY-MM, YYYY-MM-DD)."""
    import datetime

    if not date:
        return
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
    try:
        if not m:
            raise ValueError
        datetime.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise ConfigError(f"date {date!r} is not a date like 2024-11-17") from None


def check_lang(lang: str) -> None:
    """Raise ConfigError unless ``lang`` is "auto" or a language tag like en, fr or pt-BR."""
    if lang == "auto":
        return
    if not _LANG_TAG.fullmatch(lang or ""):
        raise ConfigError(f"language {lang!r} is not a language tag like en, fr or pt-BR")


def check_time_offset(offset: float) -> None:
    """Raise ConfigError unless ``offset`` is a finite number of seconds, 0 or more."""
    import math

    if isinstance(offset, bool) or not isinstance(offset, (int, float)) \
            or not math.isfinite(offset) or offset < 0:
        raise ConfigError(f"time offset {offset!r} is not a number of seconds (0 or more)")


@dataclass(frozen=True)
class ConvertOptions:
    """What a conversion is asked to do, checked once when made.

    Raises:
        ConfigError: the date or the language tag is malformed.
    """

    profile: "str | Profile" = "auto"
    registry: list | None = None        # rows of a speaker registry (load_registry)
    date: str = ""                      # the event's date when the source does not say
    lang: str = "auto"                  # the main language, or "auto" to detect it
    doc_id: str = ""                    # the document id; by default from the file name
    encoding: str | None = None         # the source's encoding; by default detected
    time_offset: float = 0.0            # seconds added to every time (a tape not starting at 0)
    recording: Recording | None = None  # the media file the times refer to (see media.py)
    rel_path: str = ""                  # the source below the folder named (registry files globs)
    word_times: bool = False            # anchor every timed word, not only segment boundaries
    packs: tuple = ()                   # the user's language packs (TOML paths, --lang-pack)

    def __post_init__(self) -> None:
        check_date(self.date)
        check_lang(self.lang)
        check_time_offset(self.time_offset)
        object.__setattr__(self, "packs", tuple(str(p) for p in self.packs))
        user_packs(self.packs)          # a broken pack stops the run before any file is read
        forget_edited_packs(self.packs)


@dataclass
class Source:
    """A transcript's text as read: its lines, front matter and what reading changed."""

    lines: list                     # [(lineno, text)] after the front matter
    all_lines: list                 # every line of the normalised text
    front_matter: int               # how many lines of front matter
    meta: dict                      # the front matter's fields
    notes: list                     # normalisations, for editorialDecl
    warnings: list                  # for the report
    encoding: str
    html_title: str = ""
    text: str = ""
    given: dict | None = None       # line index -> speaker the format names (VTT voice, CSV column)
    furniture: list = None          # [(lineno, text)] page heads and numbers a reader set apart
    times: dict | None = None       # source line -> (start, end) in seconds (timed formats)
    words: dict | None = None       # source line -> ((word, start, end), ...) (ASR word times)


def build_transcript(data: bytes, name: str, opts: ConvertOptions = ConvertOptions()
                     ) -> tuple[Transcript, Report]:
    """Read raw bytes and build the transcript model and its report.

    Raises:
        InputError: the bytes are not a readable transcript.
        ConfigError: the profile cannot be used.
    """
    src = read_source(data, name, opts.encoding)
    guess = detect_language([t for _, t in src.lines], opts.lang, declared=_declared_language(src.meta))
    prof, seg, scores = choose_profile(src.lines, opts.profile, guess.vocabulary, src.given,
                                       cues=src.times is not None, packs=opts.packs)
    rep = start_report(name, src, prof, seg, scores, guess)
    tr = Transcript(doc_id=opts.doc_id or doc_id_from_name(name), lang=guess.lang,
                    profile=prof.name, source_name=name)
    front, back = set_outside_matter(tr, rep, src, seg)
    turns = make_turns(seg, prof, tr.lang, rep)
    timing = place_times(turns, seg, src.times, opts.time_offset)
    rep.times, tr.recording = timing.lines, opts.recording
    rep.recording = opts.recording.url if opts.recording else ""
    rep.warnings.extend(timing.warnings)
    set_title_and_url(tr, rep, src, front, back, prof, opts.packs)
    attribute_turns(tr, turns, prof, src, front, opts, rep)
    _mark_interruptions(turns)
    tr.turns = turns
    set_date(tr, rep, src.meta, opts.date, front, opts.packs)
    events, foreign = set_languages(tr)
    rep.times.extend(anchor_inner_times(turns, src.times, src.words, opts.time_offset,
                                        opts.word_times))
    tr.normalisations = editorial_notes(src.notes, seg, prof, tr)
    finish_report(rep, tr, seg, events, foreign)
    return tr, rep


def read_source(data: bytes, name: str, encoding: str | None = None) -> Source:
    """Read a source: through its format's reader, or as text (see :func:`read_text`)."""
    blocks = read_blocks(data, name)
    if blocks is not None:
        return source_from_blocks(blocks, name)
    src = read_text(data, name, encoding)
    if (misnamed := misnamed_captions(data, name)) is not None:
        src.warnings.insert(0, misnamed)
    return src


def source_from_blocks(blocks: list, name: str) -> Source:
    """Lines from a reader's blocks: one paragraph per cue, segment, row or paragraph.

    A PDF's blocks are its lines (no blank line between them); page heads and
    numbers the reader marked as furniture are set apart. Where the format names
    the speaker, a new speaker's first block carries a given label; blocks by the
    same speaker in a row are one turn.
    """
    notes: list = []
    lines, given, furniture, times, words = [], {}, [], {}, {}
    by_line = PurePath(name).suffix.lower() == ".pdf"
    for b, key in zip(blocks, block_keys(blocks)):
        text = normalise(b.text, notes)
        if "furniture" in b.style:
            furniture.append((key, text.strip()))
            continue
        if b.speaker is not None:       # the segmenter merges a speaker's cues in a row
            given[len(lines) + (0 if by_line or not lines else 1)] = b.speaker
        if lines and not by_line:
            lines.append((key, ""))
        lines.extend((key, t) for t in text.split("\n"))
        if b.start is not None or b.end is not None:
            times[key] = (b.start, b.end)
        if b.words:
            words[key] = tuple((normalise(w, []), s, e) for w, s, e in b.words)
    notes.append(f"The source was read by the {PurePath(name).suffix.lower()[1:].upper()} "
                 f"reader: one paragraph per {'line' if by_line else 'cue, segment or row'}.")
    if furniture:
        notes.append(f"{kept_apart(name)} were set apart in back matter.")
    declared = Counter(b.lang for b in blocks if b.lang).most_common(1)
    meta = {"language": declared[0][0]} if declared else {}
    return Source(lines, [t for _, t in lines], 0, meta, notes, block_warnings(blocks, name),
                  PurePath(name).suffix.lower()[1:],
                  given=given or None, furniture=furniture, times=times or None,
                  words=words or None)


def block_keys(blocks: list) -> list[int]:
    """The line each block is known by in the pipeline: its own, unless an earlier block has it.

    Blocks that share a source line (a JSON file written on one line, as Whisper
    writes it) are numbered on from the highest line used, so that each keeps its
    own times; a block on a line of its own keeps its line, for messages.
    """
    keys, used, top = [], set(), 0
    for b in blocks:
        key = b.line if b.line not in used else top + 1
        used.add(key)
        top = max(top, key)
        keys.append(key)
    return keys


def read_text(data: bytes, name: str, encoding: str | None = None) -> Source:
    """Decode, extract an HTML page's text, normalise, and split off front matter."""
    dec = decode(data, name, encoding)
    notes = list(dec.notes)
    text, html_title, given = dec.text, "", {}
    if dec.html:
        text, html_title, given = html_to_text(text, name)
        html_title = " ".join(normalise(html_title, []).split())   # no control characters
        notes.append("The source was an HTML page: its text was extracted, markup, scripts "
                     "and styles were dropped.")
    elif PurePath(name).suffix.lower() in (".md", ".markdown") and \
            (page := render_markdown_html(text)) is not None:
        text, _, given = page
        notes.append("The Markdown file's body is HTML blocks: they were read as the page shows "
                     "them, markup dropped.")
    text = normalise(text, notes)
    if _MD_ESCAPE.search(text) and ("\\[" in text or "\\]" in text or "**" in text):
        # (a backslash's own escape stays as printed: unescaped, one of the two were lost)
        text = _MD_ESCAPE.sub(lambda m: m[0] if m[1] == "\\" else m[1], text)
        notes.append("Markdown backslash escapes were removed.")
    all_lines = text.split("\n")
    if all_lines and all_lines[-1] == "":
        all_lines.pop()
    fm_len, meta = split_front_matter(all_lines)
    lines = list(enumerate(all_lines[fm_len:], fm_len + 1))
    restored = restore_inline_line_numbers(lines, notes)
    lines, furniture = set_apart_line_numbers(restored or lines, notes, None if restored else text)
    warnings = list(dec.warnings)
    if any(n.startswith("Control characters") for n in notes):
        warnings.append("control characters (not allowed in XML) were replaced by spaces")
    given = {i - fm_len: speaker for i, speaker in given.items() if i >= fm_len}
    if not given:
        lines, given, cells = set_apart_table_cells(lines, notes)
        furniture = sorted(furniture + cells, key=lambda f: f[0])    # (stable: a line's order kept)
    if not given:
        lines, given, rows = set_apart_link_rows(lines, notes)
        furniture = sorted(furniture + rows, key=lambda f: f[0])
    return Source(lines, all_lines, fm_len, meta, notes, warnings, dec.encoding, html_title, text,
                  given=given or None, furniture=furniture or None)


def _declared_language(meta: dict) -> str:
    """The language the source declares: its reader's, or its front matter's ``lang``."""
    for key in ("language", "lang", "xml:lang"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            return meta[key].strip()
    return ""


def start_report(name: str, src: Source, prof: Profile, seg, scores: dict, guess) -> Report:
    """Begin the report: how the text was read, the grammar chosen, the language."""
    rep = Report(source=name, encoding=src.encoding, profile=prof.name,
                 profile_scores=scores, mode=seg.mode, language=guess.lang,
                 language_how=guess.how + (f", p={guess.probability:.2f}"
                                           if guess.how not in ("given", "declared") else "")
                 + (f"; labels also read with the {', '.join(guess.also)} vocabulary" if guess.also else ""))
    rep.warnings.extend(src.warnings)
    rep.shapes = dict(Counter(lab.kind for lab, _, _ in seg.turns).most_common())
    rep.runner_up = _runner_up(scores, prof.name)
    rep.taught = {what: list(words) for what, words in prof.taught}
    if guess.how == "assumed":
        rep.guessed.append(f"language {guess.lang} assumed: too little text, or no confident guess")
    return rep


def set_outside_matter(tr: Transcript, rep: Report, src: Source, seg) -> tuple[list, list]:
    """Keep front matter and the matter around the transcript verbatim; return (front, back)."""
    if src.front_matter:
        tr.front.append(Block("frontmatter", [(i + 1, src.all_lines[i])
                                              for i in range(src.front_matter)]))
    front = [(n, t) for n, t in seg.front if t.strip()]
    back = [(n, t) for n, t in seg.back if t.strip()] + (src.furniture or [])
    if front:
        tr.front.append(Block("boilerplate", [(n, t.strip()) for n, t in front]))
    if back:
        tr.back.append(Block("boilerplate", [(n, t.strip()) for n, t in back]))
    rep.front_lines, rep.back_lines = len(front), len(back)
    rep.boilerplate = [[n, t.strip()] for n, t in front + back]
    return front, back


def make_turns(seg, prof: Profile, lang: str, rep: Report) -> list[Turn]:
    """Turn the segmentation into turns (unlabelled speech before the first label first)."""
    turns: list[Turn] = []
    if seg.pre:
        pre = Turn(label="", label_raw="", unlabelled=True, line=seg.pre[0].line)
        pre.paragraphs = [_para_items(p, prof, lang) for p in seg.pre]
        turns.append(pre)
    for label, lineno, paras in seg.turns:
        turns.append(_build_turn(label, lineno, paras, prof, lang))
    if not seg.turns:
        rep.warnings.append("no speaker label found: the text is one unattributed turn")
    return turns


def _source_url(meta: dict, front: list, back: list) -> str:
    for key in ("source_url", "url", "canonical_url", "link", "source", "origin", "permalink"):
        v = meta.get(key)
        if isinstance(v, str) and re.match(r"https?://", v):
            return v
    for _, t in front + back:
        m = re.search(r"https?://\S+", t)
        if m:
            return m.group(0).rstrip(".,;)")
    return ""


def set_title_and_url(tr: Transcript, rep: Report, src: Source, front: list, back: list,
                      prof: Profile, packs: tuple = ()) -> None:
    """Find the source URL and the title: front matter, HTML title, heading, URL, file name."""
    url = tr.source_url = _source_url(src.meta, front, back)
    title = src.meta.get("title") if isinstance(src.meta.get("title"), str) else ""
    heading = _heading(front, prof, language_pack(tr.lang, packs))
    if title:
        tr.title, tr.title_source = " ".join(title.split()), "front matter"
    elif src.html_title:
        tr.title, tr.title_source = src.html_title, "HTML title"
    elif heading:
        tr.title, tr.title_source = heading, "heading"
        rep.guessed.append(f"title {tr.title!r} from the first heading before the transcript")
    elif url and (slug_title := _title_from_slug(url, src.text, prof.small_words)):
        tr.title, tr.title_source = slug_title, "URL"
        rep.guessed.append(f"title {tr.title!r} from the source URL")
    else:
        tr.title, tr.title_source = _title_from_id(slug(_name_stem(tr.source_name)).removeprefix("p-")), "file name"
        rep.guessed.append(f"title {tr.title!r} from the file name")


def attribute_turns(tr: Transcript, turns: list, prof: Profile, src: Source, front: list,
                    opts: ConvertOptions, rep: Report) -> None:
    """Derive the participants from the labels (and the registry) and point each turn to one.

    Raises:
        InputError: two registry rows scoped to this file give one of its labels.
    """
    labels: dict = {}                   # the labels in the order they are first printed
    said = []                           # per turn, its paragraphs' text
    for t in turns:
        if t.label:
            labels.setdefault(t.label, None)
        said.append([p.text() for p in t.paragraphs])
    meta_speakers = src.meta.get("speakers") if isinstance(src.meta.get("speakers"), list) else None
    body_text = "\n".join(text for texts in said for text in texts)
    front_text = "\n".join(t for _, t in front)
    about = " ".join([tr.title, front_text, tr.source_name, tr.source_url])
    press = any(p.search(about) for p in prof.press)
    sequence = [label_key(t.label) for t in turns if t.label]
    answering = {frozenset(pair) for pair in zip(sequence, sequence[1:]) if pair[0] != pair[1]}
    # A title made of the file name's words names nobody: "Period Name Group" is no chair.
    title = "" if tr.title_source == "file name" else tr.title
    parts, mapping = derive_participants(list(labels), prof, [title, front_text, body_text],
                                         meta_speakers, press, tr.lang, answering)
    if opts.registry:
        rel = opts.rel_path or PurePath(tr.source_name).name
        by_key = rows_for_labels(opts.registry, rel, mapping, tr.source_name)
        parts, mapping, used = apply_registry(parts, mapping, by_key)
        if used:
            rep.guessed.append(f"{len(used)} label(s) taken from the speaker registry")
    by_id = {p.id: p for p in parts}
    chair_tests = [(_quick_test(pat), pat) for pat in prof.self_chair]
    interpreted = False
    for t, texts in zip(turns, said):
        if t.label:
            t.who = mapping.get(label_key(t.label), "")
        if t.interpreted:
            t.lang = tr.lang
            interpreted = True
        _lift_language(t)
        _find_self_declared_chair(t, texts, by_id.get(t.who), chair_tests, rep)
    if interpreted and not any(p.id == "interpreter" for p in parts):
        parts.append(Participant("interpreter", [], "", "", "", "interpreter", group=True))
    tr.participants = parts


def _find_self_declared_chair(t: Turn, texts: list, p: Participant | None, tests: list,
                              rep: Report) -> None:
    """A principal who says "I'm your host" is the moderator.

    Args:
        texts: the text of each of the turn's paragraphs.
        p: the turn's participant, if any.
        tests: (quick test, pattern) of each of the profile's ``self_chair`` patterns
            (see :func:`_quick_test`).
    """
    if p is not None and p.role == "principal" and not p.from_registry and not p.group \
            and any((quick is None or quick.search(text)) and pat.search(text)
                    for quick, pat in tests for text in texts):
        p.role = "moderator"
        rep.guessed.append(f"{p.name or t.label!r} is the moderator (says so at line {t.line})")


@lru_cache(maxsize=256)
def _quick_test(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern found wherever ``pattern`` is: it without its leading word boundary.

    The regex engine looks for a pattern's first letters at once, but not after
    ``\\b``; a text the weaker pattern is not in cannot hold ``pattern``. None
    when ``pattern`` starts otherwise.
    """
    rest = pattern.pattern[2:] if pattern.pattern.startswith("\\b") else ""
    return re.compile(rest, pattern.flags) if rest[:1].isalnum() or rest[:1] in ("(", "[") \
        else None


def set_date(tr: Transcript, rep: Report, meta: dict, date: str, front: list,
             packs: tuple = ()) -> None:
    """The date: the option, the front matter, or one printed before the transcript."""
    d = meta.get("date") if isinstance(meta.get("date"), str) else ""
    tr.date = date or d
    if not tr.date:
        iso, printed = find_date(front, language_pack(tr.lang, packs))
        if iso:
            tr.date = iso
            rep.guessed.append(f"date {iso} from {printed!r} before the transcript")


def set_languages(tr: Transcript) -> tuple[Counter, Counter]:
    """Declare every language used; return the counts of events and foreign phrases."""
    langs = {tr.lang: language_names().get(tr.lang, tr.lang)}
    foreign, events = Counter(), Counter()
    for t in tr.turns:
        if t.lang:
            langs.setdefault(t.lang, language_names().get(t.lang, t.lang))
        for p in t.paragraphs + t.after:
            for it in p.items:
                if not isinstance(it, Inline):
                    continue
                if it.kind == "foreign":
                    foreign[it.lang] += 1
                    langs[it.lang] = language_names().get(it.lang, it.lang)
                elif it.kind in ("vocal", "kinesic", "incident", "gap", "pause", "elision"):
                    events[f"{it.kind}/{it.type or 'editorial'}"] += 1
    tr.languages = langs
    return events, foreign


def editorial_notes(notes: list, seg, prof: Profile, tr: Transcript) -> list:
    """Say what the conversion normalised (editorialDecl), each once, in order."""
    notes = list(notes)
    if seg.mode == "block":
        notes.append("Lines hard-wrapped inside a paragraph were joined; blank lines separate "
                     "paragraphs (seg).")
    joins = Counter(j for _, _, ps in seg.turns for p in ps for j in p.joins)
    if joins["continue"]:
        notes.append("A paragraph broken inside a sentence (the next line starting in lower "
                     "case) was joined into one.")
    if joins["elision"]:
        notes.append("An ellipsis at a line break followed by lower case is the source's own "
                     "elision inside a turn, encoded as gap (reason editorial).")
    if joins["pagenum"]:
        notes.append("Page numbers inside turns are kept as fw (type pageNum).")
    if prof.kinds == ("md-bold",) or any(lab.kind in ("md-bold", "bold") for lab, _, _ in seg.turns):
        notes.append("Markdown bold (or an HTML tag of emphasis) around speaker labels was removed.")
    if any(lab.kind == "md-bold" and _ITALICS.search(lab.raw) for lab, _, _ in seg.turns):
        notes.append("Markdown italics around speaker labels were removed.")
    if any(lab.raw.startswith("#") and _MD_HEADING.match(lab.raw) for lab, _, _ in seg.turns):
        notes.append("Markdown heading marks (#) before speaker labels were removed.")
    notes.append("Runs of spaces were reduced to one and lines were trimmed.")
    notes.append("Speaker labels are kept verbatim in note (type speaker); identity is in @who.")
    if tr.front or tr.back:
        notes.append("Text outside the transcript was kept verbatim in front and back matter.")
    return list(dict.fromkeys(notes))


def finish_report(rep: Report, tr: Transcript, seg, events: Counter, foreign: Counter) -> None:
    """Fill in what was found: turns, labels, speakers, flags, events, warnings."""
    turns, parts = tr.turns, tr.participants
    rep.doc_id = tr.doc_id
    rep.turns = sum(1 for t in turns if t.label)
    rep.utterances = len(turns)
    rep.labels = list(dict.fromkeys(t.label for t in turns if t.label))
    rep.speakers = [{"id": p.id, "name": p.name, "role": p.role, "labels": p.labels}
                    for p in parts]
    rep.interpreted = sum(t.interpreted for t in turns)
    rep.truncated = sum(t.truncated for t in turns)
    rep.interrupting = sum(t.interrupting for t in turns)
    rep.resumed = sum(t.resumes is not None for t in turns)
    rep.events = dict(events)
    rep.foreign = dict(foreign)
    for p in parts:
        rep.guessed.extend(p.guessed)
    rep.rejected_labels = dict(seg.rejected)
    empty = sum(1 for t in turns if t.label and not t.paragraphs and not t.after)
    if empty:
        n = sum(1 for t in turns if t.label and not t.paragraphs)
        rep.warnings.append(f"{n} turn(s) have a label but no text")
