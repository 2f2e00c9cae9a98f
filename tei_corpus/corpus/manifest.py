"""The build manifest: what was built from what, so a rebuild redoes only what changed.

The manifest is a small SQLite database in the output folder
(``OUT_DIR/.tei-build.sqlite``). One row per source file holds the source's
hash and the stat taken before those bytes were read, the fingerprints of the
stages that produced its outputs, the outputs' paths, stat and hashes (what
the build wrote, to tell a hand correction from its own file), and a short summary of the document (statistics,
participants, index entry) that the corpus file and the index are made of.
Rows are committed as files finish, so a build that is interrupted or killed
loses at most the files in flight; the database never holds the corpus text
(a document's part of the corpus site, its utterances' text, is an output file
of that document, hashed here like its other outputs), and it is read back row
by row, so memory stays flat however large the corpus.

Fingerprints cover the toolkit's version and every file of the toolkit that
can change an output (:func:`toolkit_files`: every module and TOML file of the
package, the schemas and the stylesheets), each under the stage it belongs to:
the validator's code and the schemas under ``validate``, the editions' code and
the stylesheets under ``editions`` (so a changed stylesheet re-renders without
reconverting), and every other file (the parser, the readers, language packs,
profiles, the build itself) under ``convert``, which redoes everything; plus
the user's profile, language packs and options. The speaker registry is fingerprinted per file:
a record keeps the keys of the labels its document prints and the fingerprint
of the registry rows that are for those labels in that file
(:func:`registry_fingerprint`), so a registry edit redoes only the files whose
speakers it touches.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import __version__
from ..errors import OutputError
from ..resources import data_dir

#: The manifest's file name inside the output folder.
MANIFEST_NAME = ".tei-build.sqlite"
#: The lock file a build holds on its output folder while it runs.
LOCK_NAME = ".tei-build.lock"
#: Bumped when the manifest's layout changes (an older manifest is then ignored).
FORMAT = 1

_PACKAGE = Path(__file__).resolve().parents[1]


def sha256_file(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """Return the hex SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            block = fh.read(chunk)
            if not block:
                break
            h.update(block)
    return h.hexdigest()


def _data(package: Path, name: str) -> Path:
    """The folder ``name`` (``schemas``, ``xslt``) of the toolkit at ``package``."""
    if package == _PACKAGE:
        return data_dir(name)
    inside = package / name
    return inside if inside.is_dir() else package.parent / name


def _files_below(folder: Path, patterns: Iterable[str], name: str) -> dict[str, Path]:
    """``{name/relative path: path}`` of the files below ``folder`` (hidden ones and caches left out)."""
    found = {}
    for pat in patterns:
        for p in folder.rglob(pat):
            rel = p.relative_to(folder)
            if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                       for part in rel.parts):
                found[f"{name}/{rel.as_posix()}"] = p
    return found


def _stage_files(pkg: Path) -> dict[str, dict[str, Path]]:
    """The toolkit's files by stage, each as ``{stable name: path}`` (see :func:`toolkit_files`)."""
    schemas = _files_below(_data(pkg, "schemas"), ("*",), "schemas")
    xslt = _files_below(_data(pkg, "xslt"), ("*",), "xslt")
    package = _files_below(pkg, ("*.py", "*.toml"), "tei_corpus")
    validate = {n: p for n, p in package.items()
                if n.startswith("tei_corpus/validate/") or n == "tei_corpus/corpus/checks.py"}
    editions = {n: p for n, p in package.items() if n.startswith("tei_corpus/editions/")}
    convert = {n: p for n, p in package.items() if n not in validate and n not in editions}
    return {"convert": convert, "validate": {**validate, **schemas},
            "editions": {**editions, **xslt}}


