"""Find every RELAX NG error in a document, with jing-like messages.

libxml2 stops at the first invalid element, so :class:`RelaxNGSchema` uses it
only for the verdict and hands invalid documents to this module: a validator
built on derivatives of patterns (the algorithm of James Clark's "An algorithm
for RELAX NG validation", which jing also implements) that recovers after each
error and goes on.

Recovery, precisely:

* an element that is not allowed where it stands is reported and then ignored by
  its parent (the parent's state is kept as before it); its own attributes and
  content are checked against every element pattern of the grammar with that
  name (and, when no pattern has that name, each child is checked as if it
  stood anywhere);
* an attribute that is not allowed is reported and ignored; an allowed attribute
  with an invalid value is reported and then taken as if its value were valid;
* missing required attributes are reported once per element, then taken as
  present; text where none is allowed is reported and ignored; invalid
  character content is reported and taken as valid;
* an element whose content ends too early is reported ("incomplete") at its
  end tag, and its parent continues as if it had been complete.

Datatypes are checked by libxml2 itself (one tiny compiled schema per datatype),
so a value is judged exactly as the fast path judges it. Not checked here: ID
uniqueness and IDREF targets (libxml2's verdict still catches those; the caller
reports libxml2's message when this module finds nothing). Lines are those of
start tags; the end-tag line of an incomplete element is computed from the
text it holds. Columns are not known (0).
"""
from __future__ import annotations

import re

from lxml import etree

from .rng_grammar import RNG_NS, XML_NS, Grammar, nc_contains

EMPTY, NA, TEXT, CHOICE, GROUP, INTERLEAVE, ONE, ELEMENT, ATTRIBUTE, LIST, DATA, VALUE, AFTER = range(13)
_WS = re.compile(r"[ \t\r\n]*\Z")
_XSD = "http://www.w3.org/2001/XMLSchema-datatypes"


class Pat:
    """An interned pattern; ``a``/``b`` are sub-patterns or data."""

    __slots__ = ("kind", "a", "b", "nullable", "__weakref__")

    def __init__(self, kind, a=None, b=None, nullable=False):
        self.kind, self.a, self.b, self.nullable = kind, a, b, nullable


class _Datatype:
    """A datatype judged by libxml2 through a one-element schema."""

    def __init__(self, lib, typ, params, value=None, ns=""):
        self.lib, self.typ, self.params, self.value = lib, typ, params, value
        self.results: dict[str, bool] = {}
        self.schema = None
        if lib in ("", None):
            return
        root = etree.Element("{%s}element" % RNG_NS, name="v")
        if value is None:
            data = etree.SubElement(root, "{%s}data" % RNG_NS, datatypeLibrary=lib, type=typ)
            for name, val in params:
                etree.SubElement(data, "{%s}param" % RNG_NS, name=name).text = val
        else:
            etree.SubElement(root, "{%s}value" % RNG_NS, datatypeLibrary=lib, type=typ,
                             ns=ns).text = value
        try:
            self.schema = etree.RelaxNG(root)
        except etree.RelaxNGParseError:
            self.schema = None

    def allows(self, s: str) -> bool:
        if self.schema is None:
            if self.value is None:
                return True
            if self.typ == "string":
                return s == self.value
            return s.split() == self.value.split()
        hit = self.results.get(s)
        if hit is None:
            el = etree.Element("v")
            el.text = s
            hit = self.schema.validate(el)
            if len(self.results) < 4096:
                self.results[s] = hit
        return hit

    def describe(self) -> str:
        if self.value is not None:
            return f'equal to "{self.value}"'
        typ = self.typ
        words = {"int": "integer", "nonNegativeInteger": "non-negative integer",
                 "positiveInteger": "positive integer", "anyURI": "URI", "NCName": "NCName",
                 "ID": "XML name (ID)", "IDREF": "XML name (IDREF)"}.get(typ, typ)
        text = ("an " if words[:1] in "aeioAEIO" else "a ") + words
        for name, val in self.params:
            if name == "pattern":
                text += f' matching the regular expression "{val}"'
        return text


