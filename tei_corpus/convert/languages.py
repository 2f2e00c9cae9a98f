"""Language packs: what a language contributes to finding speakers, events and dates.

A pack is a TOML file in ``tei_corpus/languages/`` (schema in that folder's
README.md) or a user's own file. This module reads and checks packs; it holds
no words of any language itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

from ..errors import ConfigError
from ..resources import data_dir
from .profile import read_toml

# Keys of a pack: required ones, and the optional ones a pack may add.
_TOP = {"code": str, "name": str, "native": str, "scripts": list}
_LABEL_WORDS_REQUIRED = ("honorifics", "chairs", "generic", "interpreters", "not_labels",
                         "particles")
_LABEL_WORDS_OPTIONAL = ("connectors", "small_words", "speech_verbs", "parties", "addressees",
                         "qa_letters", "qa_words", "hereafter", "speaker_marks",
                         "title_fields")
_LABEL_REGEXES = ("numbered", "period_labels", "not_label_patterns")
_CUES_REQUIRED = ("interpreter", "laughter", "applause", "interjection", "inaudible",
                  "crosstalk")
# Cues about how a turn is delivered, not events between or inside turns.
DELIVERY_CUES = ("interpreter", "language", "cutoff")
_EVENT_KEYS = ("press", "self_chair")
_SECTIONS = ("labels", "cues", "event_words", "dates", "event", "examples")
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class EventWord:
    """The element and closed ``@type`` a cue stands for (``vocal``/``laughter``)."""

    element: str
    type: str


@dataclass(frozen=True)
class LanguagePack:
    """One language's vocabulary (or several merged), with compiled regexes.

    Word lists are case-folded frozensets; regex lists are tuples of compiled
    patterns; ``cues`` keeps the order of the TOML file (the order cues are tried).
    """

    code: str
    name: str
    native: str
    scripts: tuple[str, ...]
    honorifics: frozenset[str]
    chairs: frozenset[str]
    generic: frozenset[str]
    interpreters: frozenset[str]
    not_labels: frozenset[str]
    particles: frozenset[str]
    connectors: frozenset[str]
    small_words: frozenset[str]
    speech_verbs: frozenset[str]
    qa_letters: frozenset[str]
    qa_words: frozenset[str]
    hereafter: frozenset[str]
    speaker_marks: frozenset[str]
    title_fields: frozenset[str]
    parties: frozenset[str]
    addressees: frozenset[str]
    numbered: tuple[re.Pattern, ...]
    period_labels: tuple[re.Pattern, ...]
    not_label_patterns: tuple[re.Pattern, ...]
    cues: Mapping[str, tuple[re.Pattern, ...]]
    event_words: Mapping[str, EventWord]
    months: tuple[tuple[str, ...], ...]           # 12 entries, January first
    weekdays: tuple[tuple[str, ...], ...]         # 7 entries, Monday first
    date_patterns: tuple[re.Pattern, ...]         # groups d, m, y
    press: tuple[re.Pattern, ...]
    self_chair: tuple[re.Pattern, ...]
    examples: Mapping[str, tuple[str, ...]]
    sources: tuple[str, ...]                      # the files read, in order
    taught: tuple = ()                            # (what, words) the document taught (labels.Taught)

    def month_number(self, text: str) -> int:
        """Return 1-12 for a month name or number as printed, 0 when unknown."""
        word = text.strip().rstrip(".").casefold()
        if word.isdigit():
            n = int(word)
            return n if 1 <= n <= 12 else 0
        for i, forms in enumerate(self.months, 1):
            if word in forms:
                return i
        if len(word) >= 3:
            for i, forms in enumerate(self.months, 1):
                if any(f.startswith(word) for f in forms):
                    return i
        return 0

    def event_for(self, text: str) -> tuple[str, EventWord] | None:
        """Return ``(cue key, EventWord)`` of the first event cue found in ``text``."""
        for key, patterns in self.cues.items():
            if key in self.event_words and any(p.search(text) for p in patterns):
                return key, self.event_words[key]
        return None

    def regexes(self) -> dict[str, tuple[re.Pattern, ...]]:
        """Return every regex list of the pack by its dotted key (``cues.applause``)."""
        out = {f"labels.{k}": getattr(self, k) for k in _LABEL_REGEXES}
        out.update({f"cues.{k}": v for k, v in self.cues.items()})
        out["dates.patterns"] = self.date_patterns
        out.update({f"event.{k}": getattr(self, k) for k in _EVENT_KEYS})
        return out


def languages_dir() -> Path:
    """Return the folder of shipped language packs."""
    return data_dir("languages")


@lru_cache(maxsize=1)
def macrolanguages() -> dict[str, str]:
    """Language code -> the code of its macrolanguage (``languages/groups/macrolanguages.toml``:
    ``yue`` -> ``zh``); a macrolanguage maps to itself."""
    data = _read_toml(languages_dir() / "groups" / "macrolanguages.toml")
    return {str(m): str(group) for group, members in data.items() for m in [group, *members]}


@lru_cache(maxsize=1)
def unpacked_scripts() -> dict[str, tuple]:
    """Language code -> the scripts it is written in, for languages without a pack
    (``languages/groups/scripts.toml``)."""
    data = _read_toml(languages_dir() / "groups" / "scripts.toml")
    return {str(k): tuple(str(s) for s in v) for k, v in data.items()}


@lru_cache(maxsize=1)
def unicameral_ranges() -> tuple:
    """(first, last) letters of the ranges running text writes in one case only, though
    Unicode gives them two (``languages/groups/unicameral.toml``: Georgian Mkhedruli)."""
    data = _read_toml(languages_dir() / "groups" / "unicameral.toml")
    return tuple((str(a), str(b)) for a, b in data.get("ranges", []))


@lru_cache(maxsize=1)
def spelling_folds() -> tuple:
    """(language, marks pattern, how many marks at least, translation table) of each fold of
    ``languages/groups/spellings.toml``: where the marks are printed, the detector reads the
    text in the language's own letters (Persian's yeh and kaf for the Arabic ones)."""
    data = _read_toml(languages_dir() / "groups" / "spellings.toml")
    return tuple((str(f["language"]), re.compile(f["marks"]), int(f.get("least", 1)),
                  str.maketrans(dict(f["letters"]))) for f in data.get("fold", []))


@lru_cache(maxsize=1)
def iso639_1() -> dict[str, str]:
    """Three-letter language code -> its two-letter one (``languages/groups/iso639.toml``)."""
    return {str(k): str(v) for k, v in _read_toml(languages_dir() / "groups" / "iso639.toml").items()}


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Language code -> its English name (``languages/groups/names.toml``: ``bn`` ->
    ``Bengali``)."""
    data = _read_toml(languages_dir() / "groups" / "names.toml")
    return {str(k): str(v) for k, v in data.get("names", {}).items()}


