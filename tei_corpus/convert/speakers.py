"""Participants from printed labels and the document's text.

A label such as ``SECRETARY BLINKEN`` gives a role title (Secretary) and a
surname (Blinken); the full name is looked up in the title and the text
("Secretary Antony J. Blinken"). Generic labels (QUESTION, Q) become a group
for the press. A registry kept by the archivist (:mod:`.registry`) overrides
every guess.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from anyascii import anyascii

from ..errors import ConfigError
from ..resources import data_dir, read_toml
from .labels import (_PAREN_TAIL, _POST_NOMINAL, hereafter_note, is_numbered, label_key,
                     office_and_name, round_brackets)
from .model import Participant
from .profile import Profile
from .segment import trie_pattern

RESERVED_IDS = {"regular", "interpreted", "truncated", "interrupting", "unlabelled",
                "utterance-types", "press", "audience", "interpreter"}
_PARTY_HINT = re.compile(r"^[A-Z][\w.\-]{0,7}\.?$")
_ROLE_WORDS = re.compile(r"\b(?:minister|secretary|speaker|leader|president|chair|whip|"
                         r"deputy|parliamentary|attorney|solicitor|premier|director|"
                         r"commissioner|chief|spokes\w+|advis[eo]r|ambassador)\b", re.I)
_ROLE_FULL = {"secretary": "Secretary", "president": "President"}


@dataclass(frozen=True)
class Casing:
    """A language's letter case where it is not Unicode's default (Turkish İ i, I ı).

    ``small`` and ``capital`` are :meth:`str.translate` tables applied before
    :meth:`str.lower` and :meth:`str.upper`; empty, they change nothing.
    """

    small: Mapping = field(default_factory=dict)
    capital: Mapping = field(default_factory=dict)

    def lower(self, s: str) -> str:
        return s.translate(self.small).lower()

    def upper(self, s: str) -> str:
        return s.translate(self.capital).upper()


DEFAULT_CASING = Casing()


@lru_cache(maxsize=None)
def casing_for(lang: str) -> Casing:
    """The casing of a document in ``lang`` (BCP 47): ``languages/casing/<code>.toml``, or Unicode's.

    Raises:
        ConfigError: the language's casing file is not a list of [capital, small] letter pairs.
    """
    code = (lang or "").split("-")[0].lower()
    path = data_dir("languages") / "casing" / f"{code}.toml"
    if not code.isalpha() or not path.is_file():
        return DEFAULT_CASING
    pairs = read_toml(path, "casing table").get("pairs")
    if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(c, str) and len(c) == 1 for c in p)
            for p in pairs):
        raise ConfigError(f"{path}: pairs: expected a list of [capital, small] letter pairs")
    return Casing(str.maketrans({big: small for big, small in pairs}),
                  str.maketrans({small: big for big, small in pairs}))


def _title_case(s: str, acronyms: bool = False, case: Casing = DEFAULT_CASING) -> str:
    def fix(w: str) -> str:
        m = re.fullmatch(r"(Mc|Mac|O’|O')([A-Z][A-Z’'\-]+)", w)
        if m:
            return m.group(1) + fix(m.group(2))
        if re.fullmatch(r"[A-Z]\.", w) or (len(w) <= 4 and w.endswith(".") and w[:-1].isalpha()):
            return w[0] + case.lower(w[1:])
        if acronyms and w.isupper() and len(w) <= 3 and w.isalpha() and w not in {"THE", "AND", "OF", "FOR", "TO", "ON", "AT", "IN", "A", "AN", "BY"}:
            return w                      # an acronym: CNN, MP, BBC
        parts = re.split(r"([\-’'])", w)
        return "".join(case.upper(p[:1]) + case.lower(p[1:]) if p.isalpha() else p for p in parts)
    return " ".join(fix(w) for w in s.split())


def slug(text: str) -> str:
    """Return a readable NCName-safe id from ``text``: ASCII letters, digits and hyphens.

    Latin letters lose their marks (é e, as in ParlaMint's ids); letters of
    other scripts are transliterated (Σπυράκη spyraki, Путин putin, 習近平 xijinping).
    """
    t = "".join(_ascii(c) for c in unicodedata.normalize("NFC", text)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if not t or not t[0].isalpha():
        t = "p-" + t if t else "speaker"
    return t


def _ascii(c: str) -> str:
    """One character in ASCII: without its marks if that is ASCII (é e), else transliterated."""
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    if base.isascii():
        return base
    if unicodedata.category(c)[0] in "LM":        # a letter: no apostrophe for ь or ع
        return re.sub(r"[^A-Za-z0-9]", "", anyascii(c))
    return anyascii(c)


def _split_label(label: str, profile: Profile) -> tuple[str, str, str]:
    """Return (honorific/role words, name words, parenthetical) of a label."""
    paren = ""
    label = round_brackets(label)
    m = _PAREN_TAIL.match(label)
    if m:
        label = m.group("head")
        paren = re.sub(r"\)\s*\(", ", ", m.group("paren").strip())[1:-1]
    if "," in label and (post := _POST_NOMINAL.search(label)) and post.start() > 0:
        label = label[:post.start()]    # a degree after the name ("…, MES") names no one
    words = label.split()
    if words and words[0] == "The":
        words = words[1:]
    low = [w.lower().rstrip(".") for w in words]
    n = 0
    # Longest run of honorific words at the start.
    i = 0
    while i < len(low):
        for k in (3, 2, 1):
            if " ".join(low[i:i + k]) in profile.honorifics and i + k <= len(low):
                i += k
                n = i
                break
        else:
            break
    return " ".join(words[:n]), " ".join(words[n:]), paren


# Full names are looked up in the first this many characters of each text
# (introductions come early; a 50 MB record need not be read once per label).
_NAME_SEARCH_CHARS = 500_000


def _surname_starts(surnames, texts: list[str]) -> list:
    """Per text, every position where one of ``surnames`` may begin (a word boundary, then it).

    One search of each text for all the labels' surnames, shared by their
    look-ups (see :func:`_find_full_name`); it finds a superset of where each
    surname's own search matches.
    """
    words = {s for s in surnames if len(s) >= 2}
    if not words:
        return [[] for _ in texts]
    near = re.compile(r"(?i)\b(?=" + trie_pattern(words) + ")")
    return [[m.start() for m in near.finditer(text[:_NAME_SEARCH_CHARS])] for text in texts]


def _matches_at(pattern: re.Pattern, text: str, starts: list | None):
    """``pattern.finditer(text)``, where ``starts`` (if given) holds every position it can match at."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for pos in starts:
        if pos >= end and (m := pattern.match(text, pos)):
            yield m
            end = m.end()


def _find_full_name(surname: str, texts: list[str], honorifics=(), starts: list | None = None,
                    case: Casing = DEFAULT_CASING) -> str:
    """Find the longest "First M. Surname" (or "Surname Given-name") in texts.

    ``starts``: per text, the positions the surname may begin at (see :func:`_surname_starts`).
    """
    if not surname or len(surname) < 2:
        return ""
    sur = re.escape(surname)
    cap = r"(?:[A-Z][a-zA-Z’'\-]+|[A-Z]\.)"
    hit = re.compile(rf"(?i)\b{sur}\b")
    left = re.compile(rf"\b((?:{cap}\s+){{1,3}})(?i:{sur})$")
    right = re.compile(rf"\b{sur}\s+([A-Z][a-z]+-[a-z]+)\b")
    best: dict = {}
    stop = {"the", "and", "of", "mr", "mrs", "ms", "dr", "secretary", "president", "minister",
            "foreign", "prime", "vice", "senator", "governor", "ambassador", "general",
            "deputy", "madam", "mister", "thank", "thanks", "dear", "with", "from", "by",
            "to", "for", "at", "in", "on", "as", "said", "says", "spokesperson", "chairman",
            "under", "assistant", "state", "national", "security", "advisor", "press", "hon"}
    stop |= {h for h in honorifics if " " not in h}
    proper = _title_case(surname, case=case)
    for i, text in enumerate(texts):
        text = text[:_NAME_SEARCH_CHARS]
        at = starts[i] if starts is not None else None
        for m in _names_before(hit, left, text, at):
            words = m.group(1).split()
            found = text[m.end() - len(surname):m.end()]
            if not found[:1].isupper():
                continue
            while words and (words[0].lower().rstrip(".") in stop
                             or len(words[0]) > 1 and words[0].isupper() and not found.isupper()):
                words = words[1:]       # (a heading's capitals before a name: "SCENE V. Clorian")
            if words and _sentence_word(words[0], text, m.start(1) + m.group(1).index(words[0])):
                words = words[1:]
            if not words or any(w.lower().rstrip(".") in stop for w in words):
                continue
            if found.isupper():         # a name in capitals: "SABRINA P. SHROFF" is Sabrina P. Shroff
                words = [_title_case(w, case=case) if len(w) > 2 else w for w in words]
            name = " ".join(words + [found if not found.isupper() else proper])
            best[name] = best.get(name, 0) + 1
        for m in _matches_at(right, text, at):
            name = f"{proper} {m.group(1)}"
            best[name] = best.get(name, 0) + 1
    if not best:
        return ""
    return max(best.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def _sentence_word(word: str, text: str, at: int) -> bool:
    """A capitalised word opening a sentence that the text also prints in lower case:
    "But Brick" is no first name and surname."""
    before = text[max(0, at - 3):at].rstrip(" ")
    if before and before[-1] not in ".!?\n\"“”" and at > 0:
        return False
    low = word.lower()
    return low != word and re.search(rf"(?<![\w’'-]){re.escape(low)}(?![\w’'-])", text) is not None


def _names_before(hit: re.Pattern, left: re.Pattern, text: str, starts: list | None = None):
    """Yield ``left``'s matches ending at each occurrence of the surname ``hit`` finds.

    The surname is found first (a fast literal scan); the names before it are
    then read in a short window, so a long text costs one pass per surname.
    """
    for h in _matches_at(hit, text, starts):
        m = left.search(text, max(0, h.start() - 200), h.end())
        if m:
            yield m


def _find_name_for_role(role_title: str, texts: list[str], profile: Profile,
                        case: Casing = DEFAULT_CASING) -> str:
    """Find "ROLE [the Hon] Given Surname" in the texts (e.g. the document's heading)."""
    role = r"\s+".join(re.escape(w) for w in role_title.split())
    hon = r"(?:(?:the\s+)?(?:hon\.?|honourable|honorable|rt\.?\s+hon\.?|mr\.?|mrs\.?|ms\.?|dr\.?)\s+)*"
    name = r"((?:[A-Z][A-Za-z’'\-]+|[A-Z]\.)(?:\s+(?:[A-Z][A-Za-z’'\-]+|[A-Z]\.)){1,2})"
    pat = re.compile(rf"\b{role}\s+{hon}{name}", re.I)
    stop = set(profile.honorifics) | {"mp", "the", "of", "and", "transcript", "doorstop", "interview"}
    for text in texts:
        for m in pat.finditer(text):
            words = m.group(1).split()
            if not all(w[0].isupper() for w in words):
                continue
            words = [w for w in words if w.lower().rstrip(".") not in stop]
            while words and words[-1].lower().rstrip(".") in stop:
                words.pop()
            if len(words) >= 2:
                name = " ".join(words)
                return _title_case(name, case=case) if name.isupper() else name
    return ""


_PRESS_LABELS = {"journalist", "journalists", "reporter", "reporters", "press", "the press",
                 "several reporters", "several journalists"}


@dataclass
class _Cast:
    """The participants made so far, and which label maps to whom."""

    parts: list = field(default_factory=list)
    by_id: dict = field(default_factory=dict)
    mapping: dict = field(default_factory=dict)      # label key -> participant id
    by_surname: dict = field(default_factory=dict)   # lower-case surname -> participant id
    answering: set | frozenset = frozenset()         # label key pairs on consecutive turns

    def share(self, label: str, pid: str, make) -> None:
        """Map ``label`` to ``pid``, making the participant the first time."""
        if pid not in self.by_id:
            self.by_id[pid] = make(pid)
            self.parts.append(self.by_id[pid])
        self.by_id[pid].labels.append(label)
        self.mapping[label_key(label)] = pid


@dataclass
class _Person:
    """What a label says of one person, before the id is chosen."""

    label: str
    hon: str = ""
    name: str = ""
    full: str = ""
    surname: str = ""
    role_title: str = ""
    role: str = "principal"
    paren: str = ""
    affiliations: list = field(default_factory=list)
    idno: list = field(default_factory=list)         # (type, value): a corpus's code for them
    guessed: list = field(default_factory=list)


def derive_participants(labels: list[str], profile: Profile, texts: list[str],
                        meta_speakers: list[str] | None = None,
                        press: bool = True, lang: str = "",
                        answering: set | frozenset = frozenset()) -> tuple[list, dict]:
    """Make one participant per person or group behind the labels.

    Args:
        labels: distinct printed labels, in order of first appearance.
        texts: title and transcript text, where full names are looked up.
        press: the event is one with the press (a briefing, a press conference);
            otherwise unidentified questioners are the audience.
        meta_speakers: speaker names from front matter, if any.
        lang: the document's language (BCP 47), for names printed in capitals
            (Turkish ELİTAŞ is Elitaş, see :func:`casing_for`).
        answering: pairs of label keys (frozensets) printed on consecutive turns: two
            people, whatever their names share ("João" answered by "Avó do João").

    Returns:
        (participants, label key -> participant id)
    """
    cast = _Cast(answering=answering)
    case = casing_for(lang)
    starts = _surname_starts([_surname(_person_from_label(label, profile, case).name, case,
                                       profile.honorifics)[1] for label in labels], texts)
    notes = {label_key(label): hereafter_note(label, profile) for label in labels}
    declared = {label_key(n[1]): k for k, n in notes.items() if n is not None}
    for label in labels:
        if declared.get(label_key(label)) in cast.mapping:
            # the short label a note after the name declared ("田家秀樹(以下、田家)", "田家")
            cast.share(label, cast.mapping[declared[label_key(label)]], None)
            continue
        if _map_group(cast, label, profile, press) or _map_chair(cast, label, profile, case):
            continue
        noted = notes[label_key(label)]     # (the name is read without the note)
        person = _person_from_label(noted[0] if noted else label, profile, case)
        person.label = label
        _complete_name(person, profile, texts, meta_speakers, starts, case)
        if not _merge_same_person(cast, person):
            _add_person(cast, person)
    return cast.parts, cast.mapping


def _map_group(cast: _Cast, label: str, profile: Profile, press: bool) -> bool:
    """The press, the audience, an interpreter, a numbered unnamed speaker."""
    key = label_key(label)
    if key in profile.generic or key in ("q", "question"):
        if press or key in _PRESS_LABELS:
            cast.share(label, "press", lambda pid: Participant(pid, role="journalist", group=True))
        else:       # questions at a talk or a hearing: the audience, not the press
            cast.share(label, "audience", lambda pid: Participant(
                pid, name="Questioners from the audience", role="audience", group=True))
        return True
    if key in profile.interpreters:
        cast.share(label, "interpreter", lambda pid: Participant(pid, role="interpreter", group=True))
        return True
    if is_numbered(label, profile):         # Speaker 1, Participant 2: unnamed persons
        cast.share(label, slug(label), lambda pid: Participant(
            pid, guessed=[f"no name for label {label!r}: the person is known by the label"]))
        return True
    return False


def _map_chair(cast: _Cast, label: str, profile: Profile, case: Casing = DEFAULT_CASING) -> bool:
    """The PRESIDING OFFICER, MODERATOR: a chair known by the office; the one person an
    earlier label named as its holder, if one did."""
    key = label_key(label)
    chairs = {m.replace(".", "") for m in profile.moderators}
    if key.replace(".", "") not in chairs or (
            _split_label(label, profile)[0] and not key.replace(".", "").startswith(("mr ", "madam "))):
        return False
    holders = [p for p in cast.parts if label_key(p.role_title) == key and p.name]
    if len(holders) == 1:               # "Realizator:" after "Realizator: Mihai Gadea -"
        cast.share(label, holders[0].id, None)
        return True
    pid = slug(re.sub(r"^the\s+", "", key))
    if pid in RESERVED_IDS:
        pid = pid + "-1"
    office = re.sub(r"(?i)^the\s+", "", label)
    if sum(c.isupper() for c in office) > sum(c.islower() for c in office):
        office = _title_case(office, case=case)
    cast.share(label, pid, lambda pid: Participant(pid, name=office, role="moderator"))
    return True


_PLAIN_HONORIFICS = ("mr", "mrs", "ms", "miss", "dr", "hon", "the hon", "sir", "dame", "rev", "mx")


# A label of more words than a name has (labels._is_name's six) that closes an office with
# a name (labels.office_and_name) is read as that office and that name.
_NAME_WORDS = 6


def _person_from_label(label: str, profile: Profile, case: Casing = DEFAULT_CASING) -> _Person:
    """Read honorific, name, role title, party and seat from the label itself."""
    key = label_key(label)
    comma_role = ""
    role_first, colon, after = label.partition(": ")
    if colon and ":" not in after:
        # KETUA: ASWANTO: the role, then the person (a court's record).
        hon, name, paren = _split_label(after.strip(), profile)
        comma_role = role_first.strip()
    elif (given := _family_first(label, profile)) is not None:
        # Doe, Jane: a company directory's name, family name first (Teams).
        hon, name, paren = _split_label(given, profile)
    elif "," in label and not _PAREN_TAIL.match(label):
        # WOLF BLITZER, CNN ANCHOR: name, then affiliation and role.
        label_name, comma_role = [x.strip() for x in label.split(",", 1)]
        hon, name, paren = _split_label(label_name, profile)
    else:
        hon, name, paren = _split_label(label, profile)
        if len(label.split()) > _NAME_WORDS and (office := office_and_name(label, profile)) is not None:
            comma_role, name = office   # "Deputy Chief of Staff … – Presidential Press Secretary Dmitry Peskov"
    if len(name) == 1:                  # Q / A style: a letter, not a name
        name = ""
    name = _undoubled(name)
    head = label_key(_PAREN_TAIL.match(label).group("head")) if _PAREN_TAIL.match(label) else key
    role = "moderator" if (key in profile.moderators or head in profile.moderators
                           or label_key(hon) in profile.moderators
                           or (colon and label_key(role_first) in profile.moderators)) else "principal"
    person = _Person(label, hon, name, role=role, paren=paren)
    if hon and hon.lower().rstrip(".") not in _PLAIN_HONORIFICS:
        person.role_title = _title_case(hon, case=case)
    if comma_role:
        person.role_title = _title_case(comma_role, True, case) if comma_role.isupper() else comma_role
    if paren:
        _read_parenthesis(person, profile, case)
    if not person.name and not person.role_title and len(label) > 1:
        person.role_title = _title_case(label, case=case)
    if not person.name and hon and not person.role_title:
        person.role_title = _title_case(hon, case=case)
    return person


# A name printed twice, glued, after a few words: a photo's alt text before the name
# itself ("Photo of Micheál MartinMicheál Martin", as a page's text copies it).
_DOUBLED = re.compile(r"^(?:\S+\s+){0,3}?(?P<name>\S.{2,}?)(?P=name)$")


def _undoubled(name: str) -> str:
    """The name once, where a page's text printed it twice after its photo's caption."""
    m = _DOUBLED.match(name)
    return m.group("name") if m else name


def _family_first(label: str, profile: Profile) -> str | None:
    """"Jane Doe" for "Doe, Jane" (one family name, a comma, one or two given names, in the
    language's case, none of them an office or a word of the vocabulary: "Guo, Host"), else None."""
    family, comma, given = (x.strip() for x in label.partition(","))
    words = family.split() + given.split()
    vocabulary = profile.moderators | profile.generic | profile.interpreters
    if not comma or len(family.split()) != 1 or not 1 <= len(given.split()) <= 2 \
            or _ROLE_WORDS.search(label) or any(label_key(w) in vocabulary for w in given.split()):
        return None
    if not all(w[:1].isupper() and any(c.islower() for c in w) and w.isalpha() for w in words):
        return None
    return f"{given} {family}"


def _read_parenthesis(person: _Person, profile: Profile, case: Casing = DEFAULT_CASING) -> None:
    """(Mr. X) after an office names the person; (Seat, Party) gives affiliations."""
    paren, label, hon = person.paren, person.label, person.hon
    inner_hon, inner_name, _ = _split_label(paren, profile)
    personal = (not inner_hon and "," not in paren and not _ROLE_WORDS.search(paren)
                and 2 <= len(paren.split()) <= 4 and all(w[:1].isupper() for w in paren.split()))
    if not person.name and (inner_hon or personal) and inner_name:
        # The Acting Speaker (Mr. X) / The Prime Minister (Rishi Sunak)
        person.name = inner_name
        if not person.role_title:
            office = hon + " " + " ".join(label.split()[len(hon.split()):])
            person.role_title = _title_case(office, case=case)
        return
    if _SPEAKER_CODE.fullmatch(paren):
        person.idno.append(("corpus", paren))   # "Storer (PS5M9)": the BNC's code for the speaker
        return
    bits = [b.strip() for b in re.split(r",\s*(?![^()]*\))", paren) if b.strip()]
    if bits and (seat_office := re.fullmatch(r"([^—]+?)\s*—\s*([^—]+)", bits[0])):
        # (Grayndler—Prime Minister): the member's seat, then the office (Australia).
        person.affiliations.append(("constituency", seat_office.group(1)))
        person.role_title = seat_office.group(2)
        bits = bits[1:]
    if len(bits) >= 2 and _PARTY_HINT.match(bits[-1]):
        person.affiliations.append(("party", bits[-1]))
        bits = bits[:-1]
    for b in bits:
        if _ROLE_WORDS.search(b):
            person.role_title = b
        elif len(bits) == 1 and _is_party_tag(b, profile):
            person.affiliations.append(("party", b))     # (SPÖ), (FdI), (Sp): a group alone
        else:
            person.affiliations.append(("constituency", b))


# A corpus's code for a speaker: capitals and figures, both, four to twelve ("PS5M9").
_SPEAKER_CODE = re.compile(r"(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,12}")


def _is_party_tag(bit: str, profile: Profile) -> bool:
    """A party's short name: in capitals, with two capitals or more (FdI, CDU/CSU), or a
    tag of the language pack ("ps"); a seat's name is in the language's case (Bendigo)."""
    letters = [c for c in bit if c.isalpha()]
    return bit.lower() in profile.parties or (
        " " not in bit and len(bit) <= 10 and bool(letters)
        and (all(c.isupper() for c in letters) or sum(c.isupper() for c in letters) >= 2))


# A name that is one word of two or three capitals and no vowel abbreviates one: initials
# ("JS", "SH") or an office's letters ("PM"); a short surname has a vowel ("LEE", "WU").
_ABBREVIATION = re.compile(r"[B-DF-HJ-NP-TV-XZ]{2,3}")


def _surname(name: str, case: Casing = DEFAULT_CASING, honorifics=()) -> tuple[str, str]:
    """Return (name, surname) of a label's name, capitals title-cased."""
    if _ABBREVIATION.fullmatch(name):
        return name, name               # initials or an office's letters: "JS", "PM", "CSP"
    surname = _last_name_word(name, honorifics)
    if surname.isupper() or (name and name.isupper()) or \
            re.fullmatch(r"(?:Mc|Mac|O’|O')[A-Z’'\-]{2,}", surname):
        name = _title_case(name, case=case)
        surname = _last_name_word(name, honorifics)
    return name, surname


_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")


def _last_name_word(name: str, honorifics=()) -> str:
    """The last word of a name that is neither initials nor an honorific printed after it.

    Initials after the surname: ``Арістов Ю.Ю.`` (as the Verkhovna Rada prints
    names); an honorific after the name, in a script without letter case, as
    Chinese, Japanese and Korean print it: ``윤석구 의원``.
    """
    words = name.split()
    while len(words) > 1 and (_INITIALS.fullmatch(words[-1]) or (
            words[-1].casefold().rstrip(".") in honorifics
            and not any(c.isupper() or c.islower() for c in words[-1]))):
        words.pop()
    return words[-1] if words else ""


def _complete_name(person: _Person, profile: Profile, texts: list[str],
                   meta_speakers: list[str] | None, starts: list | None = None,
                   case: Casing = DEFAULT_CASING) -> None:
    """Find the full name behind a surname or an office in the title and the text.

    ``starts``: where the labels' surnames may occur in ``texts`` (see :func:`_surname_starts`).
    """
    label = person.label
    if _name_from_legend(person, profile, texts, case):
        return
    name, surname = _surname(person.name, case, profile.honorifics)
    full = name
    if name and len(name.split()) == 1:
        found = _find_full_name(surname, texts, profile.honorifics, starts, case)
        if not found and meta_speakers:
            found = next((s for s in meta_speakers if s.split()[-1].lower() == surname.lower()), "")
        if found:
            full = found
            person.guessed.append(f"full name {found!r} for label {label!r} from the text")
    if not name and person.role_title and not person.paren:
        found = _find_name_for_role(person.role_title, texts, profile, case)
        if found:
            full, surname = found, found.split()[-1]
            person.guessed.append(f"name {found!r} for label {label!r} from the text")
    if not name and meta_speakers and len(meta_speakers) == 1 and person.role == "principal" \
            and label_key(label) in ("a", "answer", "answerer", "respondent", "speaker"):
        full = meta_speakers[0]
        surname = full.split()[-1]
        person.guessed.append(f"label {label!r} taken to be {full!r} "
                              f"(the only speaker named in the front matter)")
    person.name, person.full, person.surname = name, full, surname


# A legend's entry for a label: the code, an equals sign, the name and perhaps a comma and
# the role ("RP = Roman Prorok, moderátor;", "I = Interviewer"), a line of its own.
_LEGEND_ENTRY = r"(?m)^[ \t]*{code}[ \t]*=[ \t]+(?P<name>[^,;=\n]{{2,60}}?)(?:,[ \t]*(?P<role>[^;=\n]{{1,80}}?))?[ \t]*[;.]?[ \t]*$"


def _name_from_legend(person: _Person, profile: Profile, texts: list[str], case: Casing) -> bool:
    """Name ``person`` (a label of a word) by the legend the text prints for its label, the
    name and the role; whether it does."""
    if len(person.label.split()) != 1:
        return False
    pattern = re.compile(_LEGEND_ENTRY.format(code=re.escape(person.label)))
    found = next((m for m in map(pattern.search, texts) if m), None)
    if found is None:
        return False
    full, role = found.group("name").strip(), (found.group("role") or "").strip()
    person.name = person.full = full
    person.surname = _surname(full, case, profile.honorifics)[1]
    if role:
        person.role_title = role
        if label_key(role) in profile.moderators:
            person.role = "moderator"
    person.guessed.append(f"name {full!r} for label {person.label!r} from the text's legend")
    return True


def _merge_same_person(cast: _Cast, person: _Person) -> bool:
    """The same person under another label (MR. BLINKEN / SECRETARY BLINKEN)?"""
    surname, full = person.surname, person.full
    if not surname or surname.lower() not in cast.by_surname:
        return False
    other = cast.by_id[cast.by_surname[surname.lower()]]
    if other.name and full and other.name.split()[0] != full.split()[0] \
            and len(full.split()) != 1 and len(other.name.split()) != 1:
        return False
    key = label_key(person.label)
    if any(frozenset((key, label_key(lab))) in cast.answering for lab in other.labels):
        return False        # one answers the other: two people

    other.labels.append(person.label)
    if len(full) > len(other.name):
        other.name = full
    if person.role_title and not other.role_title:
        other.role_title = person.role_title
    cast.mapping[label_key(person.label)] = other.id
    return True


def _add_person(cast: _Cast, person: _Person) -> None:
    """A new participant, with an id free in the document."""
    base = slug(person.surname or person.full or person.role_title or person.label)
    pid, n = base, 2
    while pid in cast.by_id or pid in RESERVED_IDS:
        pid = f"{base}-{n}"
        n += 1
    if person.role == "moderator" and not person.full and pid != "moderator" \
            and "moderator" not in cast.by_id and label_key(person.label) == "moderator":
        pid = "moderator"
    p = Participant(pid, [person.label], person.full, person.surname, person.role_title,
                    person.role, person.affiliations, idno=person.idno, guessed=person.guessed)
    if not person.full:
        p.guessed.append(f"no name for label {person.label!r}: the person is known by the label")
    cast.by_id[pid] = p
    cast.parts.append(p)
    if person.surname:
        cast.by_surname[person.surname.lower()] = pid
    cast.mapping[label_key(person.label)] = pid
