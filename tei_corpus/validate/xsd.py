"""W3C XML Schema validation with xmlschema (sandboxed), errors as Diagnostics.

xmlschema (pure Python, about 0.2 MB/s) words errors well and reports all of
them; libxml2 (about 50 MB/s) only gives a verdict worth trusting. Schemas we
ship are compiled by both: libxml2 accepts valid documents, and xmlschema is
only imported and compiled when a document is invalid. Even then it does not
walk the whole document when the schema allows splitting it (every element
declared globally, no wildcards, no identity constraints, no IDREF): each
element is then valid exactly when its own attributes and children sequence
are, and each child is valid against its global declaration. So xmlschema
checks a large element one level deep, and only the children libxml2 rejects
are walked further; the findings are the same as a whole-document walk.
"""
from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path
from xml.etree import ElementTree as ET

from lxml import etree

from ..errors import ConfigError, Diagnostic
from ..resources import schema_path
from .limit import DEFAULT_MAX_ERRORS, Findings
from .locate import no_locator

#: The project's schema, shipped in the package.
PROJECT_SCHEMA = "tei-corpus.xsd"

#: Subtrees with fewer elements than this are walked whole by xmlschema.
SPLIT_MIN = 64

XSD_NS = "http://www.w3.org/2001/XMLSchema"
_NS_PREFIX = {
    "http://www.tei-c.org/ns/1.0": "",
    "http://www.w3.org/XML/1998/namespace": "xml:",
}
_CLARK = re.compile(r"\{([^}]*)\}")
_ATTR_VALUE = re.compile(r"^attribute (\S+?)=(['\"])(.*?)\2: ", re.S)
_ATTR_NOT_ALLOWED = re.compile(r"'([^']+)' attribute not allowed for element")


def short_name(name: str | None) -> str:
    """Return ``name`` with TEI and XML namespaces shown as no prefix / ``xml:``."""
    if not name:
        return "?"
    return _CLARK.sub(lambda m: _NS_PREFIX.get(m.group(1), "{%s}" % m.group(1)), name)


def _compile_xmlschema(path: str, source: Path):
    """Compile ``source`` with xmlschema in its sandbox; raise ConfigError if unusable."""
    import xmlschema
    from xmlschema.exceptions import XMLResourceBlocked
    from xmlschema.validators.exceptions import XMLSchemaImportWarning
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compiled = xmlschema.XMLSchema(str(source), allow="sandbox", defuse="always",
                                           timeout=5)
    except XMLResourceBlocked as exc:
        raise ConfigError(f"{path}: the schema refers to a resource outside its folder "
                          f"or on the network, which is never read ({exc})") from None
    except Exception as exc:  # xmlschema raises many kinds; all mean "unusable"
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"{path}: cannot use this XML Schema: {msg}") from None
    for warning in caught:
        if issubclass(warning.category, XMLSchemaImportWarning):
            raise ConfigError(f"{path}: the schema is incomplete: {warning.message}; "
                              "only files in the schema's folder are read")
    return compiled


def _type_names(xsd_type) -> set:
    names, seen, todo = set(), set(), [xsd_type]
    while todo:
        t = todo.pop()
        if t is None or id(t) in seen:
            continue
        seen.add(id(t))
        if getattr(t, "name", None):
            names.add(t.name)
        todo.append(getattr(t, "base_type", None))
        todo.append(getattr(t, "item_type", None))
        todo.extend(getattr(t, "member_types", None) or ())
    return names


def is_splittable(compiled) -> bool:
    """Return True when validity of an element decomposes over its children (see module doc)."""
    from xmlschema.validators import XsdAnyElement, XsdAttribute, XsdElement
    idrefs = {"{%s}IDREF" % XSD_NS, "{%s}IDREFS" % XSD_NS}
    for schema in compiled.maps.iter_schemas():
        if schema.target_namespace == XSD_NS:
            continue
        for comp in schema.iter_components():
            if isinstance(comp, XsdAnyElement):
                return False
            if isinstance(comp, XsdElement):
                if comp.identities or (comp.ref is None and not comp.is_global()):
                    return False
            elif isinstance(comp, XsdAttribute) and _type_names(comp.type) & idrefs:
                return False
    return True


