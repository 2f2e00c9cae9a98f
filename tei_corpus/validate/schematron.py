"""ISO Schematron validation through lxml's XSLT 1.0 skeleton.

The schema goes through the ISO skeleton steps shipped with lxml
(``iso_dsdl_include`` → ``iso_abstract_expand`` → ``iso_svrl_for_xslt1``); the
resulting validator stylesheet is compiled with
``XSLTAccessControl.DENY_ALL``, so ``document()`` in a rule cannot read files or
the network while a document is checked. Every reference the include step would follow
(``sch:include``, ``sch:extends``, the old-namespace ``include``, ``xi:include``,
RELAX NG ``extRef``/``externalRef``/``include``, DTLL and CREPDL includes,
``xlink:href``), in the schema and, recursively, in every file it includes,
must name a file inside the schema's folder (:mod:`.confine`, as for RELAX NG
and XSD includes); this is checked before the include step runs, as that step
cannot be sandboxed, and an included file may not have a DOCTYPE.

Supported query bindings: ``xslt`` (the default), ``xslt1`` and ``exslt``; any
other (``xslt2``, ``xpath2``…) is refused with :class:`ConfigError`. Beyond the
skeleton, the schema is checked for variables defined twice in one scope (an
error in ISO Schematron that the skeleton lets through).

Every failed ``assert`` and successful ``report`` becomes a diagnostic on the
line of the context node (code ``sch-assert`` / ``sch-report``; severity
``warning`` when the rule's ``role`` says warning/info, else ``error``).
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree, isoschematron

from ..errors import ConfigError, Diagnostic, InputError
from ..xmlio import make_parser, parse_bytes, read_bytes
from .confine import OutsideError, confined_path

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
SUPPORTED_BINDINGS = {"xslt", "xslt1", "exslt"}
_WARNING_ROLES = {"warning", "warn", "info", "information", "informational"}
#: Namespaces whose elements' ``href`` the ISO include step (iso_dsdl_include) follows.
INCLUDE_NS = frozenset({
    SCH_NS, "http://www.ascc.net/xml/schematron", "http://www.w3.org/2001/XInclude",
    "http://relaxng.org/ns/structure/1.0", "http://www.jenitennison.com/datatypes",
    "http://purl.oclc.org/dsdl/crepdl/ns/structure/1.0"})
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


class SchematronSchema:
    """An ISO Schematron schema compiled to an XSLT 1.0 validator.

    Args:
        path: the ``.sch`` file.

    Raises:
        ConfigError: the schema cannot be read or compiled, uses an unsupported
            query binding, or includes files outside its folder.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._compile()

    def __reduce__(self):
        """Pickle as the path (a spawned worker compiles the schema again)."""
        return SchematronSchema, (self.path,)

    def _compile(self) -> None:
        try:
            data = read_bytes(self.path)
            root = etree.fromstring(data, make_parser(), base_url=str(self.path))
        except InputError as exc:
            raise ConfigError(f"{self.path}: cannot read Schematron schema: {exc.message}") from None
        except etree.XMLSyntaxError as exc:
            raise ConfigError(f"{self.path}: Schematron schema is not well-formed: {exc.msg}") from None
        if root.tag != f"{{{SCH_NS}}}schema":
            raise ConfigError(f"{self.path}: not an ISO Schematron schema (root {root.tag!r})")
        binding = (root.get("queryBinding") or "xslt").strip().lower()
        if binding not in SUPPORTED_BINDINGS:
            raise ConfigError(f"{self.path}: queryBinding {binding!r} is not supported "
                              "(only xslt, xslt1 and exslt: XSLT 1.0)")
        self._check_hrefs(root)
        self._check_lets(root)
        try:
            doc = isoschematron.iso_dsdl_include(root.getroottree())
            doc = isoschematron.iso_abstract_expand(doc)
            svrl = isoschematron.iso_svrl_for_xslt1(doc)
            self.xslt = etree.XSLT(svrl, access_control=etree.XSLTAccessControl.DENY_ALL)
        except (etree.XSLTParseError, etree.XSLTApplyError, etree.XMLSyntaxError) as exc:
            raise ConfigError(f"{self.path}: Schematron schema cannot be compiled: "
                              f"{_one_line(exc)}") from None
        self.roles = {}
        for el in root.iter(f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report"):
            if el.get("id"):
                self.roles[el.get("id")] = el.get("role")

    def _check_hrefs(self, root) -> None:
        """Refuse a reference, here or in an included file, to a file outside the folder."""
        folder = self.path.resolve().parent
        todo, seen = [(root, folder)], {self.path.resolve()}
        while todo:
            node, base = todo.pop()
            for href in _references(node):
                try:
                    target = confined_path(href, base, [folder])
                except OutsideError as exc:
                    raise ConfigError(f"{self.path}: {exc}") from None
                if target not in seen:
                    seen.add(target)
                    todo.append((self._included(target), target.parent))

    def _included(self, target: Path):
        try:
            tree = parse_bytes(read_bytes(target), str(target))
        except InputError as exc:
            raise ConfigError(f"{self.path}: cannot read included file: {exc}") from None
        if tree.docinfo.doctype:
            raise ConfigError(f"{self.path}: included file {target} has a DOCTYPE: not read")
        return tree.getroot()

    def _check_lets(self, root) -> None:
        def names(scope):
            return [x.get("name") for x in scope if x.tag == f"{{{SCH_NS}}}let"]
        globals_ = names(root)
        for scope in [root, *root.iter(f"{{{SCH_NS}}}pattern", f"{{{SCH_NS}}}phase")]:
            seen = names(scope)
            if len(seen) != len(set(seen)):
                raise ConfigError(f"{self.path}: variable defined twice in one scope")
        for scope in root.iter(f"{{{SCH_NS}}}rule"):
            pattern = scope.getparent()
            outer = globals_ + (names(pattern) if pattern is not None else [])
            local = names(scope)
            if len(local) != len(set(local)) or set(local) & set(outer):
                raise ConfigError(f"{self.path}: variable defined twice in one scope")

        # A pattern's variable may not reuse a schema variable's name (as the
        # conformance cases let-name-collision-error-05/06 expect; the case
        # let-scope-pattern-01 expects the opposite, and fails here).
        for scope in root.iter(f"{{{SCH_NS}}}pattern"):
            if set(names(scope)) & set(globals_):
                raise ConfigError(f"{self.path}: variable defined twice in one scope")

    def report(self, tree) -> etree._XSLTResultTree:
        """Return the SVRL report for ``tree``."""
        try:
            return self.xslt(tree)
        except etree.XSLTApplyError as exc:
            raise ConfigError(f"{self.path}: Schematron validation failed: {_one_line(exc)}") from None

    def validate(self, tree, path: str | os.PathLike) -> list[Diagnostic]:
        """Validate a parsed document; return failed asserts and successful reports.

        Raises:
            ConfigError: the validator stylesheet fails on this document (e.g. a
                rule calls ``document()``, which is denied).
        """
        svrl = self.report(tree)
        out = []
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        for node in svrl.getroot().iter(f"{{{SVRL_NS}}}failed-assert",
                                         f"{{{SVRL_NS}}}successful-report"):
            kind = "assert" if node.tag.endswith("failed-assert") else "report"
            text = node.find(f"{{{SVRL_NS}}}text")
            message = " ".join("".join(text.itertext()).split()) if text is not None else ""
            if not message:
                message = f"{kind} {node.get('test', '')!r} " + ("failed" if kind == "assert" else "succeeded")
            role = (node.get("role") or self.roles.get(node.get("id") or "") or "").lower()
            severity = "warning" if role in _WARNING_ROLES else "error"
            code = "sch-assert" if kind == "assert" else "sch-report"
            out.append(Diagnostic(str(path), self._line(root, node.get("location")), 0,
                                  severity, code, message))
        return out

    @staticmethod
    def _line(root, location: str | None) -> int:
        if not location:
            return 0
        try:
            found = root.getroottree().xpath(location)
        except etree.XPathError:
            return 0
        if isinstance(found, list) and found:
            node = found[0]
            if hasattr(node, "sourceline"):
                return node.sourceline or 0
            if hasattr(node, "getparent") and node.getparent() is not None:
                return node.getparent().sourceline or 0
        return 0


def _references(root) -> list[str]:
    """Return the file references of a schema document that the include step would follow."""
    out = []
    for el in root.iter(etree.Element):
        href = el.get(XLINK_HREF)
        if href is None and etree.QName(el).namespace in INCLUDE_NS:
            href = el.get("href")
        if href is not None and urlsplit(href.strip())._replace(fragment="").geturl():
            out.append(href.strip())
    return out
