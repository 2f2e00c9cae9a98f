"""House-style profiles: TOML data describing labels, cues, events, boilerplate."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..resources import data_dir, read_toml

LABEL_KINDS = ("caps", "hon-caps", "name", "md-bold", "q-bare", "qa", "hansard", "caps-line",
               "dash", "bold", "label-time", "period", "bracket", "phrase", "handle")
EVENT_ELEMENTS = ("vocal", "kinesic", "incident", "gap", "pause", "unclear")


@dataclass
class EventRule:
    """Keyword rule mapping a stage direction to an element and a closed type."""

    pattern: re.Pattern
    element: str
    type: str


@dataclass
class Profile:
    """A compiled house style."""

    name: str
    description: str
    source: str
    kinds: tuple
    alone: bool
    patterns: list                  # list[re.Pattern]
    not_labels: frozenset
    generic: frozenset
    moderators: frozenset
    interpreters: frozenset
    honorifics: tuple               # longest first
    particles: frozenset
    connectors: frozenset           # lower-case words inside an office title ("of", "for")
    interpreter_cues: list
    language_cues: list
    cutoff_cues: list
    events: list                    # list[EventRule]
    boilerplate: list               # list[re.Pattern]
    raw: dict = field(default_factory=dict)
    vocab_key: int = 0              # identifies the label vocabulary (for caches)
    numbered: tuple = ()            # whole numbered generic labels (Speaker 2, Sprecher 2)
    period_labels: tuple = ()       # "M. Nom. text": labels closed by a period (language packs)
    not_label_patterns: tuple = ()  # whole colon-ended texts that are not labels
    press: tuple = ()               # words saying the event is one with the press
    self_chair: tuple = ()          # a speaker saying they chair the event
    speech_verbs: frozenset = frozenset()  # "interrupts" between a name and its colon (packs)
    qa_letters: frozenset = frozenset()    # the letters for question and answer ("q", "r"; packs)
    qa_words: frozenset = frozenset()      # the words they stand for ("pregunta", "respuesta"; packs)
    hereafter: frozenset = frozenset()     # "hereafter", "以下": a short label declared (packs)
    speaker_marks: frozenset = frozenset() # printed before each speaker's label (">>", "○")
    parties: frozenset = frozenset()       # party tags after a member's name ("kok", packs)
    addressees: frozenset = frozenset()    # "to the" before whom a question is put (packs)
    language: str = ""              # the language pack(s) merged in
    small_words: frozenset = frozenset()   # kept lower case in a title-cased title (packs)
    taught: tuple = ()              # (what, words) the document taught its grammar (labels.Taught)
    # Answers computed from this profile (a label's kind), for the many lines that ask
    # again; not an argument, so dataclasses.replace starts a copy with an empty one.
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)


def with_language(profile: Profile, pack) -> Profile:
    """Return ``profile`` with a language pack's vocabulary and cues added.

    The pack's words join the profile's lists; its cues are tried before the
    profile's own (the document's language first); its event cues become event
    rules with the element and type the pack maps them to.
    """
    delivery = ("interpreter", "language", "cutoff")
    events = [EventRule(pat, pack.event_words[key].element, pack.event_words[key].type)
              for key, pats in pack.cues.items() if key not in delivery and key in pack.event_words
              for pat in pats]
    hon = tuple(sorted(set(profile.honorifics) | {h.rstrip(".") for h in pack.honorifics},
                       key=len, reverse=True))
    merged = dataclasses.replace(
        profile,
        not_labels=profile.not_labels | pack.not_labels,
        generic=profile.generic | pack.generic,
        moderators=profile.moderators | pack.chairs,
        interpreters=profile.interpreters | pack.interpreters,
        honorifics=hon,
        particles=profile.particles | pack.particles,
        connectors=profile.connectors | pack.connectors,
        small_words=profile.small_words | pack.small_words,
        speech_verbs=profile.speech_verbs | pack.speech_verbs,
        qa_letters=profile.qa_letters | pack.qa_letters,
        qa_words=profile.qa_words | pack.qa_words,
        hereafter=profile.hereafter | pack.hereafter,
        speaker_marks=profile.speaker_marks | pack.speaker_marks,
        parties=profile.parties | pack.parties,
        addressees=profile.addressees | pack.addressees,
        interpreter_cues=list(pack.cues.get("interpreter", ())) + profile.interpreter_cues,
        language_cues=list(pack.cues.get("language", ())) + profile.language_cues,
        cutoff_cues=list(pack.cues.get("cutoff", ())) + profile.cutoff_cues,
        events=events + profile.events,
        numbered=tuple(dict.fromkeys(profile.numbered + pack.numbered)),
        period_labels=tuple(dict.fromkeys(pack.period_labels + profile.period_labels)),
        not_label_patterns=tuple(dict.fromkeys(profile.not_label_patterns + pack.not_label_patterns)),
        press=tuple(dict.fromkeys(pack.press + profile.press)),
        self_chair=tuple(dict.fromkeys(pack.self_chair + profile.self_chair)),
        language=pack.code,
        taught=pack.taught,
    )
    merged.vocab_key = hash((profile.vocab_key, pack.code, pack.sources))
    return merged


def profiles_dir() -> Path:
    """Return the folder of shipped profiles."""
    return data_dir("profiles")


def list_profiles() -> list[tuple[str, str]]:
    """Return ``(name, description)`` of every shipped style profile."""
    out = []
    for p in sorted(profiles_dir().glob("*.toml")):
        if p.stem.startswith("_"):
            continue
        data = read_toml(p)
        out.append((p.stem, str(data.get("description", ""))))
    return out


def _merge(base: dict, over: dict) -> dict:
    replace = set(over.get("replace", []))
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            sub = dict(out[key])
            for k, v in value.items():
                if isinstance(v, list) and isinstance(sub.get(k), list) and k not in replace \
                        and k != "kinds":
                    sub[k] = sub[k] + v
                else:
                    sub[k] = v
            out[key] = sub
        elif isinstance(value, list) and isinstance(out.get(key), list) and key not in replace:
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


def _compile(source: str, where: str, flags: int = re.I) -> re.Pattern:
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression {source!r}: {exc}") from None


def load_profile(name_or_path: str | Path) -> Profile:
    """Load a shipped profile by name, or a user's TOML file, on top of the base.

    Raises:
        ConfigError: unknown name, unreadable file, bad TOML or bad pattern.
    """
    path = _profile_path(name_or_path)
    base_path = profiles_dir() / "_base.toml"
    base = read_toml(base_path)
    data = _merge(base, read_toml(path)) if path != base_path else base
    where = str(path)
    labels = data.get("labels", {})
    kinds, patterns = _label_grammar(labels, where)
    cues = data.get("cues", {})
    events = _event_rules(data.get("events", []), where)
    low = lambda xs: frozenset(str(x).lower() for x in xs)  # noqa: E731
    hon = sorted({str(h).lower().rstrip(".") for h in labels.get("honorifics", [])},
                 key=len, reverse=True)
    return Profile(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        source=where,
        kinds=kinds,
        alone=bool(labels.get("alone", True)),
        patterns=patterns,
        not_labels=low(labels.get("not_labels", [])),
        generic=low(labels.get("generic", [])),
        moderators=low(labels.get("moderators", [])),
        interpreters=low(labels.get("interpreters", [])),
        honorifics=tuple(hon),
        particles=low(labels.get("particles", [])),
        connectors=low(labels.get("connectors", [])),
        speaker_marks=frozenset(str(m) for m in labels.get("speaker_marks", [])),
        interpreter_cues=[_compile(s, where) for s in cues.get("interpreter", [])],
        language_cues=[_compile(s, where) for s in cues.get("language", [])],
        cutoff_cues=[_compile(s, where) for s in cues.get("cutoff", [])],
        events=events,
        boilerplate=[_compile(s, where) for s in data.get("boilerplate", {}).get("lines", [])],
        raw=data,
        vocab_key=hash((low(labels.get("not_labels", [])), tuple(hon),
                        low(labels.get("particles", [])), low(labels.get("connectors", [])))),
    )


def _profile_path(name_or_path: str | Path) -> Path:
    """A user's TOML file, or the shipped profile of that name."""
    p = Path(str(name_or_path))
    shipped = profiles_dir() / f"{name_or_path}.toml"
    if p.suffix == ".toml" or (p.is_file() and not shipped.is_file()):
        return p
    if not shipped.exists() or p.name.startswith("_"):
        names = ", ".join(n for n, _ in list_profiles())
        raise ConfigError(f"unknown profile {name_or_path!r}; shipped profiles: {names}, auto")
    return shipped


