"""The one safe XML parser of the toolkit, and atomic writes.

Every XML input is read as bytes by us (so a compressed file is never inflated
behind our back) and parsed with entity expansion, DTD loading and network
access off. A document that holds entity references after that parse is read
again with its internal entities expanded when every entity it uses is
declared, with replacement text, in its own internal DTD subset, and the whole
expansion stays within a budget (:data:`ENTITY_EXPANSION_FACTOR` and the limits
next to it, on top of libxml2's amplification limits); otherwise it is refused:
its meaning would depend on a file (an external entity, an external DTD) we
never read. Every parser answers each load libxml2 asks for (an external DTD
subset, an external parameter entity) with an empty text
(:class:`_NothingLoaded`): no file is opened and no connection made.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
import re
import stat
import tempfile
from pathlib import Path

from lxml import etree

from .errors import Diagnostic, InputError, OutputError, escape_name

#: Inputs larger than this are refused before parsing (bytes).
MAX_INPUT_BYTES = 512 * 1024 * 1024

#: libxml2's limits, kept when a document is re-read to accept long text nodes.
MAX_DEPTH = 256                  # element nesting
MAX_NAME = 50_000                # characters in a name
MAX_VALUE = 10_000_000           # bytes in an attribute value, a comment, a PI

#: The hardened parser's settings, shared by :func:`make_parser` and streaming readers.
PARSER_SETTINGS = dict(resolve_entities=False, no_network=True, load_dtd=False,
                       dtd_validation=False, collect_ids=False)


#: Internal entities are expanded to at most this many times the input's size
#: (and at least ENTITY_EXPANSION_MIN, at most ENTITY_EXPANSION_MAX bytes in all).
ENTITY_EXPANSION_FACTOR = 10
ENTITY_EXPANSION_MIN = 1 << 20
ENTITY_EXPANSION_MAX = 16 << 20
#: References nested in replacement texts, at most.
ENTITY_DEPTH = 10
#: Codes of an entity refused: its text is in no place we read; the budget is exceeded.
REFERENCE_CODE = "entity-reference"
EXPANSION_CODE = "entity-expansion"
_PREDEFINED = {"lt": 1, "gt": 1, "amp": 1, "apos": 1, "quot": 1}
_ENTITY_REF = re.compile(r"&([^\s&;#][^\s&;]*);")
#: Parts of a replacement text where ``&name;`` is no reference.
_NOT_MARKUP_REFS = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>", re.S)


def make_parser(*, remove_comments: bool = False, huge_tree: bool = False,
                expand_internal: bool = False) -> etree.XMLParser:
    """Return a hardened lxml parser (no entities, no DTD, no file or network access).

    ``expand_internal`` expands entity references, for a document whose
    entities :func:`check_entities` accepted (all internal).
    """
    settings = {**PARSER_SETTINGS, "resolve_entities": True} if expand_internal \
        else PARSER_SETTINGS
    parser = etree.XMLParser(remove_comments=remove_comments, huge_tree=huge_tree, **settings)
    parser.resolvers.add(_NothingLoaded())
    return parser


class _NothingLoaded(etree.Resolver):
    """Answer every external resource libxml2 asks for with an empty text.

    Without it libxml2 opens the file an external DTD subset or an external
    parameter entity names, even with DTD loading off. An empty answer is
    what "never read" means: what such a file would declare stays undeclared.
    """

    def resolve(self, url, pubid, context):
        return self.resolve_string("", context)


#: libxml2's nesting limit for HTML parsed with huge_tree (without it: 256).
HTML_MAX_DEPTH = 2048


def make_html_parser():
    """Return the HTML parser for raw transcripts saved as web pages.

    It never uses the network, drops comments and processing instructions, and
    takes UTF-8 bytes (the page is decoded before it is parsed, so a ``<meta
    charset>`` cannot make libxml2 decode it a second time). ``huge_tree``
    raises libxml2's nesting limit from 256 to :data:`HTML_MAX_DEPTH`: a page
    nested deeper than 256 levels is read whole; past the limit libxml2 drops
    the rest of the page, which :func:`check_html_depth` reports.
    """
    from lxml import html

    return html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                           remove_pis=True, huge_tree=True)


def check_html_depth(parser, path: str) -> None:
    """Raise :class:`InputError` when ``parser`` stopped at libxml2's nesting limit.

    libxml2 does not fail there: it drops what follows, so the words below that
    depth would be lost without a word.
    """
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            raise InputError(path, f"HTML page nested more than {HTML_MAX_DEPTH} elements "
                             "deep: the text below that depth cannot be read; flatten the "
                             "page (save it again, or as text)", entry.line, 0,
                             code="html-too-deep")    # libxml2's column is not reliable here


def read_bytes(path: str | os.PathLike, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file's bytes, refusing folders, unreadable and oversized files.

    Raises:
        InputError: the file cannot be read or is larger than ``limit``.
    """
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            return _read_stream(p, path, limit)   # a pipe or device: no size known
        size = st.st_size
        if size > limit:
            raise InputError(str(path), f"file is {size} bytes, over the limit of {limit}",
                             code="too-large")
        # O_NONBLOCK: a file swapped for a FIFO since the stat must not block the open
        with open(os.open(p, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(str(path), "is not a regular file any more; not read",
                                 code="not-a-file")
            # read(n) reserves n bytes up front: ask for what the file holds, not the limit
            data = fh.read(size + 1)
        if len(data) > size:
            raise InputError(str(path), "file changed while being read", code="unreadable")
        return data
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file", code="unreadable") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}",
                         code="unreadable") from None


def _read_stream(p: Path, path, limit: int) -> bytes:
    # Opening a FIFO blocks until a writer comes: open without blocking, then
    # read blocking (a FIFO nobody writes to reads as empty instead of hanging).
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    with open(fd, "rb") as fh:
        return read_stream(fh, path, limit)


def read_stream(fh, name, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read an open binary stream (a pipe, standard input) to its end, within ``limit`` bytes.

    Raises:
        InputError: the stream holds more than ``limit`` bytes, or cannot be read.
    """
    buf = bytearray()
    try:
        while chunk := fh.read(1 << 20):
            buf += chunk
            if len(buf) > limit:
                raise InputError(str(name), f"input is over the limit of {limit} bytes",
                                 code="too-large")
    except OSError as exc:
        raise InputError(str(name), f"cannot read: {exc.strerror or exc}",
                         code="unreadable") from None
    return bytes(buf)


def parse_bytes(data: bytes, path: str = "<bytes>", *, huge_tree: bool = False) -> etree._ElementTree:
    """Parse XML bytes safely.

    Args:
        data: the document.
        path: the name used in error messages.
        huge_tree: lift all of libxml2's size and depth limits. Without it a
            text node over libxml2's 10 MB limit is still accepted (the
            toolkit writes such nodes); depth, names, attribute values,
            comments and PIs keep their limits (:func:`check_limits`).

    Returns:
        The parsed tree (``tree.docinfo.URL`` set to ``path``), the entities
        of the internal DTD subset expanded (:func:`check_entities`).

    Raises:
        InputError: not well-formed, or an entity refused (``entity-reference``,
            ``entity-expansion``).
    """
    if not data.strip():
        raise InputError(path, "empty document", 1, 1, code="not-well-formed")
    check_bom(data, path)
    try:
        root = _parse_lifting_text_limit(data, path, huge_tree)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, path) from None
    tree = root.getroottree()
    if check_entities(tree, path, data):
        tree = _parse_expanding(data, path, huge_tree)
        check_no_entities(tree, path, data)
    return tree


def _parse_expanding(data: bytes, path: str, huge_tree: bool) -> etree._ElementTree:
    """Parse again with the internal entities expanded (accepted by :func:`check_entities`)."""
    try:
        return _parse_lifting_text_limit(data, path, huge_tree, expand=True).getroottree()
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, path) from None


def syntax_error(exc: etree.XMLSyntaxError, path: str) -> InputError:
    """Return the :class:`InputError` (one line, with its position) for a parse error."""
    if exc.code == etree.ErrorTypes.ERR_NO_MEMORY:
        return InputError(path, "out of memory while parsing (memory limit reached)",
                          code="memory-limit")
    line, col = exc.position if exc.position else (0, 0)
    msg = " ".join((exc.msg or str(exc)).split())
    # lxml appends " (line N, column M)" / ", line N, column M" to messages.
    for tail in (f", line {line}, column {col}", f" (line {line}, column {col})"):
        if msg.endswith(tail):
            msg = msg[: -len(tail)].rstrip()
    return InputError(path, msg, max(line, 1) if line else 0, col, code="not-well-formed")


def _text_too_long(exc: etree.XMLSyntaxError) -> bool:
    return "Text node too long" in (exc.msg or "")


def _parse_lifting_text_limit(data: bytes, path: str, huge_tree: bool,
                              expand: bool = False) -> etree._Element:
    """Parse; a text node over libxml2's limit makes a second parse with huge_tree."""
    try:
        return etree.fromstring(data, make_parser(huge_tree=huge_tree, expand_internal=expand),
                                base_url=_base_url(path))
    except etree.XMLSyntaxError as exc:
        if huge_tree or not _text_too_long(exc):
            raise
    root = etree.fromstring(data, make_parser(huge_tree=True, expand_internal=expand),
                            base_url=_base_url(path))
    check_limits(root, path)
    return root


_TOO_DEEP = etree.XPath("(" + "/*" * (MAX_DEPTH + 1) + ")[1]")


def check_limits(root: etree._Element, path: str, deep: bool = True) -> None:
    """Raise :class:`InputError` where a tree parsed with huge_tree exceeds libxml2's other limits.

    Only text nodes may be longer than libxml2 normally allows. With
    ``deep=False`` only ``root`` itself is checked (its name and attributes),
    and the nesting depth is left to the caller.
    """
    if deep:
        too_deep = _TOO_DEEP(root)
        if too_deep:
            raise InputError(path, f"Excessive depth in document: {MAX_DEPTH}",
                             too_deep[0].sourceline or 0, 0, code="not-well-formed")
    for node in (root.getroottree().iter() if deep else (root,)):
        line = getattr(node, "sourceline", 0) or 0
        if isinstance(node.tag, str):
            names = [node.tag, *node.attrib.keys()]
            if any(len(n.rpartition("}")[2]) > MAX_NAME for n in names):
                raise InputError(path, "Name too long", line, 0, code="not-well-formed")
            if any(len(v) > MAX_VALUE for v in node.attrib.values()):
                raise InputError(path, "attribute value too long", line, 0,
                                 code="not-well-formed")
        elif node.text is not None and len(node.text) > MAX_VALUE:
            raise InputError(path, "comment or processing instruction too long", line, 0,
                             code="not-well-formed")


_BOMS = ((b"\xef\xbb\xbf", "utf-8", ("utf-8", "utf8")),
         (b"\xff\xfe", "utf-16-le", ("utf-16", "utf-16le", "ucs-2", "iso-10646-ucs-2")),
         (b"\xfe\xff", "utf-16-be", ("utf-16", "utf-16be", "ucs-2", "iso-10646-ucs-2")))
_DECL_ENCODING = re.compile(r"^<\?xml[^>]*?\sencoding\s*=\s*[\"']([^\"']*)[\"']")


def _base_url(path) -> str:
    """Return ``path`` as libxml2 can take it (a name that is not UTF-8: escaped)."""
    try:
        str(path).encode("utf-8")
        return str(path)
    except UnicodeEncodeError:
        return escape_name(path)


def check_bom(data: bytes, path: str) -> None:
    """Raise :class:`InputError` when a byte order mark contradicts the declared encoding.

    XML 1.0 (4.3.3) makes this a fatal error; libxml2 lets the mark win silently.
    """
    for bom, codec, allowed in _BOMS:
        if data.startswith(bom):
            head = data[len(bom):len(bom) + 400].decode(codec, errors="replace")
            m = _DECL_ENCODING.match(head)
            if m and m.group(1).strip().lower() not in allowed:
                raise InputError(path, f"byte order mark says {codec.upper()[:6]} but the "
                                 f"XML declaration says encoding=\"{m.group(1)}\"", 1,
                                 m.start(1) + 1, code="not-well-formed")
            return


def check_entities(tree: etree._ElementTree, path: str, data: bytes | None = None) -> bool:
    """Return True when the tree's entity references may be expanded; raise when not.

    Every reference must name a general entity declared with replacement text
    in the document's internal DTD subset (references in replacement texts
    too, at most :data:`ENTITY_DEPTH` deep, no loop), and all of them expanded
    must stay within the budget (:func:`expansion_budget`).

    Raises:
        InputError: ``entity-reference`` for an entity that is undeclared or
            external (its text is in a file we never read), ``entity-expansion``
            for a loop, a nesting too deep or an expansion over the budget; at
            the first reference concerned.
    """
    refs = list(tree.iter(etree.Entity))
    if not refs:
        return False
    texts = _internal_entities(tree)
    sizes: dict[str, int] = {}
    budget = expansion_budget(len(data) if data is not None else 0)
    total = 0
    for ent in refs:
        try:
            total += _expanded_size(ent.name, texts, sizes, ())
        except _EntityRefused as exc:
            raise _entity_error(path, ent, data, exc.message, exc.code) from None
        if total > budget:
            raise _entity_error(path, ent, data, f"entity expansion exceeds {budget:,} "
                                f"characters (at &{ent.name};)", EXPANSION_CODE)
    return True


def expansion_budget(size: int) -> int:
    """Return how many characters the entities of a document of ``size`` bytes may expand to."""
    return min(ENTITY_EXPANSION_MAX, max(ENTITY_EXPANSION_MIN, ENTITY_EXPANSION_FACTOR * size))


class _EntityRefused(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def _internal_entities(tree) -> dict[str, str | None]:
    """Return the entities of the internal subset: name -> replacement text (None: external).

    Parameter and general entities share lxml's listing: a name declared both
    ways counts as external when either is, and by its longer text.
    """
    out: dict[str, str | None] = {}
    dtd = tree.docinfo.internalDTD
    for decl in (dtd.iterentities() if dtd is not None else ()):
        text = None if decl.system_url is not None else (decl.content or "")
        if decl.name in out:
            old = out[decl.name]
            text = None if old is None or text is None else max(old, text, key=len)
        out[decl.name] = text
    return out


def _expanded_size(name: str, texts: dict, sizes: dict, stack: tuple) -> int:
    """Return the characters ``&name;`` expands to, references inside it expanded."""
    if name in _PREDEFINED:
        return 1
    hit = sizes.get(name)
    if hit is not None:
        return hit
    if name in stack:
        raise _EntityRefused(f"entity &{name}; refers to itself", EXPANSION_CODE)
    if len(stack) >= ENTITY_DEPTH:
        raise _EntityRefused(f"entity references nested more than {ENTITY_DEPTH} deep "
                             f"(at &{name};)", EXPANSION_CODE)
    if name not in texts:
        raise _EntityRefused(f"entity reference &{name}; is not declared in the document's "
                             "internal DTD subset (external DTDs are never read)",
                             REFERENCE_CODE)
    text = texts[name]
    if text is None:
        raise _EntityRefused(f"entity reference &{name}; names an external entity "
                             "(never read)", REFERENCE_CODE)
    size = len(text)
    for m in _ENTITY_REF.finditer(_NOT_MARKUP_REFS.sub("", text)):
        size += _expanded_size(m.group(1), texts, sizes, (*stack, name)) - len(m.group(0))
        if size > ENTITY_EXPANSION_MAX:
            break
    sizes[name] = size
    return size


def _entity_error(path: str, ent, data: bytes | None, message: str, code: str) -> InputError:
    line = _line_of(ent)
    return InputError(path, message, line, _column_of(data, line, ent.text), code=code)


def check_no_entities(tree: etree._ElementTree, path: str, data: bytes | None = None) -> None:
    """Raise :class:`InputError` if the tree keeps unexpanded entity references.

    After :func:`check_entities` and the expanding parse none is left; this
    stays as the last guard of :func:`parse_bytes`.
    """
    for ent in tree.iter(etree.Entity):
        line = _line_of(ent)
        raise InputError(path, f"entity reference {ent.text} could not be expanded", line,
                         _column_of(data, line, ent.text), code="entity-reference")


def _line_of(node) -> int:
    """Return a node's line; libxml2 keeps at most 65535 for non-elements, then its element's."""
    line = node.sourceline or 0
    parent = node.getparent()
    if line >= 65535 and parent is not None:
        line = max(line, parent.sourceline or 0)
    return line


def _column_of(data: bytes | None, line: int, needle: str) -> int:
    """Return the 1-based column of ``needle`` on ``line`` of UTF-8 ``data``, or 0."""
    if not data or line < 1:
        return 0
    lines = data.split(b"\n", line)
    if len(lines) < line:
        return 0
    text = lines[line - 1].decode("utf-8", errors="replace")
    if line == 1:
        text = text.lstrip("\ufeff")
    pos = text.find(needle)
    return pos + 1 if pos >= 0 else 0


#: Compressed data is refused, never inflated (gzip, bzip2, xz, zip, zstd).
COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"PK\x03\x04", b"\x28\xb5\x2f\xfd")


def iterparse_file(path: str | os.PathLike, tags=None) -> Iterator[etree._Element]:
    """Yield elements as they end, reading the file incrementally, in flat memory.

    The hardened parser's settings and checks apply (:func:`parse_bytes`): no
    entity expansion, no DTD, no network; a compressed file, a byte order
    mark that contradicts the declaration and entity references are refused;
    a text node over libxml2's limit is accepted and its other limits kept
    (the file is then read again with huge_tree, and what was already
    yielded is not yielded twice). Each element is yielded with its content
    (entity references refused before), then cleared with the siblings
    before it, so memory holds one yielded element at a time.

    Args:
        path: the file (read as bytes by us: nothing is inflated).
        tags: the element names (Clark notation) to yield; None for every element.

    Raises:
        InputError: unreadable, compressed, not well-formed or entity references.
    """
    done = 0
    try:
        for el in _iterparse(path, tags, huge=False):
            done += 1
            yield el
    except _TooLong:
        for i, el in enumerate(_iterparse(path, tags, huge=True)):
            if i >= done:
                yield el


class _TooLong(Exception):
    pass


class _Bytes:
    """A file's read method alone (no name for lxml to take as the document's URL)."""

    def __init__(self, fh) -> None:
        self.read = fh.read


def _iterparse(path, tags, huge: bool) -> Iterator[etree._Element]:
    name = str(path)
    try:
        # O_NONBLOCK: a file swapped for a FIFO must not block the open
        fh = open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb")
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            fh.close()
            raise InputError(name, "is not a regular file; not read", code="not-a-file")
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file", code="unreadable") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}", code="unreadable") from None
    with fh:
        head = fh.peek(4096)[:4096] if hasattr(fh, "peek") else b""
        if head.startswith(COMPRESSED):
            raise InputError(name, "compressed input is not read; decompress it first",
                             code="compressed")
        if not head.strip():
            raise InputError(name, "empty document", 1, 1, code="not-well-formed")
        check_bom(head, name)
        events = ("start", "end") if huge else ("end",)
        # The parser gets the bytes, not the file's name: a name that is not
        # UTF-8 is no URL libxml2 can take (messages name the file themselves).
        context = etree.iterparse(_Bytes(fh), events=events, tag=tags, huge_tree=huge,
                                  **PARSER_SETTINGS)
        context.resolvers.add(_NothingLoaded())
        depth = 0
        try:
            for event, el in context:
                if event == "start":
                    depth += 1
                    continue
                _check_streamed(el, name, tags, huge, depth)
                depth -= 1
                yield el
                el.clear(keep_tail=True)
                parent = el.getparent()
                while parent is not None and el.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            if not huge and _text_too_long(exc):
                raise _TooLong from None
            raise syntax_error(exc, name) from None


