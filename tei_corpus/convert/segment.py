"""Text to turns: paragraphs, speaker labels, outside matter.

The segmenter decides, for a normalised text and a profile:
- how the source breaks paragraphs (blank lines with hard-wrapped lines, or
  one paragraph per line),
- which label candidates are speakers (frequency and shape),
- where the transcript starts and ends (matter around it is kept verbatim),
- which paragraphs belong to which turn.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .labels import (BULLET_MARKS, INITIALS_ALONE, NAME_OFFICE_MAX, LabelMatch, attributed_name, has_case,
                     has_label_shape, hereafter_note, is_bracket_line, is_bullet, is_caseless_name,
                     is_caseless_role,
                     is_cased_line_only, is_display_name, is_unknown_caseless_in_round,
                     is_full_name, is_name_with_role, is_open_name_office, is_personal_name,
                     is_period_closed_name_office, label_key, label_marks, match_split,
                     split_prefix)
from .profile import Profile

_TERMINAL = re.compile(r"[.?!:;\"”’')\]…—–\-]\s*$")
_PAGE_NUM = re.compile(r"^\s*\d{1,4}\s*$")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")
_PROSE = re.compile(r"[.?!]")
_STRONG_KINDS = {"md-bold", "hansard", "qa", "pattern"}
_ROLE_MAX = 30      # characters of a role after a question's letter


@dataclass
class Para:
    """A source paragraph: its lines (1-based numbers) and whether it is a label."""

    lines: list                    # list[(lineno, text)]
    label: LabelMatch | None = None
    joins: list = field(default_factory=list)   # per line after the first: "wrap"|"continue"|"elision"
    heading: bool = False          # a heading between turns (a TV segment title), not speech
    repeated: LabelMatch | None = None   # the speaker's label printed again (cue formats)

    @property
    def line(self) -> int:
        return self.lines[0][0]


@dataclass
class Segmented:
    """The outcome of segmentation, before inline markup."""

    front: list                    # list[(lineno, text)] before the transcript
    pre: list                      # list[Para]: unlabelled speech before the first label
    turns: list                    # list[(LabelMatch, lineno, list[Para])]
    back: list                     # list[(lineno, text)] after the transcript
    mode: str                      # "block" | "line"
    score: float = 0.0
    rejected: dict = field(default_factory=dict)    # label -> reason


def detect_mode(lines: list) -> str:
    """Return "block" when blank lines separate paragraphs, else "line"."""
    nonblank = [t for _, t in lines if t.strip()]
    blank = len(lines) - len(nonblank)
    if not nonblank:
        return "line"
    return "block" if blank >= max(2, 0.1 * len(nonblank)) else "line"


@dataclass
class LabelTable:
    """A text's lines split once for label matching (see :func:`label_table`)."""

    rows: list                     # per line: None (blank) or (text, split_prefix parts, paragraph start)
    mode: str = "block"            # how the text breaks paragraphs (see :func:`detect_mode`)
    cues: bool = False             # the lines are a cue format's (see :func:`segment`)
    shaped: dict = field(default_factory=dict)   # vocabulary -> indices of the rows with a label shape
    _listed: frozenset | None = field(default=None, repr=False)

    def listed(self) -> frozenset:
        """The keys of the lines that are a name in a caseless script alone, with no
        delimiter: a participant list ("<מוזמנים:>" over "קובי בוזו"), found once."""
        if self._listed is None:
            self._listed = listed_names(row[0] for row in self.rows if row is not None)
        return self._listed

    def texts(self) -> list:
        """The text of each line ("" for a blank one)."""
        return [row[0] if row is not None else "" for row in self.rows]

    def shaped_rows(self, profile: Profile) -> set | None:
        """The rows that start with some label shape in ``profile``'s vocabulary, or None.

        No other row is a label under any kinds of that vocabulary; None when the
        profile has patterns of its own (any row may match them). Found once per
        vocabulary, for all the grammars scored on the text.
        """
        if profile.patterns:
            return None
        found = self.shaped.get(profile.vocab_key)
        if found is None:
            found = self.shaped[profile.vocab_key] = {
                i for i, row in enumerate(self.rows)
                if row is not None and row[1] is not None and has_label_shape(row[1], profile, row[2])}
        return found


def listed_names(texts) -> frozenset:
    """The keys of the names the lines (``texts``) list with no delimiter: a line that is a
    name in a caseless script alone (a participant list, "<מוזמנים:>" over "קובי בוזו"), or
    capitalised names and commas alone (a play's scene, "Doriste, Philante.")."""
    found = set()
    for t in map(str.strip, texts):
        if not t or not t[0].isalpha():
            continue
        # (a caseless name starts with a letter without case: a cheap test before the rule)
        if t[0].lower() == t[0].upper() and is_caseless_name(t):
            found.add(label_key(t))
        elif "," in t and t[0].isupper() and (names := _names_and_commas(t)):
            found.update(label_key(n) for n in names)
    return frozenset(found)


def _names_and_commas(line: str) -> list[str]:
    """The names of a line of two or more capitalised names, one to three words each,
    between commas, perhaps closed by a period; else []."""
    names = [n.strip() for n in line.removesuffix(".").split(",")]
    if len(names) < 2 or not all(
            n and len(n.split()) <= 3 and all(w[0].isupper() and w.replace("-", "").isalpha()
                                             for w in n.split()) for n in names):
        return []
    return names


def label_table(lines: list, mode: str) -> LabelTable:
    """Each line split once for label matching, index aligned with ``lines``.

    A row is None for a blank line, else (its text, its :func:`split_prefix` parts,
    whether it starts a paragraph). Every grammar scored on a text reads the one table.
    """
    out: list = []
    prev_blank = True
    for _, text in lines:
        parts = split_prefix(text)
        if parts is None and not text.strip():
            out.append(None)
            prev_blank = True
            continue
        out.append((text, parts, prev_blank or mode == "line"))
        prev_blank = False
    return LabelTable(out, mode=mode)


def _label_rows(lines: list, mode: str, profile: Profile):
    """Yield (index, row of :func:`label_table`) for the lines that may hold a label of ``profile``.

    Only the lines with one of the profile's label marks (see :func:`label_marks`)
    are split; the others hold no label of its kinds.
    """
    marks = label_marks(profile)
    search = marks.search if marks is not None else bool
    line_mode = mode == "line"
    for i, (_, text) in enumerate(lines):
        if search(text) and (parts := split_prefix(text)) is not None:
            # (a line cut where a label begins mid-line keeps its line's number: it
            # starts a paragraph as a line after a blank one does; so does a list's item)
            yield i, (text, parts, line_mode or i == 0 or not lines[i - 1][1].strip()
                      or lines[i - 1][0] == lines[i][0] or is_bullet(parts[0]) or is_bracket_line(text))


# A line this long printed twice word for word is no one's speech.
_FURNITURE_LEN = 30


def _candidates(rows, profile: Profile, memo: dict | None = None) -> dict:
    """Return line index -> (LabelMatch, paragraph start) where a row holds a label shape.

    Before acceptance: which of them are speakers is :func:`_accept`'s choice.

    Args:
        rows: (index, row) pairs, rows as in :func:`label_table` (not blank).
        memo: (line, paragraph start) -> match, shared by passes over nearly
            the same lines with the same profile.
    """
    out = {}
    before = None
    rows = list(rows)
    printed = Counter(text for _, (text, _, _) in rows if len(text) >= _FURNITURE_LEN)
    headings = set()
    for i, (text, parts, para_start) in rows:
        repeated, before = text == before, text
        if repeated:
            headings.add(text)
        if parts is None:
            continue
        if memo is None:
            found = match_split(parts, profile, para_start)
        else:
            key = (text, para_start)
            found = memo.get(key, memo)
            if found is memo:
                found = memo[key] = match_split(parts, profile, para_start)
        if found is not None and not (repeated and found.kind == "caps-line") \
                and not (found.kind == "q-bare" and found.raw == found.label and printed[text] >= 2):
            # (a line alone printed again right under itself is a page's heading shown
            # twice, "Mededelingen" / "Mededelingen", no speaker's second turn; a long line
            # printed again word for word is a page's furniture, "PBS NewsHour full
            # episode January 10, 2018", not capitals and speech with no delimiter between)
            out[i] = (found, para_start)
    # (a line alone shown twice, one right under the other, is a heading wherever it stands:
    # "De Grote Podcastlas" / "De Grote Podcastlas", the podcast's title, and once more lower)
    texts = dict((i, text) for i, (text, _, _) in rows) if headings else {}
    out = {i: c for i, c in out.items() if not (c[0].kind == "caps-line" and texts.get(i) in headings)}
    return _without_roll_calls(_without_fields_above(_without_minority_headings(
        _join_role_and_name(out))))


# A roll call: this many names or more, each printed once, line after line (at most this
# many lines apart), each with a word or two after its colon.
_ROLL_MIN, _ROLL_GAP = 4, 3


def _without_roll_calls(cands: dict) -> dict:
    """The candidates without a roll call's names ("Yolanda Díaz Pérez: Si.", a line for
    each member as the secretary reads them): the reading is one speaker's turn."""
    keys = Counter(label_key(c[0].label) for c in cands.values())
    voting = [i for i, c in cands.items() if keys[label_key(c[0].label)] == 1
              and 1 <= len(c[0].rest.split()) <= 2 and len(c[0].rest) <= 16]
    drop: set = set()
    run: list = []
    for i in voting + [None]:
        if i is not None and run and i - run[-1] <= _ROLL_GAP:
            run.append(i)
            continue
        if len(run) >= _ROLL_MIN:
            drop.update(run)
        run = [i] if i is not None else []
    return {i: c for i, c in cands.items() if i not in drop} if drop else cands


def _without_fields_above(cands: dict) -> dict:
    """The candidates without those with text on their line above the first label that
    stands alone, where nearly all labels from there on stand alone: the header's fields ("MINORU
    ASADA: An interview conducted by …" over the interview's "Minoru Asada:" lines)."""
    alone = [i for i, c in cands.items() if not c[0].rest]
    if len(alone) < 3:
        return cands
    first = min(alone)
    if len(alone) < 0.9 * sum(i >= first for i in cands):
        return cands
    return {i: c for i, c in cands.items() if i >= first or not c[0].rest}


def _without_minority_headings(cands: dict) -> dict:
    """The candidates without the Markdown headings that hold a value after their colon,
    unless most labels are printed so.

    A record may print a speaker's label as a heading, alone on its line ("####
    Prezydent Rzeczypospolitej Polskiej Andrzej Duda:"), or every label so; a heading
    with text after its colon is a field of the page ("### Moderator: Tim Beiko" over
    a call's "**Tim Beiko:**" labels), not a turn.
    """
    fields = [i for i, c in cands.items() if c[0].raw[:1] == "#" and c[0].rest]
    if not fields or len(fields) * 2 > len(cands):
        return cands
    drop = set(fields)
    return {i: c for i, c in cands.items() if i not in drop}


# A name in capitals after a role's colon, alone on the line: "KETUA: ASWANTO".
_CAPS_NAME = re.compile(r"(?:[^\W\d_][\w’'\-]*\.?)(?: [^\W\d_][\w’'\-]*\.?){0,5}")


def _join_role_and_name(cands: dict) -> dict:
    """Read "ROLE: NAME" alone on its line as one label where the document prints a role so.

    Court and committee records name the role and then the person in capitals, the
    speech below ("1. KETUA: ASWANTO" / "2. KUASA HUKUM PEMOHON: M. MAULANA
    BUNGARAN"). Where a label in capitals recurs and every time has nothing after its
    colon but a name in capitals, the name belongs to the label: every such line of
    the document is a label alone, not a role and a one-word speech.
    """
    def role_name(c) -> bool:
        m = c[0]
        return bool(c[1] and m.rest and m.rest[-1] != "." and m.label not in ("Q", "A")
                    and _CAPS_NAME.fullmatch(m.rest) and _is_upper(m.label) and _is_upper(m.rest))
    joined = Counter(label_key(c[0].label) for c in cands.values() if role_name(c))
    if not joined:
        return cands                    # (no line reads so: nothing to count)
    total = Counter(label_key(c[0].label) for c in cands.values())
    if not any(n >= 2 and joined[k] == n for k, n in total.items()):
        return cands
    return {i: (LabelMatch(f"{c[0].label}: {c[0].rest}", f"{c[0].raw} {c[0].rest}", "", c[0].kind), c[1])
            if role_name(c) else c for i, c in cands.items()}


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _accept(cands, profile: Profile, listed=frozenset, given_alone: int = 0,
            line_mode: bool = False, cues: bool = False, texts=tuple) -> tuple[set, dict]:
    """Decide which label keys are speakers; return (accepted keys, rejected reasons).

    ``listed``: returns the keys of lines that are a name alone and no label (a
    participant list), the document's own word that someone labelled once takes
    part; asked only where some label is printed once. ``given_alone``: how many
    labels the source's layout names stand alone on their line. ``line_mode``: the text
    is a paragraph a line (see :func:`detect_mode`), where a short line in the
    language's case is as often a line of wrapped prose as a label alone: none is
    taken for one. ``cues``: the lines are a cue format's, whose cues print no
    sentence punctuation: a short cue after a label is speech, not a field's value.
    ``texts``: returns the document's lines, read where names alone on their lines may be
    a short record's labels printed once (see :func:`_cast_printed_once`).
    """
    by_line, cands = cands, list(cands.values())
    if cues:
        cands = [c for c in cands if not _undelimited_capitals(c)]
        by_line = {i: c for i, c in by_line.items() if not _undelimited_capitals(c)}
    if line_mode:
        cands = _without_wrapped_lines(by_line, texts)
        kept = {id(c) for c in cands}
        by_line = {i: c for i, c in by_line.items() if id(c) in kept}
    counts, alone, kinds = _tally(cands)
    accepted, singles = _recurring_or_strong(counts, kinds, profile)
    rejected: dict = _drop_unspoken_titles(by_line, texts, accepted, kinds, profile)
    if (unspoken := _drop_unspoken_fields(by_line, texts, accepted, singles)):
        rejected.update(unspoken)   # (no speaker: the record's fields may start after them)
        cands = [c for c in cands if not (c and c[0] and label_key(c[0].label) in unspoken)]
    ev = _evidence(cands, counts, alone, kinds, accepted, singles, given_alone, profile, texts,
                   not cues, _under_labels(by_line))
    if ev.standing:
        # A vocabulary word printed once as a field among header fields
        # ("INTERVIEWER: Peter Asaro" over "DATE: 24 May 2011") is no turn either.
        for k in [k for k in accepted if counts[k] == 1 and not alone[k]]:
            accepted.discard(k)
            rejected[k] = _INLINE_ONCE
    for k in [k for k in accepted if counts[k] == 1 and k in ev.named_fields]:
        accepted.discard(k)     # "**Entrevistador:** João Garção": a strong shape, a field's value
        rejected[k] = _FIELD_ONCE
    ev.names_alone = listed() if singles else frozenset()
    for k in singles:
        reason = _judge_single(k, ev, profile)
        if reason is None:
            accepted.add(k)
        else:
            rejected[k] = reason
    _take_heads_of_dialogue(by_line, texts, accepted, rejected, counts, profile)
    _drop_odd_shapes(accepted, rejected, counts, kinds, profile)
    _drop_lone_words(cands, accepted, rejected, counts, kinds, profile)
    _drop_headings(cands, accepted, rejected, counts)
    _drop_list_headings(by_line, texts, accepted, rejected, counts, profile)
    _drop_quoted_headline(by_line, texts, accepted, rejected, counts)
    _drop_repeated_titles(cands, accepted, rejected, counts)
    _drop_bare_answers(cands, accepted, rejected, counts)
    _drop_unnamed_initials(cands, accepted, rejected)
    _drop_unnamed_in_round(cands, texts, accepted, rejected, profile)
    _drop_lone_display_names(cands, accepted, rejected, counts, profile)
    return accepted, rejected


def _alone_once(by_line: dict, texts, counts: Counter, keys, n: int):
    """Yield (label, the first ``n`` lines with text under it) of each label among ``keys``
    printed once, alone on its line (the lines looked at: the next ``4 * n``)."""
    once = {i: c[0] for i, c in by_line.items() if c and c[0] and not c[0].rest
            and counts[label_key(c[0].label)] == 1 and label_key(c[0].label) in keys}
    lines = texts() if once else ()
    for i, m in once.items():
        yield m, [t.strip() for t in lines[i + 1:i + 1 + 4 * n] if t.strip()][:n]


