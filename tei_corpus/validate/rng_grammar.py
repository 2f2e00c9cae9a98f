"""Read a RELAX NG schema (XML syntax) into one flat, simplified grammar.

The loader follows the simplification of the RELAX NG specification (section 4)
far enough for the two consumers of the result: the per-document pruning in
:mod:`rng_prune` (which writes a small self-contained schema for libxml2) and
the error-recovering validator in :mod:`rng_derive`.

* ``include`` and ``externalRef`` are resolved, but only to files inside the
  schema's own folder: an absolute path elsewhere, a ``..`` escape or any URL
  scheme other than a local file raises :class:`ConfigError`. Nothing is ever
  fetched from the network; files are parsed with the toolkit's safe parser.
* ``div`` is unwrapped, ``define``/``start`` with ``combine`` are merged, nested
  grammars are flattened by renaming their defines (``parentRef`` follows).
* ``optional``, ``zeroOrMore`` and ``mixed`` become ``choice``/``oneOrMore``/
  ``interleave``; the ``name`` attribute becomes a name class, with ``ns`` and
  ``datatypeLibrary`` inherited.  Annotations (foreign elements) are dropped.

Patterns are plain tuples (hashable, cheap)::

    ("empty",) ("notAllowed",) ("text",) ("ref", name)
    ("choice", p, ...) ("group", p, ...) ("interleave", p, ...) ("oneOrMore", p)
    ("element", nc, p) ("attribute", nc, p) ("list", p)
    ("data", library, type, ((param, value), ...), except_pattern_or_None)
    ("value", library, type, text, ns)

and name classes ``("name", ns, local)``, ``("anyName", except_or_None)``,
``("nsName", ns, except_or_None)``, ``("ncchoice", nc, ...)``.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..errors import ConfigError, InputError
from ..xmlio import make_parser, read_bytes
from .confine import OutsideError, confined_path

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = "{%s}" % RNG_NS

EMPTY = ("empty",)
NOT_ALLOWED = ("notAllowed",)
TEXT = ("text",)


@dataclass
class Grammar:
    """A flat grammar: the start pattern and uniquely named defines."""

    start: tuple
    defines: dict[str, tuple]
    files: dict[str, str] = field(default_factory=dict)   # path -> sha256 of its bytes

    def digest(self) -> str:
        """Return a hash of every file the grammar was read from."""
        h = hashlib.sha256()
        for path in sorted(self.files):
            h.update(path.encode() + b"\0" + self.files[path].encode() + b"\n")
        return h.hexdigest()


class _Scope:
    """The defines of one grammar element (includes merge into it)."""

    def __init__(self, prefix: str, parent: "_Scope | None") -> None:
        self.prefix = prefix
        self.parent = parent
        self.parts: dict[str, list[tuple[str | None, tuple]]] = {}
        self.start: list[tuple[str | None, tuple]] = []

    def qualify(self, name: str) -> str:
        return self.prefix + name


def _attr(el, name: str) -> str | None:
    v = el.get(name)
    return v.strip() if v is not None else None


class _Loader:
    def __init__(self, path: Path) -> None:
        self.main = path
        self.root_dir = path.resolve().parent
        self.defines: dict[str, tuple] = {}
        self.files: dict[str, str] = {}
        self.loading: list[Path] = []
        self.n_scopes = 0

    # -- files -------------------------------------------------------------
    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{self.main}: {message}")

    def parse(self, path: Path) -> etree._Element:
        try:
            data = read_bytes(path)
        except InputError as exc:
            raise self.fail(f"cannot read schema {path}: {exc.message}") from None
        self.files[str(path)] = hashlib.sha256(data).hexdigest()
        try:
            root = etree.fromstring(data, make_parser(remove_comments=True, huge_tree=True),
                                    base_url=str(path))
        except etree.XMLSyntaxError as exc:
            raise self.fail(f"schema {path} is not well-formed: {exc.msg}") from None
        for _ in root.getroottree().iter(etree.Entity):
            raise self.fail(f"schema {path} uses entity references")
        return root

    def resolve_href(self, el, href: str) -> Path:
        base = Path(unquote(urlparse(el.base).path)).parent if el.base else self.main.parent
        try:
            target = confined_path(href, base, [self.root_dir])
        except OutsideError as exc:
            raise self.fail(str(exc)) from None
        if target in self.loading:
            raise self.fail(f"{href!r} includes itself")
        return target

    # -- entry ------------------------------------------------------------
    def load(self) -> Grammar:
        root = self.parse(self.main)
        top = _Scope("", None)
        if root.tag == _R + "grammar":
            self.loading.append(self.main.resolve())
            self.grammar_content(root, top, self.context(root, "", ""))
            self.loading.pop()
            start = self.finish_scope(top, str(self.main))
        else:
            start = self.pattern(root, top, self.context(root, "", ""))
        self.check_refs(start)
        return Grammar(start, self.defines, self.files)

    def context(self, el, ns: str, dtl: str) -> tuple[str, str]:
        ns = el.get("ns", ns)
        dtl = el.get("datatypeLibrary", dtl)
        return ns, dtl

    # -- grammars ---------------------------------------------------------
    def grammar_content(self, el, scope: _Scope, ctx, override: set | None = None) -> None:
        for child in el:
            if not isinstance(child.tag, str) or not child.tag.startswith(_R):
                continue
            c = self.context(child, *ctx)
            tag = child.tag[len(_R):]
            if tag == "start":
                if override is not None and "start" in override:
                    continue
                scope.start.append((_attr(child, "combine"), self.body(child, scope, c)))
            elif tag == "define":
                name = _attr(child, "name") or ""
                if override is not None and name in override:
                    continue
                scope.parts.setdefault(name, []).append(
                    (_attr(child, "combine"), self.body(child, scope, c)))
            elif tag == "div":
                self.grammar_content(child, scope, c, override)
            elif tag == "include":
                self.include(child, scope, c, override)

    def include(self, el, scope: _Scope, ctx, outer_override) -> None:
        target = self.resolve_href(el, _attr(el, "href") or "")
        overrides: set[str] = set()

        def collect(node):
            for ch in node:
                if ch.tag == _R + "start":
                    overrides.add("start")
                elif ch.tag == _R + "define":
                    overrides.add(_attr(ch, "name") or "")
                elif ch.tag == _R + "div":
                    collect(ch)
        collect(el)
        root = self.parse(target)
        if root.tag != _R + "grammar":
            raise self.fail(f"included file {target} is not a grammar")
        self.loading.append(target)
        inner_ctx = self.context(root, ctx[0] if root.get("ns") is None else root.get("ns"), "")
        self.grammar_content(root, scope, inner_ctx, overrides | (outer_override or set()))
        self.loading.pop()
        self.grammar_content(el, scope, ctx, outer_override)

    def finish_scope(self, scope: _Scope, where: str) -> tuple:
        for name, parts in scope.parts.items():
            self.defines[scope.qualify(name)] = self.combine(parts, f"define {name!r}")
        if not scope.start:
            raise self.fail(f"grammar in {where} has no start")
        return self.combine(scope.start, "start")

    def combine(self, parts, what: str) -> tuple:
        if len(parts) == 1:
            return parts[0][1]
        methods = {m for m, _ in parts if m}
        plain = [p for m, p in parts if not m]
        if len(methods) > 1 or len(plain) > 1:
            raise self.fail(f"{what} is combined inconsistently")
        kind = methods.pop() if methods else "choice"
        return (kind, *[p for _, p in parts])

    def check_refs(self, start) -> None:
        todo = [start, *self.defines.values()]
        while todo:
            p = todo.pop()
            if p[0] == "ref":
                if p[1] not in self.defines:
                    raise self.fail(f"reference to undefined pattern {p[1]!r}")
            elif p[0] in ("choice", "group", "interleave"):
                todo.extend(p[1:])
            elif p[0] in ("oneOrMore", "list"):
                todo.append(p[1])
            elif p[0] in ("element", "attribute"):
                todo.append(p[2])
            elif p[0] == "data" and p[4] is not None:
                todo.append(p[4])

    # -- patterns ---------------------------------------------------------
    def body(self, el, scope, ctx) -> tuple:
        """Return the group of the pattern children of ``el``."""
        pats = [self.pattern(c, scope, self.context(c, *ctx)) for c in el
                if isinstance(c.tag, str) and c.tag.startswith(_R)]
        if not pats:
            raise self.fail(f"line {el.sourceline}: <{etree.QName(el).localname}> has no pattern")
        return pats[0] if len(pats) == 1 else ("group", *pats)

    def pattern(self, el, scope: _Scope, ctx) -> tuple:
        tag = el.tag[len(_R):] if isinstance(el.tag, str) and el.tag.startswith(_R) else None
        ns, dtl = ctx
        if tag in ("empty", "notAllowed", "text"):
            return {"empty": EMPTY, "notAllowed": NOT_ALLOWED, "text": TEXT}[tag]
        if tag in ("group", "interleave", "choice"):
            pats = [self.pattern(c, scope, self.context(c, *ctx)) for c in el
                    if isinstance(c.tag, str) and c.tag.startswith(_R)]
            if not pats:
                raise self.fail(f"line {el.sourceline}: empty <{tag}>")
            return pats[0] if len(pats) == 1 else (tag, *pats)
        if tag == "optional":
            return ("choice", self.body(el, scope, ctx), EMPTY)
        if tag == "zeroOrMore":
            return ("choice", ("oneOrMore", self.body(el, scope, ctx)), EMPTY)
        if tag == "oneOrMore":
            return ("oneOrMore", self.body(el, scope, ctx))
        if tag == "mixed":
            return ("interleave", TEXT, self.body(el, scope, ctx))
        if tag == "list":
            return ("list", self.body(el, scope, ctx))
        if tag == "ref":
            return ("ref", scope.qualify(_attr(el, "name") or ""))
        if tag == "parentRef":
            if scope.parent is None:
                raise self.fail(f"line {el.sourceline}: parentRef outside a nested grammar")
            return ("ref", scope.parent.qualify(_attr(el, "name") or ""))
        if tag in ("element", "attribute"):
            return self.named(el, tag, scope, ctx)
        if tag == "data":
            return self.data(el, scope, ctx)
        if tag == "value":
            typ = _attr(el, "type")
            lib = dtl if typ is not None else ""
            return ("value", lib, typ or "token", el.text or "", ns)
        if tag == "externalRef":
            return self.external(el, scope, ctx)
        if tag == "grammar":
            return self.nested_grammar(el, scope, ctx)
        raise self.fail(f"line {el.sourceline}: unexpected {el.tag!r} in a pattern")

    def named(self, el, tag: str, scope: _Scope, ctx) -> tuple:
        """An <element> or <attribute>: its name class and its content."""
        ns, _dtl = ctx
        children = [c for c in el if isinstance(c.tag, str) and c.tag.startswith(_R)]
        name = el.get("name")
        if name is not None:
            nc = self.qname(el, name.strip(), ns if tag == "element" else el.get("ns", ""))
        else:
            if not children:
                raise self.fail(f"line {el.sourceline}: <{tag}> without a name")
            nc = self.name_class(children[0], ctx)
            children = children[1:]
        if children:
            pats = [self.pattern(c, scope, self.context(c, *ctx)) for c in children]
            content = pats[0] if len(pats) == 1 else ("group", *pats)
        elif tag == "attribute":
            content = TEXT
        else:
            raise self.fail(f"line {el.sourceline}: <element> without content")
        return (tag, nc, content)

    def data(self, el, scope: _Scope, ctx) -> tuple:
        _ns, dtl = ctx
        params, exc = [], None
        for c in el:
            if c.tag == _R + "param":
                params.append(((_attr(c, "name") or ""), c.text or ""))
            elif c.tag == _R + "except":
                exc = self.body(c, scope, self.context(c, *ctx))
        return ("data", dtl, _attr(el, "type") or "", tuple(params), exc)

    def external(self, el, scope: _Scope, ctx) -> tuple:
        """An <externalRef>: the pattern (or grammar) of the file it names."""
        ns, _dtl = ctx
        target = self.resolve_href(el, _attr(el, "href") or "")
        root = self.parse(target)
        self.loading.append(target)
        inner = self.context(root, ns, "")
        if root.tag == _R + "grammar":
            result = self.nested_grammar(root, scope, inner)
        else:
            result = self.pattern(root, scope, inner)
        self.loading.pop()
        return result

    def nested_grammar(self, el, parent: _Scope, ctx) -> tuple:
        self.n_scopes += 1
        scope = _Scope(f"_g{self.n_scopes}.", parent)
        self.grammar_content(el, scope, ctx)
        return self.finish_scope(scope, f"line {el.sourceline}")

    def qname(self, el, name: str, ns: str) -> tuple:
        if ":" in name:
            prefix, local = name.split(":", 1)
            uri = XML_NS if prefix == "xml" else el.nsmap.get(prefix)
            if uri is None:
                raise self.fail(f"line {el.sourceline}: undeclared prefix in {name!r}")
            return ("name", uri, local)
        return ("name", ns, name)

    def name_class(self, el, ctx) -> tuple:
        ns, _ = self.context(el, *ctx)
        tag = el.tag[len(_R):] if el.tag.startswith(_R) else None
        if tag == "name":
            return self.qname(el, (el.text or "").strip(), ns)
        if tag in ("anyName", "nsName"):
            exc = None
            for c in el:
                if c.tag == _R + "except":
                    parts = [self.name_class(x, (ns, "")) for x in c
                             if isinstance(x.tag, str) and x.tag.startswith(_R)]
                    exc = parts[0] if len(parts) == 1 else ("ncchoice", *parts)
            return ("anyName", exc) if tag == "anyName" else ("nsName", ns, exc)
        if tag == "choice":
            parts = [self.name_class(c, (ns, "")) for c in el
                     if isinstance(c.tag, str) and c.tag.startswith(_R)]
            return parts[0] if len(parts) == 1 else ("ncchoice", *parts)
        raise self.fail(f"line {el.sourceline}: unexpected {el.tag!r} in a name class")


def load_grammar(path: str | os.PathLike) -> Grammar:
    """Read the schema at ``path`` into a flat :class:`Grammar`.

    Raises:
        ConfigError: the schema cannot be read, is not RELAX NG, refers to files
            outside its folder, or refers to undefined patterns.
    """
    return _Loader(Path(path)).load()


def nc_contains(nc: tuple, ns: str, local: str) -> bool:
    """Return True when the name class ``nc`` contains ``{ns}local``."""
    kind = nc[0]
    if kind == "name":
        return nc[1] == ns and nc[2] == local
    if kind == "anyName":
        return nc[1] is None or not nc_contains(nc[1], ns, local)
    if kind == "nsName":
        return nc[1] == ns and (nc[2] is None or not nc_contains(nc[2], ns, local))
    return any(nc_contains(x, ns, local) for x in nc[1:])