def _check_streamed(el, path: str, tags, huge: bool, depth: int) -> None:
    """Refuse entity references in ``el`` (and, read with huge_tree, what libxml2 would)."""
    nodes = el.iter(etree.Entity) if tags is not None else \
        (c for c in el if isinstance(c, etree._Entity))
    for ent in nodes:
        raise InputError(path, f"entity reference {ent.text} is not allowed "
                         "(a file read incrementally expands no entity)", _line_of(ent), 0,
                         code="entity-reference")
    if huge:
        if tags is None and depth > MAX_DEPTH:
            raise InputError(path, f"Excessive depth in document: {MAX_DEPTH}",
                             el.sourceline or 0, 0, code="not-well-formed")
        check_limits(el if tags is None else el.getroottree().getroot(), path,
                     deep=tags is not None)


def parse_file(path: str | os.PathLike, *, huge_tree: bool = False) -> etree._ElementTree:
    """Read and parse an XML file safely (see :func:`parse_bytes`)."""
    return parse_bytes(read_bytes(path), str(path), huge_tree=huge_tree)


@contextmanager
def atomic_stream(path: str | os.PathLike) -> Iterator:
    """Open a temporary file beside ``path`` for writing; replace ``path`` on success.

    The target is replaced only when the whole content is on disk, so a crash
    or an exception never leaves a half-written file.

    Raises:
        OutputError: the folder cannot be created or written.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: cannot write: is a folder")
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/null, /dev/stdout): write to it; never replace it.
        try:
            with open(target, "wb") as fh:
                yield fh
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_stream`).

    Raises:
        OutputError: the folder cannot be created or written.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    with atomic_stream(path) as fh:
        fh.write(data)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Return True when both paths name the same existing file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


#: Names of the temporaries :func:`atomic_stream` writes (``mkstemp``: ``.NAME.XXXXXXXX.tmp``).
TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def sweep_temporaries(folder: str | os.PathLike, only=None) -> int:
    """Remove the temporaries a killed run of :func:`atomic_stream` left below ``folder``.

    Only files named as this module names its temporaries are removed, and
    with ``only`` (output paths) only the temporaries of those outputs, so a
    run never removes what another writer of the folder has in flight. A file
    that cannot be removed is left. Returns how many were removed.
    """
    targets = None if only is None else {os.path.abspath(p) for p in only}
    removed = 0
    for root, _dirs, files in os.walk(folder):
        for f in files:
            if not TEMPORARY.match(f):
                continue
            if targets is not None and os.path.abspath(os.path.join(root, f[1:-13])) not in targets:
                continue
            try:
                os.unlink(os.path.join(root, f))
                removed += 1
            except OSError:
                pass
    return removed


def check_output_folder(out_dir: str | os.PathLike, inputs) -> None:
    """Refuse an output folder that is, or holds, the folder of an input.

    A folder input is its own folder; a file input's folder is the one it is
    in. Outputs written there could overwrite a source (``x.txt``, ``x.html``)
    or be read back as inputs by the next run.

    Raises:
        OutputError: ``out_dir`` is or contains such a folder.
    """
    out = Path(out_dir).resolve()
    for p in map(Path, inputs):
        folder = (p if p.is_dir() else p.parent).resolve()
        if folder == out or out in folder.parents:
            what = "the source folder" if p.is_dir() else f"the folder of {p}"
            raise OutputError(f"{out_dir}: the output folder must not be {what} or contain it "
                              "(outputs are never written among the inputs)")


def file_ids(paths) -> set[tuple[int, int]]:
    """Return the ``(device, inode)`` of every path that exists (to spot an output that is one)."""
    ids = set()
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            continue
        ids.add((st.st_dev, st.st_ino))
    return ids


def is_one_of(path: str | os.PathLike, ids: set[tuple[int, int]]) -> bool:
    """Return True when ``path`` exists and is one of the files of :func:`file_ids`."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) in ids