# A dialogue's paragraph opens with a dash and a space: "– Újabb vereség…"; two such at
# least among the first paragraphs under a line make a dialogue.
_DIALOGUE_DASH = re.compile(r"[-–—]\s+\S")
_DIALOGUE_LINES = 6


def _take_heads_of_dialogue(by_line: dict, texts, accepted: set, rejected: dict, counts: Counter,
                            profile: Profile) -> None:
    """Accept the names and offices alone on their lines, printed once, over paragraphs that a
    dialogue's dash opens: who answers a press conference's questions ("Олег Кононов,
    головний тренер ФК «Карпати»" over "– Сьогодні …"; "Damir KRZNAR, az Újpest edzője"
    over "– Újabb vereség…"), the dashes alternating question and answer under them; or,
    closed by a colon, who speaks the dashed paragraph under it (a round table's "Сувон
    Мели, филология фанлари номзоди:" over "— Илм-фан …")."""
    for m, under in _alone_once(by_line, texts, counts, rejected, _DIALOGUE_LINES):
        dashed = sum(bool(_DIALOGUE_DASH.match(t)) for t in under)
        closed = m.kind != "caps-line" and m.raw.rstrip()[-1:] in ":："
        if under and _DIALOGUE_DASH.match(under[0]) and (dashed >= 2 or closed) \
                and (m.kind == "caps-line" or closed) and is_open_name_office(m.label.strip(), profile):
            accepted.add(k := label_key(m.label))
            del rejected[k]


_LONE_DISPLAY_NAME = "words in small letters in brackets, not recurring among bracketed names"


def _drop_lone_display_names(cands, accepted: set, rejected: dict, counts: Counter,
                             profile: Profile) -> None:
    """Reject the bracketed labels in small letters (:func:`is_display_name`) unless each is
    printed twice or more and a bracketed name in the language's case is a speaker too: a
    meeting's captions name their participants as each typed it ("(Lautaro Caballero)",
    "(federico garcia aguiar)"); alone, such words in brackets are a stage direction."""
    lower = {label_key(c[0].label): c[0].label for c in cands if c and c[0] and c[0].kind == "bracket"
             and label_key(c[0].label) in accepted and is_display_name(c[0].label, profile)}
    if not lower:
        return
    cased = any(c[0].kind == "bracket" and label_key(c[0].label) in accepted and label_key(c[0].label) not in lower
                for c in cands if c and c[0])
    for k in lower:
        if counts[k] < 2 or not cased:
            accepted.discard(k)
            rejected[k] = _LONE_DISPLAY_NAME


_REPEATED_TITLE = "printed again with the same words after it (a title repeated, or cut short in a teaser)"
# The marks a teaser's shortened title ends with.
_CUT_SHORT = "…. "
# A sentence's closing mark (not an ellipsis, which cuts a title short).
_SENTENCE_CLOSED = re.compile(r"(?<!\.)[.!?。！？]$")


def _drop_repeated_titles(cands, accepted: set, rejected: dict, counts: Counter) -> None:
    """Reject a label printed twice or more whose words after the colon are the same each
    time, or the first words of each other cut short ('Найлаконічніші відповіді: Тренер
    збірної України Петраков шокував …' as the page's title, then 'Найлаконічніші
    відповіді: Тренер збірної…' in its teaser), three words at least and no sentence closed:
    a title, which no one speaks twice ("Thank you very much." may be said twice)."""
    rests: dict = {}
    for c in cands:
        if c and c[0] and counts[k := label_key(c[0].label)] >= 2 and k in accepted:
            rests.setdefault(k, []).append(c[0].rest.strip())
    for k, printed in rests.items():
        if any(_SENTENCE_CLOSED.search(r) for r in printed):
            continue
        said = [r.rstrip(_CUT_SHORT) for r in printed]
        shortest = min(said, key=len)
        if len(said) >= 2 and len(shortest.split()) >= 3 and all(r.startswith(shortest) for r in said):
            accepted.discard(k)
            rejected[k] = _REPEATED_TITLE


_QUOTED_HEADLINE = "the text's first line, a name and a quotation alone (a headline quoting them)"
# A quotation and nothing else: its marks open and close it, none inside.
_WHOLLY_QUOTED = re.compile(r"[\x22“„«‘](?P<q>[^\x22“”„«»‘’]{2,300})[\x22”»’“]")


def _drop_quoted_headline(by_line: dict, texts, accepted: set, rejected: dict,
                          counts: Counter) -> None:
    """Reject a label printed once on the text's first line whose speech is one quotation
    and nothing else: a news headline quoting who is interviewed below ('Rafael Laso
    Lorenzo: “Hoxe unha desecación … sería imposible”'); a turn is not printed so."""
    if not by_line:
        return
    first = next((i for i, t in enumerate(texts()) if t.strip()), None)
    c = by_line.get(first)
    if not (c and c[0]) or counts[k := label_key(c[0].label)] != 1 or k not in accepted:
        return
    if _WHOLLY_QUOTED.fullmatch(c[0].rest.strip()):
        accepted.discard(k)
        rejected[k] = _QUOTED_HEADLINE


_BARE_ANSWER = "a bare 'A' before a capital where no question is labelled: the article"
# The bare "A" after a dialogue's dash or a bullet ("– A játék képe alapján …").
_MARKED_A = re.compile(r"[-–—•*]\s+A")


def _drop_bare_answers(cands, accepted: set, rejected: dict, counts: Counter) -> None:
    """Reject the answer 'A' printed bare, before a capital ("A I have …"), in a text that
    labels no question: there it is the article opening a sentence ("A White House …")."""
    if "a" not in accepted or "q" in counts:
        return
    if all(c[0].raw == "A" or _MARKED_A.fullmatch(c[0].raw)
           for c in cands if c and c[0] and label_key(c[0].label) == "a"):
        accepted.discard("a")
        rejected["a"] = _BARE_ANSWER


_UNNAMED_IN_ROUND = "in round brackets in a script without case, and printed nowhere outside them (a stage direction)"


def _drop_unnamed_in_round(cands, texts, accepted: set, rejected: dict, profile: Profile) -> None:
    """Reject the caseless labels in round brackets that no word of the vocabulary makes a
    speaker's (:func:`~tei_corpus.convert.labels.is_unknown_caseless_in_round`) and that the
    document prints nowhere outside their brackets: a name is printed in the prose too, whole
    or its family name ("安住紳一郎さんがTBSラジオ…", then "(安住紳一郎)さて、…"; "中澤さん" and
    "(中澤有美子)"), a stage direction only so ("(中略)")."""
    unknown = {}
    for c in cands:
        if c and c[0] and c[0].kind == "bracket" and (k := label_key(c[0].label)) in accepted \
                and is_unknown_caseless_in_round(c[0].label, c[0].raw, profile):
            unknown[k] = c[0].label
    text = "\n".join(texts()) if unknown else ""
    for k, label in unknown.items():
        bracketed = text.count("(" + label) + text.count("（" + label)
        # (or by the family name alone, its first two characters: "中澤さん" for "(中澤有美子)")
        if text.count(label) <= bracketed and (len(label) < 3 or text.count(label[:2]) <= bracketed):
            accepted.discard(k)
            rejected[k] = _UNNAMED_IN_ROUND


_UNNAMED_INITIALS = "capitals alone on their line, the initials of no speaker's name (an abbreviation)"


def _drop_unnamed_initials(cands, accepted: set, rejected: dict) -> None:
    """Reject the capitals alone on their lines read as a speaker's initials ("LT" over a
    question) that abbreviate no accepted label of two words or more ("LISA TURVEY"): an
    abbreviation standing as a heading ("FAQ", "USA")."""
    named = _initials_of_names(accepted)
    for c in cands:
        if c and c[0] and c[0].kind == "q-bare" and not c[0].rest and INITIALS_ALONE.fullmatch(c[0].raw) \
                and (k := label_key(c[0].label)) in accepted and k not in named:
            accepted.discard(k)
            rejected[k] = _UNNAMED_INITIALS


_LIST_HEADING = "printed once alone on its line over a list of names, one a line (a list's heading)"
# A list of names under a heading: its first lines this many names alone at least.
_LIST_LINES = 3
# A numbered list's item: "1. Отчет …", "2) …".
_NUMBERED_ITEM = re.compile(r"\d{1,3}[.)]\s")


def _drop_list_headings(by_line: dict, texts, accepted: set, rejected: dict, counts: Counter,
                        profile: Profile) -> None:
    """Reject the labels printed once alone on their line whose next lines are names alone,
    one a line, perhaps closed by a period, or numbered items: an attendance list's party
    heading ("Partido Socialista (PS):" over "Acácio Manuel Frias Barreiros."), an agenda's
    ("ДНЕВЕН РЕД:" over "1. Отчет за 2009 година …"); no one's speech is a list."""
    for m, under in _alone_once(by_line, texts, counts, accepted, _LIST_LINES):
        if len(under) == _LIST_LINES and (all(is_full_name(t.removesuffix("."), profile) for t in under)
                                          or all(_NUMBERED_ITEM.match(t) for t in under)):
            accepted.discard(label_key(m.label))
            rejected[label_key(m.label)] = _LIST_HEADING


_UNSPOKEN_FIELD = "printed once alone on its line, another label on the next: nothing spoken under it"
_UNSPOKEN_TITLE = "a line alone printed again, over speech once at most (a title or a running head)"


def _drop_unspoken_titles(by_line: dict, texts, accepted: set, kinds: dict,
                          profile: Profile) -> dict:
    """Reject the lines alone that recur but head speech once at most: a programme's title
    printed as the page's heading and again over its captions ("Cizinec je našinec"), a
    record's running head ("REPUBLIC OF KENYA" over "COUNTY ASSEMBLY OF KILIFI"), each
    time right above another such line or a list of timed captions. A speaker's name alone
    on its line recurs because its bearer speaks again."""
    titles = {i: label_key(c[0].label) for i, c in by_line.items()
              if c and c[0] and c[0].kind == "caps-line" and not c[0].rest}
    titles = {i: k for i, k in titles.items()
              if k in accepted and not _is_strong(k, kinds[k], profile)}
    if not titles:
        return {}
    lines, spoken = texts(), Counter()
    for i, k in titles.items():
        j = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        under = by_line.get(j) if j is not None else None
        spoken[k] += bool(by_line[i][0].rest) or not (
            j is None or under and under[0] and under[0].kind == "caps-line" and not under[0].rest)
    rejected = {}
    for k in [k for k, n in spoken.items() if n < 2]:
        accepted.discard(k)
        rejected[k] = _UNSPOKEN_TITLE
    return rejected


def _drop_unspoken_fields(by_line: dict, texts, accepted: set, singles: list) -> dict:
    """Reject the labels printed once alone on their line whose next line holds another
    short label, alone or with a field's value: nothing is spoken under them, a form's or a
    login box's field names stacked over the record's fields ("Username:" over "Password:"
    over "Numero: 08-12"); not a name over a sentence that ends in a colon ("Mr. Kroeger
    gave this warning to the transportation committee on Tuesday:")."""
    keys = Counter(label_key(c[0].label) for c in by_line.values() if c and c[0])
    lines, rejected = texts(), {}
    for i, c in by_line.items():
        k = label_key(c[0].label) if c and c[0] else None
        if keys[k] != 1 or c[0].rest or c[0].raw.rstrip()[-1:] not in ":：":
            continue
        j = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if j is not None and (under := by_line.get(j)) and under[0] and len(under[0].label.split()) <= 3 \
                and (not under[0].rest or _FIELD_VALUE.fullmatch(under[0].rest)):
            accepted.discard(k)
            if k in singles:
                singles.remove(k)
            rejected[k] = _UNSPOKEN_FIELD
    return rejected


# In a text of a paragraph a line, names alone on their lines in the language's case are a
# play's speakers where two of them at least each stand so twice or more, this often in all.
_CASED_ALONE_MIN = 6


def _undelimited_capitals(c) -> bool:
    """A candidate with no delimiter after it, in capitals or before a clock time ("WILL
    COME TO" alone on a cue's line, "PRESIDENT Bas?", "THE TIME IS 9:31 A.M."): a caption's
    words, wrapped at the cue's width and in capitals as broadcast captions print them, no
    label; a cue prints its speaker with a delimiter (">> MADAM PRESIDENT:"), a voice tag or
    brackets, and has its times."""
    m = c[0] if c else None
    return bool(m) and (m.kind in _NO_DELIMITER_KINDS
                        or m.kind == "q-bare" and m.raw.strip() == m.label and len(m.label) > 1)


def _without_wrapped_lines(by_line: dict, texts) -> list:
    """The candidates (``by_line``: line index -> candidate) without the short lines in the
    language's case that are wrapped prose.

    In a text of a paragraph a line, such a line is as often a line of wrapped prose as a
    label alone (see :func:`_accept`); it is a label where names alone recur so, as a
    play's do ("Helena" / "Domin", each nine times over their speeches): two names at least,
    each twice at least, :data:`_CASED_ALONE_MIN` times in all, no word of them ever printed
    in small letters (see :func:`_speaking_names`); or where a name recurs so and a line in
    quotation marks follows it each time, the words it says (a news site's "Jules Vasquez"
    over '"It would seem …"').
    """
    def cased(c) -> bool:
        return bool(c and c[0] and c[0].kind == "caps-line" and is_cased_line_only(c[0].label))

    cands = list(by_line.values())
    uses = Counter(label_key(c[0].label) for c in cands if cased(c))
    names = {k for k, n in uses.items() if n >= 2}
    small = {w for t in texts() for w in _WORD_RUN.findall(t) if w.islower()} if names else set()
    if len(names) >= 2:
        names = {k for k in names if not any(w in small for w in k.split())}
    keep = names if len(names) >= 2 and sum(uses[k] for k in names) >= _CASED_ALONE_MIN else set()
    keep |= _names_over_quotes(by_line, texts, names - keep, small)
    return [c for c in cands if not cased(c) or label_key(c[0].label) in keep]


def _names_over_quotes(by_line: dict, texts, names: set, small: set) -> set:
    """The recurring names alone on their lines (``names``, keys) that a line opening with a
    quotation mark follows each time, none of their words printed in small letters."""
    lines = texts() if names else ()
    after: dict = {}
    for i, c in by_line.items():
        if c and c[0] and (k := label_key(c[0].label)) in names:
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            after.setdefault(k, []).append(nxt[:1] in _QUOTE_MARKS)
    return {k for k, quoted in after.items() if all(quoted) and not any(w in small for w in k.split())}


# A word alone on its line in the language's case is a speaker's label where it is
# printed this often at least (or the vocabulary knows it).
_LONE_WORD_MIN = 3
_LONE_WORD = "one word alone on its line, in the language's case, printed fewer than three times (a menu item or a heading)"


def _drop_lone_words(cands, accepted: set, rejected: dict, counts: Counter, kinds: dict,
                     profile: Profile) -> None:
    """Reject the single words alone on their lines in the language's case printed once or
    twice ("Download", "Embed": a video player's menu over its captions): a name alone is
    a label in a text whose labels are printed so again and again."""
    lone = [k for k in accepted if kinds[k] == "caps-line" and len(k.split()) == 1
            and counts[k] < _LONE_WORD_MIN and not _is_strong(k, kinds[k], profile)]
    if not lone:
        return
    in_case = _in_case(cands)
    timed = {label_key(c[0].label) for c in cands if c and c[0] and _CLOCK_FIRST.match(c[0].raw)}
    for k in lone:
        if k in in_case and k not in timed:     # ("00:12:40 Podcast": the time marks a turn)
            accepted.discard(k)
            rejected[k] = _LONE_WORD


_HEADING_ONCE = "a Markdown heading printed once (a section's title, not a speaker's)"


def _drop_headings(cands, accepted: set, rejected: dict, counts: Counter) -> None:
    """Reject the names in Markdown headings printed once: a heading over each turn
    ("### Speaker 00 (0:08)", a tool's export) is a label where it recurs, a heading
    printed once is a section's title."""
    headed = {label_key(c[0].label) for c in cands
              if c and c[0] and c[0].kind == "caps-line" and c[0].raw.startswith("#")}
    for k in headed & accepted:
        if counts[k] < 2:
            accepted.discard(k)
            rejected[k] = _HEADING_ONCE


