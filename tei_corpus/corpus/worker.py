"""The per-file work of a build: a pure function from one task to one result.

:func:`build_file` converts one raw transcript, validates the TEI, writes it
and its editions (each atomically), and returns a small JSON-ready record of
what it did. It never raises for a problem with the file: the problem is in the
record. Tasks and records are plain dicts, so the function can be mapped by a
process pool or a Dask cluster alike (paths must then be visible to the workers).

A task::

    {"source": "/abs/in/a.txt", "rel": "a.txt", "out_dir": "/abs/out",
     "tei": "a.xml", "stages": ["convert", "validate", "editions"],
     "kinds": ["html", "text", "tsv"], "options": {...convert options...}}

``stages`` without ``convert`` re-use the TEI file already in ``out_dir``; a
task may say ``registry_sha256``, the hash of the registry file it was planned
with (a worker reads the registry again when it changes).
A task may also carry ``expect`` (``{output: sha256}``, what the manifest
recorded the build wrote) and ``force``: an existing output that is neither
what the build wrote nor what it is about to write was changed by someone
else, and is kept (a warning says so) unless ``force``. The record says
``source_stat`` of the bytes it read (None when the source changed while it
was built), ``outputs`` (the hash of each output written), and
``write_failed`` when an output could not be written. With the ``html``
edition, the document's site record is one more output
(:func:`site_record_path`). A record of a conversion
says ``labels``: the comparison keys of the labels the document prints (the
registry rows it can take are those for these labels).
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path, PurePosixPath

from ..errors import Diagnostic, InputError, OutputError, TeiCorpusError
from ..xmlio import parse_bytes, read_bytes, write_atomic
from .checks import check_document
from .stats import document_stats
from .teicorpus import summarize

#: Edition kinds written by a build, and the folder each goes to below OUT_DIR/editions.
EDITION_KINDS = ("html", "text", "tsv")                 # written by default
TIMED_EDITIONS = {"vtt": "vtt", "srt": "srt", "eaf": "eaf", "textgrid": "TextGrid"}  # kind: suffix
BUILD_EDITION_KINDS = EDITION_KINDS + tuple(TIMED_EDITIONS)   # every kind a build can write
EDITIONS_DIR = "editions"
INDEX_NAME = "index.html"


def site_record_path(tei_rel: str) -> str:
    """Return the path (relative to OUT_DIR) of the site record of ``tei_rel``, beside its page.

    Written with the ``html`` edition: the document's part of the corpus site
    (:func:`tei_corpus.editions.site_record`), read back when the site is written.
    """
    from ..editions.site import RECORD_SUFFIX
    stem = PurePosixPath(tei_rel).with_suffix("")
    return f"{EDITIONS_DIR}/html/{stem}{RECORD_SUFFIX}"


def edition_paths(tei_rel: str, kinds) -> dict[str, list[str]]:
    """Return the output paths (relative to OUT_DIR) of each edition kind of ``tei_rel``."""
    stem = PurePosixPath(tei_rel).with_suffix("")
    out = {}
    for kind in kinds:
        if kind == "html":
            out[kind] = [f"{EDITIONS_DIR}/html/{stem}.html"]
        elif kind == "text":
            out[kind] = [f"{EDITIONS_DIR}/text/{stem}.txt"]
        elif kind == "tsv":
            out[kind] = [f"{EDITIONS_DIR}/tsv/{stem}.{t}.tsv"
                         for t in ("utterances", "participants", "events")]
        elif kind in TIMED_EDITIONS:
            out[kind] = [f"{EDITIONS_DIR}/{kind}/{stem}.{TIMED_EDITIONS[kind]}"]
        else:
            raise ValueError(f"unknown edition kind {kind!r}")
    return out


def stat_of(path: Path) -> list[int]:
    """Return ``[size, mtime_ns]`` of a file."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _cached_options(options: dict, registry_sha256: str = "") -> dict:
    """Load the profile and registry once per worker process (again when the registry changed).

    ``registry_sha256`` is the hash of the registry the build planned with: a
    worker that lives on from build to build (one process, a Dask worker)
    reads an edited registry again.
    """
    from ..convert import load_profile, load_registry
    key = repr(sorted(options.items())) + registry_sha256
    hit = _OPTIONS.get(key)
    if hit is None:
        hit = dict(options)
        if hit.get("people"):
            hit["people"] = load_registry(hit["people"])
        else:
            hit.pop("people", None)
        if hit.get("profile", "auto") != "auto":
            hit["profile"] = load_profile(hit["profile"])
        _OPTIONS.clear()
        _OPTIONS[key] = hit
    return hit


_OPTIONS: dict[str, dict] = {}