@lru_cache(maxsize=1)
def language_name_codes() -> dict[str, str]:
    """An English language name, folded -> its code: the names and their aliases
    (``Farsi`` -> ``fa``)."""
    data = _read_toml(languages_dir() / "groups" / "names.toml")
    codes = {name.casefold(): code for code, name in language_names().items()}
    codes.update({str(k).casefold(): str(v) for k, v in data.get("aliases", {}).items()})
    return codes


@lru_cache(maxsize=1)
def shipped_codes() -> frozenset[str]:
    """The codes of the shipped packs (read once: :func:`list_languages` reads every file)."""
    return frozenset(c for c, _ in list_languages())


def list_languages() -> list[tuple[str, str]]:
    """Return ``(code, name)`` of every shipped language pack, by code.

    Raises:
        ConfigError: a shipped pack is not valid TOML.
    """
    out = []
    for path in sorted(languages_dir().glob("*.toml")):
        data = _read_toml(path)
        name, native = str(data.get("name", "")), str(data.get("native", ""))
        out.append((path.stem, name if native in ("", name) else f"{name} ({native})"))
    return out


def load_language(code_or_path: str | Path) -> LanguagePack:
    """Load a shipped pack by code, or a user's TOML file.

    A user's file is merged over the shipped pack of the same ``code`` when
    there is one: its lists extend the shipped ones, ``replace = ["labels.chairs"]``
    replaces a list instead, and its tables add or override keys.

    Raises:
        ConfigError: unknown code, unreadable file, bad TOML, a missing or
            unknown key, a value of the wrong kind, or a bad regex; the message
            names the file and the key.
    """
    p = Path(code_or_path)
    if p.suffix == ".toml" or p.is_file():
        return _load_user(p)          # read each time: the user may have edited it
    return _load_shipped(str(code_or_path))


