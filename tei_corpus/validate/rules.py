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


def _local_refs(value: str | None):
    for token in (value or "").split():
        if token.startswith("#") and len(token) > 1:
            yield token[1:]


def _ana(el) -> set:
    return set(_local_refs(el.get("ana")))


def _name(el) -> str:
    tag = el.tag
    return tag[len(T):] if tag.startswith(T) else tag


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

    def report(self, el, code, message, severity="error", attr=None):
        self.out.append(Diagnostic(self.path, getattr(el, "sourceline", 0) or 0,
                                   self.locate(el, attr), severity, code, message))

    def run(self) -> list[Diagnostic]:
        elements = list(self.root.iter(etree.Element))     # elements only: no comments, PIs
        self.collect_ids(elements)
        self.check_pointers(elements)
        self.check_chains(elements)
        self.check_turns(elements)
        check_times(self, elements)
        self.check_languages(elements)
        self.out.sort(key=lambda d: (d.line, d.col))
        return self.out

    name = staticmethod(_name)

    def collect_ids(self, elements):
        for el in elements:
            xid = el.get(XML_ID)
            if xid is None:
                continue
            first = self.ids.get(xid)
            if first is None:
                self.ids[xid] = el
            else:
                self.report(el, "id-duplicate",
                            f"id \"{xid}\" is already used at line {first.sourceline}",
                            attr=XML_ID)

    def resolve(self, el, attr, kinds, what):
        """Check every local pointer of ``el/@attr``; return the resolved targets."""
        found = []
        for ref in _local_refs(el.get(attr)):
            target = self.ids.get(ref)
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

    def check_pointers(self, elements):
        pointers = self.POINTERS
        for el in elements:
            for attr in el.attrib:
                if attr in pointers:
                    kinds, what = pointers[attr]
                    self.resolve(el, attr, kinds, what)
                elif attr == "next" or attr == "prev":
                    self.resolve(el, attr, {el.tag}, f"a <{_name(el)}>")
                elif attr == "corresp":
                    kinds = {T + "u"} if el.tag == T + "u" else None
                    self.resolve(el, "corresp", kinds, "a <u>")

    def check_chains(self, elements):
        for el in self.root.xpath("//*[@next or @prev]"):
            for attr, back in (("next", "prev"), ("prev", "next")):
                refs = list(_local_refs(el.get(attr)))
                if len(refs) != 1:
                    continue
                target = self.ids.get(refs[0])
                if target is None or target.tag != el.tag:
                    continue   # reported by the pointer rules
                own = el.get(XML_ID)
                if own is None or list(_local_refs(target.get(back))) != [own]:
                    label = f"\"#{own}\"" if own else "it (it has no xml:id)"
                    self.report(el, "chain-not-reciprocal",
                                f"@{attr} points to \"#{refs[0]}\", whose @{back} "
                                f"does not point back to {label}", attr=attr)

    def check_turns(self, elements):
        previous = None
        for el in elements:
            if el.tag == T + "TEI":
                previous = None
            if el.tag != T + "u":
                continue
            ana = _ana(el)
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
            previous = el

    def check_languages(self, elements):
        declared = {lang.get("ident", "").lower() for lang in self.root.iter(T + "language")}
        for el in elements:
            lang = el.get(XML_LANG)
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
        elements = list(self.root.iter(etree.Element))     # elements only: no comments, PIs
        self.collect_ids(elements)
        present = {el.tag for el in elements}
        checked = {attr for attr, kinds in self.GENERIC_POINTERS.items()
                   if kinds is None or present & kinds}
        for el in elements:
            for attr in el.attrib:
                if attr in checked:
                    self.resolve(el, attr, None, "")
        self.check_contradicting_chains()
        if T + "langUsage" in present:
            self.check_languages(elements)
        self.out.sort(key=lambda d: (d.line, d.col))
        return self.out

    def check_contradicting_chains(self) -> None:
        """Report ``A/@next="#B"`` whose B has a @prev naming another element (and the reverse).

        A link given in one direction only is fine in TEI; two that disagree are not.
        """
        for el in self.root.xpath("//*[@next or @prev]"):
            own = el.get(XML_ID)
            for attr, back in (("next", "prev"), ("prev", "next")):
                refs = list(_local_refs(el.get(attr)))
                target = self.ids.get(refs[0]) if len(refs) == 1 else None
                if target is None or target.get(back) is None or own is None:
                    continue
                if list(_local_refs(target.get(back))) != [own]:
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
