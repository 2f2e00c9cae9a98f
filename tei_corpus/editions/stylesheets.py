"""Compile and run the shipped XSLT stylesheets, safely.

Stylesheets are compiled once per process with every file and network access
denied (``XSLTAccessControl.DENY_ALL``); their ``xsl:import``s are resolved
by a resolver that refuses anything outside the shipped ``xslt/`` folder.
Parameters are always passed as XSLT string parameters, never as XPath.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..errors import ConfigError, InputError
from ..resources import data_dir

#: The drivers and the parameters each accepts (documented in xslt/README.md).
PARAMETERS: dict[str, frozenset[str]] = {
    "html": frozenset({"index", "boilerplate", "lang", "doc"}),
    "text": frozenset({"flavour", "boilerplate", "gap"}),
    "tables": frozenset({"table", "format", "header", "doc", "gap", "boilerplate"}),
    "index": frozenset({"title"}),
    "site": frozenset(),
    "info": frozenset({"doc"}),
    "vtt": frozenset({"boilerplate", "gap"}),
    "srt": frozenset({"boilerplate", "gap"}),
    "eaf": frozenset({"boilerplate", "gap"}),
    "cues": frozenset({"boilerplate", "gap"}),
}

_COMPILED: dict[str, etree.XSLT] = {}


class _ConfinedResolver(etree.Resolver):
    """Resolve stylesheet imports inside one folder; refuse everything else."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()

    def resolve(self, system_url, public_id, context):
        parsed = urlparse(system_url)
        if parsed.scheme not in ("", "file"):
            raise ConfigError(f"stylesheet import refused (not a local file): {system_url}")
        path = Path(unquote(parsed.path)).resolve()
        if self.root not in path.parents:
            raise ConfigError(f"stylesheet import refused (outside {self.root}): {system_url}")
        return self.resolve_filename(str(path), context)


def xslt_dir() -> Path:
    """Return the folder of the shipped stylesheets."""
    return data_dir("xslt")


def compile_stylesheet(name: str, folder: Path | None = None) -> etree.XSLT:
    """Return the compiled driver ``xslt/<name>.xsl`` (cached per process).

    Raises:
        ConfigError: unknown driver, or the stylesheet cannot be compiled.
    """
    if name not in PARAMETERS:
        raise ConfigError(f"unknown stylesheet {name!r} (known: {', '.join(sorted(PARAMETERS))})")
    key = f"{name}:{folder or ''}"
    cached = _COMPILED.get(key)
    if cached is not None:
        return cached
    root = (folder or xslt_dir()).resolve()
    path = root / f"{name}.xsl"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_ConfinedResolver(root))
    try:
        doc = etree.parse(str(path), parser)
        xslt = etree.XSLT(doc, access_control=etree.XSLTAccessControl.DENY_ALL)
    except (OSError, etree.XMLSyntaxError, etree.XSLTParseError) as exc:
        raise ConfigError(f"{path}: cannot compile stylesheet: {exc}") from None
    _COMPILED[key] = xslt
    return xslt


def apply_stylesheet(name: str, tree: etree._ElementTree, params: dict[str, str] | None = None,
                     *, path: str = "<tree>") -> etree._XSLTResultTree:
    """Run driver ``name`` on ``tree`` with string parameters.

    Args:
        name: the driver (``html``, ``text``, ``tables``, ``index``, ``site``, ``info``,
            ``vtt``, ``srt``, ``eaf``, ``cues``).
        tree: the parsed document.
        params: parameter values, passed as XSLT strings.
        path: the input's name, for error messages.

    Raises:
        ConfigError: an unknown parameter, or the stylesheet cannot be compiled.
        InputError: the transformation failed on this document.
    """
    params = {k: v for k, v in (params or {}).items() if v is not None}
    unknown = set(params) - PARAMETERS.get(name, frozenset())
    if unknown:
        raise ConfigError(f"unknown parameter(s) for {name}.xsl: {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(PARAMETERS[name]))})")
    xslt = compile_stylesheet(name)
    quoted = {k: etree.XSLT.strparam(str(v)) for k, v in params.items()}
    try:
        result = xslt(tree, **quoted)
    except etree.XSLTApplyError as exc:
        message = _first_error(xslt) or str(exc) or "transformation failed"
        raise InputError(path, f"{name} edition failed: {message}", code="xslt-error") from None
    if result.getroot() is None and name in ("html", "index", "site", "info", "cues") and not str(result):
        message = _first_error(xslt) or "empty result"
        raise InputError(path, f"{name} edition failed: {message}", code="xslt-error")
    return result


def _first_error(xslt: etree.XSLT) -> str:
    for entry in xslt.error_log:
        if entry.level_name in ("ERROR", "FATAL"):
            return entry.message.strip()
    return ""


def list_parameters(folder: Path | None = None) -> dict[str, set[str]]:
    """Return the ``xsl:param`` names declared by each driver and its imports."""
    root = folder or xslt_dir()
    ns = {"xsl": "http://www.w3.org/1999/XSL/Transform"}
    found: dict[str, set[str]] = {}
    for name in PARAMETERS:
        seen: set[str] = set()
        todo = [root / f"{name}.xsl"]
        done: set[Path] = set()
        while todo:
            p = todo.pop()
            if p in done:
                continue
            done.add(p)
            doc = etree.parse(str(p))
            seen.update(doc.xpath("/xsl:stylesheet/xsl:param/@name", namespaces=ns))
            for href in doc.xpath("/xsl:stylesheet/xsl:import/@href | /xsl:stylesheet/xsl:include/@href",
                                  namespaces=ns):
                todo.append(Path(os.path.normpath(p.parent / href)))
        found[name] = seen
    return found
