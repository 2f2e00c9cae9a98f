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

``stages`` without ``convert`` re-use the TEI file already in ``out_dir``.
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
EDITION_KINDS = ("html", "text", "tsv")
EDITIONS_DIR = "editions"
INDEX_NAME = "index.html"


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
        else:
            raise ValueError(f"unknown edition kind {kind!r}")
    return out


def stat_of(path: Path) -> list[int]:
    """Return ``[size, mtime_ns]`` of a file."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _cached_options(options: dict) -> dict:
    """Load the profile and registry once per worker process."""
    from ..convert import load_profile, load_registry
    key = repr(sorted(options.items()))
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
    rel, tei_rel = task["rel"], task["tei"]
    tei_path = out_dir / tei_rel
    shown = tei_rel if "convert" not in task["stages"] else task["source"]
    rec: dict = {"source": task["source"], "tei": tei_rel, "status": "ok", "diagnostics": [],
                 "warnings": 0, "editions": [], "timings": {}, "bytes": 0}
    try:
        t0 = time.perf_counter()
        if "convert" in task["stages"]:
            from ..convert import convert_bytes
            data = read_bytes(task["source"], 64 * 1024 * 1024)
            rec["source_sha256"] = hashlib.sha256(data).hexdigest()
            rec["bytes"] = len(data)
            conv = convert_bytes(data, task["source"], **_cached_options(task["options"]))
            xml = conv.xml
            for w in conv.report.warnings:
                _diag(rec, Diagnostic(task["source"], 0, 0, "warning", "convert-warning", str(w)))
            rec["timings"]["convert"] = time.perf_counter() - t0
            write_atomic(tei_path, xml)
        else:
            xml = read_bytes(tei_path)
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
                rec["editions"], rec["info"] = _write_editions(tree, tei_rel, out_dir,
                                                               task["kinds"], rec["doc_id"])
                rec["timings"]["editions"] = time.perf_counter() - t3
    except InputError as exc:
        _diag(rec, exc.diagnostic())
    except OutputError as exc:
        _diag(rec, Diagnostic(shown, 0, 0, "error", "output-error", str(exc)))
    except TeiCorpusError as exc:
        _diag(rec, Diagnostic(shown, 0, 0, "error", "build-failed", str(exc)))
    except (RecursionError, MemoryError, UnicodeError, ValueError) as exc:   # defensive
        _diag(rec, Diagnostic(shown, 0, 0, "error", "build-failed",
                              f"cannot build: {type(exc).__name__}: {exc}"))
    rec["rel"] = rel
    rec["stages"] = list(task["stages"])
    return rec


def _diag(rec: dict, d: Diagnostic) -> None:
    rec["diagnostics"].append(d.to_dict())
    if d.severity == "error":
        rec["status"] = "failed"
    else:
        rec["warnings"] += 1


def _write_editions(tree, tei_rel: str, out_dir: Path, kinds, doc_id: str):
    """Write the editions of one document; return their paths and its index entry."""
    from ..editions import document_info, render_html, render_tables, render_text
    paths = edition_paths(tei_rel, kinds)
    name = str(out_dir / tei_rel)
    href = (PurePosixPath(paths["html"][0]).relative_to(EDITIONS_DIR).as_posix()
            if "html" in paths else "../" + tei_rel)
    i = document_info(tree, href=href, doc_id=doc_id, path=name)
    info = {"href": i.href, "title": i.title, "doc_id": i.doc_id, "lang": i.lang,
            "date": i.date, "utterances": i.utterances}
    written = []
    for kind in kinds:
        if kind == "html":
            depth = len(PurePosixPath(paths[kind][0]).parts) - 2      # folders below editions/
            contents = [render_html(tree, {"index": "../" * depth + INDEX_NAME, "doc": doc_id},
                                    path=name)]
        elif kind == "text":
            contents = [render_text(tree, "diplomatic", path=name)]
        else:
            tables = render_tables(tree, "tsv", doc_id=doc_id, path=name)
            contents = [tables[t] for t in ("utterances", "participants", "events")]
        for rel, content in zip(paths[kind], contents):
            write_atomic(out_dir / rel, content)
            written.append(rel)
    return written, info


def remove_outputs(out_dir: Path, rels) -> None:
    """Delete outputs recorded for a source (missing files are fine)."""
    for rel in rels:
        try:
            os.unlink(out_dir / rel)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"{out_dir / rel}: cannot remove: {exc.strerror or exc}") from None