def _recurring_or_strong(counts: Counter, kinds: dict, profile: Profile) -> tuple[set, list]:
    """(the labels printed twice or more, or of a strong kind; the others, printed once)."""
    accepted, singles = set(), []
    for k, n in counts.items():
        # "A." once where no question is labelled is an outline letter ("A. Kuasa
        # Hukum Pemohon: ..." in a list of the parties), not an answer; beside another
        # of the language's letters (Albanian "A:" then "P:", përgjigje) it is one of a pair.
        outline = k == "a" and n == 1 and "q" not in counts \
            and not any(c in counts for c in profile.qa_letters - {"a"})
        initials = kinds[k] == "q-bare" and INITIALS_ALONE.fullmatch(k.upper()) is not None
        if n >= 2 or (_is_strong(k, kinds[k], profile) and not outline and not initials):
            # (initials alone on their line are judged as printed once: "LT" is no lieutenant)
            accepted.add(k)
        else:
            singles.append(k)
    return accepted, singles


@dataclass
class _Evidence:
    """What the document says of its labels, for judging those printed once."""

    counts: Counter
    alone: Counter
    kinds: dict
    by_person: Counter          # a person named by several labels recurs (WOLF BLITZER / BLITZER)
    recurring: list             # the labels printed twice or more
    recurring_kinds: set        # their kinds: a label printed once of such a kind is a speaker
    standing: bool              # the recurring labels stand alone on their lines
    initials: set
    in_case: set
    fields: set = field(default_factory=set)    # printed once, before the speech, with a value
    named_fields: set = field(default_factory=set)  # those whose value is a name or a date
    names_alone: frozenset = frozenset()
    accepted: frozenset = frozenset()   # the labels accepted before those printed once are judged
    marked: frozenset = frozenset()     # labels printed after a captions' ">>" (a new speaker)
    cast: frozenset = frozenset()       # labels printed once in one shape, where none recurs
    in_prose: frozenset = frozenset()   # names alone on their lines printed once, the prose naming them
    glued_dash: frozenset = frozenset()  # labels closed by a hyphen glued to their last letter
    printed: dict = field(default_factory=dict)     # each label as first printed
    declared: frozenset = frozenset()   # short labels an editor's note declares ("(以下、田家)")
    named_caseless: frozenset = frozenset()     # caseless labels printed once, named elsewhere too


def _under_labels(by_line: dict) -> frozenset:
    """The keys of labels on a line right under another label's line (a question's line,
    then the answer's, no blank line between: "Δημοσιογράφος: …" / "Αντώνης Σαμαράς: …")."""
    return frozenset(label_key(c[0].label) for i, c in by_line.items()
                     if c and c[0] and (above := by_line.get(i - 1)) and above[0])


def _evidence(cands, counts: Counter, alone: Counter, kinds: dict, accepted: set,
              singles: list, given_alone: int, profile: Profile, texts=tuple,
              fields: bool = True, under_labels: frozenset = frozenset()) -> _Evidence:
    by_person: Counter = Counter()
    for k, n in counts.items():
        by_person[_person_key(k)] += n
    recurring_kinds = {kinds[k] for k in accepted if counts[k] >= 2}
    recurring_kinds |= {kinds[k] for k in singles if by_person[_person_key(k)] >= 2}
    if accepted:
        recurring_kinds.add("caps")     # ALL-CAPS labels are rarely anything else
    else:
        recurring_kinds |= _kinds_of_a_cast_printed_once(singles, kinds, alone)
    recurring = [k for k in accepted if counts[k] >= 2]
    in_case = _in_case(cands) if any(kinds[k] == "caps-line" for k in singles) else set()
    header = _header_fields(cands, counts, by_person, profile) if fields else (set(), set())
    return _Evidence(counts, alone, kinds, by_person, recurring, recurring_kinds,
                     _labels_stand_alone(recurring, counts, alone, given_alone),
                     {_DOTTED_INITIALS.sub("", k) if _DOTTED.fullmatch(k) else k.strip(_QUOTE_MARKS + "»”’")
                      for k in recurring if k not in ("q", "a")}, in_case, *header,
                     accepted=frozenset(accepted),
                     marked=frozenset(label_key(c[0].label) for c in cands if c and c[0]
                                      and c[0].raw.startswith(tuple(profile.speaker_marks))),
                     cast=_cast_printed_once(cands, by_person, header[0], profile, texts, under_labels)
                     if singles else frozenset(),
                     in_prose=(_named_in_prose(cands, singles, kinds, texts)
                               if any(kinds[k] in ("caps-line", "name") for k in singles) else frozenset())
                     | (_initialled_in_prose(singles, recurring, kinds, texts)
                        if any(kinds[k] == "dash" for k in singles) else frozenset()),
                     glued_dash=frozenset(label_key(c[0].label) for c in cands if c and c[0]
                                          and c[0].kind == "dash" and _GLUED_HYPHEN.search(c[0].raw)),
                     printed=(printed := _printed(cands)), declared=_declared(cands, profile),
                     named_caseless=_caseless_named_elsewhere(singles, counts, printed, texts))


def _caseless_named_elsewhere(singles: list, counts: Counter, printed: dict, texts) -> frozenset:
    """The labels printed once in a script without case that the text prints more often than
    as labels: a speaker the others greet or introduce ("היי רועי", then "רועי: שלום ליאור"),
    not a line that introduces read-out material ("念战友名字：")."""
    names = {k: printed.get(k, k) for k in singles if is_caseless_name(printed.get(k, k))}
    if not names:
        return frozenset()
    text = "\n".join(texts())
    return frozenset(k for k, name in names.items() if text.count(name) > counts[k])


def _declared(cands, profile: Profile) -> frozenset:
    """The keys of the short labels that notes after names declare (see
    :func:`labels.hereafter_note`), and of the names so noted."""
    out = set()
    for c in cands:
        if c and c[0] and (noted := hereafter_note(c[0].label, profile)) is not None:
            out.update((label_key(noted[1]), label_key(c[0].label)))
    return frozenset(out)


def _surname_in_capitals(label: str) -> bool:
    """A surname in capitals (one or two words), then the given name (one or two):
    "MELLANO Bruno", "DI PIETRO Antonio Maria"."""
    words = label.split()
    caps = next((i for i, w in enumerate(words) if not w.isupper()), len(words))
    return 1 <= caps <= 2 and 1 <= len(words) - caps <= 2 and all(sum(map(str.isalpha, w)) >= 2 for w in words[:caps]) \
        and all(w.isalpha() and w.istitle() for w in words[caps:])


def _printed(cands) -> dict:
    """Each label key as the label is first printed."""
    out: dict = {}
    for c in cands:
        if c and c[0]:
            out.setdefault(label_key(c[0].label), c[0].label)
    return out


# A word in small letters this long at least is no particle of a name ("de", "van", "della").
_SMALL_WORD_MIN = 6


def _has_small_word(label: str) -> bool:
    """A word in small letters longer than a name's particle, and no name closing the label
    ("ТОП новини", "La consellera"; not "Valitsuse esindaja Aivar Rahno", an office and
    its holder)."""
    words = label.split()
    return any(w.islower() and len(w) >= _SMALL_WORD_MIN for w in words) \
        and not (len(words) >= 3 and all(w[:1].isupper() for w in words[-2:]))


_GLUED_HYPHEN = re.compile(r"(?:[^\W\d_]|\))-$")
# Initials printed with periods ("M.M.", "J. E."), compared without them ("mm").
_DOTTED = re.compile(r"(?:[^\W\d_]\.\s?){1,4}")
_DOTTED_INITIALS = re.compile(r"[.\s]")


def _same_opening(k: str, r: str) -> bool:
    """Two labels open with the same two words, a form of address ("o sr. x", "o sr. y")."""
    a, b = k.split()[:2], r.split()[:2]
    return len(a) == 2 and a == b and len(k.split()) > 2 and len(r.split()) > 2


def _header_fields(cands, counts: Counter, by_person: Counter, profile: Profile) -> tuple[set, set]:
    """The labels printed once before the first speaker who speaks again, with a short
    value after the colon and no sentence: a page's or a record's fields ("Dato:
    19.05.2011", "House: National Assembly", "**Entrevistador:** João Garção"); and
    those of them whose value is a name or holds a figure (a strong shape's field:
    "**Host:** Welcome" is speech, "**Guest:** Jane Roe" is not), or is a list of names
    ("Sprecher: StS Seibert, von Tiesenhausen-Cave (BMF), Breul (AA), …": whoever reads
    out names speaks no turn in them). A label printed once whose value holds a dot
    leader is a field wherever it stands."""
    fields, named, spoke = set(), set(), set()
    for c in cands:
        if not (c and c[0]):
            continue
        k = label_key(c[0].label)
        if len(spoke - {k}) >= 2:
            break                       # two speakers have spoken: the speech has begun
        if counts[k] == 1 and _DOT_LEADER.search(c[0].rest):
            fields.add(k)               # "President: Mr. D’Escoto Brockmann …… (Nicaragua)"
            named.add(k)
            continue
        if by_person[_person_key(k)] >= 2 and (counts[k] >= 2 or not _FIELD_VALUE.fullmatch(c[0].rest)):
            break                       # the first recurring speaker: the speech has begun
        if counts[k] == 1 and _is_name_list(c[0].rest, profile):
            fields.add(k)
            named.add(k)
        elif counts[k] == 1 and (_FIELD_VALUE.fullmatch(c[0].rest) or _FIGURES_CLOSED.fullmatch(c[0].rest)):
            fields.add(k)
            words = c[0].rest.split()
            if any(ch.isdigit() for ch in c[0].rest) or (
                    len(words) >= 2 and all(w.lstrip("([")[:1].isupper() for w in words)) or (
                    len(words) == 1 and words[0][:1].isupper() and by_person[_person_key(k)] >= 2):
                named.add(k)    # (an office's holder, the office labelled so again: "Voorzitter:
                #                 Arib" over "De voorzitter:")
        else:
            spoke.add(k)
    return fields, named


# A dot leader, as a form or a table of contents prints one between a field and its value:
# a line with one is a record's field, whatever its name.
_DOT_LEADER = re.compile(r"…{3,}|\.{6,}|(?:\. ){4,}")
# A field's value: up to eight words, no sentence's end (a date, a name, a place). Scripts
# that put no space between words make a paragraph one "word": the ideographic full stop,
# which closes a sentence and nothing else, ends one inside it as well.
_FIELD_VALUE = re.compile(r"[^\s?!:;？！：；。]+(?:[ \t]+[^\s?!:;？！：；。]+){0,7}(?<![.?!…\"”»。！？])")

# A value of figures alone closed by a period is a date or a number, no sentence
# ("תאריך עליית הפרק לאוויר: 03/09/2024.", an episode's air date), a unit's abbreviation
# perhaps after them ("STOPÁŽ: 58 min.", a programme's running time).
_FIGURES_CLOSED = re.compile(r"\d[\d\s./:\-–]*(?:\s?[^\W\d_]{1,4})?\.")

# Items of a list: separated by commas (or semicolons), in any script.
_LIST_SEP = re.compile(r"\s*[,;،、，；]\s*")
# A sentence's end: a stop before a space or the end, not an initial's period ("J. Smith").
# (no space after "。"; nor after a half-width "?" after Han, Kana or Hangul: "如何?2022-11-05")
_SENTENCE_STOP = re.compile(r"(?<!\b[^\W\d_])[.?!…。？！](?=\s|$)|[。？！](?=\S)"
                            r"|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])[?!]")
# A list has this many items at least; its middle one has at most this many words.
_LIST_MIN, _LIST_ITEM_WORDS = 4, 8
# A name in a list: its words capitalised (a particle in small letters), a bracket after it.
_LIST_BRACKET = re.compile(r"\s*[(\[][^()\[\]]{1,40}[)\]]$")


# A title abbreviated before a name, as a list of names prints it: "Ing. Pavol Katreniak",
# "MUDr. Peter Fino", "Dr. Jane Roe" (its period ends no sentence).
_TITLE_BEFORE_NAME = re.compile(r"(?<![^\s,;(])[A-ZÀ-Þ][^\W\d_]{0,4}\.(?= [A-ZÀ-Þ][^\W\d_]+)")


def _list_items(text: str) -> list:
    """The items of ``text`` read as a list with no sentence in it, else []."""
    if _SENTENCE_STOP.search(_TITLE_BEFORE_NAME.sub("T", text)):
        return []
    items = [i for i in _LIST_SEP.split(text.strip()) if i]
    return items if len(items) >= _LIST_MIN else []