def toolkit_files(package: str | os.PathLike | None = None) -> dict[str, list[Path]]:
    """Return every file of the toolkit that can change an output, by the stage it belongs to.

    Args:
        package: the ``tei_corpus`` package folder (default: this one); its
            ``schemas`` and ``xslt`` are inside it (installed) or beside it
            (a checkout).

    Returns:
        ``{"convert": [...], "validate": [...], "editions": [...]}``:
        ``validate`` is ``validate/**/*.py``, ``corpus/checks.py`` and the
        schemas; ``editions`` is ``editions/**/*.py`` and the stylesheets;
        ``convert`` every other ``*.py`` and ``*.toml`` of the package.
    """
    pkg = Path(package).resolve() if package is not None else _PACKAGE
    return {stage: [files[n] for n in sorted(files)]
            for stage, files in _stage_files(pkg).items()}


def fingerprint(*parts: object, stage: str | None = None,
                files: Iterable[str | os.PathLike | None] = (),
                package: str | os.PathLike | None = None) -> str:
    """Return a short hash of values, the toolkit's files of ``stage`` and other files."""
    pkg = Path(package).resolve() if package is not None else _PACKAGE
    h = hashlib.sha256()
    h.update(f"tei-corpus {__version__}\n".encode())
    for part in parts:
        h.update(json.dumps(part, sort_keys=True, default=str).encode() + b"\n")
    if stage is not None:
        toolkit = _stage_files(pkg)[stage]
        for name in sorted(toolkit):
            h.update(name.encode() + b"\0" + toolkit[name].read_bytes() + b"\0")
    for f in files:
        if f:
            h.update(b"file\0" + Path(f).read_bytes() + b"\0")
    return h.hexdigest()[:32]


def convert_fingerprint(profile: str, date: str, lang: str, time_offset: float = 0.0,
                        package: str | os.PathLike | None = None, lang_packs: tuple = ()) -> str:
    """Fingerprint of what a conversion depends on besides its input, recording and registry.

    The user's profile file and language packs count by their bytes, the packs in the
    order given (a later one extends an earlier one). The registry rows a file's labels
    take are fingerprinted per file (see :func:`registry_fingerprint`).
    """
    user_profile = profile if profile != "auto" and Path(profile).is_file() else None
    extra = (time_offset,) if time_offset else ()     # older manifests stay valid without one
    return fingerprint("convert", profile, date, lang, *extra, stage="convert",
                       files=[user_profile, *lang_packs], package=package)


def registry_fingerprint(registry: list[dict], rel: str, labels: list[str] | None) -> str | None:
    """Fingerprint of the registry rows for one file's labels (what its conversion took).

    Args:
        registry: the rows of the speaker registry (none: ``[]``).
        rel: the source below the source folder (the rows' ``files`` globs).
        labels: the label keys its last conversion recorded (None: unknown).

    Returns:
        The fingerprint, or None when it cannot be known (no labels
        recorded, or two rows scoped to the file give one label: the
        conversion reports that).
    """
    from ..convert.registry import person_fields, rows_for_labels
    from ..errors import InputError

    if labels is None:
        return None
    try:
        by_key = rows_for_labels(registry, rel, labels)
    except InputError:
        return None
    return fingerprint("registry", {k: person_fields(r) for k, r in sorted(by_key.items())})


def validate_fingerprint(package: str | os.PathLike | None = None) -> str:
    """Fingerprint of the validation stage (validator code, schemas, our adapter)."""
    return fingerprint("validate", stage="validate", package=package)


def editions_fingerprint(kinds: Iterable[str], package: str | os.PathLike | None = None) -> str:
    """Fingerprint of the editions stage (stylesheets, editions code, kinds asked)."""
    return fingerprint("editions", sorted(kinds), stage="editions", package=package)


def corpus_fingerprint(options: dict) -> str:
    """Fingerprint of the corpus stage's own code and options (every toolkit file: see convert)."""
    return fingerprint("corpus", options, stage="convert")