def _label_grammar(labels: dict, where: str) -> tuple[tuple[str, ...], list[re.Pattern]]:
    """The profile's label kinds (each a known kind) and its own patterns (each with a label group)."""
    kinds = tuple(labels.get("kinds", []))
    bad = [k for k in kinds if k not in LABEL_KINDS]
    if bad:
        raise ConfigError(f"{where}: unknown label kind(s) {', '.join(bad)}; "
                          f"known: {', '.join(LABEL_KINDS)}")
    patterns = [_compile(s, where, 0) for s in labels.get("patterns", [])]
    for pat in patterns:
        if "label" not in pat.groupindex:
            raise ConfigError(f"{where}: label pattern {pat.pattern!r} needs a group named 'label'")
    if not kinds and not patterns:
        raise ConfigError(f"{where}: profile names no label kinds and no patterns")
    return kinds, patterns


def _event_rules(table: list, where: str) -> list[EventRule]:
    events = []
    for i, ev in enumerate(table):
        el = ev.get("element", "")
        if el not in EVENT_ELEMENTS or "match" not in ev:
            raise ConfigError(f"{where}: event rule {i + 1} needs `match` and an element "
                              f"among {', '.join(EVENT_ELEMENTS)}")
        events.append(EventRule(_compile(r"\b(?:" + ev["match"] + ")", where), el,
                                str(ev.get("type", "other"))))
    return events


def shipped_profiles() -> list[Profile]:
    """Return every shipped style profile, compiled."""
    return [load_profile(name) for name, _ in list_profiles()]
