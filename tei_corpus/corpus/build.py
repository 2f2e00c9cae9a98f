"""Build a corpus: raw transcripts -> TEI -> validated -> editions -> corpus file and index.

::

    builder = Builder("corpus_raw", "corpus_xml", BuildOptions())
    plan = builder.plan()                    # scan, compare with the manifest
    for outcome in builder.run(plan, jobs=2):
        ...                                  # one FileOutcome per file built
    summary = builder.finish(plan)           # corpus.xml + editions/index.html
    builder.close()

Layout of ``OUT_DIR``: one TEI file per source (``<stem>.xml``, sub-folders
kept), the corpus file ``corpus.xml`` (``teiCorpus``), the editions under
``editions/{html,text,tsv}/`` with ``editions/index.html``, and the manifest
``.tei-build.sqlite``. Only what changed since the last build is redone
(see :mod:`tei_corpus.corpus.manifest`); outputs of deleted sources are removed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..convert.batch import RAW_SUFFIXES, iter_sources
from ..editions import IndexEntry
from ..errors import Diagnostic, OutputError, escape_name
from .checks import validator_name
from .executors import iter_map
from .index import render_build_index
from .manifest import (Manifest, convert_fingerprint, corpus_fingerprint, editions_fingerprint,
                       sha256_file, validate_fingerprint)
from .stats import COUNTS
from ..xmlio import atomic_stream
from .teicorpus import Header, IdAllocator, write_corpus
from .worker import EDITION_KINDS, EDITIONS_DIR, INDEX_NAME, build_file, remove_outputs

FULL = ("convert", "validate", "editions")
_TMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how (the conversion options are those of ``tei convert``)."""

    profile: str = "auto"
    people: str | None = None
    date: str = ""
    lang: str = "en"
    kinds: tuple[str, ...] = EDITION_KINDS
    title: str = "Corpus of transcripts"
    corpus_name: str = "corpus.xml"
    force: bool = False
    follow_symlinks: bool = False     # follow links that lead out of the source folder


@dataclass
class FileOutcome:
    """What happened to one source in this run."""

    rel: str
    action: str                 # built | updated | failed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    bytes: int = 0


@dataclass
class Plan:
    """The work a build has to do."""

    tasks: list[dict] = field(default_factory=list)
    skipped: int = 0
    removed: list[str] = field(default_factory=list)
    refused: list[FileOutcome] = field(default_factory=list)   # failed before any work
    total: int = 0


@dataclass
class Summary:
    """The outcome of a build."""

    total: int = 0
    converted: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0
    warnings: int = 0
    seconds: float = 0.0
    corpus_written: bool = False
    documents: int = 0
    corpus_diagnostics: list[Diagnostic] = field(default_factory=list)
    stage_seconds: dict = field(default_factory=dict)
    bytes: int = 0

    def lines(self) -> list[str]:
        """Return the human summary (one line)."""
        return [f"{self.converted} converted, {self.updated} updated, {self.skipped} skipped, "
                f"{self.failed} failed, {self.removed} removed, {self.warnings} warnings "
                f"in {self.seconds:.1f} s"]

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("total", "converted", "updated", "skipped", "failed",
                                           "removed", "warnings", "seconds", "corpus_written",
                                           "documents", "stage_seconds", "bytes")}
        d["corpus_diagnostics"] = [x.to_json() for x in self.corpus_diagnostics]
        return d