class Manifest:
    """The build manifest of one output folder (a SQLite database), held under a lock.

    Opening it takes an exclusive lock on ``out_dir/.tei-build.lock`` (an
    ``flock``, released by :meth:`close` or when the process ends, however it
    ends), so a second build on the same folder fails at once instead of
    mixing its writes with the first one's.

    Args:
        out_dir: the output folder; the database is ``out_dir/.tei-build.sqlite``.

    Raises:
        OutputError: another build holds the folder, or the database cannot be
            created or opened.
    """

    def __init__(self, out_dir: str | os.PathLike) -> None:
        self.path = Path(out_dir) / MANIFEST_NAME
        self._lock = _take_lock(Path(out_dir))
        self._in_tx = False
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS files "
                            "(rel TEXT PRIMARY KEY, record TEXT NOT NULL)")
            fmt = self.get_meta("format")
            if fmt is not None and fmt != str(FORMAT):
                self.db.execute("DELETE FROM files")
                self.db.execute("DELETE FROM meta")
            self.set_meta("format", str(FORMAT))
        except sqlite3.Error as exc:
            self._release()
            raise OutputError(f"{self.path}: cannot open the build manifest: {exc}") from None
        except OutputError:
            self._release()
            raise

    @contextmanager
    def _writing(self):
        """Turn a database error (a full disk) into one :class:`OutputError`."""
        try:
            yield
        except sqlite3.Error as exc:
            if self._in_tx:
                self._in_tx = False
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise OutputError(f"{self.path}: cannot write the build manifest: {exc} "
                              "(it keeps what it held before)") from None

    # -- meta ---------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing():
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- records ------------------------------------------------------------
    def get(self, rel: str) -> dict | None:
        """Return the record of source ``rel`` (posix path below the source folder)."""
        row = self.db.execute("SELECT record FROM files WHERE rel = ?", (rel,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, rel: str, record: dict) -> None:
        """Store the record of ``rel`` (inside the current batch; see :meth:`commit`)."""
        with self._writing():
            self._begin()
            self.db.execute("INSERT OR REPLACE INTO files (rel, record) VALUES (?, ?)",
                            (rel, json.dumps(record, sort_keys=True, ensure_ascii=False)))

    def delete(self, rel: str) -> None:
        """Forget ``rel``."""
        with self._writing():
            self._begin()
            self.db.execute("DELETE FROM files WHERE rel = ?", (rel,))

    def rels(self) -> list[str]:
        """Return every recorded source, sorted."""
        return [r[0] for r in self.db.execute("SELECT rel FROM files ORDER BY rel")]

    def iter_records(self) -> Iterator[tuple[str, dict]]:
        """Yield ``(rel, record)`` in source order, one row at a time."""
        cur = self.db.cursor()
        cur.execute("SELECT rel, record FROM files ORDER BY rel")
        for rel, rec in cur:
            yield rel, json.loads(rec)

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM files").fetchone()[0]

    # -- transactions -------------------------------------------------------
    def _begin(self) -> None:
        if not self._in_tx:
            self.db.execute("BEGIN")
            self._in_tx = True

    def commit(self) -> None:
        """Make the pending records durable."""
        if self._in_tx:
            with self._writing():
                self.db.execute("COMMIT")
                self._in_tx = False

    def close(self) -> None:
        """Commit and close the database; release the folder's lock."""
        try:
            self.commit()
        except OutputError:
            pass
        finally:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self._release()

    def _release(self) -> None:
        """Release the folder's lock (close its descriptor)."""
        if self._lock >= 0:
            _LOCKS.discard(self._lock)
            os.close(self._lock)
            self._lock = -1


def _take_lock(out_dir: Path) -> int:
    """Create ``out_dir`` and hold its build lock; return the lock's descriptor.

    Raises:
        OutputError: the folder cannot be written, or another build holds it.
    """
    lock = out_dir / LOCK_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError(f"{lock}: cannot write: {exc.strerror or exc}") from None
    try:
        _lock_now(fd)
    except BlockingIOError:
        os.close(fd)
        raise OutputError(f"{out_dir}: another tei build is writing this folder (it holds "
                          f"{lock}); run this one when it has finished") from None
    _LOCKS.add(fd)
    return fd


#: The lock descriptors this process holds. A forked worker closes its copies, so
#: a build's lock ends with the build, not with the last of its workers.
_LOCKS: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in _LOCKS:
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def _lock_now(fd: int) -> None:
    """Take an exclusive lock on ``fd`` or raise BlockingIOError (flock; Windows: msvcrt)."""
    try:
        import fcntl
    except ImportError:                 # Windows
        import msvcrt
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise BlockingIOError from None
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