class XsdSchema:
    """A W3C XML Schema compiled by xmlschema in a sandbox.

    Includes and imports are read only from the schema's own folder; nothing
    is fetched from the network. The compiled schema validates lxml trees
    parsed by :mod:`tei_corpus.xmlio`, so errors carry source lines.

    Args:
        path: the ``.xsd`` file.
        fast_path: also compile the schema with libxml2 and use it to accept
            valid documents quickly; xmlschema is then compiled on the first
            invalid document, and reports every error. Only for schemas we
            ship: libxml2 would follow includes outside the sandbox.

    Raises:
        ConfigError: the schema cannot be read or compiled.
    """

    kind = "xsd"

    def __init__(self, path: str | Path, *, fast_path: bool = False) -> None:
        self.path = str(path)
        self._source = Path(path).resolve()
        self._fast_path = fast_path
        self._xmlschema = None
        self._splittable: bool | None = None
        self._libxml2 = None
        if fast_path:
            try:
                self._libxml2 = etree.XMLSchema(etree.parse(str(self._source)))
            except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
                raise ConfigError(f"{path}: cannot compile with libxml2: {exc}") from None
        else:
            self._xmlschema = _compile_xmlschema(self.path, self._source)

    def __reduce__(self):
        """Pickle as the path (a spawned worker compiles the schema again)."""
        return _reload_xsd, (self.path, self._fast_path)

    @property
    def xmlschema(self):
        """The schema compiled by xmlschema (compiled on first use)."""
        if self._xmlschema is None:
            self._xmlschema = _compile_xmlschema(self.path, self._source)
        return self._xmlschema

    def validate(self, tree: etree._ElementTree, path: str, *, fast: bool = True,
                 skip_codes: frozenset = frozenset(), locate=no_locator,
                 max_errors: int = DEFAULT_MAX_ERRORS) -> list[Diagnostic]:
        """Return every schema error of ``tree`` (empty when valid), in document order.

        Args:
            tree: the parsed document.
            path: the name used in the diagnostics.
            fast: let libxml2 accept valid documents (when compiled with it).
            skip_codes: diagnostic codes not to report.
            locate: ``locate(element, attribute=None) -> column`` (0 when unknown),
                e.g. :meth:`tei_corpus.validate.locate.Locator.col`.
            max_errors: stop after this many findings (0: never); the result
                (:class:`Findings`) then says ``stopped``. xmlschema's cost per
                error grows with the number of siblings, so the rest is not
                counted.
        """
        libxml2_verdict = None
        libxml2_log = []
        if self._libxml2 is not None:
            libxml2_verdict = self._libxml2.validate(tree)
            if fast and libxml2_verdict:
                return []
            libxml2_log = list(self._libxml2.error_log)
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        split = fast and self._libxml2 is not None and "xsd-id" in skip_codes and \
            self.splittable()
        errors = self._iter_split_errors(root, max_errors) if split \
            else self._iter_errors(root.getroottree())
        out = Findings()
        seen = set()
        found_any = False
        for err in errors:
            found_any = True
            if max_errors and len(out) >= max_errors:
                out.stopped = True
                break
            diag = _to_diagnostic(err, path, self._attribute_type, locate)
            if diag.code in skip_codes:
                continue
            key = (diag.line, diag.code, _dedupe_key(err))
            if key in seen:
                continue
            seen.add(key)
            out.append(diag)
        if not found_any and libxml2_verdict is False:
            # The engines disagree (xmlschema knows a few namespaces of its own,
            # e.g. it validates an xs:schema root against the XSD meta-schema):
            # the document is not valid against *this* schema; say what libxml2 says.
            for entry in libxml2_log:
                out.append(Diagnostic(path, entry.line or 0, 0, "error", "xsd",
                                      short_name(entry.message).rstrip(".")))
        out.sort(key=lambda d: (d.line, d.col))
        return out

    def splittable(self) -> bool:
        """Return True when elements can be checked one level at a time (see module doc)."""
        if self._splittable is None:
            self._splittable = is_splittable(self.xmlschema)
        return self._splittable

    def _iter_errors(self, node, max_depth=None):
        import xmlschema
        resource = xmlschema.XMLResource(node, allow="none", defuse="always")
        return self.xmlschema.iter_errors(resource, use_location_hints=False,
                                          max_depth=max_depth)

    def _iter_split_errors(self, el, limit: int = 0):
        """Yield xmlschema's errors for ``el``, walking only what libxml2 rejects."""
        decl = self.xmlschema.maps.elements.get(el.tag)
        group = getattr(getattr(decl, "type", None), "content", None)
        if not hasattr(group, "match_element") or not _larger_than(el, SPLIT_MIN):
            yield from self._iter_errors(el)
            return
        yield from self._iter_level_errors(el, limit)   # attributes, children sequence
        for child in el:
            if not isinstance(child.tag, str) or group.match_element(child.tag) is None:
                continue   # not a child xmlschema would descend into (already reported)
            if not self._libxml2.validate(child):
                yield from self._iter_split_errors(child, limit)

    def _iter_level_errors(self, el, limit: int = 0):
        """Yield xmlschema's errors for ``el``'s attributes and children sequence.

        xmlschema is given a shallow copy (``el`` and its children without their
        content) as standard-library elements: each of its errors takes the
        number of children and indexes them, which costs the whole sibling list
        on an lxml element (quadratic: 2 minutes at 20,000 errors in one
        ``body``), and nothing on a list. Errors are turned back to ``el``.

        With ``limit``, only a prefix of the children is checked, grown until it
        holds more than ``limit`` errors: the sequence is checked left to right,
        so the errors in a prefix are those of the whole, but for the
        "incomplete" error at its end, which is dropped.
        """
        children = list(el)
        size = len(children) if not limit else min(len(children), 4 * limit + 64)
        while True:
            errors = list(self._iter_errors(_shallow_copy(el, children[:size]), max_depth=1))
            if size < len(children):
                errors = [e for e in errors if getattr(e, "index", -1) != size]
            if size >= len(children) or len(errors) > limit:
                break
            size *= 4
        for err in errors:
            if isinstance(err.elem, ET.Element):
                err.elem = el
            yield err

    def _attribute_type(self, element_tag: str, attr: str) -> str | None:
        """Return the declared type name of an attribute of a global element, if any."""
        try:
            decl = self.xmlschema.maps.elements.get(element_tag)
            atype = decl.type.attributes[attr].type
        except (AttributeError, KeyError, TypeError):
            return None
        name = getattr(atype, "local_name", None) or None
        if name is None and getattr(atype, "enumeration", None):
            return "one of " + ", ".join(str(v) for v in atype.enumeration)
        return name