def _load_user(p: Path) -> LanguagePack:
    user = _read_toml(p)
    code = user.get("code")
    if not isinstance(code, str) or not code:
        raise ConfigError(f"{p}: code: required, a language code such as \"de\"")
    if not _CODE.fullmatch(code):
        raise ConfigError(f"{p}: code: {code!r} is not a BCP 47 language code")
    shipped = languages_dir() / f"{code}.toml"
    if shipped.is_file() and shipped.resolve() != p.resolve():
        _check_regexes(user, str(p))     # so an index in a message is the user's own
        data = _merge(_read_toml(shipped), user, str(p))
        return _build(data, (str(shipped), str(p)))
    return _build(user, (str(p),))


@lru_cache(maxsize=64)
def _load_shipped(code_or_path: str) -> LanguagePack:
    path = languages_dir() / f"{code_or_path}.toml"
    if not _CODE.fullmatch(code_or_path) or not path.is_file():
        codes = ", ".join(c for c, _ in list_languages())
        raise ConfigError(f"unknown language {code_or_path!r}; shipped language packs: {codes}")
    return _build(_read_toml(path), (str(path),))


def merged_vocabulary(codes: Iterable[str | Path]) -> LanguagePack:
    """Return one pack holding the vocabulary of several (a document mixing languages).

    Word lists and regexes are united (cues keep the first pack's order, then
    new keys); the first pack that maps a cue to an event decides its event.

    Raises:
        ConfigError: no code given, or a pack cannot be loaded.
    """
    packs = [load_language(c) for c in codes]
    if not packs:
        raise ConfigError("merged_vocabulary: no language given")
    if len(packs) == 1:
        return packs[0]

    def union(attr: str) -> frozenset:
        return frozenset().union(*(getattr(p, attr) for p in packs))

    def chain(attr: str) -> tuple:
        return tuple(dict.fromkeys(x for p in packs for x in getattr(p, attr)))

    cues: dict[str, tuple] = {}
    events: dict[str, EventWord] = {}
    examples: dict[str, tuple] = {}
    for p in packs:
        for k, v in p.cues.items():
            cues[k] = tuple(dict.fromkeys(cues.get(k, ()) + v))
        for k, v in p.event_words.items():
            events.setdefault(k, v)
        for k, v in p.examples.items():
            examples[k] = examples.get(k, ()) + v
    return LanguagePack(
        code="+".join(p.code for p in packs), name=" + ".join(p.name for p in packs),
        native=" + ".join(p.native for p in packs), scripts=chain("scripts"),
        **{k: union(k) for k in _LABEL_WORDS_REQUIRED + _LABEL_WORDS_OPTIONAL},
        **{k: chain(k) for k in _LABEL_REGEXES},
        cues=MappingProxyType(cues), event_words=MappingProxyType(events),
        months=tuple(tuple(dict.fromkeys(f for p in packs for f in p.months[i])) for i in range(12)),
        weekdays=tuple(tuple(dict.fromkeys(f for p in packs for f in p.weekdays[i]))
                       for i in range(7)),
        date_patterns=chain("date_patterns"), press=chain("press"), self_chair=chain("self_chair"),
        examples=MappingProxyType(examples), sources=chain("sources"),
    )


def iter_example_failures(pack: LanguagePack) -> Iterator[str]:
    """Yield one line per regex key whose documented examples do not hold.

    Every example of a key must be matched by one of its regexes, every regex
    must match one example, and a key with regexes must have examples; date
    examples must also name a month the pack knows.
    """
    for key, patterns in pack.regexes().items():
        examples = pack.examples.get(key, ())
        if patterns and not examples:
            yield f"{key}: no examples"
        for ex in examples:
            m = next((m for p in patterns if (m := p.search(ex))), None)
            if m is None:
                yield f"{key}: example {ex!r} matches none of its regexes"
            elif key == "dates.patterns" and not pack.month_number(m.group("m")):
                yield f"{key}: example {ex!r}: month {m.group('m')!r} is not in dates.months"
        for p in patterns:
            if examples and not any(p.search(ex) for ex in examples):
                yield f"{key}: regex {p.pattern!r} matches none of the examples"
    for key in pack.examples:
        if key not in pack.regexes():
            yield f"{key}: examples for a key that has no regexes"


