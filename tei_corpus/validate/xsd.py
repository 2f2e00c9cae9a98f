"""W3C XML Schema validation with xmlschema (sandboxed), errors as Diagnostics."""
from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path

import xmlschema
from xmlschema.exceptions import XMLResourceBlocked
from xmlschema.validators.exceptions import XMLSchemaImportWarning
from lxml import etree

from ..errors import ConfigError, Diagnostic
from ..resources import schema_path

#: The project's schema, shipped in the package.
PROJECT_SCHEMA = "tei-corpus.xsd"

_NS_PREFIX = {
    "http://www.tei-c.org/ns/1.0": "",
    "http://www.w3.org/XML/1998/namespace": "xml:",
}
_CLARK = re.compile(r"\{([^}]*)\}")
_ATTR_VALUE = re.compile(r"^attribute (\S+?)=(['\"])(.*?)\2: ", re.S)


def short_name(name: str | None) -> str:
    """Return ``name`` with TEI and XML namespaces shown as no prefix / ``xml:``."""
    if not name:
        return "?"
    return _CLARK.sub(lambda m: _NS_PREFIX.get(m.group(1), "{%s}" % m.group(1)), name)


class XsdSchema:
    """A W3C XML Schema compiled by xmlschema in a sandbox.

    Includes and imports are read only from the schema's own folder; nothing
    is fetched from the network. The compiled schema validates lxml trees
    parsed by :mod:`tei_corpus.xmlio`, so errors carry source lines.

    Args:
        path: the ``.xsd`` file.
        fast_path: also compile the schema with libxml2 and use it to accept
            valid documents quickly (xmlschema then runs only on documents
            libxml2 finds invalid, to report every error). Only for schemas
            we ship: libxml2 would follow includes outside the sandbox.

    Raises:
        ConfigError: the schema cannot be read or compiled.
    """

    kind = "xsd"

    def __init__(self, path: str | Path, *, fast_path: bool = False) -> None:
        self.path = str(path)
        source = Path(path).resolve()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self.xmlschema = xmlschema.XMLSchema(
                    str(source), allow="sandbox", defuse="always", timeout=5)
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
        self._libxml2 = None
        if fast_path:
            try:
                self._libxml2 = etree.XMLSchema(etree.parse(str(source)))
            except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
                raise ConfigError(f"{path}: cannot compile with libxml2: {exc}") from None

    def validate(self, tree: etree._ElementTree, path: str, *, fast: bool = True,
                 skip_codes: frozenset = frozenset()) -> list[Diagnostic]:
        """Return every schema error of ``tree`` (empty when valid), in document order."""
        libxml2_verdict = None
        if self._libxml2 is not None:
            libxml2_verdict = self._libxml2.validate(tree)
            if fast and libxml2_verdict:
                return []
        resource = xmlschema.XMLResource(tree, allow="none", defuse="always")
        out: list[Diagnostic] = []
        seen = set()
        found_any = False
        for err in self.xmlschema.iter_errors(resource, use_location_hints=False):
            found_any = True
            diag = _to_diagnostic(err, path, self._attribute_type)
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
            for entry in self._libxml2.error_log:
                out.append(Diagnostic(path, entry.line or 0, 0, "error", "xsd",
                                      short_name(entry.message).rstrip(".")))
        out.sort(key=lambda d: (d.line, d.col))
        return out


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


def _dedupe_key(err) -> str:
    """Errors about one attribute value (a union reports one per member) share a key."""
    m = _ATTR_VALUE.match(err.reason or "")
    return f"attr:{m.group(1)}" if m else (err.reason or "")


def _to_diagnostic(err, path: str, attribute_type) -> Diagnostic:
    elem = err.elem
    reason = (err.reason or "invalid").strip()
    line = getattr(elem, "sourceline", None) or 0
    where = short_name(getattr(elem, "tag", None)) if elem is not None else "?"
    if isinstance(err, xmlschema.XMLSchemaChildrenValidationError):
        index = err.index
        child = None
        if elem is not None and 0 <= index < len(elem):
            child = elem[index]
        if child is not None and isinstance(child.tag, str) and "Unexpected child" in reason:
            return Diagnostic(path, child.sourceline or line, 0, "error", "xsd-content",
                              f"element <{short_name(child.tag)}> is not allowed here "
                              f"in <{where}>")
        msg = _CLARK.sub(lambda m: _NS_PREFIX.get(m.group(1), "{%s}" % m.group(1)), reason)
        return Diagnostic(path, line, 0, "error", "xsd-content", f"<{where}>: {msg.rstrip('.')}")
    m = _ATTR_VALUE.match(reason)
    if m:
        name, value = short_name(m.group(1)), m.group(3)
        if "duplicated xs:ID" in reason:
            return Diagnostic(path, line, 0, "error", "xsd-id",
                              f"duplicate id \"{value}\" on <{where}>")
        typ = attribute_type(getattr(elem, "tag", None), m.group(1)) if elem is not None else None
        if typ and typ.startswith("one of "):
            expected = f"must be {typ}"
        elif typ:
            expected = f"not a valid {typ}"
        else:
            expected = "not a valid value"
        return Diagnostic(path, line, 0, "error", "xsd-value",
                          f"<{where}> attribute {name}=\"{value}\": {expected}")
    msg = short_name(reason)
    if reason.endswith("is not an element of the schema"):
        return Diagnostic(path, line, 0, "error", "xsd-content",
                          f"element <{where}> is not declared in the schema")
    if "attribute" in reason and ("not allowed" in reason or "missing" in reason
                                  or "required" in reason):
        code = "xsd-attribute"
        m2 = re.match(r"'([^']+)' attribute not allowed for element", reason)
        if m2:
            msg = f"attribute {short_name(m2.group(1))} is not allowed on <{where}>"
        else:
            msg = f"<{where}>: {msg.rstrip('.')}"
    else:
        code = "xsd"
        msg = f"<{where}>: {msg.rstrip('.')}"
    return Diagnostic(path, line, 0, "error", code, msg)


@functools.lru_cache(maxsize=1)
def project_schema() -> XsdSchema:
    """Return the project's compiled schema (``schemas/tei-corpus.xsd``), cached."""
    return XsdSchema(schema_path(PROJECT_SCHEMA), fast_path=True)