class Builder:
    """Build ``source_dir`` into ``out_dir``.

    Raises:
        OutputError: the output folder or the manifest cannot be written.
    """

    def __init__(self, source_dir: str | os.PathLike, out_dir: str | os.PathLike,
                 options: BuildOptions = BuildOptions()) -> None:
        self.source_dir = Path(source_dir)
        self.out_dir = Path(out_dir)
        self.options = options
        bad = [k for k in options.kinds if k not in EDITION_KINDS]
        if bad:
            raise ValueError(f"unknown edition kind(s): {', '.join(bad)}")
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(f"{self.out_dir}: not a folder")
        src, out = self.source_dir.resolve(), self.out_dir.resolve()
        if src == out or out in src.parents:
            raise OutputError(f"{self.out_dir}: the output folder must not be the source folder "
                              "or contain it (outputs are never written among the inputs)")
        self.manifest = Manifest(self.out_dir)
        self.keys = {
            "convert": convert_fingerprint(options.profile, options.people, options.date, options.lang),
            "validate": validate_fingerprint() + ":" + validator_name(),
            "editions": editions_fingerprint(options.kinds),
        }
        self.summary = Summary()
        self._t0 = time.perf_counter()
        self._last_commit = time.monotonic()

    def close(self) -> None:
        """Commit and close the manifest."""
        self.manifest.close()

    # -- planning -----------------------------------------------------------
    def _sources(self) -> Iterator[Path | FileOutcome]:
        """Yield the sources (walked by :mod:`tei_corpus.inputs`) and the entries refused.

        A refused entry (a FIFO, a link loop, a link out of the folder, a name
        that is not UTF-8, which the manifest cannot record) is a failed
        outcome; the walk's warnings go with the corpus diagnostics.
        """
        out = self.out_dir.resolve()
        for item in iter_sources([self.source_dir], RAW_SUFFIXES, exclude=[self.out_dir],
                                 follow_symlinks=self.options.follow_symlinks):
            if isinstance(item, Diagnostic):
                if item.severity == "error":
                    yield self._refused(Path(item.path), item.code, item.message)
                else:
                    self.summary.corpus_diagnostics.append(item)
                    self.summary.warnings += 1
                continue
            src = item.path
            r = src.resolve()
            if r == out or out in r.parents:
                continue
            try:
                str(src).encode("utf-8")
            except UnicodeEncodeError:
                yield self._refused(src, "bad-file-name", "the file name is not valid UTF-8, "
                                    "which the build manifest cannot record; rename the file")
                continue
            yield src

    def _refused(self, path: Path, code: str, message: str) -> FileOutcome:
        try:
            rel = path.relative_to(self.source_dir).as_posix()
        except ValueError:
            rel = path.as_posix()
        return FileOutcome(escape_name(rel), "failed",
                           [Diagnostic(str(path), 0, 0, "error", code, message)])

    def _sweep_temporaries(self) -> None:
        """Remove temporary files an earlier, killed build left behind."""
        if not self.out_dir.is_dir():
            return
        for root, _dirs, files in os.walk(self.out_dir):
            for f in files:
                if _TMP.match(f):
                    try:
                        os.unlink(os.path.join(root, f))
                    except OSError:
                        pass

    def plan(self) -> Plan:
        """Scan the sources, remove outputs of deleted ones, and list the work to do."""
        self._sweep_temporaries()
        plan = Plan()
        opts = self.options
        seen: dict[str, str] = {}
        current: set[str] = set()
        pending = []
        for src in self._sources():
            if isinstance(src, FileOutcome):              # refused by the walk
                plan.total += 1
                plan.refused.append(src)
                continue
            rel = src.relative_to(self.source_dir).as_posix()
            current.add(rel)
            tei_rel = PurePosixPath(rel).with_suffix(".xml").as_posix()
            plan.total += 1
            if tei_rel == opts.corpus_name or tei_rel.split("/", 1)[0] == EDITIONS_DIR:
                plan.refused.append(FileOutcome(rel, "failed", [Diagnostic(
                    str(src), 0, 0, "error", "reserved-output",
                    f"its TEI would be written to {tei_rel}, a name the build keeps for itself")]))
                continue
            if tei_rel in seen:
                plan.refused.append(FileOutcome(rel, "failed", [Diagnostic(
                    str(src), 0, 0, "error", "output-collision",
                    f"its TEI would overwrite that of {seen[tei_rel]} ({tei_rel})")]))
                continue
            seen[tei_rel] = rel
            pending.append((src, rel, tei_rel))
        for rel in self.manifest.rels():
            if rel not in current:
                self._forget(rel, remove_tei=True)
                plan.removed.append(rel)
        for o in plan.refused:
            self._forget(o.rel, remove_tei=False)
        for src, rel, tei_rel in pending:
            stages = self._stages(src, rel, tei_rel)
            if not stages:
                plan.skipped += 1
                continue
            plan.tasks.append({"source": str(src), "rel": rel, "tei": tei_rel,
                               "out_dir": str(self.out_dir), "stages": list(stages),
                               "kinds": list(opts.kinds),
                               "options": {"profile": opts.profile, "people": opts.people,
                                           "date": opts.date, "lang": opts.lang}})
        self.manifest.commit()
        return plan

    def _stages(self, src: Path, rel: str, tei_rel: str) -> tuple[str, ...]:
        rec = self.manifest.get(rel)
        if self.options.force or rec is None or rec.get("status") != "ok":
            return FULL
        st = src.stat()
        stat = [st.st_size, st.st_mtime_ns]
        if rec.get("source_stat") != stat:
            if sha256_file(src) != rec.get("source_sha256"):
                return FULL
            rec["source_stat"] = stat                 # touched, not changed
            self.manifest.put(rel, rec)
        keys = rec.get("keys", {})
        if keys.get("convert") != self.keys["convert"] or not _same_stat(self.out_dir / tei_rel,
                                                                         rec.get("tei_stat")):
            return FULL
        stages = []
        if keys.get("validate") != self.keys["validate"]:
            stages.append("validate")
        if keys.get("editions") != self.keys["editions"] or not all(
                (self.out_dir / p).is_file() for p in rec.get("editions", [])):
            stages.append("editions")
        return tuple(stages)

    def _forget(self, rel: str, remove_tei: bool) -> None:
        rec = self.manifest.get(rel)
        if rec is None:
            return
        outputs = list(rec.get("editions", []))
        if remove_tei and rec.get("tei"):
            outputs.append(rec["tei"])
        remove_outputs(self.out_dir, outputs)
        self.manifest.delete(rel)

    # -- running ------------------------------------------------------------
    def run(self, plan: Plan, jobs: int = 1, executor: str = "local",
            scheduler=None) -> Iterator[FileOutcome]:
        """Do the planned work; yield one outcome per file (refused files first).

        The manifest is committed every second and when the run ends, however it ends.
        """
        s = self.summary
        s.total, s.skipped, s.removed = plan.total, plan.skipped, len(plan.removed)
        for o in plan.refused:
            s.failed += 1
            yield o
        try:
            for rec in iter_map(build_file, plan.tasks, jobs, executor, scheduler):
                yield self._record(rec)
                if time.monotonic() - self._last_commit > 1.0:
                    self.manifest.commit()
                    self._last_commit = time.monotonic()
        finally:
            self.manifest.commit()

    def _record(self, rec: dict) -> FileOutcome:
        rel, stages = rec["rel"], tuple(rec.get("stages", FULL))
        old = self.manifest.get(rel) or {}
        full = "convert" in stages
        diags = [Diagnostic(**d) for d in rec.pop("diagnostics", [])]
        timings = rec.pop("timings", {})
        for k, v in timings.items():
            self.summary.stage_seconds[k] = self.summary.stage_seconds.get(k, 0.0) + v
        self.summary.bytes += rec.get("bytes", 0)
        self.summary.warnings += rec.pop("warnings", 0)
        src = Path(rec["source"])
        if rec["status"] != "ok":
            converted = "tei_sha256" in rec
            stale = [p for p in old.get("editions", [])]
            if not converted and old.get("tei"):
                stale.append(old["tei"])
            remove_outputs(self.out_dir, stale)
            new = {"status": "failed", "tei": rec["tei"] if converted else "",
                   "errors": [str(d) for d in diags if d.severity == "error"][:5]}
            self.manifest.put(rel, new)
            self.summary.failed += 1
            return FileOutcome(rel, "failed", diags, timings, rec.get("bytes", 0))
        new = dict(old) if not full else {}
        for k in ("tei", "tei_sha256", "tei_stat", "doc_id", "stats", "summary"):
            if k in rec:
                new[k] = rec[k]
        if "editions" in stages:
            stale = set(old.get("editions", [])) - set(rec.get("editions", []))
            remove_outputs(self.out_dir, sorted(stale))
            new["editions"] = rec.get("editions", [])
            new["info"] = rec.get("info")
        if full:
            new["source_sha256"] = rec["source_sha256"]
            st = src.stat()
            new["source_stat"] = [st.st_size, st.st_mtime_ns]
        keys = dict(old.get("keys", {})) if not full else {}
        for k in stages:
            keys[k] = self.keys[k]
        new["keys"] = keys
        new["status"] = "ok"
        self.manifest.put(rel, new)
        if full:
            self.summary.converted += 1
        else:
            self.summary.updated += 1
        return FileOutcome(rel, "built" if full else "updated", diags, timings, rec.get("bytes", 0))

    # -- the corpus ---------------------------------------------------------
    def finish(self, plan: Plan | None = None) -> Summary:
        """Write the corpus file and the index when anything they show changed."""
        opts = self.options
        corpus = self.out_dir / opts.corpus_name
        index = self.out_dir / EDITIONS_DIR / INDEX_NAME
        key = self._corpus_key()
        s = self.summary
        if key == self.manifest.get_meta("corpus_key") and corpus.is_file() and index.is_file():
            s.documents = sum(1 for _, r in self.manifest.iter_records() if r.get("status") == "ok")
        else:
            self._write_corpus(corpus, index)
            self.manifest.set_meta("corpus_key", key)
            s.corpus_written = True
        self.manifest.commit()
        s.seconds = time.perf_counter() - self._t0
        return s

    def _corpus_key(self) -> str:
        h = hashlib.sha256(corpus_fingerprint({"title": self.options.title,
                                               "kinds": list(self.options.kinds),
                                               "name": self.options.corpus_name}).encode())
        for rel, rec in self.manifest.iter_records():
            h.update(json.dumps([rel, rec.get("status"), rec.get("tei_sha256"), rec.get("errors"),
                                 rec.get("info")], sort_keys=True).encode())
        return h.hexdigest()

    def _write_corpus(self, corpus: Path, index: Path) -> None:
        opts = self.options
        header = Header(opts.title)
        totals = dict.fromkeys(COUNTS, 0)
        alloc = IdAllocator()
        docs: list[tuple[str, Path]] = []
        entries, failures = [], []
        diags = self.summary.corpus_diagnostics
        by_id: dict[str, str] = {}
        for rel, rec in self.manifest.iter_records():
            if rec.get("status") != "ok":
                failures.append((rel, (rec.get("errors") or ["failed"])[0]))
                continue
            doc_id = rec.get("doc_id") or PurePosixPath(rel).stem
            embed = alloc(doc_id)
            if embed != doc_id:
                diags.append(Diagnostic(str(self.out_dir / rec["tei"]), 0, 0, "warning",
                                        "duplicate-doc-id",
                                        f'document id "{doc_id}" is also that of {by_id.get(doc_id, "?")}; '
                                        f'it is "{embed}" in {opts.corpus_name}'))
            by_id.setdefault(doc_id, rec["tei"])
            header.add_document(embed, rec.get("summary", {}))
            for k in COUNTS:
                totals[k] += rec.get("stats", {}).get(k, 0)
            docs.append((embed, self.out_dir / rec["tei"]))
            info = rec.get("info")
            if info:
                entries.append(IndexEntry(**info))
        header.totals = totals
        self.summary.documents = len(docs)
        write_corpus(corpus, header, docs)
        entries.sort(key=lambda e: e.href)
        page = render_build_index(entries, failures, opts.title)
        with atomic_stream(index) as fh:
            fh.write(page)


def _same_stat(path: Path, stat) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    return stat == [st.st_size, st.st_mtime_ns]


def build(source_dir, out_dir, options: BuildOptions = BuildOptions(), jobs: int = 1,
          executor: str = "local", scheduler=None) -> tuple[Summary, list[FileOutcome]]:
    """Build a corpus in one call; return the summary and the outcomes that have diagnostics."""
    b = Builder(source_dir, out_dir, options)
    try:
        plan = b.plan()
        noted = [o for o in b.run(plan, jobs, executor, scheduler) if o.diagnostics]
        return b.finish(plan), noted
    finally:
        b.close()