def _shallow_copy(el, children) -> ET.Element:
    """Return ``el`` with ``children`` (comments and PIs kept as placeholders), without content."""
    shallow = ET.Element(el.tag, dict(el.attrib))
    shallow.text = el.text
    for child in children:
        if isinstance(child.tag, str):
            stub = ET.SubElement(shallow, child.tag, dict(child.attrib))
        else:
            stub = ET.Comment("") if isinstance(child, etree._Comment) else ET.PI("x")
            shallow.append(stub)
        stub.tail = child.tail
    return shallow


def _larger_than(el, count: int) -> bool:
    for i, _ in enumerate(el.iter()):
        if i >= count:
            return True
    return False


def _dedupe_key(err) -> str:
    """Errors about one attribute value (a union reports one per member) share a key."""
    m = _ATTR_VALUE.match(err.reason or "")
    return f"attr:{m.group(1)}" if m else (err.reason or "")


def _to_diagnostic(err, path: str, attribute_type, locate=no_locator) -> Diagnostic:
    from xmlschema import XMLSchemaChildrenValidationError
    elem = err.elem
    reason = (err.reason or "invalid").strip()
    line = getattr(elem, "sourceline", None) or 0
    where = short_name(getattr(elem, "tag", None)) if elem is not None else "?"

    def diag(code, message, attr=None, at=elem):
        return Diagnostic(path, line, locate(at, attr), "error", code, message)

    if isinstance(err, XMLSchemaChildrenValidationError):
        child = err.invalid_child
        if child is not None and isinstance(child.tag, str) and "Unexpected child" in reason:
            line = child.sourceline or line
            return diag("xsd-content", f"element <{short_name(child.tag)}> is not allowed "
                        f"here in <{where}>", at=child)
        msg = _CLARK.sub(lambda m: _NS_PREFIX.get(m.group(1), "{%s}" % m.group(1)), reason)
        return diag("xsd-content", f"<{where}>: {msg.rstrip('.')}")
    m = _ATTR_VALUE.match(reason)
    if m:
        attr, value = m.group(1), m.group(3)
        name = short_name(attr)
        if "duplicated xs:ID" in reason:
            return diag("xsd-id", f"duplicate id \"{value}\" on <{where}>", attr)
        typ = attribute_type(getattr(elem, "tag", None), attr) if elem is not None else None
        if typ and typ.startswith("one of "):
            expected = f"must be {typ}"
        elif typ:
            expected = f"not a valid {typ}"
        else:
            expected = "not a valid value"
        return diag("xsd-value", f"<{where}> attribute {name}=\"{value}\": {expected}", attr)
    msg = short_name(reason)
    if reason.endswith("is not an element of the schema"):
        return diag("xsd-content", f"element <{where}> is not declared in the schema")
    if "attribute" in reason and ("not allowed" in reason or "missing" in reason
                                  or "required" in reason):
        m2 = _ATTR_NOT_ALLOWED.match(reason)
        if m2:
            return diag("xsd-attribute", f"attribute {short_name(m2.group(1))} is not "
                        f"allowed on <{where}>", m2.group(1))
        return diag("xsd-attribute", f"<{where}>: {msg.rstrip('.')}")
    return diag("xsd", f"<{where}>: {msg.rstrip('.')}")


def _reload_xsd(path: str, fast_path: bool) -> XsdSchema:
    if fast_path and Path(path) == schema_path(PROJECT_SCHEMA):
        return project_schema()
    return XsdSchema(path, fast_path=fast_path)


@functools.lru_cache(maxsize=1)
def project_schema() -> XsdSchema:
    """Return the project's compiled schema (``schemas/tei-corpus.xsd``), cached."""
    return XsdSchema(schema_path(PROJECT_SCHEMA), fast_path=True)