def _names(nc) -> list[str]:
    """Return printable names of a name class (``*`` for wildcards)."""
    if nc[0] == "name":
        return [("xml:" if nc[1] == XML_NS else "") + nc[2]]
    if nc[0] == "ncchoice":
        return [n for x in nc[1:] for n in _names(x)]
    return []


def _join(items: list[str], word: str = "or") -> str:
    items = [f'"{x}"' for x in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


class Patterns:
    """Interning constructors and the derivative functions."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self.table: dict = {}
        self.empty = Pat(EMPTY, nullable=True)
        self.na = Pat(NA)
        self.text = Pat(TEXT, nullable=True)
        self.defines: dict[str, Pat] = {}
        self.building: set[str] = set()
        self.datatypes: dict = {}
        self.contents: dict[int, Pat] = {}
        self.memo_sto: dict = {}
        self.memo_att: dict = {}
        self.memo_text: dict = {}
        self.memo_close: dict = {}
        self.memo_leaves: dict = {}
        self.memo_first: dict = {}
        self.memo_value: dict = {}
        self.memo_att_value: dict = {}
        self.start = self.build(grammar.start)

    def size(self) -> int:
        """Return how many interned patterns and memo entries are held."""
        return (len(self.table) + len(self.memo_sto) + len(self.memo_att) + len(self.memo_text)
                + len(self.memo_close) + len(self.memo_leaves) + len(self.memo_first)
                + len(self.memo_value) + len(self.memo_att_value))

    # -- constructors -------------------------------------------------------
    def intern(self, key, make):
        p = self.table.get(key)
        if p is None:
            p = self.table[key] = make()
        return p

    def choice(self, a: Pat, b: Pat) -> Pat:
        if a.kind == NA or a is b:
            return b
        if b.kind == NA:
            return a
        alts = (a.a if a.kind == CHOICE else frozenset((a,))) | (b.a if b.kind == CHOICE else frozenset((b,)))
        return self.intern((CHOICE, alts), lambda: Pat(CHOICE, alts, None, any(x.nullable for x in alts)))

    def binary(self, kind, a: Pat, b: Pat) -> Pat:
        if a.kind == NA or b.kind == NA:
            return self.na
        if kind != AFTER:
            if a.kind == EMPTY:
                return b
            if b.kind == EMPTY:
                return a
        return self.intern((kind, id(a), id(b)),
                           lambda: Pat(kind, a, b, kind != AFTER and a.nullable and b.nullable))

    def one(self, p: Pat) -> Pat:
        if p.kind in (NA, EMPTY):
            return p
        return self.intern((ONE, id(p)), lambda: Pat(ONE, p, None, p.nullable))

    def build(self, ir) -> Pat:
        kind = ir[0]
        if kind == "empty":
            return self.empty
        if kind == "notAllowed":
            return self.na
        if kind == "text":
            return self.text
        if kind == "ref":
            return self.define(ir[1])
        if kind == "choice":
            out = self.na
            for x in ir[1:]:
                out = self.choice(out, self.build(x))
            return out
        if kind in ("group", "interleave"):
            k = GROUP if kind == "group" else INTERLEAVE
            out = self.build(ir[-1])
            for x in reversed(ir[1:-1]):
                out = self.binary(k, self.build(x), out)
            return out
        if kind == "oneOrMore":
            return self.one(self.build(ir[1]))
        if kind == "element":
            return self.intern((ELEMENT, id(ir)), lambda: Pat(ELEMENT, ir[1], ir[2]))
        if kind == "attribute":
            content = self.build(ir[2])
            return self.intern((ATTRIBUTE, ir[1], id(content)), lambda: Pat(ATTRIBUTE, ir[1], content))
        if kind == "list":
            inner = self.build(ir[1])
            return self.intern((LIST, id(inner)), lambda: Pat(LIST, inner))
        if kind == "data":
            dt = self.datatype(ir[1], ir[2], ir[3])
            exc = self.build(ir[4]) if ir[4] is not None else None
            return self.intern((DATA, id(dt), id(exc)), lambda: Pat(DATA, dt, exc))
        if kind == "value":
            dt = self.datatype(ir[1], ir[2], (), ir[3], ir[4])
            return self.intern((VALUE, id(dt)), lambda: Pat(VALUE, dt))
        raise ValueError(kind)

    def datatype(self, lib, typ, params, value=None, ns=""):
        key = (lib, typ, params, value, ns)
        dt = self.datatypes.get(key)
        if dt is None:
            dt = self.datatypes[key] = _Datatype(lib, typ, params, value, ns)
        return dt

    def define(self, name: str) -> Pat:
        p = self.defines.get(name)
        if p is None:
            if name in self.building:
                raise ValueError(f"define {name!r} refers to itself outside an element")
            self.building.add(name)
            p = self.defines[name] = self.build(self.grammar.defines[name])
            self.building.discard(name)
        return p

    def content(self, el: Pat) -> Pat:
        p = self.contents.get(id(el))
        if p is None:
            p = self.contents[id(el)] = self.build(el.b)
        return p

    # -- derivatives --------------------------------------------------------
    def apply_after(self, p: Pat, f) -> Pat:
        if p.kind == AFTER:
            return self.binary(AFTER, p.a, f(p.b))
        if p.kind == CHOICE:
            out = self.na
            for x in p.a:
                out = self.choice(out, self.apply_after(x, f))
            return out
        return self.na

    def sto(self, p: Pat, qn, skip: bool = False) -> Pat:
        """Start-tag-open derivative; ``skip`` lets required patterns be skipped."""
        key = (id(p), qn, skip)
        hit = self.memo_sto.get(key)
        if hit is not None:
            return hit
        k = p.kind
        if k == CHOICE:
            r = self.na
            for x in p.a:
                r = self.choice(r, self.sto(x, qn, skip))
        elif k == ELEMENT:
            r = self.binary(AFTER, self.content(p), self.empty) if nc_contains(p.a, *qn) else self.na
        elif k == INTERLEAVE:
            a, b = p.a, p.b
            r = self.choice(self.apply_after(self.sto(a, qn, skip), lambda x: self.binary(INTERLEAVE, x, b)),
                            self.apply_after(self.sto(b, qn, skip), lambda x: self.binary(INTERLEAVE, a, x)))
        elif k == ONE:
            rest = self.choice(p, self.empty)
            r = self.apply_after(self.sto(p.a, qn, skip), lambda x: self.binary(GROUP, x, rest))
        elif k == GROUP:
            b = p.b
            r = self.apply_after(self.sto(p.a, qn, skip), lambda x: self.binary(GROUP, x, b))
            if skip or p.a.nullable:
                r = self.choice(r, self.sto(b, qn, skip))
        elif k == AFTER:
            b = p.b
            r = self.apply_after(self.sto(p.a, qn, skip), lambda x: self.binary(AFTER, x, b))
        else:
            r = self.na
        self.memo_sto[key] = r
        return r

    def att(self, p: Pat, qn, value) -> Pat:
        """Attribute derivative; ``value`` None accepts any value.

        The result depends on the value only through which attribute patterns
        named ``qn`` accept it, so it is memoized on that set, not on the value
        (a document whose every attribute value differs costs no more); a
        bounded memo on the value itself saves that set for repeated values.
        """
        if value is None:
            return self._att(p, qn, None)
        key = (id(p), qn, value)
        hit = self.memo_att_value.get(key)
        if hit is None:
            contents = self.leaves(p, ("att", qn))
            ok = frozenset(id(c) for c in contents if self.value_match(c, value))
            hit = self._att(p, qn, ok)
            if len(self.memo_att_value) >= 100_000:
                self.memo_att_value.clear()
            self.memo_att_value[key] = hit
        return hit

    def _att(self, p: Pat, qn, ok) -> Pat:
        key = (id(p), qn, ok)
        hit = self.memo_att.get(key)
        if hit is not None:
            return hit
        k = p.kind
        if k == CHOICE:
            r = self.na
            for x in p.a:
                r = self.choice(r, self._att(x, qn, ok))
        elif k in (GROUP, INTERLEAVE):
            r = self.choice(self.binary(k, self._att(p.a, qn, ok), p.b),
                            self.binary(k, p.a, self._att(p.b, qn, ok)))
        elif k == ONE:
            r = self.binary(GROUP, self._att(p.a, qn, ok), self.choice(p, self.empty))
        elif k == AFTER:
            r = self.binary(AFTER, self._att(p.a, qn, ok), p.b)
        elif k == ATTRIBUTE:
            hit_ = nc_contains(p.a, *qn) and (ok is None or id(p.b) in ok)
            r = self.empty if hit_ else self.na
        else:
            r = self.na
        self.memo_att[key] = r
        return r

    def leaves(self, p: Pat, what) -> tuple:
        """Return the patterns a derivative of ``p`` judges a string by.

        ``what`` is ``("att", qn)``: the contents of the attribute patterns named
        ``qn`` that :meth:`att` reaches; or ``("text",)``: the data, value and
        list patterns :meth:`text_deriv` reaches.
        """
        key = (id(p), what)
        hit = self.memo_leaves.get(key)
        if hit is not None:
            return hit
        found: dict[int, Pat] = {}
        todo, seen = [p], set()
        while todo:
            q = todo.pop()
            if id(q) in seen:
                continue
            seen.add(id(q))
            k = q.kind
            if k == CHOICE:
                todo.extend(q.a)
            elif k == INTERLEAVE or (k == GROUP and (what[0] == "att" or q.a.nullable)):
                todo.extend((q.a, q.b))
            elif k in (GROUP, ONE, AFTER):
                todo.append(q.a)
            elif what[0] == "att" and k == ATTRIBUTE and nc_contains(q.a, *what[1]):
                found[id(q.b)] = q.b
            elif what[0] == "text" and k in (VALUE, DATA, LIST):
                found[id(q)] = q
        hit = self.memo_leaves[key] = tuple(found.values())
        return hit

    def value_match(self, p: Pat, s: str) -> bool:
        """Return True when the attribute content ``p`` accepts the value ``s``.

        Memoized on the pair (a TEI document repeats its ``@who``, ``@ana``,
        ``@type`` values); unique values (ids) fill the memo, which is then cleared.
        """
        key = (id(p), s)
        hit = self.memo_value.get(key)
        if hit is None:
            hit = (p.nullable and _WS.match(s) is not None) or self.text_deriv(p, s).nullable
            if len(self.memo_value) >= 100_000:
                self.memo_value.clear()
            self.memo_value[key] = hit
        return hit

    def close(self, p: Pat, lax: bool = False, keep=None) -> Pat:
        """Start-tag-close derivative.

        ``lax`` takes missing attributes as present, except the name ``keep``.
        """
        key = (id(p), lax, keep)
        hit = self.memo_close.get(key)
        if hit is None:
            hit = self.memo_close[key] = self._close(p, lax, keep)
        return hit

    def _close(self, p: Pat, lax: bool, keep) -> Pat:
        k = p.kind
        if k == AFTER:
            return self.binary(AFTER, self.close(p.a, lax, keep), p.b)
        if k == CHOICE:
            out = self.na
            for x in p.a:
                out = self.choice(out, self.close(x, lax, keep))
            return out
        if k in (GROUP, INTERLEAVE):
            return self.binary(k, self.close(p.a, lax, keep), self.close(p.b, lax, keep))
        if k == ONE:
            return self.one(self.close(p.a, lax, keep))
        if k == ATTRIBUTE:
            if lax and not (keep is not None and nc_contains(p.a, *keep)):
                return self.empty
            return self.na
        return p

    def text_deriv(self, p: Pat, s: str, lax: bool = False) -> Pat:
        """Text derivative; ``lax`` takes any text where text may stand.

        As for :meth:`att`, the result depends on ``s`` only through which data,
        value and list patterns accept it: memoized on that set.
        """
        if lax:
            return self._text(p, None)
        ok = frozenset(id(q) for q in self.leaves(p, ("text",)) if self.judge(q, s))
        return self._text(p, ok)

    def judge(self, q: Pat, s: str) -> bool:
        """Return True when the data, value or list pattern ``q`` accepts ``s``."""
        if q.kind == VALUE:
            return q.a.allows(s)
        if q.kind == DATA:
            return q.a.allows(s) and (q.b is None or not self.value_match(q.b, s))
        r = q.a
        for tok in s.split():
            r = self.text_deriv(r, tok)
        return r.nullable

    def _text(self, p: Pat, ok) -> Pat:
        key = (id(p), ok)
        hit = self.memo_text.get(key)
        if hit is not None:
            return hit
        k = p.kind
        if k == CHOICE:
            r = self.na
            for x in p.a:
                r = self.choice(r, self._text(x, ok))
        elif k == INTERLEAVE:
            r = self.choice(self.binary(INTERLEAVE, self._text(p.a, ok), p.b),
                            self.binary(INTERLEAVE, p.a, self._text(p.b, ok)))
        elif k == GROUP:
            r = self.binary(GROUP, self._text(p.a, ok), p.b)
            if p.a.nullable:
                r = self.choice(r, self._text(p.b, ok))
        elif k == AFTER:
            r = self.binary(AFTER, self._text(p.a, ok), p.b)
        elif k == ONE:
            r = self.binary(GROUP, self._text(p.a, ok), self.choice(p, self.empty))
        elif k == TEXT:
            r = p
        elif k in (VALUE, DATA, LIST):
            r = self.empty if ok is None or id(p) in ok else self.na
        else:
            r = self.na
        self.memo_text[key] = r
        return r

    def end(self, p: Pat, lax: bool = False) -> Pat:
        if p.kind == CHOICE:
            out = self.na
            for x in p.a:
                out = self.choice(out, self.end(x, lax))
            return out
        if p.kind == AFTER and (lax or p.a.nullable):
            return p.b
        return self.na

    # -- what a state expects (for messages) --------------------------------
    def walk_first(self, p: Pat, out: dict, later: bool = False) -> None:
        """Collect what may come next in ``p``: element name classes, attributes, text."""
        k = p.kind
        if k == CHOICE:
            for x in p.a:
                self.walk_first(x, out, later)
        elif k == GROUP:
            self.walk_first(p.a, out, later)
            if later or p.a.nullable:
                self.walk_first(p.b, out, later)
        elif k == INTERLEAVE:
            self.walk_first(p.a, out, later)
            self.walk_first(p.b, out, later)
        elif k == ONE:
            self.walk_first(p.a, out, later)
        elif k == AFTER:
            self.walk_first(p.a, out, later)
            if p.a.nullable:
                out["end"] = True
        elif k == ELEMENT:
            out.setdefault("elements", []).append(p.a)
        elif k == ATTRIBUTE:
            out.setdefault("attributes", []).append(p)
        elif k in (TEXT, DATA, VALUE, LIST):
            out.setdefault("text", []).append(p)


class ErrorFinder:
    """Validate a tree against a grammar and report every error it can."""

    def __init__(self, grammar: Grammar) -> None:
        self.pats = Patterns(grammar)
        self._all_elements: list | None = None
        self._matching: dict = {}
        self._how: dict = {}
        self.limit = 0
        self.errors: list[tuple] = []
        self.dropped = 0

    def all_elements(self) -> list:
        if self._all_elements is None:
            found, seen = [], set()
            todo = [self.pats.grammar.start, *self.pats.grammar.defines.values()]
            while todo:
                p = todo.pop()
                if not isinstance(p, tuple) or not p or not isinstance(p[0], str):
                    continue
                if p[0] == "element" and id(p) not in seen:
                    seen.add(id(p))
                    found.append(self.pats.build(p))
                if p[0] in ("choice", "group", "interleave", "oneOrMore", "list"):
                    todo.extend(p[1:])
                elif p[0] in ("element", "attribute"):
                    todo.append(p[2])
            self._all_elements = found
        return self._all_elements

    def find(self, root, max_errors: int = 0) -> list[tuple[int, str]]:
        """Return ``(line, message)`` for each error, in document order."""
        return [(line, message) for line, message, _el, _attr
                in self.find_located(root, max_errors)]

    def find_located(self, root, max_errors: int = 0) -> list[tuple]:
        """Return ``(line, message, element, attribute)`` for each error, in document order.

        ``element`` is the element whose start tag the error is about (None when
        the line is elsewhere, e.g. an end tag); ``attribute`` names the
        attribute in Clark notation, or is None. After ``max_errors`` errors
        (0: no limit) the others are only counted, in :attr:`dropped`; their
        messages are never worded, so the cost stays that of the validation.
        """
        self.errors = []
        self.dropped = 0
        self.limit = max_errors
        P = self.pats
        rest = self.element(root, P.start)
        if not rest.nullable and len(self.errors) == 0:
            self.report(root, "document incomplete")
        return self.errors

    @property
    def full(self) -> bool:
        """True once ``max_errors`` errors are listed: the next are only counted."""
        return bool(self.limit) and len(self.errors) >= self.limit

    def report(self, el, message, line: int | None = None,
               attr: str | None = None) -> None:
        """Record an error; ``message`` may be a callable, called only when listed."""
        if self.full:
            self.dropped += 1
            return
        if callable(message):
            message = message()
        if line is None:
            self.errors.append((el.sourceline or 0, message, el, attr))
        else:
            self.errors.append((line, message, None, None))

    def matching(self, qn) -> list:
        """Return the element patterns of the grammar whose name class holds ``qn``."""
        hit = self._matching.get(qn)
        if hit is None:
            hit = self._matching[qn] = [e for e in self.all_elements() if nc_contains(e.a, *qn)]
        return hit

    def how(self, p: Pat, qn) -> str:
        """Say why ``qn`` cannot start in state ``p``: ``yet`` (later) or ``here``."""
        key = (id(p), qn)
        hit = self._how.get(key)
        if hit is None:
            later: dict = {}
            self.pats.walk_first(p, later, later=True)
            hit = "yet" if any(nc_contains(nc, *qn) for nc in later.get("elements", [])) \
                else "here"
            self._how[key] = hit
        return hit

    @staticmethod
    def qname(el) -> tuple[str, str]:
        return split_tag(el.tag)

    @staticmethod
    def shown(el) -> str:
        local = split_tag(el.tag)[1]
        return f"{el.prefix}:{local}" if el.prefix else local

    def expected(self, p: Pat, attributes: bool = False) -> str:
        info: dict = {}
        self.pats.walk_first(p, info, later=attributes)
        parts = []
        if attributes:
            names = sorted({n for a in info.get("attributes", []) for n in _names(a.a)})
            return f"expected attribute {_join(names)}" if names else ""
        if info.get("end"):
            parts.append("the element end-tag")
        if any(t.kind == TEXT for t in info.get("text", [])):
            parts.append("text")
        names = sorted({n for nc in info.get("elements", []) for n in _names(nc)})
        if names:
            parts.append(("element " if len(names) == 1 else "element ") + _join(names))
        if not parts:
            return ""
        if len(parts) == 1:
            return "expected " + parts[0]
        return "expected " + ", ".join(parts[:-1]) + " or " + parts[-1]

    def element(self, el, p: Pat) -> Pat:
        P = self.pats
        name = self.shown(el)
        d = self.start_tag(el, p, name)
        if d is None:                   # an element allowed nowhere: reported, content skipped
            return p
        c = self.attributes(el, d, name)
        children = [x for x in el if isinstance(x.tag, str)] if len(el) else ()
        c = self.mixed(el, c, children) if children else self.text_only(el, c, name)
        r = P.end(c)
        if r.kind == NA:
            self.report(el, lambda c=c: self.incomplete(c, name), line=end_line(el))
            r = P.end(c, lax=True)
            if r.kind == NA:
                r = p
        return r

    def start_tag(self, el, p: Pat, name: str) -> Pat | None:
        """The pattern after ``el``'s start tag; on an error, the best recovery, or None for an
        element the schema has nowhere (its text is reported as jing does, not checked)."""
        P = self.pats
        qn = split_tag(el.tag)
        d = P.sto(p, qn)
        if d.kind != NA:
            return d
        matching = self.matching(qn)
        how = self.how(p, qn) if matching else "anywhere"
        msg = self.not_allowed(p, name, how)
        self.report(el, msg)
        if not matching:
            self.report_unknown_content(el, msg)
            return None
        d = P.sto(p, qn, skip=True) if how == "yet" else P.na
        if d.kind == NA:
            content = P.na
            for e in matching:
                content = P.choice(content, P.content(e))
            d = P.binary(AFTER, content, p)
        return d

    def report_unknown_content(self, el, msg) -> None:
        """Like jing: the content of an unknown element is not checked, but each stretch of
        text in it repeats the error where the text ends."""
        for sub in el.iter():
            if sub is not el and isinstance(sub.tag, str) and not _WS.match(sub.tail or "") \
                    and sub.getparent() is not el:
                self.report(sub, msg, line=end_line(sub) + (sub.tail or "").count("\n"))
            if isinstance(sub.tag, str) and not _WS.match(sub.text or "") and sub is not el:
                self.report(sub, msg, line=(sub.sourceline or 0) + (sub.text or "").count("\n"))

    def attributes(self, el, d: Pat, name: str) -> Pat:
        """The pattern after ``el``'s attributes and the close of its start tag."""
        P = self.pats
        for aname, value in el.attrib.items():
            aqn = split_tag(aname)
            shown = ("xml:" if aqn[0] == XML_NS else "") + aqn[1]
            d2 = P.att(d, aqn, value)
            if d2.kind != NA:
                d = d2
                continue
            d3 = P.att(d, aqn, None)
            if d3.kind != NA:
                self.report(el, lambda d=d, aqn=aqn, shown=shown: f'value of attribute "{shown}" '
                            'is invalid' + self.value_help(d, aqn), attr=aname)
                d = d3
            else:
                self.report(el, lambda d=d, shown=shown: self.attribute_not_allowed(d, shown),
                            attr=aname)
        c = P.close(d)
        if c.kind == NA:
            self.report(el, lambda d=d: self.missing_attributes(el, d, name))
            c = P.close(d, lax=True)
        return c

    def text_only(self, el, c: Pat, name: str) -> Pat:
        """The pattern after the text of an element without child elements."""
        P = self.pats
        s = el.text or ""
        c2 = P.text_deriv(c, s)
        if _WS.match(s):
            c2 = P.choice(c, c2)
        if c2.kind == NA:
            self.report(el, lambda c=c: self.text_problem(c, name, s))
            c2 = P.text_deriv(c, s, lax=True)
            if c2.kind == NA:
                c2 = c
        return c2

    # -- messages (worded only for the errors listed) ------------------------
    def not_allowed(self, p: Pat, name: str, how: str):
        """Return a callable wording 'element not allowed' in state ``p``, worded once."""
        box: list = []

        def word() -> str:
            if not box:
                info: dict = {}
                self.pats.walk_first(p, info)
                names = sorted({n for nc in info.get("elements", []) for n in _names(nc)})
                if how == "yet" and len(names) == 1 and not info.get("end") \
                        and not info.get("text"):
                    exp = f'missing required element "{names[0]}"'
                else:
                    exp = self.expected(p)
                box.append(f'element "{name}" not allowed {how}' + (f"; {exp}" if exp else ""))
            return box[0]
        return word

    def attribute_not_allowed(self, d: Pat, shown: str) -> str:
        exp = self.expected(d, attributes=True)
        return f'attribute "{shown}" not allowed here' + (f"; {exp}" if exp else "")

    def missing_attributes(self, el, d: Pat, name: str) -> str:
        info: dict = {}
        self.pats.walk_first(d, info, later=True)
        present = {(etree.QName(a).namespace or "", etree.QName(a).localname) for a in el.attrib}
        missing = sorted({n for a in info.get("attributes", []) if a.a[0] == "name"
                          and (a.a[1], a.a[2]) not in present and self.required(d, a)
                          for n in _names(a.a)})
        if missing:
            word = "attribute" if len(missing) == 1 else "attributes"
            return f'element "{name}" missing required {word} {_join(missing, "and")}'
        return f'element "{name}" missing a required attribute'

    def incomplete(self, c: Pat, name: str) -> str:
        info: dict = {}
        self.pats.walk_first(c, info)
        names = sorted({n for nc in info.get("elements", []) for n in _names(nc)})
        texts = info.get("text", [])
        if len(names) == 1 and not texts:
            return f'element "{name}" incomplete; missing required element "{names[0]}"'
        if names:
            return f'element "{name}" incomplete; expected element {_join(names)}'
        if texts:
            return f'element "{name}" incomplete; missing required text'
        return f'element "{name}" incomplete'

    def mixed(self, el, c: Pat, children) -> Pat:
        pending = [el.text or ""]
        before = None       # the element child the pending text follows (None: the start tag)
        for child in el:
            if isinstance(child.tag, str):
                c = self.text_chunk(el, before, c, "".join(pending))
                c = self.element(child, c)
                before = child
                pending = [child.tail or ""]
            else:
                pending.append(child.tail or "")
        return self.text_chunk(el, before, c, "".join(pending))

    def text_chunk(self, el, before, c: Pat, s: str) -> Pat:
        """Take the text ``s`` of ``el`` that follows its child ``before`` (None: its start tag)."""
        if _WS.match(s):
            return c
        c2 = self.pats.text_deriv(c, s)
        if c2.kind == NA:
            def word() -> str:
                exp = self.expected(c)
                return "text not allowed here" + (f"; {exp}" if exp else "")
            line = (el.sourceline or 0) if before is None else end_line(before)
            self.report(el, word, line=line)
            return c
        return c2

    def text_problem(self, c: Pat, name: str, s: str) -> str:
        info: dict = {}
        self.pats.walk_first(c, info)
        datas = [t for t in info.get("text", []) if t.kind in (DATA, VALUE, LIST)]
        if datas:
            return f'character content of element "{name}" invalid; must be ' + self.describe(datas)
        if s.strip():
            exp = self.expected(c)
            return "text not allowed here" + (f"; {exp}" if exp else "")
        return f'element "{name}" incomplete'

    def required(self, d: Pat, att: Pat) -> bool:
        """Return True when the start tag cannot close without ``att``, all others given."""
        return self.pats.close(d, lax=True, keep=(att.a[1], att.a[2])).kind == NA

    def value_help(self, d: Pat, aqn) -> str:
        info: dict = {}
        self.pats.walk_first(d, info, later=True)
        contents = []
        for a in info.get("attributes", []):
            if nc_contains(a.a, *aqn):
                sub: dict = {}
                self.pats.walk_first(a.b, sub, later=True)
                contents.extend(sub.get("text", []))
        return "; must be " + self.describe(contents) if contents else ""

    def describe(self, pats) -> str:
        values = sorted({p.a.value for p in pats if p.kind == VALUE})
        datas = sorted({p.a for p in pats if p.kind == DATA}, key=lambda dt: (dt.typ, dt.params))
        lists = [p for p in pats if p.kind == LIST]
        if values and not datas and not lists:
            return "equal to " + _join(values)
        parts = [dt.describe() for dt in datas[:3]]
        if values:
            parts.append("equal to " + _join(values))
        for lst in lists[:1]:
            sub: dict = {}
            self.pats.walk_first(lst.a, sub, later=True)
            inner = self.describe(sub.get("text", [])) if sub.get("text") else "tokens"
            parts.append("a list of tokens, each " + inner if inner != "valid" else "a list of tokens")
        return " or ".join(parts) if parts else "valid"


_SPLIT: dict[str, tuple[str, str]] = {}


def split_tag(tag: str) -> tuple[str, str]:
    """Return ``(namespace, local)`` of a tag or attribute name in Clark notation."""
    hit = _SPLIT.get(tag)
    if hit is None:
        if tag[:1] == "{":
            ns, _, local = tag[1:].partition("}")
            hit = (ns, local)
        else:
            hit = ("", tag)
        if len(_SPLIT) < 65536:
            _SPLIT[tag] = hit
    return hit


def end_line(el) -> int:
    """Return the line of ``el``'s end tag, counting the newlines it holds."""
    line = el.sourceline or 0
    children = [x for x in el]
    if not children:
        return line + (el.text or "").count("\n")
    last = children[-1]
    inner = end_line(last) if isinstance(last.tag, str) else (last.sourceline or line)
    return inner + (last.tail or "").count("\n")
