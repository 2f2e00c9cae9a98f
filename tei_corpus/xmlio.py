"""The one safe XML parser of the toolkit, and atomic writes.

Every XML input is read as bytes by us (so a compressed file is never inflated
behind our back) and parsed with entity expansion, DTD loading and network
access off. A document that still holds entity references after parsing is
refused: its meaning would depend on a DTD we will not read.
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

from .errors import InputError, OutputError, escape_name

#: Inputs larger than this are refused before parsing (bytes).
MAX_INPUT_BYTES = 512 * 1024 * 1024


def make_parser(*, remove_comments: bool = False, huge_tree: bool = False) -> etree.XMLParser:
    """Return a hardened lxml parser (no entities, no DTD, no network)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=remove_comments,
        huge_tree=huge_tree,
        collect_ids=False,
    )


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
    buf = bytearray()
    with open(fd, "rb") as fh:
        while chunk := fh.read(1 << 20):
            buf += chunk
            if len(buf) > limit:
                raise InputError(str(path), f"input is over the limit of {limit} bytes",
                                 code="too-large")
    return bytes(buf)


def parse_bytes(data: bytes, path: str = "<bytes>", *, huge_tree: bool = False) -> etree._ElementTree:
    """Parse XML bytes safely.

    Args:
        data: the document.
        path: the name used in error messages.
        huge_tree: lift libxml2's limits on text node size and depth.

    Returns:
        The parsed tree (``tree.docinfo.URL`` set to ``path``).

    Raises:
        InputError: not well-formed, or holds entity references.
    """
    if not data.strip():
        raise InputError(path, "empty document", 1, 1, code="not-well-formed")
    check_bom(data, path)
    parser = make_parser(huge_tree=huge_tree)
    try:
        root = etree.fromstring(data, parser, base_url=_base_url(path))
    except etree.XMLSyntaxError as exc:
        if exc.code == etree.ErrorTypes.ERR_NO_MEMORY:
            raise InputError(path, "out of memory while parsing (memory limit reached)",
                             code="memory-limit") from None
        line, col = exc.position if exc.position else (0, 0)
        msg = " ".join((exc.msg or str(exc)).split())
        # lxml appends " (line N, column M)" / ", line N, column M" to messages.
        for tail in (f", line {line}, column {col}", f" (line {line}, column {col})"):
            if msg.endswith(tail):
                msg = msg[: -len(tail)].rstrip()
        raise InputError(path, msg, max(line, 1) if line else 0, col,
                         code="not-well-formed") from None
    tree = root.getroottree()
    check_no_entities(tree, path, data)
    return tree


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


def check_no_entities(tree: etree._ElementTree, path: str, data: bytes | None = None) -> None:
    """Raise :class:`InputError` if the tree keeps unexpanded entity references."""
    for ent in tree.iter(etree.Entity):
        line = ent.sourceline or 0
        raise InputError(path, f"entity reference {ent.text} is not allowed "
                         "(entities are never expanded)", line,
                         _column_of(data, line, ent.text), code="entity-reference")


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
