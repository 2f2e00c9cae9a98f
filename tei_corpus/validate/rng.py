"""RELAX NG validation: libxml2's speed on a grammar pruned per document, every error reported.

Design (measured on tei_all, 1,209 defines, with lxml 6.1.3 / libxml2 2.14):

1. The schema is read once into a flat grammar (:mod:`rng_grammar`, ~0.1 s);
   includes and external references are confined to the schema's folder. The
   flat grammar is kept on disk too (``marshal``, read in ~10 ms) and used
   while every file it was read from has the same SHA-256.
2. For each document, element patterns whose fixed name does not occur in the
   document are replaced by ``notAllowed`` and the grammar is simplified and
   cut to what is reachable (:mod:`rng_prune`). This does not change the
   verdict for that document. libxml2 compiles the pruned grammar of a
   ParlaMint file in ~5 ms instead of 12–22 s for the whole of tei_all, and
   validates with it faster than with the whole grammar.
3. Compiled grammars are kept in memory per process. A document whose element
   names are a subset of an already compiled set reuses it; otherwise the new
   set is merged with the largest known set, so a corpus pays a handful of
   compiles. The serialized pruned grammars are also kept on disk (keyed by the
   hash of the schema files and the name set) under ``$XDG_CACHE_HOME/tei-corpus``
   or a given folder.
4. libxml2 only gives the verdict (it stops at the first error). A document it
   finds invalid is validated again by :mod:`rng_derive`, a derivative-based
   validator over the full grammar that recovers after each error and words
   its messages like jing ("element "x" not allowed here; expected ...").
   When it finds nothing (ID/IDREF checks, which it does not do), libxml2's
   own message is reported.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
from pathlib import Path

from lxml import etree

from ..errors import ConfigError, Diagnostic, InputError
from ..xmlio import read_bytes, write_atomic
from .limit import DEFAULT_MAX_ERRORS, Findings
from .locate import no_locator
from .rng_derive import ErrorFinder
from .rng_grammar import NOT_ALLOWED, Grammar, load_grammar
from .rng_prune import prune, write_rng

CODE = "rng-invalid"
#: Changes whenever the flat grammar's tuples change meaning (entries of another are ignored).
GRAMMAR_FORMAT = 1


def default_cache_dir() -> Path:
    """Return ``$XDG_CACHE_HOME/tei-corpus`` (``~/.cache/tei-corpus`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tei-corpus"


def element_names(root) -> frozenset:
    """Return the ``(namespace, local)`` names of every element under ``root``."""
    tags = {el.tag for el in root.iter(etree.Element)}
    out = set()
    for tag in tags:
        if tag[0] == "{":
            ns, _, local = tag[1:].partition("}")
            out.add((ns, local))
        else:
            out.add(("", tag))
    return frozenset(out)


def cached_grammar(path: Path, folder: Path | None) -> Grammar:
    """Return the flat grammar of ``path``, from ``folder`` when none of its files changed.

    The entry is keyed by the schema's resolved path and holds the SHA-256 of
    every file the grammar was read from; one that differs (or is gone) makes
    the schema be read again, and the entry rewritten. No folder: always read.
    """
    if folder is None:
        return load_grammar(path)
    key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
    entry = folder / "grammar" / f"{key}.marshal"
    grammar = _read_grammar(entry)
    if grammar is not None and _files_unchanged(grammar.files):
        return grammar
    grammar = load_grammar(path)
    try:
        write_atomic(entry, marshal.dumps((GRAMMAR_FORMAT, grammar.start, grammar.defines,
                                           grammar.files)))
    except Exception:  # noqa: BLE001 - a cache that cannot be written is skipped
        pass
    return grammar


def _read_grammar(entry: Path) -> Grammar | None:
    try:
        data = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 4 and data[0] == GRAMMAR_FORMAT
            and isinstance(data[2], dict) and isinstance(data[3], dict)):
        return None
    return Grammar(data[1], data[2], data[3])


def _files_unchanged(files: dict) -> bool:
    for name, digest in files.items():
        try:
            if hashlib.sha256(read_bytes(name)).hexdigest() != digest:
                return False
        except InputError:
            return False
    return bool(files)


class RelaxNGSchema:
    """A RELAX NG schema (XML syntax) ready to validate documents.

    Args:
        path: the ``.rng`` file.
        cache_dir: where pruned grammars are kept between runs; None for the
            default folder, False for no disk cache.

    Raises:
        ConfigError: the schema cannot be read, is not a RELAX NG grammar, or
            refers to files outside its folder or to undefined patterns.
    """

    kind = "rng"

    def __init__(self, path: str | os.PathLike, cache_dir: str | os.PathLike | None | bool = None):
        self.path = Path(path)
        self._cache_arg = cache_dir
        base = None if cache_dir is False else \
            (Path(cache_dir) if cache_dir else default_cache_dir()) / "rng"
        self.grammar: Grammar = cached_grammar(self.path, base)
        self.digest = self.grammar.digest()
        self.cache_dir = base / self.digest[:32] if base is not None else None
        self._compiled: list[tuple[frozenset, etree.RelaxNG | None]] = []
        self._finder: ErrorFinder | None = None
        self.compiles = 0   # pruned grammars compiled by this object (for benchmarks)

    def __reduce__(self):
        """Pickle as the path (a spawned worker reads the grammar again)."""
        return RelaxNGSchema, (self.path, self._cache_arg)

    # -- compiled grammars --------------------------------------------------
    def compiled_for(self, names: frozenset) -> etree.RelaxNG | None:
        """Return libxml2's schema for documents using ``names`` (None: nothing valid)."""
        for known, schema in self._compiled:
            if names <= known:
                return schema
        if self._compiled:
            largest = max(self._compiled, key=lambda item: len(item[0]))[0]
            names = names | largest
        schema = self._compile(names)
        self._compiled.append((names, schema))
        return schema

    def _compile(self, names: frozenset) -> etree.RelaxNG | None:
        key = hashlib.sha256(json.dumps(sorted(names)).encode()).hexdigest()[:32]
        cached = self.cache_dir / f"{key}.rng" if self.cache_dir else None
        data = None
        if cached is not None:
            try:
                data = cached.read_bytes()
            except OSError:
                data = None
        if data is None:
            start, defines = prune(self.grammar, names)
            if start == NOT_ALLOWED:
                return None
            data = write_rng(start, defines)
            if cached is not None:
                try:
                    write_atomic(cached, data)
                except Exception:  # noqa: BLE001 - a cache that cannot be written is skipped
                    pass
        if data.strip() == b"":
            return None
        self.compiles += 1
        try:
            return etree.RelaxNG(etree.fromstring(data))
        except (etree.RelaxNGParseError, etree.XMLSyntaxError) as exc:
            msg = str(exc).splitlines()[0] if str(exc) else "cannot be compiled"
            raise ConfigError(f"{self.path}: RELAX NG schema cannot be compiled: {msg}") from None

    # -- validation ----------------------------------------------------------
    def is_valid(self, tree) -> bool:
        """Return the verdict alone (the fast path)."""
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        schema = self.compiled_for(element_names(root))
        return schema is not None and schema.validate(root.getroottree())

    def validate(self, tree, path: str | os.PathLike, *, locate=no_locator,
                 max_errors: int = DEFAULT_MAX_ERRORS) -> list[Diagnostic]:
        """Validate a parsed document and return every error found.

        Args:
            tree: an lxml tree or root element (from :mod:`tei_corpus.xmlio`).
            path: the name used in the diagnostics.
            locate: ``locate(element, attribute=None) -> column`` (0 when unknown),
                e.g. :meth:`tei_corpus.validate.locate.Locator.col`.
            max_errors: errors listed at most (0: all); the others are counted
                in the result's ``skipped`` (see :mod:`.limit`).

        Returns:
            ``[]`` when the document is valid; otherwise :class:`Findings`, one
            diagnostic per error (line of the start tag, with the column of the
            tag or of the attribute when ``locate`` finds it; line of the end
            tag for incomplete content, column 0).
        """
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        names = element_names(root)
        schema = self.compiled_for(names)
        if not self.has_unknown(names) and schema is not None \
                and schema.validate(root.getroottree()):
            return []
        path = str(path)
        finder = None
        try:
            finder = self.finder()
            found = finder.find_located(root, max_errors)
        except RecursionError:      # extremely deep documents: keep libxml2's message
            found = []
        if found:
            return Findings([Diagnostic(path, line, locate(el, attr) if el is not None else 0,
                                        "error", CODE, msg) for line, msg, el, attr in found],
                            skipped=finder.dropped)
        if schema is None:
            return [Diagnostic(path, root.sourceline or 0, 0, "error", CODE,
                               f'element "{etree.QName(root).localname}" not allowed here')]
        out = []
        for err in schema.error_log:
            out.append(Diagnostic(path, err.line or 0, 0, "error", CODE,
                                  err.message.strip()))
        return out or [Diagnostic(path, 0, 0, "error", CODE, "document is not valid")]

    def has_unknown(self, names: frozenset) -> bool:
        """Return True when some name is that of no element pattern: the document is invalid.

        libxml2 is then skipped: it would only confirm it, at a cost that grows
        faster than the number of errors (quadratically: 40 s at 20,000 errors).
        """
        finder = self.finder()
        return any(not finder.matching(qn) for qn in names)

    def finder(self) -> ErrorFinder:
        """Return the error-recovering validator (built on first use)."""
        if self._finder is None or self._finder.pats.size() > 2_000_000:
            try:
                self._finder = ErrorFinder(self.grammar)
            except ValueError as exc:
                raise ConfigError(f"{self.path}: {exc}") from None
        return self._finder