def build_file(task: dict) -> dict:
    """Build one source; return its record (see the module docstring)."""
    out_dir = Path(task["out_dir"])
    tei_rel = task["tei"]
    tei_path = out_dir / tei_rel
    shown = tei_rel if "convert" not in task["stages"] else task["source"]
    rec: dict = {"source": task["source"], "tei": tei_rel, "status": "ok", "diagnostics": [],
                 "warnings": 0, "editions": [], "timings": {}, "bytes": 0, "outputs": {}}
    try:
        xml = _convert(task, rec, out_dir) if "convert" in task["stages"] else read_bytes(tei_path)
        if xml is not None:
            _check_and_render(task, rec, out_dir, xml)
    except InputError as exc:
        _diag(rec, exc.diagnostic())
    except OutputError as exc:
        rec["write_failed"] = True
        _diag(rec, Diagnostic(shown, 0, 0, "error", "output-error", str(exc)))
    except TeiCorpusError as exc:
        _diag(rec, Diagnostic(shown, 0, 0, "error", "build-failed", str(exc)))
    # defensive; a MemoryError is the executor's (memory-limit, and a fresh worker)
    except (RecursionError, UnicodeError, ValueError) as exc:
        _diag(rec, Diagnostic(shown, 0, 0, "error", "build-failed",
                              f"cannot build: {type(exc).__name__}: {exc}"))
    if "source_stat" in rec and _source_stat(task["source"]) != rec["source_stat"]:
        rec["source_stat"] = None       # changed while it was built: not up to date
    rec["rel"] = task["rel"]
    rec["stages"] = list(task["stages"])
    return rec


def lost_record(limits, task: dict, reason: str) -> dict:
    """The record of a source whose build was stopped by a limit, or whose worker died."""
    from .executors import limit_diagnostic
    shown = task["tei"] if "convert" not in task["stages"] else task["source"]
    rec: dict = {"source": task["source"], "tei": task["tei"], "status": "ok", "diagnostics": [],
                 "warnings": 0, "editions": [], "timings": {}, "bytes": 0, "outputs": {},
                 "rel": task["rel"], "stages": list(task["stages"])}
    _diag(rec, limit_diagnostic(shown, reason, limits, "built"))
    return rec


def _source_stat(path: str) -> list[int] | None:
    try:
        return stat_of(Path(path))
    except OSError:
        return None


def _convert(task: dict, rec: dict, out_dir: Path) -> bytes | None:
    """Read and convert the source, write its TEI; None when the TEI is kept (changed by hand)."""
    from ..convert import Recording, convert_bytes
    from ..convert.registry import label_keys
    t0 = time.perf_counter()
    rec["source_stat"] = _source_stat(task["source"])     # of the bytes about to be read
    data = read_bytes(task["source"], 64 * 1024 * 1024)
    rec["source_sha256"] = hashlib.sha256(data).hexdigest()
    rec["bytes"] = len(data)
    recording = Recording(*task["recording"]) if task.get("recording") else None
    conv = convert_bytes(data, task["source"], recording=recording, rel_path=task["rel"],
                         **_cached_options(task["options"], task.get("registry_sha256", "")))
    rec["recording"] = task.get("recording")
    rec["labels"] = label_keys(conv.report.labels)     # the registry rows it can take
    for w in conv.report.warnings:
        _diag(rec, Diagnostic(task["source"], 0, 0, "warning", "convert-warning", str(w)))
    rec["timings"]["convert"] = time.perf_counter() - t0
    if not write_output(out_dir, task["tei"], conv.xml, task, rec):
        rec["status"] = "kept"
        return None
    return conv.xml


def _check_and_render(task: dict, rec: dict, out_dir: Path, xml: bytes) -> None:
    """Parse and validate the TEI, then write its editions (when valid)."""
    tei_rel = task["tei"]
    tei_path = out_dir / tei_rel
    rec["tei_sha256"] = hashlib.sha256(xml).hexdigest()
    t1 = time.perf_counter()
    tree = parse_bytes(xml, str(tei_path), huge_tree=True)
    rec["timings"]["parse"] = time.perf_counter() - t1
    rec["doc_id"] = tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id") or Path(tei_rel).stem
    if "validate" in task["stages"]:
        t2 = time.perf_counter()
        for d in check_document(tree, str(tei_path), xml):
            _diag(rec, d)
        rec["timings"]["validate"] = time.perf_counter() - t2
    rec["tei_stat"] = stat_of(tei_path)
    if rec["status"] == "ok":
        rec["stats"] = document_stats(tree.getroot(), tei_rel).to_dict()
        rec["summary"] = summarize(tree)
        if "editions" in task["stages"]:
            t3 = time.perf_counter()
            rec["editions"], rec["info"] = _write_editions(tree, task, rec, out_dir)
            rec["timings"]["editions"] = time.perf_counter() - t3


#: What a build says of an output it keeps because someone else changed it.
CHANGED = "changed since the build wrote it: kept (tei build --force replaces it)"


