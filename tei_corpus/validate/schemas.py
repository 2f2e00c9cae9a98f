"""Load the schemas ``tei validate --schema`` names; honour ``<?xml-model?>``.

Every engine exposes ``validate(tree, path) -> list[Diagnostic]`` and raises
:class:`ConfigError` when the schema itself is unusable.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from ..errors import ConfigError, Diagnostic, InputError
from ..xmlio import read_bytes, parse_bytes
from .confine import OutsideError, confined_path
from .rng import RelaxNGSchema
from .schematron import SchematronSchema
from .xsd import XsdSchema

XSD_NS = "http://www.w3.org/2001/XMLSchema"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = {"http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron"}

_BY_SUFFIX = {".xsd": "xsd", ".rng": "rng", ".sch": "sch"}


def schema_kind(path: str | Path) -> str:
    """Return ``xsd``, ``rng`` or ``sch`` for a schema file (by suffix, else by its root).

    Raises:
        ConfigError: the file is not a schema we can use.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix == ".rnc":
        raise ConfigError(f"{path}: RELAX NG compact syntax is not supported; "
                          "convert it to the XML syntax (.rng), e.g. with trang")
    if suffix == ".dtd":
        raise ConfigError(f"{path}: DTD validation is not supported (DTDs are never loaded)")
    try:
        root = parse_bytes(read_bytes(path), str(path)).getroot()
    except InputError as exc:
        raise ConfigError(f"cannot read schema {exc}") from None
    ns = etree.QName(root).namespace
    if ns == XSD_NS:
        return "xsd"
    if ns == RNG_NS:
        return "rng"
    if ns in SCH_NS:
        return "sch"
    raise ConfigError(f"{path}: not a schema (root element {root.tag})")


def load_schema(path: str | Path, kind: str | None = None):
    """Compile the schema at ``path`` with the engine its kind calls for.

    Raises:
        ConfigError: the schema is unreadable, broken, or its engine is missing.
    """
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{path}: schema not found")
    kind = kind or schema_kind(p)
    if kind == "xsd":
        return XsdSchema(p)
    if kind == "rng":
        return RelaxNGSchema(p)
    if kind == "sch":
        return SchematronSchema(p)
    raise ConfigError(f"{path}: unknown schema kind {kind!r}")


_PSEUDO_ATTR = re.compile(r'(\w[\w.-]*)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_KIND_BY_NS = {RNG_NS: "rng", XSD_NS: "xsd", "http://purl.oclc.org/dsdl/schematron": "sch"}
_KIND_BY_TYPE = {"application/xml-dtd": "dtd", "application/relax-ng-compact-syntax": "rnc"}


def iter_xml_models(tree: etree._ElementTree, path: str, schema_path=()):
    """Yield ``(schema_path, kind, line)`` or a Diagnostic per ``<?xml-model?>`` of ``tree``.

    Only local files under the document's folder or one of the ``schema_path``
    folders are used: a remote ``href`` is reported, never fetched, and one
    elsewhere is reported, never read.
    """
    node = tree.getroot()
    pis = []
    while node is not None:
        node = node.getprevious()
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            pis.append(node)
    base = Path(path).resolve().parent
    for pi in reversed(pis):
        attrs = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _PSEUDO_ATTR.finditer(pi.text or "")}
        line = pi.sourceline or 0
        href = attrs.get("href")
        kind = _KIND_BY_NS.get(attrs.get("schematypens", "")) or \
            _KIND_BY_TYPE.get(attrs.get("type", ""))
        if not href:
            yield Diagnostic(path, line, 0, "error", "xml-model-unusable",
                             "<?xml-model?> has no href")
            continue
        parts = urlsplit(href)
        if parts.scheme not in ("", "file"):
            yield Diagnostic(path, line, 0, "warning", "xml-model-remote",
                             f"<?xml-model?> schema {href} is not local; it is never fetched "
                             "(pass a local copy with --schema)")
            continue
        try:
            target = confined_path(href, base, [base, *schema_path],
                                   "the document's folder or a --schema-path folder")
        except OutsideError as exc:
            yield Diagnostic(path, line, 0, "error", "xml-model-outside",
                             f"<?xml-model?> {exc}")
            continue
        if kind in ("dtd", "rnc"):
            yield Diagnostic(path, line, 0, "warning", "xml-model-unusable",
                             f"<?xml-model?> schema {href}: {kind.upper()} is not supported")
            continue
        yield (target, kind, line)