# --- what a batch wrote into its output folder ---------------------------------

RECORD_NAME = ".tei-written"


class WrittenRecord:
    """What ``tei convert`` and ``tei edition`` wrote into an output folder.

    The record (``.tei-written`` in the folder: one ``sha256<TAB>path`` line per
    output) lets a later run tell its own outputs from files it did not write:
    an existing file is replaced only when the record says the toolkit wrote it
    and it is unchanged since (a hand correction, or a file of someone else's,
    is kept unless the user forces it).
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.path = self.folder / RECORD_NAME
        self.hashes: dict[str, str] = {}
        self.changed = False
        try:
            for line in self.path.read_bytes().decode("utf-8", "surrogateescape").splitlines():
                sha, _, rel = line.partition("\t")
                if rel and len(sha) == 64:
                    self.hashes[rel] = sha
        except (OSError, UnicodeDecodeError):
            pass                        # no record yet (or unreadable): nothing is ours

    def _rel(self, target: str | os.PathLike) -> str:
        return Path(os.path.relpath(target, self.folder)).as_posix()

    def is_foreign(self, target: str | os.PathLike) -> bool:
        """True when ``target`` exists but is not, unchanged, a file this record says we wrote."""
        if not os.path.lexists(target):
            return False
        known = self.hashes.get(self._rel(target))
        try:
            return known is None or _sha256(target) != known
        except OSError:
            return True

    def add(self, target: str | os.PathLike) -> None:
        """Record ``target`` as written by the toolkit, as it is now."""
        try:
            self.hashes[self._rel(target)] = _sha256(target)
            self.changed = True
        except OSError:
            pass

    def save(self) -> None:
        """Write the record (atomically) when it changed."""
        if self.changed and self.folder.is_dir():
            lines = "".join(f"{sha}\t{rel}\n" for rel, sha in sorted(self.hashes.items()))
            write_atomic(self.path, lines.encode("utf-8", "surrogateescape"))
            self.changed = False


def _sha256(path: str | os.PathLike) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def differs(target: str | os.PathLike, data: bytes | str) -> bool:
    """True when ``target`` exists and holds other bytes than ``data``.

    A protected output (one the toolkit did not write, or that changed since)
    is replaced only when this is False: the same bytes lose nothing (an output
    written just before a kill, and not recorded, is written again as it is).
    """
    if not os.path.lexists(target):
        return False
    data = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(target, "rb") as fh:
            return fh.read(len(data) + 1) != data
    except OSError:
        return False                    # not a readable file: the writer reports what is wrong


def foreign_output_diagnostic(source: str, target: str | os.PathLike) -> Diagnostic:
    """The one line for an output that exists and was not written (unchanged) by the toolkit."""
    return Diagnostic(str(source), 0, 0, "error", "output-exists",
                      f"{target} exists and was not written by tei-corpus, or was changed "
                      "since: not replaced (remove it, or use --force)")