def sha256_or_none(path: Path) -> str | None:
    """Return the hex SHA-256 of a regular file, or None when there is none.

    Raises:
        OutputError: the file exists but cannot be read (so it cannot be
            told from a hand correction).
    """
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(f"{path}: cannot read it to check it before replacing it: "
                          f"{exc.strerror or exc}") from None


def is_changed(path: Path, expected: str | None) -> bool:
    """Return True when ``path`` holds content the build did not write.

    ``expected`` is the hash the manifest recorded for it (None: nothing
    recorded, so any existing file is someone else's; ``"*"``: recorded by an
    older manifest without hashes, taken as the build's own).
    """
    if expected == "*":
        return False
    cur = sha256_or_none(path)
    return cur is not None and cur != expected


def write_output(out_dir: Path, rel: str, data: bytes | str, task: dict, rec: dict) -> bool:
    """Write one output atomically unless it changed since the build wrote it.

    A changed output (a hand correction) is kept and reported as a warning,
    unless the task says ``force``. Returns True when the output was written.

    Raises:
        OutputError: the output cannot be written.
    """
    path = out_dir / rel
    data = data.encode("utf-8") if isinstance(data, str) else data
    new = hashlib.sha256(data).hexdigest()
    expected = task.get("expect", {}).get(rel)
    if not task.get("force") and expected != "*" \
            and sha256_or_none(path) not in (None, expected, new):
        _diag(rec, Diagnostic(str(path), 0, 0, "warning", "output-changed", CHANGED))
        if expected is not None:
            rec["outputs"][rel] = expected
        return False
    write_atomic(path, data)
    rec["outputs"][rel] = new
    return True


def _diag(rec: dict, d: Diagnostic) -> None:
    rec["diagnostics"].append(d.to_dict())
    if d.severity == "error":
        rec["status"] = "failed"
    else:
        rec["warnings"] += 1


def _write_editions(tree, task: dict, rec: dict, out_dir: Path):
    """Write the editions of one document; return their paths and its index entry."""
    from ..editions import (document_info, render_html, render_tables, render_text, render_timed,
                            site_record)
    from ..editions.site import record_bytes
    tei_rel, kinds, doc_id = task["tei"], task["kinds"], rec["doc_id"]
    paths = edition_paths(tei_rel, kinds)
    name = str(out_dir / tei_rel)
    href = (PurePosixPath(paths["html"][0]).relative_to(EDITIONS_DIR).as_posix()
            if "html" in paths else "../" + tei_rel)
    i = document_info(tree, href=href, doc_id=doc_id, path=name)
    info = {"href": i.href, "title": i.title, "doc_id": i.doc_id, "lang": i.lang,
            "date": i.date, "utterances": i.utterances}
    written, tables = [], None
    for kind in kinds:
        if kind == "html":
            depth = len(PurePosixPath(paths[kind][0]).parts) - 2      # folders below editions/
            contents = [render_html(tree, {"index": "../" * depth + INDEX_NAME, "doc": doc_id},
                                    path=name)]
        elif kind == "text":
            contents = [render_text(tree, "diplomatic", path=name)]
        elif kind in TIMED_EDITIONS:
            if not _is_timed(tree):
                continue                # captions of an untimed transcript: none to write
            contents = [render_timed(tree, kind, path=name)]
        else:
            tables = render_tables(tree, "tsv", doc_id=doc_id, path=name)
            contents = [tables[t] for t in ("utterances", "participants", "events")]
        for rel, content in zip(paths[kind], contents):
            write_output(out_dir, rel, content, task, rec)
            written.append(rel)
    if "html" in kinds:                 # the document's part of the corpus site, from its tables
        record = site_record(tree, href, doc_id=doc_id, path=name, tables=tables, fmt="tsv")
        rel = site_record_path(tei_rel)
        write_output(out_dir, rel, record_bytes(record), task, rec)
        written.append(rel)
    return written, info


def _is_timed(tree) -> bool:
    """The document has an utterance on a timeline (what the timed editions need)."""
    return bool(tree.xpath("//t:u[@start][@end]", namespaces={"t": "http://www.tei-c.org/ns/1.0"}))


def remove_outputs(out_dir: Path, rels, expect: dict | None = None) -> list[str]:
    """Delete outputs recorded for a source (missing files are fine).

    With ``expect`` (the recorded hashes), an output that changed since the
    build wrote it is kept (see :func:`is_changed`). Returns the outputs kept.

    Raises:
        OutputError: an output cannot be removed.
    """
    kept = []
    for rel in rels:
        if expect is not None and is_changed(out_dir / rel, expect.get(rel)):
            kept.append(rel)
            continue
        try:
            os.unlink(out_dir / rel)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"{out_dir / rel}: cannot remove: {exc.strerror or exc}") from None
    return kept
