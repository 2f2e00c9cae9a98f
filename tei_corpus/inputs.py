"""Find the input files of a command: one walker, the same rules for every command.

``tei convert``, ``tei validate``, ``tei edition``, ``tei stats`` and ``tei build``
all find their inputs with :func:`iter_inputs`:

* A file named on the command line is taken whatever its name (a symbolic
  link the user names is followed).
* A folder is walked below, in sorted order (by name, folders where their
  name sorts). Names starting with ``.`` are skipped, files and folders alike.
  Suffixes match whatever their case (``.XML``, ``.Txt``). Files with other
  suffixes are counted and reported in one warning per folder named.
* A symbolic link inside a folder is followed when it stays inside the folder
  the user named; one that leads out of it is refused unless
  ``follow_symlinks``. A link loop (a link to itself, or to a folder above it)
  is one line, never followed.
* Only regular files are read: FIFOs, devices and sockets are refused before
  anything opens them (opening a FIFO blocks until something writes to it).

The walker yields :class:`Input` items and :class:`~tei_corpus.errors.Diagnostic`
items in one sorted stream; it never prints and never raises for a bad entry.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import ConfigError, Diagnostic

#: File name endings of TEI documents inside folders (validate, edition, stats).
TEI_SUFFIXES = (".xml", ".tei")

#: Codes of the entries the walker refuses (errors), and of its one warning.
REFUSED_CODES = frozenset({"not-a-file", "symlink-loop", "symlink-outside", "unreadable"})
SKIPPED_CODE = "unknown-suffix"

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


@dataclass(frozen=True)
class Input:
    """One input file found.

    Attributes:
        path: the path to open (the folder named joined with ``rel``, or the
            file as named).
        rel: the path relative to the folder named; a file named directly:
            its name.
        base: the folder named; ``None`` for a file named directly.
    """

    path: Path
    rel: PurePath
    base: Path | None = None

    def __fspath__(self) -> str:
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)


Item = Input | Diagnostic


def iter_inputs(paths: Iterable[str | os.PathLike | Item], suffixes: tuple[str, ...], *,
                follow_symlinks: bool = False, exclude: Iterable[str | os.PathLike] = (),
                each_skipped: bool = False) -> Iterator[Item]:
    """Yield the input files named by ``paths`` and a diagnostic for each refused entry.

    Args:
        paths: files and folders as the user named them (items this function
            yielded before pass through unchanged, so a walked list can be
            handed on).
        suffixes: the file name endings taken inside folders (lower case).
        follow_symlinks: follow links that lead out of the folder named.
        exclude: folders not to walk into (an output folder inside the source).
        each_skipped: one ``unknown-suffix`` warning per file of another
            suffix, in walk order, instead of one per folder named.

    Yields:
        :class:`Input` for each file to read, :class:`Diagnostic` for each entry
        refused (``not-a-file``, ``symlink-loop``, ``symlink-outside``,
        ``unreadable``) and one ``unknown-suffix`` warning per folder with
        files of other suffixes (per file with ``each_skipped``).

    Raises:
        ConfigError: a path named does not exist.
    """
    suffixes = tuple(s.lower() for s in suffixes)
    skip = frozenset(os.path.realpath(x) for x in exclude)
    for raw in paths:
        if isinstance(raw, (Input, Diagnostic)):
            yield raw
            continue
        p = Path(raw)
        try:
            st = os.stat(p)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                yield _diag(p, "symlink-loop", "symbolic link loop; not followed")
            elif os.path.lexists(p):
                yield _diag(p, "unreadable", f"cannot read: {exc.strerror or exc}")
            else:
                raise ConfigError(f"{raw}: no such file or folder") from None
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(p, suffixes, follow_symlinks, skip, each_skipped)
        else:
            yield _refusal(p, st) or Input(p, PurePath(p.name))


def split_inputs(items: Iterable[Item]) -> tuple[list[Input], list[Diagnostic]]:
    """Return the inputs and the diagnostics of a walk, each in walk order."""
    found: list[Input] = []
    diags: list[Diagnostic] = []
    for item in items:
        (found if isinstance(item, Input) else diags).append(item)
    return found, diags


def is_refusal(item: Item) -> bool:
    """Return True for a diagnostic that stands for an input which could not be taken."""
    return isinstance(item, Diagnostic) and item.severity == "error"


def _diag(path, code: str, message: str, severity: str = "error") -> Diagnostic:
    return Diagnostic(str(path), 0, 0, severity, code, message)


def _refusal(path: Path, st: os.stat_result) -> Diagnostic | None:
    """Return the diagnostic refusing a file that is not a regular file, else None."""
    if stat.S_ISREG(st.st_mode):
        return None
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
    return _diag(path, "not-a-file", f"is {kind}, not a regular file; not read")


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _walk(base: Path, suffixes, follow: bool, skip: frozenset = frozenset(),
          each_skipped: bool = False) -> Iterator[Item]:
    """Walk one folder named by the user (see the module docstring)."""
    walk = _Walk(base, suffixes, follow, skip, each_skipped)
    st = os.stat(base)
    # A stack of iterators keeps the sorted order with sub-folders in their place.
    frames = [walk.entries(base, PurePath(), ((st.st_dev, st.st_ino),))]
    while frames:
        item = next(frames[-1], None)
        if item is None:
            frames.pop()
        elif isinstance(item, tuple):             # a sub-folder to go into
            frames.append(walk.entries(*item))
        else:
            yield item
    if walk.skipped:
        yield walk.skipped_warning()


class _Walk:
    """The state of one folder's walk: its real path, the rules, the names skipped."""

    def __init__(self, base: Path, suffixes, follow: bool, skip: frozenset,
                 each_skipped: bool = False) -> None:
        self.base, self.suffixes, self.follow, self.skip = base, suffixes, follow, skip
        self.each_skipped = each_skipped
        self.root = os.path.realpath(base)
        self.skipped: list[str] = []

    def entries(self, folder: Path, rel: PurePath, chain: tuple) -> Iterator:
        """Yield the items of one folder in name order; sub-folders as (path, rel, chain)."""
        try:
            names = sorted(e.name for e in os.scandir(folder))
        except OSError as exc:
            yield _diag(folder, "unreadable", f"cannot read the folder: {exc.strerror or exc}")
            return
        for name in names:
            if not name.startswith("."):
                yield from self.entry(folder / name, rel / name, chain)

    def entry(self, path: Path, rel: PurePath, chain: tuple) -> Iterator:
        """Yield what one folder entry gives: an input, a refusal, a sub-folder or nothing."""
        try:
            lst = os.lstat(path)
        except OSError as exc:                   # gone since the folder was listed
            yield _diag(path, "unreadable", f"cannot read: {exc.strerror or exc}")
            return
        link = stat.S_ISLNK(lst.st_mode)
        wanted = self.matches(path.name)
        if link and not self.follow:
            target = os.path.realpath(path)
            if not _inside(target, self.root):
                if wanted or os.path.isdir(path):
                    yield _diag(path, "symlink-outside",
                                f"symbolic link to {target}, outside {self.base}; "
                                "not followed (--follow-symlinks follows it)")
                return
        try:
            st = os.stat(path) if link else lst
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                yield _diag(path, "symlink-loop", "symbolic link loop; not followed")
            elif wanted:
                yield Input(path, rel, self.base)    # a broken link: reading it says so
            return
        if stat.S_ISDIR(st.st_mode):
            if self.skip and os.path.realpath(path) in self.skip:
                return                           # excluded (an output folder)
            key = (st.st_dev, st.st_ino)
            if key in chain:
                yield _diag(path, "symlink-loop", "symbolic link loop: it leads back to "
                            "a folder it is in; not followed")
            else:
                yield (path, rel, chain + (key,))
        elif not wanted and self.each_skipped:
            yield self.skipped_file(path)
        elif not wanted:
            self.skipped.append(rel.as_posix())
        else:
            yield _refusal(path, st) or Input(path, rel, self.base)

    def matches(self, name: str) -> bool:
        return name.lower().endswith(self.suffixes)

    def skipped_file(self, path: Path) -> Diagnostic:
        suffix = path.suffix.lower()
        what = f"its suffix {suffix!r} is" if suffix else "a file without a suffix is"
        return _diag(path, SKIPPED_CODE, f"not taken: {what} not one read in folders "
                     f"({', '.join(self.suffixes)}); name the file to read it anyway",
                     severity="warning")

    def skipped_warning(self) -> Diagnostic:
        names = sorted(self.skipped)
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        n = len(names)
        return _diag(self.base, SKIPPED_CODE,
                     f"{n} file{'' if n == 1 else 's'} not taken (suffix not "
                     f"{', '.join(self.suffixes)}): {shown}", severity="warning")
