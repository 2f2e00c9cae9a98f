"""The project's rules: what the TEI grammar cannot say (see schemas/RULES.md).

Each rule is plain Python over the lxml tree and reports Diagnostics with a
stable code. Rules run after (and independently of) the grammar, so they
must not assume the document is schema-valid: they skip what they cannot
interpret instead of failing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..codes import code_list, help_text
from ..errors import ConfigError, Diagnostic
from .locate import no_locator
from .timeline import check_times

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = "{%s}" % TEI_NS
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

PERSONS = frozenset({T + "person", T + "personGrp"})

#: The rule codes and what they mean, from the one list (schemas/codes.toml, schemas/RULES.md).
RULES = {code: help_text(code) for group in ("pointers", "turns", "lang", "time")
         for code in sorted(code_list().members(group))}

#: The rule sets of ``tei validate --rules``.
RULE_SETS = ("project", "generic", "none")


@dataclass
class Facts:
    """What the corpus-wide rules need from one file.

    Attributes:
        doc_id: the ``xml:id`` of the root (``TEI`` or ``teiCorpus``).
        doc_line: the line of the root's start tag.
        persons: ``(id, line, name, idnos)`` of each ``person`` of a ``TEI`` file.
            A ``teiCorpus`` file lists none: it restates its members' persons
            (renamed where two members use one id for two people), so comparing
            it with its own members would only find itself.
        members: the ``xml:id`` of each ``TEI`` a ``teiCorpus`` embeds.
    """

    doc_id: str | None = None
    doc_line: int = 0
    persons: list = field(default_factory=list)   # (id, line, name, idnos)
    members: list = field(default_factory=list)


def _local_refs(value: str | None) -> list[str]:
    """The ids that the local pointers (``#id``) of an attribute's value name, in order."""
    return [token[1:] for token in (value or "").split() if len(token) > 1 and token[0] == "#"]


def _ana(el) -> set:
    return set(_local_refs(el.get("ana")))


def _name(el) -> str:
    tag = el.tag
    return tag[len(T):] if tag.startswith(T) else tag


#: The attributes of local pointers that either rule set reads (see the POINTERS tables).
POINTER_NAMES = frozenset({"who", "toWhom", "resp", "ana", "target", "ref", "scheme",
                           "next", "prev", "corresp", "start", "end", "synch"})


@dataclass
class Attributes:
    """The attributes the rules read, gathered in one walk over the document.

    Every list is in document order and, within an element, in the order of
    its attributes.

    Attributes:
        ids: xml:id -> the first element with it.
        repeated: ``(element, xml:id)`` of each element whose id an element before it has.
        langs: ``(element, xml:lang)``.
        pointers: ``(element, name, value)`` of each attribute in :data:`POINTER_NAMES`.
        places: name -> the places in ``pointers`` of the attributes of that name.
    """

    ids: dict = field(default_factory=dict)
    repeated: list = field(default_factory=list)
    langs: list = field(default_factory=list)
    pointers: list = field(default_factory=list)
    places: dict = field(default_factory=dict)

    @classmethod
    def gather(cls, root) -> "Attributes":
        """Walk the elements under (and including) ``root`` once; return their attributes."""
        found = cls()
        ids, repeated, langs, pointers = found.ids, found.repeated, found.langs, found.pointers
        places = found.places = {name: [] for name in POINTER_NAMES}
        for el in root.iter(etree.Element):            # elements only: no comments, PIs
            for name, value in el.items():
                if name in POINTER_NAMES:
                    places[name].append(len(pointers))
                    pointers.append((el, name, value))
                elif name == XML_ID:
                    if ids.setdefault(value, el) is not el:
                        repeated.append((el, value))
                elif name == XML_LANG:
                    langs.append((el, value))
        return found

    def elements_with(self, names) -> list:
        """The elements that carry any of the pointer attributes ``names``, each once, in order."""
        out, last = [], None
        for place in sorted(place for name in names for place in self.places.get(name, ())):
            el = self.pointers[place][0]
            if el is not last:          # (an element's attributes are neighbours in pointers)
                out.append(el)
                last = el
        return out


def _holds(root, tags) -> bool:
    """True when an element under (or at) ``root`` has one of ``tags``."""
    return next(root.iter(*tags), None) is not None


def check_rules(tree: etree._ElementTree, path: str, locate=no_locator,
                rules: str = "project") -> list[Diagnostic]:
    """Return the rule findings for one parsed document, in document order.

    Args:
        tree: the parsed document.
        path: the name used in the diagnostics.
        locate: ``locate(element, attribute=None) -> column`` (0 when unknown),
            e.g. :meth:`tei_corpus.validate.locate.Locator.col`.
        rules: ``project`` (the conventions of the TEI this toolkit writes),
            ``generic`` (what holds for any TEI: see :class:`_GenericChecker`)
            or ``none``.

    Raises:
        ConfigError: ``rules`` names no rule set.
    """
    if rules == "none":
        return []
    if rules not in RULE_SETS:
        raise ConfigError(f"unknown rule set {rules!r} (choose from {', '.join(RULE_SETS)})")
    checker = _GenericChecker if rules == "generic" else _Checker
    return checker(tree, path, locate).run()


def extract_facts(tree: etree._ElementTree) -> Facts:
    """Return the document id and persons of ``tree`` for the corpus-wide rules."""
    root = tree.getroot()
    facts = Facts()
    if root.tag in (T + "TEI", T + "teiCorpus"):
        facts.doc_id = root.get(XML_ID)
        facts.doc_line = root.sourceline or 0
    if root.tag == T + "teiCorpus":
        facts.members = [tei.get(XML_ID) for tei in root.iter(T + "TEI") if tei.get(XML_ID)]
        return facts
    for el in root.iter(T + "person"):
        pid = el.get(XML_ID)
        if not pid:
            continue
        name = el.find(T + "persName")
        if name is None:
            name = el.find(T + "name")
        text = " ".join("".join(name.itertext()).split()) if name is not None else ""
        idnos = sorted(f"{i.get('type') or ''}:{(i.text or '').strip()}"
                       for i in el.findall(T + "idno") if (i.text or "").strip())
        facts.persons.append((pid, el.sourceline or 0, text, tuple(idnos)))
    return facts


class _Checker:
    def __init__(self, tree, path, locate=no_locator):
        self.root = tree.getroot()
        self.path = path
        self.locate = locate
        self.out: list[Diagnostic] = []
        self.ids: dict[str, etree._Element] = {}
        self.attributes = Attributes()
        self.turns: list = []          # the u elements in document order, None where a TEI starts
        self.languages: list = []      # the language elements
        self.timelines: list = []      # the timeline elements

    def report(self, el, code, message, severity="error", attr=None):
        self.out.append(Diagnostic(self.path, getattr(el, "sourceline", 0) or 0,
                                   self.locate(el, attr), severity, code, message))

    def run(self) -> list[Diagnostic]:
        self.attributes = attributes = Attributes.gather(self.root)
        self.collect_elements()
        self.collect_ids(attributes)
        self.check_pointers(attributes.pointers)
        self.check_chains(attributes.elements_with(("next", "prev")))
        self.check_turns(self.turns)
        check_times(self)
        self.check_languages(attributes.langs, self.languages)
        self.out.sort(key=lambda d: (d.line, d.col))
        return self.out

    name = staticmethod(_name)

    def collect_elements(self) -> None:
        """Find the turns (and where each TEI starts), the languages and the timelines in one walk."""
        self.turns, self.languages, self.timelines = [], [], []
        turns, languages, timelines = self.turns, self.languages, self.timelines
        for el in self.root.iter(T + "u", T + "TEI", T + "language", T + "timeline"):
            tag = el.tag
            if tag == T + "u":
                turns.append(el)
            elif tag == T + "TEI":
                turns.append(None)
            elif tag == T + "language":
                languages.append(el)
            else:
                timelines.append(el)

    def collect_ids(self, attributes: Attributes):
        """Take the document's ids from ``attributes``; report an id used twice."""
        self.ids = attributes.ids
        for el, xid in attributes.repeated:
            self.report(el, "id-duplicate",
                        f"id \"{xid}\" is already used at line {self.ids[xid].sourceline}",
                        attr=XML_ID)

    def resolve(self, el, attr, kinds, what, value=None):
        """Check every local pointer of ``el/@attr`` (its ``value``, when given); return the targets."""
        found = []
        ids = self.ids
        for ref in _local_refs(el.get(attr) if value is None else value):
            target = ids.get(ref)
            if target is None:
                self.report(el, "pointer-unresolved",
                            f"@{attr} of <{_name(el)}> points to \"#{ref}\", "
                            "which is not an id in this document", attr=attr)
            elif kinds is not None and target.tag not in kinds:
                self.report(el, "pointer-wrong-kind",
                            f"@{attr} of <{_name(el)}> points to \"#{ref}\", "
                            f"a <{_name(target)}>, not {what}", attr=attr)
            else:
                found.append(target)
        return found

    #: attribute -> (allowed target tags or None for any, what to call them)
    POINTERS = {
        "who": (PERSONS, "a person or personGrp"),
        "toWhom": (PERSONS, "a person or personGrp"),
        "resp": (PERSONS | {T + "respStmt"}, "a person or personGrp"),
        "ana": ({T + "category"}, "a category"),
        "target": (None, ""), "ref": (None, ""), "scheme": (None, ""),
    }   # @start, @end and @synch: the time rules (timeline.py)

    def check_pointers(self, pointers):
        """Check the ``(element, attribute, value)`` pointers (see :meth:`Attributes.gather`).

        The verdict on an attribute of the table depends on its value alone: a
        value found right once (``#regular``, a speaker's ``#id``) is not looked up again.
        """
        table = self.POINTERS
        right = {attr: set() for attr in table}     # the values of each that resolve as they should
        for el, attr, value in pointers:
            if attr in table:
                if value in right[attr]:
                    continue
                kinds, what = table[attr]
                reported = len(self.out)
                self.resolve(el, attr, kinds, what, value)
                if len(self.out) == reported:
                    right[attr].add(value)
            elif attr == "next" or attr == "prev":
                self.resolve(el, attr, {el.tag}, f"a <{_name(el)}>", value)
            elif attr == "corresp":
                kinds = {T + "u"} if el.tag == T + "u" else None
                self.resolve(el, "corresp", kinds, "a <u>", value)

    def check_chains(self, linked):
        """Report a @next or @prev of the ``linked`` elements that is not pointed back."""
        for el in linked:
            for attr, back in (("next", "prev"), ("prev", "next")):
                refs = _local_refs(el.get(attr))
                if len(refs) != 1:
                    continue
                target = self.ids.get(refs[0])
                if target is None or target.tag != el.tag:
                    continue   # reported by the pointer rules
                own = el.get(XML_ID)
                if own is None or _local_refs(target.get(back)) != [own]:
                    label = f"\"#{own}\"" if own else "it (it has no xml:id)"
                    self.report(el, "chain-not-reciprocal",
                                f"@{attr} points to \"#{refs[0]}\", whose @{back} "
                                f"does not point back to {label}", attr=attr)

    def check_turns(self, turns):
        """The rules of #interrupting and #interpreted turns (``turns``: as :attr:`turns`).

        Only the turns whose @ana holds either text are read (no token is
        ``#interrupting`` without it); the turn before one is its neighbour in
        ``turns`` (None at the start of a TEI).
        """
        pointers = self.attributes.pointers
        marked = [pointers[place][0] for place in self.attributes.places.get("ana", ())
                  if "#interrupting" in pointers[place][2] or "#interpreted" in pointers[place][2]]
        if not marked:
            return
        position = {el: i for i, el in enumerate(turns) if el is not None}
        for el in marked:
            i = position.get(el)
            if i is not None:               # (a u)
                self.check_turn(el, _ana(el), turns[i - 1] if i else None)

    def check_turn(self, el, ana: set, previous) -> None:
        """Check one turn marked #interrupting or #interpreted; ``previous`` is the turn before."""
        if "interrupting" in ana:
            if previous is None or "truncated" not in _ana(previous):
                self.report(el, "interrupting-without-truncated",
                            "turn is marked #interrupting but the turn before it "
                            "is not marked #truncated")
            if el.get("trans") != "overlap":
                self.report(el, "interrupting-without-overlap",
                            "turn is marked #interrupting but has no trans=\"overlap\"",
                            severity="warning", attr="trans")
        if "interpreted" in ana:
            if not el.get(XML_LANG):
                self.report(el, "interpreted-without-lang",
                            "turn is marked #interpreted but has no xml:lang "
                            "(the language of the rendition)")
            for ref in _local_refs(el.get("resp")):
                target = self.ids.get(ref)
                if target is not None and target.tag in PERSONS and \
                        "interpreter" not in (target.get("role") or "").split():
                    self.report(el, "interpreter-role",
                                f"@resp of an #interpreted turn points to \"#{ref}\", "
                                "which has no role=\"interpreter\"", severity="warning",
                                attr="resp")

    def check_languages(self, langs, languages=None):
        """Report each ``(element, xml:lang)`` of ``langs`` that langUsage does not declare.

        ``languages``: the document's language elements, when they are known.
        """
        if languages is None:
            languages = self.root.iter(T + "language")
        declared = {lang.get("ident", "").lower() for lang in languages}
        for el, lang in langs:
            if not lang or lang.lower() in declared:
                continue
            self.report(el, "lang-undeclared",
                        f"xml:lang=\"{lang}\" on <{_name(el)}> is not declared "
                        "in langUsage/language/@ident", attr=XML_LANG)


class _GenericChecker(_Checker):
    """The rules any TEI document should meet, whoever wrote it (``--rules generic``).

    Ids are unique; local pointers in @who, @toWhom, @resp, @ana, @corresp,
    @next, @prev, @start, @end and @synch name an element of the document
    (of any kind); a @next/@prev pair does not contradict itself; every
    xml:lang is declared when the document has a langUsage. A pointer of
    @who/@toWhom, @resp or @ana is checked only when the document holds an
    element of the kind it names (a participant, a category): a corpus
    component (ParlaMint, siParl) names the participants and taxonomies of
    its corpus header, which it does not contain.
    """

    #: attribute -> the elements whose presence makes its pointers checkable (None: always)
    GENERIC_POINTERS = {
        "who": PERSONS, "toWhom": PERSONS,
        "resp": PERSONS | {T + "respStmt", T + "org"},
        "ana": frozenset({T + "category", T + "interp", T + "interpGrp", T + "fs"}),
        "corresp": None, "next": None, "prev": None,
        "start": None, "end": None, "synch": None,
    }

    def run(self) -> list[Diagnostic]:
        self.attributes = attributes = Attributes.gather(self.root)
        self.collect_ids(attributes)
        checked = {attr for attr, kinds in self.GENERIC_POINTERS.items()
                   if kinds is None or _holds(self.root, kinds)}
        for el, attr, value in attributes.pointers:
            if attr in checked:
                self.resolve(el, attr, None, "", value)
        self.check_contradicting_chains(attributes.elements_with(("next", "prev")))
        if _holds(self.root, (T + "langUsage",)):
            self.check_languages(attributes.langs)
        self.out.sort(key=lambda d: (d.line, d.col))
        return self.out

    def check_contradicting_chains(self, linked) -> None:
        """Report ``A/@next="#B"`` whose B has a @prev naming another element (and the reverse).

        ``linked`` are the elements with @next or @prev. A link given in one
        direction only is fine in TEI; two that disagree are not.
        """
        for el in linked:
            own = el.get(XML_ID)
            for attr, back in (("next", "prev"), ("prev", "next")):
                refs = _local_refs(el.get(attr))
                target = self.ids.get(refs[0]) if len(refs) == 1 else None
                if target is None or target.get(back) is None or own is None:
                    continue
                if _local_refs(target.get(back)) != [own]:
                    self.report(el, "chain-not-reciprocal",
                                f"@{attr} points to \"#{refs[0]}\", whose @{back} "
                                f"points elsewhere ({target.get(back)}), not to \"#{own}\"",
                                attr=attr)


class CorpusIndex:
    """Incremental corpus-wide checks: document ids and persons across files.

    Ids inside a document (``u1``, ``moderator``…) belong to that document:
    TEI gives each document its own id space, so two documents may both have
    a ``u1``. Across files, the root ``xml:id`` must be unique (an error), and
    a person id that seems to denote different people in two files (other
    ``idno``, other name) is a warning, as is one ``idno`` under two ids.
    A ``teiCorpus`` file and the files of its members are the same documents:
    its embedded ``TEI`` and its persons are not compared with them.

    Feed each file's :class:`Facts` in a stable order with :meth:`add`; it
    returns the findings that file adds (about clashes with earlier files).
    """

    def __init__(self) -> None:
        self.doc_ids: dict[str, str] = {}
        self.persons: dict[str, tuple] = {}       # id -> (path, name, idnos)
        self.idnos: dict[str, tuple] = {}         # idno -> (path, id)

    def add(self, path: str, facts: Facts) -> list[Diagnostic]:
        """Record one file; return its corpus-level findings."""
        out = []
        if facts.doc_id:
            first = self.doc_ids.setdefault(facts.doc_id, path)
            if first != path:
                out.append(Diagnostic(path, facts.doc_line, 0, "error", "corpus-id-duplicate",
                                      f"document id \"{facts.doc_id}\" is also used by {first}"))
        for pid, line, name, idnos in facts.persons:
            known = self.persons.setdefault(pid, (path, name, idnos))
            if known[0] != path:
                kpath, kname, kidnos = known
                if idnos and kidnos and not set(idnos) & set(kidnos):
                    out.append(Diagnostic(path, line, 0, "warning", "corpus-person-conflict",
                                          f"person \"{pid}\" has idno {', '.join(idnos)} here "
                                          f"but {', '.join(kidnos)} in {kpath}"))
                elif name and kname and name.casefold() != kname.casefold():
                    out.append(Diagnostic(path, line, 0, "warning", "corpus-person-conflict",
                                          f"person \"{pid}\" is named \"{name}\" here "
                                          f"but \"{kname}\" in {kpath}"))
                if idnos and not kidnos:   # the first file to identify the person wins
                    self.persons[pid] = (path, name or kname, idnos)
            for idno in idnos:
                seen = self.idnos.setdefault(idno, (path, pid))
                if seen[1] != pid:
                    out.append(Diagnostic(path, line, 0, "warning", "corpus-person-split",
                                          f"person \"{pid}\" has idno {idno}, which names "
                                          f"person \"{seen[1]}\" in {seen[0]}"))
        return out


def check_corpus_ids(items) -> list[Diagnostic]:
    """Return corpus-wide findings for ``(path, Facts)`` pairs, in the given order."""
    index = CorpusIndex()
    out = []
    for path, facts in items:
        out.extend(index.add(path, facts))
    return out


#: The corpus-wide codes and what they mean (schemas/RULES.md).
CORPUS_RULES = {code: help_text(code) for code in sorted(code_list().members("corpus"))}