# ---- reading and checking -------------------------------------------------

def _read_toml(path: Path) -> dict:
    return read_toml(path, "language pack")


def _merge(base: dict, over: dict, where: str) -> dict:
    replace = over.get("replace", [])
    if not isinstance(replace, list) or not all(isinstance(r, str) for r in replace):
        raise ConfigError(f"{where}: replace: must be a list of dotted keys such as \"labels.chairs\"")
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in over.items():
        if key == "replace":
            continue
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            for k, v in value.items():
                old = out[key].get(k)
                if isinstance(v, list) and isinstance(old, list) and f"{key}.{k}" not in replace:
                    out[key][k] = old + v
                else:
                    out[key][k] = v
        else:
            out[key] = value
    return out


def _check_regexes(data: dict, where: str) -> None:
    """Compile every regex list of ``data`` as it stands in its own file."""
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{where}: {key}: {message}")

    keys = [("labels", k, 0) for k in _LABEL_REGEXES] + [("dates", "patterns", 0)]
    keys += [("event", k, re.IGNORECASE) for k in _EVENT_KEYS]
    cues = data.get("cues", {})
    if isinstance(cues, dict):
        keys += [("cues", k, re.IGNORECASE) for k in cues]
    for section, key, flags in keys:
        table = data.get(section, {})
        if isinstance(table, dict) and key in table:
            patterns = _regexes(table[key], f"{section}.{key}", flags, fail)
            if (section, key) == ("dates", "patterns"):
                _check_date_groups(patterns, fail)


def _check_date_groups(patterns: tuple[re.Pattern, ...], fail) -> None:
    for i, p in enumerate(patterns):
        if not {"d", "m", "y"} <= set(p.groupindex):
            raise fail(f"dates.patterns[{i}]", "needs the groups d, m and y")


def _build(data: dict, sources: tuple[str, ...]) -> LanguagePack:
    where = sources[-1]

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{where}: {key}: {message}")

    code, scripts = _top_fields(data, fail)
    sections = _section_tables(data, fail)
    words, label_res = _label_fields(sections["labels"], fail)
    cues = _cue_fields(sections["cues"], fail)
    events = _event_word_fields(sections["event_words"], cues, fail)
    months, weekdays, date_res = _date_fields(sections["dates"], fail)
    event = sections["event"]
    _check_keys(event, "event", _EVENT_KEYS, _EVENT_KEYS, "required", fail)
    event_res = {k: _regexes(event[k], f"event.{k}", re.IGNORECASE, fail) for k in _EVENT_KEYS}
    examples = {k: tuple(_strings(v, f"examples.{k}", fail))
                for k, v in sections["examples"].items()}
    return LanguagePack(
        code=code, name=data["name"], native=data["native"], scripts=tuple(scripts),
        **words, **label_res, cues=MappingProxyType(cues), event_words=MappingProxyType(events),
        months=months, weekdays=weekdays, date_patterns=date_res, **event_res,
        examples=MappingProxyType(examples), sources=sources,
    )


def _top_fields(data: dict, fail) -> tuple[str, list[str]]:
    """The pack's keys known, its required top fields present, its code a BCP 47 code."""
    for key in data:
        if key not in _TOP and key not in _SECTIONS and key != "replace":
            raise fail(key, "unknown key")
    for key, kind in _TOP.items():
        if not isinstance(data.get(key), kind) or not data[key]:
            raise fail(key, "required" if key not in data else f"must be a non-empty {kind.__name__}")
    code = data["code"]
    if not _CODE.fullmatch(code):
        raise fail("code", f"{code!r} is not a BCP 47 language code")
    return code, _strings(data["scripts"], "scripts", fail)


def _section_tables(data: dict, fail) -> dict[str, dict]:
    sections = {}
    for name in _SECTIONS:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise fail(name, "must be a table")
        sections[name] = value
    return sections


