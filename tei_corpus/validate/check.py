"""Validate one document: read, parse safely, schemas, rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LIMIT_CODES, ConfigError, Diagnostic, InputError
from ..inputs import REFUSED_CODES
from ..xmlio import iterparse_file, parse_bytes, read_bytes
from .limit import DEFAULT_MAX_ERRORS, Findings, cap
from .locate import Locator, no_locator
from .rules import Facts, check_rules, extract_facts
from .schemas import iter_xml_models, load_schema
from .xsd import project_schema

GZIP_MAGIC = b"\x1f\x8b"
#: With ``--well-formed``, files at least this large are streamed (flat memory,
#: about 3x slower than parsing in memory, so smaller files are parsed whole).
STREAM_MIN_BYTES = 64 * 1024 * 1024
COMPRESSED = (GZIP_MAGIC, b"BZh", b"\xfd7zXZ\x00", b"PK\x03\x04", b"\x28\xb5\x2f\xfd")


@dataclass(frozen=True)
class Options:
    """What to check in each file.

    Attributes:
        schemas: compiled schemas (objects with ``validate(tree, path)``);
            ``None`` means the project schema.
        rules: the rule set: ``project`` (the default; ``True`` means it too),
            ``generic`` (for any TEI) or ``none`` (``False`` means it too).
        xml_model: also validate against the local schemas a file names in
            ``<?xml-model?>`` processing instructions; a file that names one
            is not checked against the project schema.
        well_formed: check well-formedness only.
        max_errors: findings listed per file (0: all); past it the engines
            stop wording (RELAX NG: and count) or stop checking (XSD), and
            one ``too-many-errors`` line ends the file's findings.
        schema_path: folders besides each document's own from which
            ``<?xml-model?>`` schemas may be read.
        codes: the codes to report (see :func:`tei_corpus.codes.selected_codes`);
            ``None`` reports every finding.
    """

    schemas: tuple | None = None
    rules: bool | str = "project"
    xml_model: bool = False
    well_formed: bool = False
    max_errors: int = DEFAULT_MAX_ERRORS
    schema_path: tuple = ()
    codes: frozenset | None = None

    def __post_init__(self) -> None:
        if isinstance(self.rules, bool):
            object.__setattr__(self, "rules", "project" if self.rules else "none")

    @property
    def rule_set(self) -> str:
        """The rule set that runs: ``project``, ``generic`` or ``none``."""
        return "none" if self.well_formed else self.rules

    def keeps(self, diagnostic: Diagnostic) -> bool:
        """Return True when ``diagnostic`` is to be reported (its code is selected)."""
        return self.codes is None or diagnostic.code in self.codes


@dataclass
class FileResult:
    """The outcome for one file: findings in document order, and corpus facts."""

    path: str
    diagnostics: list = field(default_factory=list)
    facts: Facts | None = None
    fatal: str | None = None   # a schema turned out unusable: the run must stop

    def __iter__(self):
        """Unpack as ``path, diagnostics``."""
        return iter((self.path, self.diagnostics))

    @property
    def status(self) -> str:
        """``valid``, ``invalid`` or ``not-well-formed``."""
        codes = {d.code for d in self.diagnostics if d.severity == "error"}
        if codes & _UNPARSED:
            return "not-well-formed" if codes & _NOT_WELL_FORMED else "unchecked"
        return "invalid" if codes else "valid"

    @property
    def ok(self) -> bool:
        """True when no error was found."""
        return not any(d.severity == "error" for d in self.diagnostics)


_NOT_WELL_FORMED = {"not-well-formed", "entity-reference", "entity-expansion"}
_UNPARSED = {*_NOT_WELL_FORMED, "unreadable", "too-large", "compressed",
             "internal-error", *LIMIT_CODES} | REFUSED_CODES

#: xml-model schemas compiled so far (per process).
_MODEL_CACHE: dict = {}


def check_bytes(data: bytes, path: str, options: Options = Options()) -> FileResult:
    """Validate a document given as bytes; never raises for bad input."""
    result = FileResult(path)
    if data.startswith(COMPRESSED):
        result.diagnostics.append(Diagnostic(path, 0, 0, "error", "compressed",
                                             "compressed input is not read; "
                                             "decompress it first"))
        return result
    try:
        tree = parse_bytes(data, path)
    except InputError as exc:
        result.diagnostics.append(exc.diagnostic())
        return result
    if options.well_formed:
        return result
    result.diagnostics = check_tree(tree, path, options, result, data=data)
    return result


def check_tree(tree, path: str, options: Options = Options(),
               result: FileResult | None = None, data: bytes | None = None) -> list[Diagnostic]:
    """Validate a parsed document (project schema and rules unless told otherwise).

    Args:
        tree: the document, parsed with :func:`tei_corpus.xmlio.parse_bytes`.
        path: the name used in the diagnostics.
        options: what to check.
        result: when given, receives the corpus facts of the document.
        data: the bytes ``tree`` was parsed from; when given, findings on a
            start tag or an attribute get their column (else column 0).

    Returns:
        The findings, in document order.
    """
    found: list[Diagnostic] = []
    skipped, stopped = 0, False
    # With a selection, the engines find everything and the limit counts what is kept.
    limit = options.max_errors if options.codes is None else 0
    locate = Locator(data, tree).col if data is not None else no_locator
    models = list(iter_xml_models(tree, path, options.schema_path)) if options.xml_model else []
    own_schema = any(not isinstance(m, Diagnostic) for m in models)
    schemas = options.schemas
    runs = []
    rule_set = options.rule_set
    if schemas is None and not own_schema:
        skip = frozenset({"xsd-id"}) if rule_set != "none" else frozenset()
        runs.append(lambda: project_schema().validate(tree, path, skip_codes=skip, locate=locate,
                                                      max_errors=limit))
    runs += [lambda s=schema: _validate(s, tree, path, locate, limit) for schema in schemas or ()]
    if models:
        runs.append(lambda: _check_xml_models(models, tree, path, locate, limit))
    if rule_set != "none":
        runs.append(lambda: check_rules(tree, path, locate, rule_set))
    for run in runs:
        got = run()
        skipped += getattr(got, "skipped", 0)
        stopped = stopped or getattr(got, "stopped", False)
        found.extend(d for d in got if options.keeps(d))
    if rule_set == "project" and result is not None:
        result.facts = extract_facts(tree)
    found.sort(key=lambda d: (d.line, d.col))
    return cap(path, found, options.max_errors, skipped, stopped)


def _validate(schema, tree, path: str, locate, limit: int = DEFAULT_MAX_ERRORS) -> list[Diagnostic]:
    """Validate with any engine; those that can place columns get ``locate`` and the limit."""
    if getattr(schema, "kind", None) in ("xsd", "rng"):
        return schema.validate(tree, path, locate=locate, max_errors=limit)
    return schema.validate(tree, path)


def _check_xml_models(models, tree, path: str, locate=no_locator,
                      limit: int = DEFAULT_MAX_ERRORS) -> list[Diagnostic]:
    out, skipped, stopped = [], 0, False
    for item in models:
        if isinstance(item, Diagnostic):
            out.append(item)
            continue
        target, kind, line = item
        key = (str(target), kind)
        schema = _MODEL_CACHE.get(key)
        if schema is None:
            try:
                schema = load_schema(target, kind)
            except ConfigError as exc:
                schema = exc
            _MODEL_CACHE[key] = schema
        if isinstance(schema, ConfigError):
            out.append(Diagnostic(path, line, 0, "error", "xml-model-unusable",
                                  f"<?xml-model?> schema: {schema}"))
        else:
            got = _validate(schema, tree, path, locate, limit)
            skipped += getattr(got, "skipped", 0)
            stopped = stopped or getattr(got, "stopped", False)
            out.extend(got)
    return Findings(out, skipped, stopped)


def check_path(path: str | Path, options: Options = Options()) -> FileResult:
    """Read and validate one file; never raises for bad input."""
    if options.well_formed and _is_large(path):
        return check_well_formed_stream(path)
    try:
        data = read_bytes(path)
    except InputError as exc:
        return FileResult(str(path), [exc.diagnostic()])
    return check_bytes(data, str(path), options)


def _is_large(path) -> bool:
    try:
        return Path(path).stat().st_size >= STREAM_MIN_BYTES
    except OSError:
        return False


def check_well_formed_stream(path: str | Path) -> FileResult:
    """Check that a file of any size is well-formed, reading it incrementally (flat memory)."""
    try:
        for _ in iterparse_file(path):
            pass
    except InputError as exc:
        return FileResult(str(path), [exc.diagnostic()])
    return FileResult(str(path))


def validate_file(path: str | Path, schemas=None, rules: bool = True) -> list[Diagnostic]:
    """Return the findings for one file, in document order (empty when valid).

    Args:
        path: the file.
        schemas: schema files or compiled schemas; ``None`` = the project schema.
        rules: also run the project rules.

    Raises:
        ConfigError: a schema cannot be used.
    """
    if schemas is not None:
        schemas = tuple(s if hasattr(s, "validate") else load_schema(s) for s in schemas)
    return check_path(path, Options(schemas=schemas, rules=rules)).diagnostics