def _is_list_value(text: str) -> bool:
    """A list, not a sentence: four items or more, the middle one short ("Personalie,
    geplante Verschärfung …, Lage in Simbabwe, Krieg im Jemen, …": a field's topics)."""
    items = _list_items(text)
    return bool(items) and sorted(len(i.split()) for i in items)[len(items) // 2] <= _LIST_ITEM_WORDS


def _is_name_list(text: str, profile: Profile) -> bool:
    """A list of persons' names, perhaps each with its bracketed office ("StS Seibert, von
    Tiesenhausen-Cave (BMF), Breul (AA), …")."""
    items = _list_items(text)
    return bool(items) and all(_is_listed_name(_LIST_BRACKET.sub("", i), profile) for i in items)


def _is_listed_name(item: str, profile: Profile) -> bool:
    words = item.split()
    return 1 <= len(words) <= 4 and words[-1][:1].isupper() and all(
        w[:1].isupper() or w.lower() in profile.particles for w in words)


def _names_a_person(text: str, profile: Profile) -> bool:
    """A short value that opens with a form of address and a name, no vocative's comma
    after it ("السيد عبد العزيز بلخادم رئيس المجلس الشعبي الوطني.": the chair of the
    sitting, a record's field), not speech ("Mr. Speaker, I rise …")."""
    words = text.split()
    return 2 <= len(words) <= 12 and not _SENTENCE_STOP.search(text.rstrip(".。")) \
        and words[0].lower().rstrip(".") in profile.honorifics and words[1][-1:] not in ",،，"


def _opens_with_names(text: str, profile: Profile) -> bool:
    """A text that opens with a list of persons' names, :data:`_LIST_MIN` at least, each a
    name alone between commas: who a minute's sentence reports on ("Пратениците: Ристо
    Манчев, Павле Стаздов, …, ме известија дека …", the members who sent their apologies),
    not a speech."""
    items = _LIST_SEP.split(text, _LIST_MIN)[:_LIST_MIN]
    return len(items) == _LIST_MIN and all(is_personal_name(i.strip(), profile) for i in items)


# Where no label recurs, this many labels printed once in one shape are the document's
# grammar; of names alone on their lines, which headings resemble, this many.
_CAST_MIN, _CAST_ALONE_MIN = 2, 3
_CAST_KINDS = ("name", "hon-caps", "caps", "hansard", "bracket")


def _cast_printed_once(cands, by_person: Counter, fields: set, profile: Profile,
                       texts=tuple, under_labels: frozenset = frozenset()) -> frozenset:
    """The labels printed once that are a short record's grammar, where no label recurs.

    A short record may label each of its speakers once ("عبد الحميد دشتي : المادة …",
    "汪文斌:昨天…" before "Wang Wenbin: Yesterday…", a name alone on its line over the
    speech). Labels that stand in one shape, each at a paragraph's start (or on the line
    right under another label's, ``under_labels``), each a name in
    its script, are its grammar: with the same delimiter, each followed by speech on its
    line (no field's value: a short value, a list, a person named), or alone on their
    lines, each a person's name in the language's case and prose after it, three at least,
    or two where each prints a role in brackets after the name ("Matt Smith (Head of
    Investor Relations)") (:func:`_speaking_names`; ``texts`` returns the document's lines).
    """
    if any(n >= 2 for n in by_person.values()):
        return frozenset()
    groups: dict = {}
    for c in cands:
        if c and c[0] and (c[1] or label_key(c[0].label) in under_labels) \
                and (shape := _cast_shape(c[0], fields, profile)) is not None:
            groups.setdefault(shape, set()).add(label_key(c[0].label))
    for shape, least in ((("caps-line", False, ""), _CAST_ALONE_MIN), (("caps-line", False, "()"), _CAST_MIN)):
        if len(groups.get(shape, ())) >= least:
            groups[shape] = _speaking_names(groups[shape], texts(), profile)
    if ("dashed", True, "–") in groups:
        dashed = groups[("dashed", True, "–")]
        groups[("dashed", True, "–")] = _initialled(dashed) or _initials_of_names_printed(dashed, texts())
    return frozenset(k for shape, keys in groups.items()
                     if len(keys) >= (_CAST_MIN if shape[1] or shape[2] else _CAST_ALONE_MIN) for k in keys)


def _initialled(keys: set) -> set:
    """The names before a dash printed once (``keys``), where one of them is printed again as
    its dotted initials ("Հերմինե Զարմանյան –", then "Հ. Զ. –"): the document's own sign that
    they are its speakers; a name and a dash at a paragraph's start is otherwise as often
    prose ("Paris – the capital …")."""
    dotted = {_DOTTED_INITIALS.sub("", k) for k in keys if _DOTTED.fullmatch(k)}
    return keys if any(_initials(k) in dotted for k in keys if not _DOTTED.fullmatch(k)) else set()


# A capitalised word, perhaps with a mark after it (a name's end: "Knell.", "Arnold,").
_CAPITALISED = re.compile(r"(?P<word>[^\W\d_][^\W\d_’'\-]+)(?P<end>[.,;:!?)”’\x22]*)")


def _initials_printed(line: str) -> set:
    """The initials of every two or three capitalised words one after another in ``line``
    (a person's name as prose prints it: "sef Jo Knell." gives "jk")."""
    found, run = set(), []
    for token in line.split() + [""]:
        m = _CAPITALISED.fullmatch(token)
        if m and m.group("word")[0].isupper():
            run.append(m.group("word")[0].lower())
        if not m or not m.group("word")[0].isupper() or m.group("end"):
            found.update("".join(run[i:i + n]) for n in (2, 3) for i in range(len(run) - n + 1))
            run = []
    return found


def _initials_of_names_printed(keys: set, lines: list) -> set:
    """The initials before a dash printed once (``keys``: "jk", "la"), where each is the
    initials of a name the text prints ("… sef Jo Knell.", then "JK - “Mi ennillais …”"):
    the presenter names the speakers, the transcript labels them so."""
    if not all(2 <= len(k) <= 3 and k.isalpha() for k in keys):
        return set()
    printed = set().union(*map(_initials_printed, lines))
    return keys if keys <= printed else set()


_SPEECH_WORDS = 8      # (as many as :func:`_is_prose` asks of a line of prose)
_WORD_RUN = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")


def _speaking_names(keys: set, lines: list, profile: Profile) -> set:
    """The names alone on their lines (``keys``) that are speakers' labels: speech follows each
    before the next, longer than the name and a sentence or eight words at least (a byline's
    "Jeff Guo" / ", " / "Nick Fountain" is none), and no word of
    the name is printed in small letters anywhere in the document (a heading's "Controversial
    History Lesson" is made of words: "history" is printed so)."""
    small = {w for t in lines for w in _WORD_RUN.findall(t) if w.islower()}
    at = [i for i, t in enumerate(lines) if label_key(t.strip()) in keys]
    found = set()
    for i, j in zip(at, at[1:] + [len(lines)]):
        k = label_key(lines[i].strip())
        words = [w for w in _name_part(k).split() if len(w) > 3 and w not in profile.particles]
        said = " ".join(lines[i + 1:j])
        n = len(said.split())
        if not any(w in small for w in words) and n > len(k.split()) \
                and (n >= _SPEECH_WORDS or _SENTENCE_STOP.search(said)):
            found.add(k)
    return found


# A line of prose is this long at least; a name's word is compared by its first letters
# (all but the last two, four at least), so that an inflected form names it too.
_PROSE_MIN, _STEM_MIN = 40, 4
_NAME_ALONE = re.compile(r"[^\W\d_][^\W\d_’'\-]*(?: [^\W\d_][^\W\d_’'\-]*){0,3}")


def _named_in_prose(cands, singles: list, kinds: dict, texts) -> frozenset:
    """The names alone on their lines, printed once, that the prose names too: the one
    speaker of a short excerpt ("RUTTE" over the press conference "of minister-president
    Rutte"; "Igor Zorčič", to whom the chair gives the floor: "Besedo dajem gospodu Igorju
    Zorčiču"); and the names before their speech that a line other than their own names
    (the minister of "Conferencia de prensa de Bruno Rodríguez Parrilla, Ministro …", then
    "Bruno Rodríguez.- Quiero …"). A heading or a byline is seldom named in the text under it."""
    alone = {label_key(c[0].label): c[0].label for c in cands
             if c and c[0] and (_alone_kind(c[0], kinds) if not c[0].rest
                                else kinds.get(label_key(c[0].label)) == "name")}
    names = {k: lab for k, lab in alone.items() if k in singles and _NAME_ALONE.fullmatch(lab)
             and all(w[0].isupper() for w in lab.split())}
    if not names:
        return frozenset()
    prose = [t for t in texts() if len(t) >= _PROSE_MIN]
    return frozenset(k for k, lab in names.items()
                     if any((_names(lab, t) or _introduces(lab, t)) and not t.startswith(lab)
                            for t in prose))


# An initial and a surname: "о.романова" (a label key), the radio's "О.РОМАНОВА –".
_INITIAL_SURNAME = re.compile(r"(?P<initial>[^\W\d_])\.\s?(?P<surname>[^\W\d_][^\W\d_\-]{2,})")


def _initialled_in_prose(singles: list, recurring, kinds: dict, texts) -> frozenset:
    """The labels before a dash printed once, an initial and a surname, where a recurring
    label is printed so and the text names the person in full ("О.РОМАНОВА –" under "…
    персона - Ольга Романова, ведущая …", the guests a host introduces)."""
    if not any(kinds.get(r) == "dash" and _INITIAL_SURNAME.fullmatch(r) for r in recurring):
        return frozenset()
    keys = {k: m for k in singles if kinds.get(k) == "dash" and (m := _INITIAL_SURNAME.fullmatch(k))}
    if not keys:
        return frozenset()
    prose = " ".join(texts())
    return frozenset(k for k, m in keys.items() if re.search(
        r"(?<!\w)" + re.escape(m["initial"].upper()) + r"\w+\s+" + re.escape(m["surname"][:1].upper())
        + re.escape(m["surname"][1:max(_STEM_MIN, len(m["surname"]) - 2)]), prose))


def _alone_kind(m: LabelMatch, kinds: dict) -> bool:
    """A name alone on its line, bare or closed by a colon ("Трајко Вељаноски:" over the
    speech, whom the minute's opening names as the chair)."""
    kind = kinds.get(label_key(m.label))
    return kind == "caps-line" or kind == "name" and m.raw.rstrip()[-1:] in ":："


def _introduces(name: str, line: str) -> bool:
    """Whether the prose line ``line``, in the language's case, prints the label ``name`` in
    capitals as a word of its own: a screenplay's action line introducing a character
    ("This is the home of THE BOY BAND, AKA DAN and JACK." over the cue "DAN")."""
    return _is_upper(name) and not _is_upper(line) \
        and re.search(r"(?<![^\W\d_])" + re.escape(name) + r"(?![^\W\d_])", line) is not None


def _names(name: str, line: str) -> bool:
    """Whether ``line`` prints every word of ``name`` (perhaps inflected) as a proper noun."""
    tokens = [w for w in _WORD_RUN.findall(line) if w[0].isupper() and not w.isupper()]
    stems = [w[0] + w[1:max(_STEM_MIN, len(w) - 2)].lower() for w in name.split()]
    return all(any(t.startswith(stem) for t in tokens) for stem in stems)


def _cast_shape(m: LabelMatch, fields: set, profile: Profile) -> tuple | None:
    """(kind, whether speech follows on the line, delimiter) of a label that may be one of a
    cast printed once (see :func:`_cast_printed_once`), or None."""
    if not m.rest:
        if m.kind == "caps-line" and not _is_upper(m.label) \
                and is_personal_name(attributed_name(m.label), profile):
            return ("caps-line", False, "")     # a name; or an outlet and its journalist
        if m.kind == "caps-line" and not _is_upper(m.label) and is_name_with_role(m.label, profile):
            return ("caps-line", False, "()")   # a name and its role: "Matt Smith (Head of …)"
        if m.kind in _CAST_KINDS and m.raw.rstrip()[-1:] in ":：":
            return ("delimited", True, ":")     # its speech on the lines below: "ROMAN ZIĘBA:"
        if m.kind == "bracket":
            return ("delimited", True, m.raw[:1])   # brackets its delimiter: "<정은경 …센터장>"
        if m.kind == "dash" and m.raw.rstrip()[-1:] in "—–":
            return ("delimited", True, "—")     # a spaced dash closing it: "PARLA ALESSIO —"
        return None
    if m.kind == "dash" and label_key(m.label) not in fields:
        return ("dashed", True, "–")           # "Հերմինե Զարմանյան – Դեռևս …" (see _initialled)
    if m.kind not in _CAST_KINDS and not _period_in_capitals(m) or label_key(m.label) in fields \
            or _is_list_value(m.rest) or _names_a_person(m.rest, profile) \
            or _opens_with_names(m.rest, profile):
        return None
    return ("delimited", True, m.raw.rstrip()[-1:].replace("：", ":"))


def _period_in_capitals(m: LabelMatch) -> bool:
    """Whether ``m`` is a label in capitals closed by a period, speech after it on the line,
    as a stenogram prints each speaker once in a short excerpt ("L. GRAUŽINIENĖ. Gerbiamieji
    …", "PIRMININKĖ. Jūsų …")."""
    return m.kind == "period" and bool(m.rest) and _is_upper(m.label)


def _glued_dash_as_recurring(k: str, ev: _Evidence) -> bool:
    """A label closed by a hyphen glued to its last letter ("مدرس- …"), where a recurring
    label is printed so: a dateline's dash stands apart ("WASHINGTON — …")."""
    return k in ev.glued_dash and any(r in ev.glued_dash for r in ev.recurring)


# A label of one letter and a period ("j.:" after "Ja:").
_LETTER_PERIOD = re.compile(r"[^\W\d_]\.")


def _judge_single(k: str, ev: _Evidence, profile: Profile) -> str | None:
    """Why a label printed once is no speaker, or None when it is one."""
    kind, person = ev.kinds[k], ev.by_person[_person_key(k)]
    if ev.standing and not ev.alone[k]:
        return _INLINE_ONCE
    if _initials(k) in ev.initials or k in ev.names_alone or k in ev.declared \
            or kind == "q-bare" and k in _initials_of_names(ev.counts) \
            or _initials_of_a_label(k, kind, ev):
        return None     # introduced by name, then by initials (JC, T; "LISA TURVEY", then
        #                 "LT"; "Pod Tudo Cast - …", then "PTC - …"); listed; or declared by
        #                 a note after the name ("田家秀樹(以下、田家):" then "田家:")
    if kind != "phrase" and is_personal_name(ev.printed[k], profile) and any(
            ev.kinds[c] == kind and ev.counts[c] == 1 and _initials(c) in ev.initials for c in ev.counts if c != k):
        return None     # a full name printed once as the others are, whose initials follow them
        #                 ("Anna Hedenmo:" beside "Stefan Löfven:" then "SL:")
    if k in ev.fields:
        return _FIELD_ONCE
    if _LETTER_PERIOD.fullmatch(k) and not any(r[:1] == k[:1] for r in ev.accepted):
        return "printed once, a letter and a period abbreviating no speaker's label (an item's letter)"
    if kind == "phrase":
        # "Phóng viên:" names a role as a sentence would: printed once, it begins one.
        return "printed once, words in sentence case (a sentence's start)"
    if k in ev.cast:
        return None     # one of a cast each printed once, in one shape (a short record)
    return _judge_single_by_shape(k, kind, person, ev, profile)


def _judge_single_by_shape(k: str, kind: str, person: int, ev: _Evidence, profile: Profile) -> str | None:
    """:func:`_judge_single` of a label printed once that nothing else introduces, by its
    shape beside the recurring labels' (``person``: how often the labels naming its person
    are printed)."""
    if is_caseless_name(k) and kind != "period" and not any(k in r or r in k for r in ev.recurring) \
            and not _has_caseless_title(k, profile) and not _TRANSLITERATED.search(k) \
            and k not in ev.marked and k not in ev.named_caseless and not _glued_dash_as_recurring(k, ev):
        # Without letter case, a label printed once is indistinguishable
        # from a line that introduces read-out material ("念战友名字："); not where
        # the language pack's own mark of a speaker prints it (the "○" of Japanese
        # and Korean minutes), nor after the ">>" by which captions mark a new speaker,
        # nor where the text names it elsewhere too (a greeting: "היי רועי" before "רועי:"),
        # nor before the glued dash by which the recurring labels are printed ("مدرس- …"
        # among the Majlis's "نایب رئیس- …"): nothing read out is introduced so.
        return "printed once, in a script without case, and unlike any recurring label"
    if (heading := _capitals_among_cased(k, kind, ev)):
        return heading
    if kind == "period" and is_caseless_name(k) and _has_caseless_title(k, profile):
        return None     # the language pack's own label shape, holding one of its titles: "谷田川委員長)"
    if kind == "dash" and _TAIL.search(k) and any(
            ev.kinds[r] == "dash" and _TAIL.search(r) and (r in ev.recurring or _same_opening(k, r))
            for r in ev.accepted):
        return None     # a member and his seat, as the recurring labels print theirs, or as
        #                 a label of a strong kind does, opening with the same form of address
    if kind == "period" and ev.alone[k] and any(ev.kinds[r] == "period" for r in ev.accepted):
        return None     # a name (its office, its party) closed by a period alone on the
        #                 line: a language pack's label shape, a speaker's in this document
    if kind in ("caps-line", "name", "dash") and k in ev.in_prose \
            or kind == "name" and k in ev.named_caseless:
        return None     # the one speaker of a short excerpt, whom the prose names (a
        #                 spokesman the lead introduces: "發言人蔣斌大校…答記者問", then "蔣斌：")
    if kind == "caps-line" and k in ev.in_case:
        # A name and office alone on its line, in the language's case, is a label
        # where the recurring ones are printed so, not among capitals ("KING" and
        # "Enter King, Queen, Polonius.").
        like = [r for r in ev.recurring if r in ev.in_case]
        if _surname_in_capitals(ev.printed[k]) and any(_is_upper(ev.printed[r]) for r in ev.recurring):
            return None     # "MELLANO Bruno" among "PRESIDENTE": the surname in capitals, as
            #                 Italian records print a member's name, the office all capitals
        if like and (not _has_small_word(ev.printed[k]) or any(_has_small_word(ev.printed[r]) for r in like)):
            return None     # (a word in small letters where the recurring labels have one:
            #                 "ТОП новини", a menu line, among names "Сергій Кисельов")
        return "printed once, a name and office alone, unlike the recurring labels"
    if kind == "dash" and _glued_dash_as_recurring(k, ev):
        return None     # a hyphen glued to the name, as the recurring labels print theirs
    if kind == "caps-line" and kind in ev.recurring_kinds and _addressed(ev.printed[k], profile):
        return None     # a form of address and a name alone on the line, as the recurring
        #                 labels stand: "GÉNÉRAL RUDENKO" among "LE PRÉSIDENT", "Dr SERVATIUS"
    if kind in ("caps-line", "dash") and person < 2:
        # printed once, and no other label names the person: a heading or a dateline
        return "printed once, without a colon (a heading or a dateline)"
    if (kind in ev.recurring_kinds and len(_name_part(k).split()) <= 6) or person >= 2:
        return None
    if k in ev.marked and any(r in ev.marked for r in ev.accepted):
        return None     # the mark of a speaker an accepted label is printed with ("○사무국장 김낙구")
    return "appears once and does not look like a speaker label"


def _capitals_among_cased(k: str, kind: str, ev: _Evidence) -> str | None:
    """Why a label printed once in capitals, where the recurring labels are in the
    language's case, is a heading: its time after it, or alone on its line with a colon
    (a masthead's field, "DIRECTORES:" over the printer's names, beside "Secretario:")."""
    if not (ev.recurring and _is_upper(ev.printed[k])) \
            or any(_is_upper(ev.printed[r]) for r in ev.recurring):
        return None
    if kind == "label-time":
        return "printed once, a heading in capitals and its time, unlike the recurring labels"
    if kind == "caps" and ev.alone[k]:
        return "printed once, capitals alone on the line, unlike the recurring labels"
    return None


def _addressed(label: str, profile: Profile) -> bool:
    """Whether ``label`` is a form of address of the vocabulary and one or two words of a
    name after it ("Général Rudenko", "Dr Servatius")."""
    words = label.casefold().split()
    return any(" ".join(words[:n]).rstrip(".") in profile.honorifics and 1 <= len(words) - n <= 2
               for n in (1, 2, 3))


# The document's own shape explains this many turns, and the odd labels this share at most.
_ODD_OTHERS, _ODD_SHARE = 10, 0.05
_ODD_SHAPE = ("a name printed once, or one word, before a colon, where the document labels its "
              "speakers in another shape")


def _drop_odd_shapes(accepted: set, rejected: dict, counts: Counter, kinds: dict,
                     profile: Profile) -> None:
    """Reject the few bare names and capitals of a document that labels its speakers otherwise.

    A speech introduces what it quotes or lists with a word or a name and a colon at
    the start of a line ("Insisto:", "Señor Feijóo, voulle formular unha pregunta:",
    "LOMCE:", a roll call's "Yolanda Díaz Pérez: Si."). Where nearly all of the
    document's labels are of one other shape (a form of address and a name in
    capitals), such labels printed once, or of one word, are not speakers. Labels of
    the vocabulary (an honorific, a generic label, a chair) stay.
    """
    by_kind: Counter = Counter()
    for k in accepted:
        by_kind[kinds[k]] += counts[k]
    if not by_kind:
        return
    main, main_n = by_kind.most_common(1)[0]
    few = _ODD_SHARE * sum(by_kind.values())
    # A kind that other labels print often is one of the document's own shapes
    # ("#### Sekretarz Poseł Patryk Jaskulski:" once, by the Prime Minister's name eight times).
    odd = [k for k in accepted if kinds[k] != main and by_kind[kinds[k]] <= few
           and _is_odd(k, kinds[k], counts[k]) and not _is_strong(k, kinds[k], profile)]
    own = sum(counts[k] for k in odd)
    if odd and main_n >= _ODD_OTHERS and own <= few:
        for k in odd:
            accepted.discard(k)
            rejected[k] = _ODD_SHAPE


def _is_odd(k: str, kind: str, n: int) -> bool:
    """A label :func:`_drop_odd_shapes` may reject: a name printed once, or one word
    (a name, or a word in capitals: capitals of several words printed once, "THE
    WITNESS:", are a court's labels)."""
    one_word = " " not in k
    return (kind == "name" and (n == 1 or one_word)) or (kind in ("caps", "period") and one_word) \
        or kind == "phrase"


_TAIL = re.compile(r"\S\s*\([^()]+\)$")     # a bracketed seat or party after a name
# A foreign name written in a script without case, its parts joined by a middle dot
# ("斯蒂芬·马尔凯", "ルイーズ・ブレイ"): a person's name, whatever else the line says.
_TRANSLITERATED = re.compile(r"^[^\W\d_]{1,8}(?:[·・‧][^\W\d_]{1,8}){1,3}$")
_FIELD_ONCE = "printed once before the speech, with a short value: a field of the page or record"
_INLINE_ONCE = "printed once, with text on its line, where the document's speakers stand alone on theirs"


def _is_strong(k: str, kind: str, profile: Profile) -> bool:
    """A label a speaker's even printed once: of a strong kind, or a word of the vocabulary
    (a generic label, a chair, an interpreter, an honorific before a name)."""
    words = k.split()
    if words and words[0] == "the":
        words = words[1:]
    return (kind in _STRONG_KINDS or k in ("q", "a") or k in profile.qa_letters
            or " ".join(words).rstrip(".") in profile.honorifics or k in profile.generic
            or k in profile.moderators or k in profile.interpreters
            or k.rstrip(".") in profile.honorifics
            or any(" ".join(words[:i]).rstrip(".") in profile.honorifics
                   for i in (1, 2, 3) if len(words) > i)
            or _letter_and_role(words, profile))


def _letter_and_role(words: list, profile: Profile) -> bool:
    """A question's or answer's letter and, after it, a role in a script without case
    ("Q 代表幹事(時事通信)", "A 知事": a Japanese prefecture's press record): the letter
    makes the line a speaker's, as it does alone."""
    if len(words) < 2 or not (words[0] in ("q", "a") or words[0] in profile.qa_letters):
        return False
    role = "".join(words[1:])
    return len(role) <= _ROLE_MAX and any(c.isalpha() for c in role) \
        and not any(has_case(c) for c in role)


def _in_case(cands: list) -> set:
    """The keys of labels alone on their line not in capitals (a name and office)."""
    return {label_key(c[0].label) for c in cands
            if c and c[0] and c[0].kind == "caps-line" and not _is_upper(c[0].label)}


def _tally(cands: list) -> tuple[Counter, Counter, dict]:
    """Per label key: how often it is printed, how often alone on its line, its kind."""
    counts: Counter = Counter()
    alone: Counter = Counter()
    kinds: dict = {}
    for c in cands:
        if c and c[0]:
            k = label_key(c[0].label)
            counts[k] += 1
            alone[k] += not c[0].rest
            kinds.setdefault(k, c[0].kind)
    return counts, alone, kinds


def _kinds_of_a_cast_printed_once(singles: list, kinds: dict, alone: Counter) -> set:
    """The label kinds of a short text whose every speaker is labelled once.

    Where no label recurs, two or more different labels of one kind with a
    delimiter of their own (not a bare line or a dash), all standing alone on
    their line or all with speech after them, are the document's grammar: a
    short excerpt of an exchange ("Anf. 1 TALMANNEN:" ... "Anf. 2 LARS
    TOBISSON (m):").
    """
    by_kind: dict = {}
    for k in singles:
        if kinds[k] not in ("caps-line", "dash") and k not in _initials_of_names(singles):
            by_kind.setdefault(kinds[k], []).append(k)     # (a name's initials alone: "LT")
    return {kind for kind, keys in by_kind.items()
            if len(keys) >= 2 and len({bool(alone[k]) for k in keys}) == 1}


def _initials_of_a_label(k: str, kind: str, ev: _Evidence) -> bool:
    """A label printed once in capitals, two to four letters, that is the initials of a name
    another label of its shape prints ("Pod Tudo Cast - …", then "PTC -A equipe …"): the
    document names its speakers in full, then by their initials."""
    printed = ev.printed.get(k, k)
    return (kind != "q-bare" and k.isalpha() and 2 <= len(k) <= 4 and printed.isupper()
            and k in _initials_of_names(r for r in ev.counts if r != k and ev.kinds.get(r) == kind))


def _initials_of_names(keys) -> set:
    """The initials of the labels among ``keys`` that are names of two words or more."""
    return {_initials(k) for k in keys if len(_name_part(k).split()) >= 2}


def _labels_stand_alone(recurring: list, counts: Counter, alone: Counter, given: int = 0) -> bool:
    """The document's recurring labels, and ``given`` more standing alone, (nearly) all do."""
    total = sum(counts[k] for k in recurring) + given
    return total >= 3 and sum(alone[k] for k in recurring) + given >= 0.9 * total


def _has_caseless_title(key: str, profile: Profile) -> bool:
    """A label in a caseless script that begins or ends with a title (鄧家彪議員, 主席), or
    holds one after a one-character surname (林秘書長志嘉: the Legislative Yuan's style), or
    is or ends with a role word of the vocabulary (a press conference's "▲新华社记者:",
    Xinhua's reporter: see :func:`labels.is_caseless_role`)."""
    return any((key.endswith(h) or key.startswith(h) or key[1:].startswith(h)) and len(key) >= len(h)
               for h in profile.honorifics + tuple(profile.moderators) if is_caseless_name(h)) \
        or is_caseless_role(key, profile)


def _name_part(key: str) -> str:
    """A label's name, before the office or party that follows a comma or a bracket."""
    return re.split(r"[,(（]", key, 1)[0]


def _initials(key: str) -> str:
    """The initials of a label's name part ("jason calacanis" -> "jc"; an outlet's name in
    its quotation marks too: "«naša niva»" -> "nn")."""
    words = [w.lstrip(_QUOTE_MARKS) for w in _name_part(key).split()]
    return "".join(w[0] for w in words if w and w[0].isalpha())


_QUOTE_MARKS = "«„“\x22‘'"


def _person_key(key: str) -> str:
    """Return the surname-like last word of a label key (before a comma or bracket)."""
    head = re.split(r"[,(]", key, 1)[0].split()
    return head[-1].strip(".'’") if head else key


_BOILERPLATE_MAX = 2000      # a web-page footer or a copyright line is never longer


def _is_boilerplate(text: str, profile: Profile) -> bool:
    if len(text) > _BOILERPLATE_MAX:
        return False
    return any(p.search(text) for p in profile.boilerplate)


def _label_at(cand: tuple, accepted: set, profile: Profile) -> LabelMatch | None:
    """Return the accepted speaker label of a candidate (see :func:`_candidates`), or None."""
    m, para_start = cand
    if label_key(m.label) not in accepted:
        return None
    # A bare Q or A inside a paragraph is a label only with its period, or the ideographic
    # comma Japanese prints for it (court records: "Q. Did you..." on a hard-wrapped line;
    # "A、本日の決定会合では…" under its question).
    if not para_start and m.kind == "q-bare" and not m.raw.endswith((".", "、")):
        return None
    if not m.rest and not profile.alone:
        return None
    return m


# Grammars are scored on at most this many lines: a longer document is read
# in evenly spread windows of consecutive lines (whole paragraphs, so turns
# still alternate), which keeps choosing a grammar a fixed cost per document.
SCORE_LINES, _SCORE_WINDOWS = 8000, 20


def scoring_sample(lines: list) -> list:
    """Return ``lines`` itself, or evenly spread windows of it totalling about SCORE_LINES."""
    if len(lines) <= SCORE_LINES:
        return lines
    size, step = SCORE_LINES // _SCORE_WINDOWS, len(lines) // _SCORE_WINDOWS
    out: list = []
    for w in range(_SCORE_WINDOWS):
        start = _paragraph_start(lines, w * step)
        out.extend(lines[start:_paragraph_start(lines, start + size)])
        out.append((0, ""))                     # windows never join into one paragraph
    return out


def _paragraph_start(lines: list, i: int) -> int:
    """The first index at or after ``i`` that begins a paragraph (after a blank line)."""
    limit = min(len(lines), i + 200)            # a text without blank lines: cut anywhere
    for j in range(i, limit):
        if j == 0 or not lines[j - 1][1].strip():
            return j
    return min(i, len(lines))


def _same_speaker(lab: LabelMatch, last: LabelMatch, cues: bool) -> bool:
    """The label names the speaker of the turn being read, in a format whose cues continue it."""
    if lab.kind == "given":
        return last.label == lab.label
    return cues and bool(lab.label) and label_key(lab.label) == label_key(last.label)


# A caption turn mark: ">>" where the speaker changes, no name given.
_TURN_MARK = re.compile(r"^\s*>>")


def score(table: LabelTable, profile: Profile) -> tuple[float, float]:
    """Score how well ``profile`` fits the text, without segmenting it.

    Args:
        table: the :func:`label_table` of the text (or of its scoring sample).

    Returns:
        (score, share of the turns whose label is of the profile's first kind: its own
        patterns where it has them, which are tried first).
        The score counts turns by recurring labels, half a point for a label
        printed once, and takes off for labels with no speech and rejected ones; a
        label with no speech under it is no turn (a site's menu read as labels alone
        on their lines, "Vai al contenuto" over "Sezione di navigazione").
    """
    only = table.shaped_rows(profile)
    rows = ((i, row) for i, row in enumerate(table.rows)
            if row is not None and (only is None or i in only))
    cands = _candidates(rows, profile)
    accepted, rejected = _accept(cands, profile, table.listed, line_mode=table.mode == "line",
                                 cues=table.cues, texts=table.texts)
    counts: Counter = Counter()         # turns with speech, by label
    primary = empty = total = 0
    first = "pattern" if profile.patterns else profile.kinds[0] if profile.kinds else None
    has_text, last = True, None
    for i, row in enumerate(table.rows):
        if row is None:
            continue                    # a blank line
        c = cands.get(i)
        m = _label_at(c, accepted, profile) if c is not None else None
        if m is not None:
            empty += not has_text
            counts[last] += has_text and last is not None
            last, total = label_key(m.label), total + 1
            primary += m.kind == first
            has_text = bool(m.rest)
        else:
            has_text = True
    empty += not has_text
    counts[last] += has_text and last is not None
    if not total:
        return 0.0, 0.0
    recurring = sum(n for n in counts.values() if n >= 2)
    singles = sum(1 for n in counts.values() if n == 1)
    return recurring + 0.5 * singles - 0.3 * empty - 0.2 * len(rejected), primary / total


def segment(lines: list, profile: Profile, given: dict | None = None,
            memo: dict | None = None, cues: bool = False) -> Segmented:
    """Split ``lines`` ((lineno, text) pairs) into front, turns and back.

    Args:
        given: line index -> speaker, where the source's format names the
            speaker (a VTT voice, a CSV column): a label there whatever the text;
            or -> the :class:`LabelMatch` the source's layout marks on that line.
        memo: label matches of an earlier pass with the same profile (see _candidates).
        cues: the lines are a cue format's (subtitles, ASR segments, rows): a label
            printed again on the same speaker's next cue continues the turn (Zoom
            writes the name on every cue), kept in the text as printed; each cue
            stays a paragraph of its own (a sentence running on into the next
            cue is not joined), so that it keeps its times.

    Returns:
        A :class:`Segmented`; ``turns`` is empty when no speaker was found.
    """
    mode = detect_mode(lines)
    cands = _candidates(_label_rows(lines, mode, profile), profile, {} if memo is None else memo)
    given_alone = sum(isinstance(m, LabelMatch) and not m.rest for m in (given or {}).values())
    accepted, rejected = _accept(cands, profile, lambda: listed_names(t for _, t in lines),
                                 given_alone, line_mode=mode == "line", cues=cues,
                                 texts=lambda: [t for _, t in lines])
    starts = _without_headings_over_labels(lines, _turn_starts(lines, cands, accepted, profile, given))
    before, turns = _read_turns(lines, starts, mode, cues)
    if not turns:
        # No speaker: everything but boilerplate at the edges is one unlabelled turn.
        front, body, back = _split_edges(before, profile, head=True, join=not cues)
        return Segmented(front, body, [], back, mode, 0.0, rejected)
    front, pre = _before_first_label(before, profile)
    back = _trailing_boilerplate(turns[-1][2], profile)
    if not cues:        # a cue, segment or row stays a paragraph of its own, with its times
        turns = [(lab, no, _join_continuations(ps, mode)) for lab, no, ps in turns]
        pre = _join_continuations(pre, mode)
    if mode == "block":
        _mark_headings(turns)
    score = _score(turns, rejected)
    return Segmented(front, pre, turns, back, mode, score, rejected)


def _turn_starts(lines: list, cands: dict, accepted: set, profile: Profile,
                 given: dict | None) -> dict:
    """Line index -> the label a turn starts with there.

    The speaker the format names (``given``), else an accepted label, else, in a
    text that marks speaker changes with ">>", the mark (a new speaker, not named).
    """
    starts = {i: m for i, c in cands.items() if (m := _label_at(c, accepted, profile)) is not None}
    if accepted:
        starts.update(_known_labels_in_another_shape(lines, cands, accepted))
    marked = [i for i, (_, t) in enumerate(lines) if ">>" in t and _TURN_MARK.match(t)]
    if len(marked) >= 2:                # captions, TV transcripts
        for i in marked:
            if i not in starts:
                starts[i] = LabelMatch("", "", lines[i][1].strip(), "mark")
    for i, speaker in (given or {}).items():
        if 0 <= i < len(lines):
            starts[i] = speaker if isinstance(speaker, LabelMatch) else \
                LabelMatch(speaker, speaker, lines[i][1].strip(), "given")
    return starts


def _without_headings_over_labels(lines: list, starts: dict) -> dict:
    """The turn starts without the lines alone, no delimiter after them, that another
    label follows with no speech between: headings or a site's menu ("Social" / "Embed",
    "09:58 Istungi rakendamine" over "10:00 Aseesimees Hanno Pevkur"), not speakers
    with nothing said; the line is read as text. So is a label printed once that a run-on
    paragraph runs into the next label ("… 2015. Intervencions: Sra. Alcaldessa: “…”", a
    heading of the minutes' interventions; :func:`_heads_run_on_label`), and so are lines
    alone without the time the document's others print (:func:`_untimed_among_timed`), and
    the first label where it is printed once, alone on its line, right over the next
    label: a heading naming the source ("من موقع العربية:", "from Al Arabiya's site:"), a
    heading over a legend of speakers (:func:`_heads_a_legend`) and a field over the
    initials of who spoke (:func:`_heads_a_list_of_initials`).
    """
    untimed = _untimed_among_timed(starts) + _headline(lines, starts)
    starts = {i: m for i, m in starts.items() if i not in untimed} if untimed else starts
    order = sorted(starts)
    printed = Counter(label_key(m.label) for m in starts.values())
    drop = [a for a, b in zip(order, order[1:] + [len(lines)])
            if not starts[a].rest and _heads_no_speech(lines, starts, printed, a, b, a == order[0])]
    return {i: m for i, m in starts.items() if i not in drop} if drop else starts


def _heads_no_speech(lines: list, starts: dict, printed: Counter, a: int, b: int, first: bool) -> bool:
    """The label alone on line ``a`` (the next one at ``b``) heads no speech (see
    :func:`_without_headings_over_labels`)."""
    nothing_said = not any(lines[j][1].strip() for j in range(a + 1, b))
    once = printed[label_key(starts[a].label)] == 1
    if starts[a].kind in _NO_DELIMITER_KINDS or _heads_run_on_label(lines, starts, printed, a, b):
        if nothing_said or _is_byline(lines, starts, a, b):
            return True
    return once and (_heads_a_legend(lines, a, b) or first and nothing_said) \
        or _heads_a_list_of_initials(lines, a, b)


# An entry of a legend of speakers: a code, an equals sign, whom it stands for ("RP = Roman
# Prorok, moderátor;", a spoken corpus's list of the initials it labels turns with).
_LEGEND_ENTRY = re.compile(r"\s*[^\W_]{1,6}\s*=\s+\S.*")


def _heads_a_legend(lines: list, a: int, b: int) -> bool:
    """The lines right under line ``a`` (up to a blank line or ``b``) are a legend's entries
    only: a heading over them ("V REPORTÁŽÍCH:" over "N1 = neznámý mluvčí;"), no speaker."""
    under, last = [], lines[a][0]
    for no, text in lines[a + 1:b]:
        if no != last + 1:
            break                       # (a blank line: the source's lines are numbered)
        under.append(text)
        last = no
    return bool(under) and all(_LEGEND_ENTRY.fullmatch(t) for t in under)


# Initials listed, joined by commas or a short word in small letters ("RBS og ÓA.", those
# who took the floor, as minutes list them).
_LIST_JOINER = re.compile(r"\s*,\s*|\s+[^\W\d_]{1,3}\s+")
_INITIALS_MAX = 5


def _heads_a_list_of_initials(lines: list, a: int, b: int) -> bool:
    """The line right under label ``a`` alone on its line lists initials, nothing else: a
    field naming who spoke ("Til máls tóku:" over "RBS og ÓA."), no speaker."""
    if a + 1 >= b or lines[a + 1][0] != lines[a][0] + 1:
        return False
    text = lines[a + 1][1].strip().rstrip(".")
    joiners = [j.strip() for j in _LIST_JOINER.findall(text)]
    items = _LIST_JOINER.split(text)
    return len(items) >= 2 and all(j == "," or j.islower() for j in joiners) and all(
        i.isupper() and i.isalpha() and len(i) <= _INITIALS_MAX for i in items)


# A headline quoting who speaks below: among the text's first lines, this many words at least
# and no sentence's mark; this many lines of prose under it before the next label.
_HEADLINE_WORDS, _HEADLINE_PROSE, _HEADLINE_LINE = 4, 2, 3
_SENTENCE_MARK = re.compile(r"[.!?。！？…;;]")


def _headline(lines: list, starts: dict) -> list:
    """The first label's line where it is a headline: a name and a colon, then a statement
    with no sentence's mark, a paragraph of its own among the text's first lines, with
    prose under it before the next label, and the name printed as a label again below ("Hilmi Jashari: Problemet e
    sotme … të sistemit" over the byline and the lead of the interview); or a statement in
    capitals where no speech below is ("Б.ДАШ-ЁНДОН: ФИЛОСОФИ БОЛ …" over "Б.Даш-Ёндон: Баярлалаа.")."""
    order = sorted(starts)
    if len(order) < 2:
        return []
    first, second = order[0], order[1]
    above = sum(1 for j in range(first) if lines[j][1].strip())
    rest, key = starts[first].rest.strip(), label_key(starts[first].label)
    prose = sum(1 for j in range(first + 1, second) if lines[j][1].strip())
    again = any(label_key(starts[i].label) == key for i in order[1:])
    alone = first + 1 < len(lines) and not lines[first + 1][1].strip()     # a paragraph of one line
    if not (above < _HEADLINE_LINE and len(rest.split()) >= _HEADLINE_WORDS and again
            and not _SENTENCE_MARK.search(rest)):
        return []
    shouted = _is_upper(rest) and not any(_is_upper(starts[i].rest) for i in order[1:] if starts[i].rest)
    return [first] if shouted or alone and prose >= _HEADLINE_PROSE else []


def _heads_run_on_label(lines: list, starts: dict, printed: Counter, a: int, b: int) -> bool:
    """The label at ``a``, printed once, is cut from the same source line as the label at
    ``b`` right after it (a paragraph split where labels stand run on): a heading the
    paragraph runs into its first turn. Lines of their own over a label with nothing
    between stay labels (an aligned record whose speech was lost keeps its turns)."""
    return b in starts and printed[label_key(starts[a].label)] == 1 and lines[a][0] == lines[b][0]


_NO_DELIMITER_KINDS = ("caps-line", "label-time")
# A dateline: one short line with a year in it (a place and a date, "Київ, 15 серпня 2004 року.").
_DATELINE_MAX = 60
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _is_byline(lines: list, starts: dict, a: int, b: int) -> bool:
    """The name alone at ``a`` is a byline: a dateline is all there is under it, and the
    same name alone opens the turn right after (the presenter's byline over "Київ, 15
    серпня 2004 року.", then his label over his speech)."""
    between = [lines[j][1].strip() for j in range(a + 1, b) if lines[j][1].strip()]
    return b in starts and starts[a].kind == "caps-line" and not starts[b].rest \
        and label_key(starts[b].label) == label_key(starts[a].label) and len(between) == 1 \
        and len(between[0]) <= _DATELINE_MAX and _YEAR.search(between[0]) is not None
_CLOCK_FIRST = re.compile(r"^[\[(]?\d{1,2}:\d{2}")


def _untimed_among_timed(starts: dict) -> list:
    """The lines alone, no delimiter after them (or only the bold around them), without
    the time the document's other such labels print before the name ("Riigikogu", the
    site's name, among "10:00 Aseesimees Hanno Pevkur"; "**Norfolk State University
    Debate**" among "**00:01:39 LT. GOV. EARLE-SEARS**"): where most of them (three at
    least) print one, a line without one that names no one they name is none."""
    alone = [i for i, m in starts.items() if m.kind in _NO_DELIMITER_KINDS + ("bold",) and not m.rest]
    timed = [i for i in alone if _CLOCK_FIRST.match(starts[i].raw.strip().lstrip("*"))]
    if len(timed) < 3 or 2 * len(timed) <= len(alone):
        return []
    named = {label_key(starts[i].label) for i in timed}
    return [i for i in alone if i not in timed and label_key(starts[i].label) not in named]


def _known_labels_in_another_shape(lines: list, cands: dict, accepted: set) -> dict:
    """Line index -> label, where a paragraph begins with a speaker's label and a colon
    in a shape the grammar does not read at all ("Afri: Thank you." among "**Afri:**"
    labels): the document has already named that speaker so, letter for letter. A
    line the grammar read and set aside (a header field, a quotation) stays set aside."""
    printed = {c[0].label for c in cands.values() if label_key(c[0].label) in accepted}
    found = {}
    prev_blank = True
    for i, (_, text) in enumerate(lines):
        blank = not text.strip()
        if not blank and prev_blank and i not in cands and ":" in text[:80]:
            head, _, rest = text.strip().partition(":")
            if head in printed and len(head) >= 2 and rest[:1] in (" ", ""):
                found[i] = LabelMatch(head, head + ":", rest.strip(), "known")
        prev_blank = blank
    return found


def _read_turns(lines: list, starts: dict, mode: str, cues: bool) -> tuple[list, list]:
    """Read the paragraphs and the turns they belong to.

    Paragraphs are blank-separated blocks (split at labels) or single lines; a
    turn's first paragraph is the text after its label on the label's line (and
    the lines wrapped after it).

    Args:
        starts: line index -> the label a turn starts with there (see :func:`_turn_starts`).

    Returns:
        (the paragraphs before the first label, turns as (label, line, paragraphs)).
    """
    before: list[Para] = []
    turns: list = []
    paras = before                      # where the paragraphs being read go
    cur: Para | None = None
    last = None                         # the label of the turn being read
    by_line = mode == "line"
    for i, line in enumerate(lines):
        if not line[1].strip():
            cur = None
            continue
        lab = starts.get(i)
        if lab is not None and last is not None and _same_speaker(lab, last, cues):
            if lab.kind != "given":     # the label printed again: kept, the turn goes on
                cur = Para([(line[0], lab.rest)], None, repeated=lab)
                paras.append(cur)
                continue
            lab = None                  # the same speaker's next cue: the turn goes on
        if lab is not None:
            last, paras = lab, []
            turns.append((lab, line[0], paras))
            cur = Para([(line[0], lab.rest)]) if lab.rest else None
            if cur is not None:
                paras.append(cur)
        elif cur is None or by_line:
            cur = Para([line])
            paras.append(cur)
        else:
            cur.lines.append(line)
            cur.joins.append("wrap")
    return before, turns


def _before_first_label(paras: list, profile: Profile) -> tuple[list, list]:
    """Split the matter before the first label: (front lines, unlabelled speech paragraphs).

    Headings and boilerplate go to the front, until prose starts the speech.
    """
    front: list = []
    pre: list = []
    for p in paras:
        if pre:
            pre.append(p)
            continue
        text = " ".join(t.strip() for _, t in p.lines)
        if _is_prose(text) and not _is_boilerplate(text, profile):
            pre.append(p)
        else:
            front.extend(p.lines)
    return front, pre


def _trailing_boilerplate(last: list, profile: Profile) -> list:
    """Take the trailing boilerplate lines off the last turn's paragraphs; return them."""
    back: list = []
    while last:
        p = last[-1]
        tail = []
        for no, text in reversed(p.lines):
            if _is_boilerplate(text, profile):
                tail.insert(0, (no, text))
            else:
                break
        if len(tail) == len(p.lines):
            back[:0] = p.lines
            last.pop()
            continue
        if tail:
            back[:0] = tail
            p.lines = p.lines[: len(p.lines) - len(tail)]
            p.joins = p.joins[: max(0, len(p.lines) - 1)]
        break
    return back


_HEADING_END = re.compile(r"[.?!,;:…\-–—\"”’')\]]$")


def _is_heading(p: Para) -> bool:
    """A paragraph of one short line in title case with no closing punctuation."""
    if len(p.lines) != 1 or p.label is not None:
        return False
    text = p.lines[0][1].strip()
    words = text.split()
    if not 1 <= len(words) <= 8 or _HEADING_END.search(text) or not text[:1].isupper():
        return False
    major = [w for w in words if len(w) > 3]
    return all(w[:1].isupper() or w[:1].isdigit() for w in major)


def _mark_headings(turns: list) -> None:
    """Mark the headings that close a turn before the next label (segment titles)."""
    for _, _, paras in turns[:-1]:
        i = len(paras)
        while i > 1 and _is_stage(paras[i - 1]):        # (BEGIN VIDEO) after the heading
            i -= 1
        while i > 1 and _is_heading(paras[i - 1]):
            paras[i - 1].heading = True
            i -= 1


_STAGE = re.compile(r"\(.*\)|\[.*\]")


def _is_stage(p: Para) -> bool:
    """A paragraph wholly in brackets: a stage direction."""
    if p.lines[0][1].strip()[:1] not in ("(", "["):
        return False                    # (what the paragraph's text starts with)
    return bool(_STAGE.fullmatch(" ".join(t.strip() for _, t in p.lines)))


# Where a label may begin inside a line: after a sentence end or a closing
# bracket (and a space), or right after a cut-off dash (not a dash opening the line, a
# dialogue's mark before its label: "-Δημοσιογράφος: Προτού …").
_GLUE_BEFORE = r"(?:(?<=[.!?…)\]»”])\s+|(?<=.[\-–—])\s*)"
# Any character either lookbehind allows: the lines to split are found by
# looking for one of these before a label's printed form, over the whole text.
_GLUE_MARK = r"[.!?…)\]»”\-–—]"


# A label printed with two words, or a word of three letters, is searched for mid-line.
_WORDS_ENOUGH = re.compile(r"\w\W*\s+\w|\w{3}")


# A letter for question or answer and its period or colon after a sentence's end, mid-line
# ("… is that right? A. That's right. Q. In 1995 you …": an examination's page text run on).
_RUN_ON_QA = re.compile(r"(?<=[.!?…])[^\S\n]+([A-Z][.:])[^\S\n]+(?=[^\W\d_])")


def run_on_qa_letters(lines: list, letters: frozenset) -> set:
    """The printed letters for question and answer (``Q.``, ``A.``; the language's ``letters``
    too) that begin mid-line after a sentence's end, each twice at least, where two of them
    do: an examination run on, question after answer; else none (one letter after a period
    is an initial or a list's item)."""
    runs = Counter(m.group(1) for _, text in lines for m in _RUN_ON_QA.finditer(text)
                   if m.group(1)[0] in "QA" or m.group(1)[0].lower() in letters)
    found = {form for form, n in runs.items() if n >= 2}
    return found if len({form[0] for form in found}) >= 2 else set()


def split_glued_labels(lines: list, seg: Segmented, shapes: tuple = (),
                       honorifics: tuple = (), qa: set = frozenset()) -> list | None:
    """Split lines where a label the document uses begins mid-line, or return None.

    A transcript printed as running text (an old parliamentary record, a PDF's
    extracted lines) may start a turn after the previous one's last sentence on
    the same line: ``... réglementaires.) M. le président. La parole ...``. The
    printed forms of the labels that start lines elsewhere in the document are
    searched for after a sentence end; each such line becomes two lines (with the
    same line number), so the grammar that found the labels reads the turns.
    After a stage direction's closing bracket, a label of one of ``shapes`` (the
    chosen grammar's period-closed labels) starts a turn even when it is printed
    only there: ``(Très bien ! à gauche.) M. de La Rochefoucauld, duc de Bisaccia. Que ...``.
    A label that opens with the form of address the labels at lines' starts open with
    (one of ``honorifics``), its name in capitals as theirs is, and their delimiter,
    starts a turn too: ``... manifestação. O SR. EDUARDO GIRÃO (NOVO - CE.) - Paz ...``.
    So do an examination's letters run on (``qa``, see :func:`run_on_qa_letters`).
    """
    printed = {lab.raw for lab, _, _ in seg.turns if len(lab.raw) >= 4 and lab.rest}
    forms = {raw for raw in printed if _WORDS_ENOUGH.search(raw)} | set(qa)
    openings = _address_openings(seg, honorifics)
    at_end = _labels_alone_in_capitals(seg)
    if not forms and not shapes and not openings and not at_end:
        return None
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    glued = re.compile(_GLUE_BEFORE + r"(?=(?:" + alts + r")\s+\S)") if forms else None
    maybe = _maybe_glued(lines, forms) if forms else set()
    if shapes:                      # (a stage direction's closing bracket, then a label)
        maybe |= {i for i, (_, text) in enumerate(lines) if ")" in text or "]" in text}
    if openings:
        opening = re.compile("|".join(map(re.escape, openings)))
        maybe |= {i for i, (_, text) in enumerate(lines) if opening.search(text, 1)}
    if at_end:
        maybe |= {i for i, (_, text) in enumerate(lines) if _GLUED_AT_END.search(text)}
    out, done = [], 0               # the lines before ``done`` are in ``out``
    for i in sorted(maybe):
        no, text = lines[i]
        pieces = [r for piece in (glued.split(text) if glued is not None else [text])
                  for p in _split_after_stage(piece, shapes)
                  for q in _split_at_addressed(p, openings)
                  for r in (_GLUED_AT_END.split(q) if at_end else [q]) if r]
        if len(pieces) > 1:
            out.extend(lines[done:i])
            out.extend((no, piece) for piece in pieces)
            done = i + 1
    return out + lines[done:] if done else None


# A label in capitals and its colon glued to the end of the line before its speech
# ("Lo prometoPRESIDENTE:", "… un poco fuerte.PRESIDENTA:"), where the document prints its
# labels so alone on their lines (see :func:`_labels_alone_in_capitals`). A word's three
# small letters before it at least: a name's own "DeFAZIO:", "MacDONALD:" is one word.
_GLUED_AT_END = re.compile(r"(?:(?<=[^\W\d_A-ZÀ-Þ]{3})|(?<=[.!?…]))(?=[A-ZÀ-Þ][A-ZÀ-Þ'’\- ]{2,40}:\s*$)")


def _labels_alone_in_capitals(seg: Segmented) -> bool:
    """Whether two turns at least open with a label in capitals and its colon alone on its line."""
    return sum(1 for lab, _, _ in seg.turns
               if not lab.rest and lab.raw.endswith(":") and lab.label.isupper()) >= 2


# After a form of address: a name of up to six words (no bracket in them), a bracketed
# tail perhaps (the member's seat and party, why they speak), then the delimiter.
_ADDRESSED = r"(?P<name>(?: [^\s()]+){1,6}?)(?: \([^()]{1,200}\))?\s*(?P<delim>%s)\s+\S"


def _address_openings(seg: Segmented, honorifics: tuple) -> dict:
    """The forms of address the document's labels in capitals open with, as printed, and
    the delimiter after each: {"O SR.": {"-"}} from "O SR. PRESIDENTE (…) - Havendo ..."."""
    found: dict = {}
    known = frozenset(honorifics)
    for label, raw in {(lab.label, lab.raw) for lab, _, _ in seg.turns if lab.rest}:
        delim, words = raw[len(label):].strip(), label.split()
        if not delim or not raw.startswith(label):
            continue
        # the shortest form of address first: "O SR." of "O SR. PRESIDENTE"
        n = next((n for n in (1, 2, 3) if len(words) > n
                  and " ".join(words[:n]).lower().rstrip(".") in known), 0)
        if n:
            end = len(" ".join(words[:n]))
            m = re.compile(_ADDRESSED % re.escape(delim)).match(raw + " .", end)
            if m and _in_capitals(m.group("name").strip()):
                found.setdefault(label[:end], set()).add(delim)
    return found


def _ends_sentence(text: str, end: int) -> bool:
    """The word before ``end`` closes a sentence: it has a small letter or is a bracket's or
    a quotation's close ("manifestação.", "(Risos.)"), not an abbreviation in capitals
    ("U.S. PRESIDENT BARACK OBAMA:" is one label)."""
    before = text[:end].split()
    word = before[-1] if before else ""
    return any(c.islower() for c in word) or word[-1:] in ")]»”"


def _split_at_addressed(text: str, openings: dict) -> list:
    """Split ``text`` where a label of ``openings`` begins after a sentence end."""
    cuts = []
    for lead, delims in openings.items():
        after = re.compile(_ADDRESSED % "|".join(map(re.escape, sorted(delims))))
        for m in re.finditer(r"(?<=[.!?…)\]»”])\s+(" + re.escape(lead) + ")", text):
            label = after.match(text, m.end(1))
            if label and _in_capitals(label.group("name").strip()) and _ends_sentence(text, m.start()):
                cuts.append(m.start(1))
    if not cuts:
        return [text]
    bounds = [0] + sorted(cuts) + [len(text)]
    return [text[a:b].rstrip() if b < len(text) else text[a:b] for a, b in zip(bounds, bounds[1:])]


# A record printed as one running line (a search page's text): a line this long
# may hold many turns, each begun after the previous one's last sentence.
_RUN_ON_MIN = 300
# A paragraph this long may run on a second speaker's name label (see :func:`_names_in_run`).
_RUN_ON_NAMED_MIN = 40
# (Its runs are possessive: what follows a run never starts with a character of it, so
# giving one back never makes a match; the engine is spared trying.)
_RUN_ON_LABEL = (r"(?P<label>[^\W\d_][\w.'’\-]*+(?: [\w.'’\-]++){0,4}(?: \([^()]{1,60}+\))?)"
                 r"(?P<delim>\s++[-–—]|\s*+:)\s")
# The label at the line's start, or after a sentence end (";" / ";": Greek question marks;
# "//", a spoken corpus's terminal break: "… boh // SAB: che città era ?"; a period and a
# hyphen, as Spanish minutes close a turn: "… para funcionar.- SECRETARIA: habiendo …"), a
# space after it or none ("…giocatore.CONTE: …", "privileges.MCCOY: …").
_RUN_ON_START = re.compile(r"^\s*+" + _RUN_ON_LABEL)
_RUN_ON_AFTER = re.compile(r"(?:[.!?;;…)\]»”/]|\.-)\s*+" + _RUN_ON_LABEL)


def _run_on_matches(text: str):
    """Yield where a label may begin a turn in ``text``: at its start, then after each sentence end.

    The sentence end is searched for first (the regex engine finds its characters at
    once); a match after the one at the start begins past it, as one search would.
    """
    first = _RUN_ON_START.match(text)
    if first:
        yield first
    yield from _RUN_ON_AFTER.finditer(text, first.end() if first else 0)


def split_run_on_labels(lines: list, honorifics: tuple | frozenset = ()) -> list | None:
    """Split long run-on lines where a label in capitals begins after a sentence end,
    or return None.

    The document shows the grammar by repeating it: some label in capitals with
    one delimiter ("BAŞKAN - ", "MUSTAFA ELİTAŞ (Kayseri) - ") is printed at least
    twice, once at least after the previous turn's sentence end. Every label in
    capitals with that delimiter after a sentence end then starts a line of its own
    (same line number), so the grammar scored on the lines reads the turns. A form of
    address of ``honorifics`` and a name or office in capitals, then a colon ("Mr
    SPEAKER: "), printed twice so, starts a turn wherever it stands (a PDF's page run on
    with its headings: "… OF THE LEGISLATIVE ASSEMBLY Mr SPEAKER: It is with regret …").
    """
    long = [i for i, (_, t) in enumerate(lines) if len(t) >= _RUN_ON_MIN]
    found: list = [(i, m) for i in long for m in _run_on_matches(lines[i][1])
                   if _in_capitals(m.group("label"))]
    seen: Counter = Counter((m.group("label"), m.group("delim").strip()) for _, m in found)
    delims = {m.group("delim").strip() for _, m in found
              if m.start("label") > 0 and seen[(m.group("label"), m.group("delim").strip())] >= 2}
    cuts: dict = {}
    for i, m in found:
        if m.start("label") > 0 and m.group("delim").strip() in delims:
            cuts.setdefault(i, []).append(m.start("label") + _known_tail(m, seen))
    for i, at in _caps_run_on_anywhere(lines, long, seen, delims):
        cuts.setdefault(i, []).append(at)
    # (names in the language's case run on in short paragraphs too: "Blaće: Znači …? Krešimir: Da!")
    named = [i for i, (_, t) in enumerate(lines) if len(t) >= _RUN_ON_NAMED_MIN]
    for i, at in _addressed_in_run(lines, long, honorifics) + _names_in_run(lines, named) \
            + _caseless_in_run(lines, long) + _caps_period_in_run(lines, long) \
            + _dash_marked_in_run(lines, long) + _quoted_in_run(lines, long):
        cuts.setdefault(i, []).append(at)
    if not cuts:
        return None
    cuts = {i: sorted(set(at)) for i, at in cuts.items()}
    out = []
    for i, (no, text) in enumerate(lines):
        bounds = [0] + cuts.get(i, []) + [len(text)]
        out.extend((no, text[a:b].rstrip()) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip())
    return out


def _known_tail(m: re.Match, seen: Counter) -> int:
    """How far into the run-on label ``m`` printed once the label that ends it begins, where
    that one is printed on its own twice or more, or once and the words before it hold a
    figure (no name does): the heading before the first turn run into its label ("…
    ОДРЖАНЕ 23. ЈУНА 2014. ГОДИНЕ ПРЕДСЕДНИК: …", a date's period read as a sentence end,
    'ПРЕДСЕДНИК:' the chair's label again); 0 otherwise ("JOHN SMITH:", then "SMITH:")."""
    label, delim = m.group("label"), m.group("delim").strip()
    if seen[(label, delim)] != 1:
        return 0
    words = label.split(" ")
    tail = next((" ".join(words[k:]) for k in range(1, len(words))
                 if (n := seen[(" ".join(words[k:]), delim)]) >= 2
                 or n == 1 and any(ch.isdigit() for ch in " ".join(words[:k]))), None)
    return len(label) - len(tail) if tail else 0


def _caps_run_on_anywhere(lines: list, long: list, seen: Counter, delims: set) -> list:
    """(line index, where) of a label in capitals and a colon that the run prints three
    times at least after a sentence end, where it stands after a word too: a spoken
    corpus's run-on speech with no closing mark before the next label ("XXX: hhh MAR:
    sovrapposizione …")."""
    known = {label for (label, delim), n in seen.items() if n >= 3 and delim == ":"
             and ":" in delims and sum(ch.isalpha() for ch in label) >= 2}
    return _known_again(lines, long, known, r"\S ", r"\s*:\s")


def _known_again(lines: list, long: list, labels, before: str, delim: str) -> list:
    """(line index, where) of each of ``labels`` (labels a run has shown it uses) where the
    long lines print it again after the look-behind ``before`` (a word, a space) and with
    ``delim``: the places a sentence end does not mark. Longer labels are tried first."""
    if not labels:
        return []
    pattern = re.compile(f"(?<={before})(?:"
                         + "|".join(map(re.escape, sorted(labels, key=len, reverse=True))) + ")" + delim)
    return [(i, m.start()) for i in long for m in pattern.finditer(lines[i][1])]


# A colon after a label inside a run of text, or a period and a dash after it and its
# bracketed name (a Latin American congress's ".—": "La señora PRESIDENTA (Ana María
# Solórzano Flores).— Buenos días"); the label is read back from where it ends.
_RUN_CLOSE = re.compile(r"(?<=\S)\s?:\s|(?:\s\([^()]{1,80}\))?\.[—–]\s")


def _addressed_in_run(lines: list, long: list, honorifics) -> list:
    """(line index, where) of each "Mr SPEAKER: " in the long lines (a form of address of
    ``honorifics`` in the language's case, a name or office of up to four words in
    capitals, a colon, or its bracketed name and ".—": :data:`_RUN_CLOSE`), where such a
    label is printed twice or more, wherever it stands (after a comma, after a stage note's
    colon). "FOREIGN MINISTER CHO" is a label of capitals, which the run-on search above
    reads."""
    known = frozenset(honorifics)
    found = []
    for i in long if known else ():
        text = lines[i][1]
        for m in _RUN_CLOSE.finditer(text):
            label = _addressed_before(text, m.start(), known)
            if label is not None:
                found.append((i, label))
    seen = Counter(text for _, (_, text) in found)
    return [(i, at) for i, (at, text) in found if seen[text] >= 2]


# A person's name of two or three words in the language's case, then a colon, after a
# sentence's end inside a run of text: "… здравствуйте. Оксана Галькевич: Здравствуйте.";
# an abbreviated title before it ("… exacta.” Sra. Alcaldessa: “…”"), the colon glued to
# the quotation mark that opens the speech ("Sra. Camps:” del 93 …"); or a name of one to
# three words and a spaced dash, the sentence end glued to it where the text lost its
# line breaks ("… que fazer.Maria Rosa − Pobre homem!", "… (Entra Aninha.)Aninha − Aqui
# estão …"). A dialogue's hyphen may stand before the name ("… Αγγελόπουλος… -Υπουργός:
# Ναι"): the turn is cut before it, as a line's start keeps it (labels._DIALOGUE_HYPHEN).
_NAME_WORD = r"[^\W\d_][^\W\d_’'\-]+"
_TITLE_WORD = r"[^\W\d_][^\W\d_]{0,3}\.\s"
_RUN_TITLE = f"(?:{_TITLE_WORD})?"
_RUN_NAME = re.compile(r"(?:(?<=[.!?…»\"”;;])\s+|(?<=[.!?…][\'’])\s+|^)(?P<hyphen>-(?=\w))?(?P<label>"
                       + _RUN_TITLE + _NAME_WORD + r"(?:\s" + _NAME_WORD + r"){0,2}):(?:\s|(?=[“”\"«]))"
                       r"|(?:(?<=[.!?…»\"”)\]])\s*|^)(?P<dashed>" + _NAME_WORD + r"(?:\s" + _NAME_WORD + r"){0,2})"
                       r" [−–—] ")


def _names_in_run(lines: list, long: list) -> list:
    """(line index, where) of each name label in the language's case after a sentence end in
    the long lines (:data:`_RUN_NAME`), where two such names at least are printed so (or at
    the line's start) twice or more: an exchange run on in one paragraph (a broadcaster's
    page). Each word of a name opens with a capital and goes on in small letters."""
    found = [(i, m.start("hyphen" if m.group("hyphen") else group), m.group(group)) for i in long
             for m in _RUN_NAME.finditer(lines[i][1])
             for group in ("label" if m.group("label") else "dashed",) if _is_cased_name(m.group(group))]
    found = [(i, at, label) for i, at, label in _with_titles(found, lines)
             if not _ABBREVIATION_BEFORE.search(lines[i][1], 0, at)]
    seen = Counter(label for _, _, label in found)
    if sum(1 for n in seen.values() if n >= 2) < 2:
        return []
    return [(i, at) for i, at, _ in found if at > 0] + _names_run_on_before(lines, long, seen)


_TITLE_BEFORE = re.compile(_TITLE_WORD + "$")
# An abbreviation's period after a comma is no sentence end: "Dr. de With, Parl. Staatssekretär:"
# (an office abbreviated after a name; a sentence's last word follows no comma so).
_ABBREVIATION_BEFORE = re.compile(r",\s*[^\W\d_][^\W\d_]{0,3}\.\s*$")


def _with_titles(found: list, lines: list) -> list:
    """``found`` with a name read after an abbreviated title's period (no sentence end)
    taken with the title, where the run prints the two together as a label elsewhere:
    "Intervencions: Sra. Alcaldessa: …" beside "… exacta.” Sra. Alcaldessa: …"."""
    labels = {label for _, _, label in found}
    out = []
    for i, at, label in found:
        title = _TITLE_BEFORE.search(lines[i][1], max(0, at - 6), at)
        if title and (lines[i][1][title.start():at] + label) in labels \
                and (title.start() == 0 or not lines[i][1][title.start() - 1].isalnum()):
            i, at, label = i, title.start(), lines[i][1][title.start():at] + label
        out.append((i, at, label))
    return out


def _names_run_on_before(lines: list, long: list, seen: Counter) -> list:
    """(line index, where) of a name label the run prints twice after a sentence end, where
    it stands once more with its colon after a word and a space: the exchange's first label,
    run on into the sentence announcing it ("… με τους δημοσιογράφους Δημοσιογράφος: …")."""
    names = {label for label, n in seen.items() if n >= 2 and ":" not in label}
    return _known_again(lines, long, names, r"[^\W\d_] ", r":\s")


# A short label in a script without case (or an outlet's capitals) glued to its colon,
# after a sentence's end: "…お願いします。 NHK:NHKの…", "… 。 西野:契約が…"; one without case
# before a colon and a space too, after a half-width sentence end ("…的文件?余泳伦女士: 是的.主席:
# 余女士,…": a hearing's page text run on).
_RUN_CASELESS = re.compile(r"(?:(?<=[。！？」』）)?!])\s*|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][.?!])|^)"
                           r"(?:(?P<label>[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,8}|[A-Z]{2,6})[:：](?=\S)"
                           r"|(?P<spaced>[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,8})[:：]\s)")


def _caseless_in_run(lines: list, long: list) -> list:
    """(line index, where) of each short caseless label after a sentence end in the long
    lines (:data:`_RUN_CASELESS`), where one of them is printed twice or more and three at
    least are found: an exchange run on in one paragraph (a Japanese portal's page); or
    where two at least are found and the text names each elsewhere too (an interview's
    title and byline: "陈晓薇博士采访录 … 刘铮 (2000年12月)" before "刘铮:…", "陈晓薇:…").
    A label found so is cut where a space stands before it too: the first one, after
    a heading run on with no sentence end ("… 访谈实录 学生:沈爷爷您好 …")."""
    found = [(i, m.start(group), m.group(group)) for i in long for m in _RUN_CASELESS.finditer(lines[i][1])
             for group in ("label" if m.group("label") else "spaced",)]
    seen = Counter(label for _, _, label in found)
    named = len(seen) >= 2 and all(_named_elsewhere(label, n, lines, long) for label, n in seen.items())
    if not named and (len(found) < 3 or max(seen.values(), default=0) < 2):
        return []
    return [(i, at) for i, at, _ in found if at > 0] + _known_again(lines, long, seen, r"\s", r"[:：](?=\S)")


# A label of up to eight words and a colon before a quotation that opens the speech, after
# the sentence (or the quotation) before it: minutes that quote each speaker in one run of
# text ("… Hino Nacional”. O vereador Wesley de Jesus Silva: “pela ordem, Presidente”. …").
_RUN_QUOTED = re.compile(r"(?:(?<=[.!?…»”\x22])\s+|^)(?P<label>[^\W\d_][\w.'’\-]*+(?: [\w.'’\-]++){0,7}):\s*[“„«\x22]")
_QUOTED_MIN = 3


def _quoted_in_run(lines: list, long: list) -> list:
    """(line index, where) of each label before a quotation in the long lines
    (:data:`_RUN_QUOTED`), where three at least are found and one of them is printed twice or
    more: the minutes' turns, each a label and the speaker's words in quotation marks."""
    found = [(i, m.start("label"), m.group("label")) for i in long
             for m in _RUN_QUOTED.finditer(lines[i][1]) if m.group("label")[0].isupper()]
    found = _with_titles(found, lines)
    seen = Counter(label for _, _, label in found)
    if len(found) < _QUOTED_MIN or max(seen.values(), default=0) < 2:
        return []
    return [(i, at) for i, at, _ in found if at > 0]


# A play's speaker in capitals closed by a period inside a run of text, after the end of the
# verse before it (a sentence's end, or the comma or semicolon a verse line ends on): "…
# pendable; ALCESTE. Que la plaisanterie …" (an old edition's text run on in one line).
_RUN_CAPS_PERIOD = re.compile(r"(?:^|(?<=[.!?;,…»”)])\s+)(?P<label>[^\W\d_a-zß-ÿ][^\W\d_]{3,}"
                              r"(?: [^\W\d_]{2,}){0,2})\.\s+(?=\S)")


def _caps_period_in_run(lines: list, long: list) -> list:
    """(line index, where) of each label in capitals closed by a period in the long lines
    (:data:`_RUN_CAPS_PERIOD`), where two such labels at least are printed so twice or more:
    a play's scene run on in one line. Only those labels are cut at."""
    found = [(i, m.start("label"), m.group("label")) for i in long
             for m in _RUN_CAPS_PERIOD.finditer(lines[i][1]) if m.group("label").isupper()]
    seen = Counter(label for _, _, label in found)
    recurring = {label for label, n in seen.items() if n >= 2}
    if len(recurring) < 2:
        return []
    return [(i, at) for i, at, label in found if at > 0 and label in recurring]


# A turn marked inside a run of text by a spaced dash before its label and colon, after the
# sentence before it, in any script: "… أعمال المجلس. – د. محمود المشهداني:- الآن …" (a
# parliament's minutes run on in one paragraph; ":-" a colon and a hyphen); or by a bullet
# mark glued to the label, a space before the mark or none: "… 안녕하세요.▶김재섭 : 안녕하세요.▷김태현
# : …" (a Korean broadcaster's interview run on in one paragraph, each side with its mark).
_RUN_DASH_MARK = re.compile(r"(?<=[.!?…)\]»”؟])(?:\s+(?P<mark>[–—-])\s+|\s*(?P<bullet>[" + BULLET_MARKS + r"]))"
                            r"(?P<label>[^\W\d_][^\s:：]*+(?: [^\s:：]++){0,5})\s?:-?\s")
_DASH_MARKED_MIN = 3


def _dash_marked_in_run(lines: list, long: list) -> list:
    """(line index, where) of each dash- or bullet-marked label in the long lines
    (:data:`_RUN_DASH_MARK`), where three at least are found and one of them is printed twice
    or more; the cut is before the mark, which the label's line then opens with."""
    found = [(i, m.start("mark" if m.group("mark") else "bullet"), m.group("label")) for i in long
             for m in _RUN_DASH_MARK.finditer(lines[i][1])]
    seen = Counter(label for _, _, label in found)
    if len(found) < _DASH_MARKED_MIN or max(seen.values(), default=0) < 2:
        return []
    return [(i, at) for i, at, _ in found]


def _named_elsewhere(label: str, printed: int, lines: list, long: list) -> bool:
    """Whether the long lines hold ``label`` more often than as the label it is ``printed``."""
    return sum(lines[i][1].count(label) for i in long) > printed


def _is_cased_name(label: str) -> bool:
    """Each word opens with a capital and goes on in small letters, or is an initial ("Π.")."""
    return all(w[0].isupper() and (any(c.islower() for c in w[1:]) or w[1:] == ".") for w in label.split())


def _addressed_before(text: str, end: int, known: frozenset) -> tuple | None:
    """(where, label) of a form of address and a name in capitals ending at ``end``."""
    words = text[max(0, end - 80):end].split()
    k = len(words)
    while k > 0 and len(words) - k < 4 and _in_capitals(words[k - 1]):
        k -= 1
    if k == len(words) or k == 0 or k == 1 and end > 80:
        return None             # (the window's first word may be cut)
    hon = words[k - 1]
    if hon.isupper() or hon.lower().rstrip(".") not in known:
        return None
    at = text.rfind(hon + " ", 0, end - len(" ".join(words[k:])))
    if at <= 0 or not text[at - 1].isspace():
        return None
    while (before := text[:at].rstrip()) and (prev := before.split()[-1]) and not prev.isupper() \
            and (prev.lower().rstrip(".") in known
                 or f"{prev} {text[at:].split(None, 1)[0]}".lower().rstrip(".") in known):
        at = len(before) - len(prev)    # forms of address one after another: "Rt Hon JOHN KEY"
    return (at, text[at:end].strip()) if text[:at].strip() else None   # (a line's start: no cut)


# A label wrapped like the speech around it spans at most this many lines; the grammar
# shows itself when this many labels are read so, one printed twice, one wrapped.
_WRAP_LINES, _WRAP_MIN = 3, 3


def _wrapped_labels(lines: list, profile: Profile):
    """Yield (first index, last index, text joined) of each label alone on its lines and
    closed by a period, wrapped as the text is: a line ending with the period, and the
    most lines before it (up to _WRAP_LINES in all) that break inside a sentence."""
    for j, (_, text) in enumerate(lines):
        if not text.rstrip().endswith("."):
            continue
        first = j
        while first > 0 and j - first + 1 < _WRAP_LINES and lines[first - 1][1].strip() \
                and not _TERMINAL.search(lines[first - 1][1]):
            first -= 1
        for i in range(first, j + 1):
            joined = " ".join(t.strip() for _, t in lines[i:j + 1])
            if is_period_closed_name_office(joined, profile):
                yield i, j, joined
                break


# A paragraph's first word alone on its line, no sentence's end after it: a page whose
# markup set the first word apart ("Conforme" / "al Acuerdo aprobado …", "El" /
# "Presidente Senador …: …"). The document shows it where this many such words are
# followed by a line going on in small letters.
_LONE_FIRST = re.compile(r"^\s*[^\W\d_][^\s.?!:;…]*,?\s*$")
_LONE_FIRST_MIN = 3


def _join_lone_first_words(lines: list) -> list | None:
    """Join each paragraph's first word printed alone on its line to the line after it (its
    number), where the document prints its paragraphs so (see :data:`_LONE_FIRST`), or
    return None. A play's names alone over their speeches are followed by speech opening in
    capitals ("Helena" / "Ne, Marius …"), and are not joined."""
    lone = [i for i in range(len(lines) - 1)
            if _LONE_FIRST.match(lines[i][1]) and lines[i + 1][1].strip()]
    if sum(1 for i in lone if lines[i + 1][1].lstrip()[:1].islower()) < _LONE_FIRST_MIN:
        return None
    out, k, lone = [], 0, set(lone)
    while k < len(lines):
        no, text = lines[k]
        if k in lone:
            out.append((no, f"{text.strip()} {lines[k + 1][1].lstrip()}"))
            k += 2
        else:
            out.append((no, text))
            k += 1
    return out


def join_wrapped_labels(lines: list, profile: Profile) -> list | None:
    """Join the lines of labels wrapped like the speech, or return None.

    A record hard-wrapped without blank lines may print its labels alone and closed by
    a period ("Name, office, party.") and wrap them as it wraps the speech ("Ruth" /
    "Heilmann, Siumuts ordfører."). Where the document shows that grammar by repeating
    it (see _WRAP_MIN), each label's lines become one line (its first line's number),
    so the grammar scored on the lines reads it as a label alone on its line.
    """
    if detect_mode(lines) != "line":
        return _join_labels_wrapped_in_paragraphs(lines)
    joined = _join_lone_first_words(lines)
    found = list(_wrapped_labels(joined or lines, profile))
    seen = Counter(label_key(text) for _, _, text in found)
    if len(found) < _WRAP_MIN or max(seen.values()) < 2 or all(i == j for i, j, _ in found):
        return joined
    lines = joined or lines
    out, done = [], 0
    for i, j, text in found:
        out.extend(lines[done:i])
        out.append((lines[i][0], text))
        done = j + 1
    return out + lines[done:]


# A label wrapped like the speech of a text in paragraphs hard-wrapped at a width: its
# bracket left open on the paragraph's first line and closed on the next, a delimiter
# after it ("A SRA. JACK ROCHA (Bloco/PT - ES. Pela ordem." / "Sem revisão da oradora.) -
# Sr. Presidente, …"); or a long label with no delimiter on the first line, its colon on
# the next ("Deputy Chief of Staff of the Presidential Executive Office –" / "Presidential
# Press Secretary Dmitry Peskov: …"), neither part with a sentence's end.
_BRACKET_OPEN = re.compile(r"^[^()\n]{2,80}\([^()\n]{0,80}$")
_BRACKET_CLOSE = re.compile(r"^\s*[^()\n]{1,80}\)\s*(?:[:.：]\s|\s[-–—]\s)")
# (The first line is long, as a line broken at the width is; no figure, no run of spaces.)
_LABEL_OPEN = re.compile(r"^[^\W\d_](?:[^\d:：.?!;\s]| (?! )){39,99}(?<![.?!;,])$")
_COLON_CLOSE = re.compile(r"^\s*[^\W\d_][^\d:：.?!;\n]{0,59}[:：]\s")
# Or a name alone on its line, its colon opening the next: a wrapped label ("An Tánaiste" /
# ": As a Liverpool supporter, …"), or a Pandoc definition list's term and definition
# ("Ruth" / ":\tIch wusste nicht, …").
_NAME_LINE = re.compile(r"^[^\W\d_][^:：.?!;\n]{0,59}(?<![\s,])$")
_COLON_LEAD = re.compile(r"^[:：][ \t]+\S")


def _join_labels_wrapped_in_paragraphs(lines: list) -> list | None:
    """Join each label wrapped at a width to one line (its first line's number), or return
    None where there is none (see _BRACKET_OPEN)."""
    out, joined, k = [], False, 0
    whole = _LabelsPrintedWhole(lines)
    while k < len(lines):
        no, text = lines[k]
        if (k == 0 or not lines[k - 1][1].strip()) and k + 1 < len(lines) \
                and (_wrapped_label_lines(text, lines[k + 1][1]) or whole.joins(text, lines[k + 1][1])):
            out.append((no, f"{text.rstrip()} {lines[k + 1][1].lstrip()}"))
            joined, k = True, k + 2
            continue
        out.append(lines[k])
        k += 1
    return out if joined else None


# The words before a colon near a line's start: a label as printed on one line.
_HEAD_COLON = re.compile(r"^\s*([^\W\d_][^:：.?!;\n]{0,59}?)\s*[:：]\s")


class _LabelsPrintedWhole:
    """Where a label is wrapped at the margin as the document prints it whole elsewhere
    ("PRESIDENTE" / "BATLLE: Bueno, …", and "PRESIDENTE BATLLE: Bueno, no, depende."
    two paragraphs on): the heads before a colon of the document's lines, read once."""

    def __init__(self, lines: list):
        self._lines, self._heads = lines, None

    def joins(self, first: str, second: str) -> bool:
        if not _NAME_LINE.match(first.strip()) or not (m := _HEAD_COLON.match(second)):
            return False
        if self._heads is None:
            self._heads = {h.group(1) for _, t in self._lines if (h := _HEAD_COLON.match(t))}
        return f"{first.strip()} {m.group(1)}" in self._heads


def _wrapped_label_lines(first: str, second: str) -> bool:
    return bool(_BRACKET_OPEN.match(first) and _BRACKET_CLOSE.match(second)
                or _LABEL_OPEN.match(first) and _COLON_CLOSE.match(second)
                or _NAME_LINE.match(first) and _COLON_LEAD.match(second))


def _in_capitals(label: str) -> bool:
    """A label whose name (before a bracketed tail) is in capitals: "ENGİN ALTAY (İstanbul)"."""
    letters = [c for c in label.split(" (")[0] if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _maybe_glued(lines: list, forms: set) -> set:
    """The indices of the lines where one of the label ``forms`` may begin mid-line.

    One search over the joined text, for a character :data:`_GLUE_BEFORE` may
    follow, then the form, on the same line: every line the per-line split
    would cut is among them (a few more may be: the search allows no space
    after any of the characters).
    """
    text = "\n".join([t for _, t in lines])
    near = re.compile(_GLUE_MARK + r"(?=[^\S\n]*" + trie_pattern(forms) + r"[^\S\n]+\S)")
    found, line, pos = set(), 0, 0
    for m in near.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        found.add(line)
    return found


def trie_pattern(words: set) -> str:
    """A pattern matching exactly ``words``, their common beginnings factored out.

    An alternation of hundreds of labels tries each one in turn; the factored
    pattern reads a character once for all the labels that share it.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return "(?:" + branch(trie) + ")"


_AFTER_STAGE = re.compile(r"[)\]]\s+(?=\S)")


def _split_after_stage(text: str, shapes: tuple) -> list:
    """Split ``text`` where a label of ``shapes`` begins right after a closing bracket."""
    cuts = [m.end() for m in _AFTER_STAGE.finditer(text)
            if any(p.match(text[m.end():]) for p in shapes)] if shapes else []
    if not cuts:
        return [text]
    bounds = [0] + cuts + [len(text)]
    return [text[a:b].rstrip() if b < len(text) else text[a:b] for a, b in zip(bounds, bounds[1:])]


def _split_edges(paras: list, profile: Profile, head: bool, join: bool = True) -> tuple:
    front, back = [], []
    body = list(paras)
    # Headings go before the text only when prose follows them; a text of
    # short lines is all text.
    has_prose = any(_is_prose(t) for p in body for _, t in p.lines)
    while body and all(_is_boilerplate(t, profile) or (has_prose and not _is_prose(t))
                       for _, t in body[0].lines):
        front.extend(body.pop(0).lines)
    while body and all(_is_boilerplate(t, profile) for _, t in body[-1].lines):
        back[:0] = body.pop().lines
    return front, _join_continuations(body, "block") if join else body, back


def _is_prose(text: str) -> bool:
    text = text[:2000]          # a long line's start shows whether it is prose
    words = text.split()
    letters = "".join(c for c in text if c.isalpha())
    return len(words) >= 8 and bool(_PROSE.search(text)) and not letters.isupper()


def _join_continuations(paras: list, mode: str) -> list:
    """Join a paragraph with the next one when the source broke a sentence.

    A paragraph that ends without closing punctuation followed by one that
    starts in lower case is one paragraph (hard-wrapped, or split by a page
    break). In one-paragraph-per-line sources an ellipsis before such a break
    is the source's own elision. The paragraphs are joined in place (the one
    before takes the next one's lines); returns those that are left.
    """
    out: list = []
    for p in paras:
        if out and p.repeated is None:      # a label printed again starts its own paragraph
            prev = out[-1]
            first_text = p.lines[0][1].lstrip()
            # A page number between the halves of a sentence.
            if len(p.lines) == 1 and _PAGE_NUM.match(first_text):
                prev.lines.append(p.lines[0])
                prev.joins.append("pagenum")
                continue
            if first_text[:1].islower():
                last_text = prev.lines[-1][1].rstrip()
                elided = mode == "line" and _ELLIPSIS_END.search(last_text)
                if elided or not _TERMINAL.search(last_text):
                    prev.lines.extend(p.lines)
                    prev.joins.append("elision" if elided else "continue")
                    prev.joins.extend(p.joins)
                    continue
        out.append(p)
    # A page number left at the end of a paragraph stays inside it.
    return out


def _score(turns: list, rejected: dict) -> float:
    """Score a segmentation: many turns by recurring labels, few oddities."""
    counts = Counter(label_key(lab.label) for lab, _, _ in turns)
    if not counts:
        return 0.0
    recurring = sum(n for n in counts.values() if n >= 2)
    singles = sum(1 for n in counts.values() if n == 1)
    empty = sum(1 for _, _, ps in turns if not ps)
    return recurring + 0.5 * singles - 0.3 * empty - 0.2 * len(rejected)