def _label_fields(labels: dict, fail) -> tuple[dict, dict]:
    _check_keys(labels, "labels", _LABEL_WORDS_REQUIRED + _LABEL_WORDS_OPTIONAL + _LABEL_REGEXES,
                _LABEL_WORDS_REQUIRED, "required (may be an empty list)", fail)
    # Each word folded, and lowered as labels are (Greek: casefold writes a final ς as σ,
    # lower keeps it, so 'Πρόεδρος' is found in a label printed 'ΠΡΟΕΔΡΟΣ' or 'Πρόεδρος').
    words = {k: frozenset(f for w in _strings(labels.get(k, []), f"labels.{k}", fail)
                          for f in (_fold(w), _lower(w)))
             for k in _LABEL_WORDS_REQUIRED + _LABEL_WORDS_OPTIONAL}
    label_res = {k: _regexes(labels.get(k, []), f"labels.{k}", 0, fail) for k in _LABEL_REGEXES}
    return words, label_res


def _cue_fields(cues_raw: dict, fail) -> dict:
    for k in _CUES_REQUIRED:
        if k not in cues_raw:
            raise fail(f"cues.{k}", "required")
    cues = {}
    for k, v in cues_raw.items():
        if not _KEY.fullmatch(k):
            raise fail(f"cues.{k}", "a cue key is lower case letters, digits and _")
        cues[k] = _regexes(v, f"cues.{k}", re.IGNORECASE, fail)
    return cues


def _event_word_fields(table: dict, cues: dict, fail) -> dict[str, EventWord]:
    """Each event cue's element and type, from the closed list of event types."""
    closed = _closed_event_types()
    events = {}
    for k, v in table.items():
        key = f"event_words.{k}"
        if k not in cues:
            raise fail(key, "no cue of that name in [cues]")
        if k in DELIVERY_CUES:
            raise fail(key, "a delivery cue (interpreter, language, cutoff) is not an event")
        if not isinstance(v, dict) or set(v) != {"element", "type"}:
            raise fail(key, "must be { element = \"...\", type = \"...\" }")
        if (v["element"], v["type"]) not in closed:
            known = ", ".join(f"{e}/{t}" for e, t in sorted(closed))
            raise fail(key, f"{v['element']}/{v['type']} is not a closed event type ({known})")
        events[k] = EventWord(v["element"], v["type"])
    for k in cues:
        if k not in DELIVERY_CUES and k not in events:
            raise fail(f"event_words.{k}", "required: every event cue needs an element and type")
    return events


def _date_fields(dates: dict, fail) -> tuple:
    for k in dates:
        if k not in ("months", "weekdays", "patterns"):
            raise fail(f"dates.{k}", "unknown key")
    months = _forms(dates.get("months"), "dates.months", 12, fail)
    weekdays = _forms(dates.get("weekdays"), "dates.weekdays", 7, fail)
    date_res = _regexes(dates.get("patterns", []), "dates.patterns", 0, fail)
    _check_date_groups(date_res, fail)
    return months, weekdays, date_res


def _check_keys(table: dict, section: str, allowed, required, missing: str, fail) -> None:
    """Refuse a key the section does not know, and a required one that is absent."""
    for k in table:
        if k not in allowed:
            raise fail(f"{section}.{k}", "unknown key")
    for k in required:
        if k not in table:
            raise fail(f"{section}.{k}", missing)


def _fold(word: str) -> str:
    return " ".join(word.split()).casefold().rstrip(".:：")


def _lower(word: str) -> str:
    return " ".join(word.split()).lower().rstrip(".:：")


def _strings(value, key: str, fail) -> list[str]:
    if not isinstance(value, list):
        raise fail(key, "must be a list of strings")
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            raise fail(f"{key}[{i}]", "must be a non-empty string")
    return value


def _regexes(value, key: str, flags: int, fail) -> tuple[re.Pattern, ...]:
    out = []
    for i, source in enumerate(_strings(value, key, fail)):
        try:
            out.append(re.compile(source, flags))
        except re.error as exc:
            raise fail(f"{key}[{i}]", f"bad regular expression {source!r}: {exc}") from None
    return tuple(out)


def _forms(value, key: str, count: int, fail) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or len(value) != count:
        raise fail(key, f"required: a list of {count} lists of forms")
    return tuple(tuple(_fold(w) for w in _strings(v, f"{key}[{i}]", fail))
                 for i, v in enumerate(value))


@lru_cache(maxsize=1)
def _closed_event_types() -> frozenset[tuple[str, str]]:
    """The (element, type) pairs of the base profile's [[events]]: the closed list."""
    path = data_dir("profiles") / "_base.toml"
    events = _read_toml(path).get("events", [])
    return frozenset((e["element"], e["type"]) for e in events)
