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
``editions/{html,text,tsv}/`` with ``editions/index.html``, the manifest
``.tei-build.sqlite`` and its lock ``.tei-build.lock`` (one build at a time).
With the HTML editions, each document's part of the corpus site is an output
of its own beside its page (``editions/html/<stem>.site.json``), and the site
around the pages (``editions/search.html``...) is written from those files,
read back one at a time.
Only what changed since the last build is redone (see
:mod:`tei_corpus.corpus.manifest`); outputs of deleted sources are removed.
An output that changed since the build wrote it (a hand correction) is kept,
with an ``output-changed`` warning, unless ``force``; a write error stops the
run without removing anything (``Summary.write_failed``).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from ..convert import load_registry
from ..convert.batch import RAW_SUFFIXES, iter_sources
from ..convert.media import find_media
from ..editions import IndexEntry, SiteRecords, iter_site_files, plan_site
from ..editions.site import Site
from ..errors import Diagnostic, OutputError, escape_name
from .checks import validator_name
from .executors import Limits, run_batch
from .index import render_build_index
from .manifest import (Manifest, convert_fingerprint, corpus_fingerprint, editions_fingerprint,
                       registry_fingerprint, sha256_file, validate_fingerprint)
from .stats import COUNTS
from ..xmlio import atomic_stream, check_output_folder, sweep_temporaries, write_atomic
from .teicorpus import Header, IdAllocator, write_corpus
from .worker import (BUILD_EDITION_KINDS, CHANGED, EDITION_KINDS, EDITIONS_DIR, INDEX_NAME, build_file,
                     is_changed, lost_record, remove_outputs, sha256_or_none, site_record_path,
                     stat_of)

FULL = ("convert", "validate", "editions")
KEPT = ("kept",)                # nothing to do: the TEI was changed by someone else


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how (the conversion options are those of ``tei convert``)."""

    profile: str = "auto"
    people: str | None = None
    date: str = ""
    lang: str = "auto"
    lang_packs: tuple[str, ...] = ()  # the user's language packs (TOML paths, --lang-pack)
    kinds: tuple[str, ...] = EDITION_KINDS
    title: str = "Corpus of transcripts"
    corpus_name: str = "corpus.xml"
    force: bool = False
    follow_symlinks: bool = False     # follow links that lead out of the source folder
    time_offset: float = 0.0          # seconds added to every time of every document
    media: str | None = None          # the recordings: a template with {stem}/{path} (media.py);
                                      # None: a media file next to each source, if any


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
    kept: list[FileOutcome] = field(default_factory=list)      # outputs changed by hand, kept
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
    write_failed: int = 0       # files whose outputs could not be written (the run stopped)
    not_taken: list[Diagnostic] = field(default_factory=list)   # files of other suffixes
    converted_files: list[str] = field(default_factory=list)    # sources converted, in order

    def lines(self) -> list[str]:
        """Return the human summary (one line); files not taken are counted when there are any."""
        skipped = f"{len(self.not_taken)} not taken, " if self.not_taken else ""
        return [f"{self.converted} converted, {self.updated} updated, {self.skipped} skipped, "
                f"{self.failed} failed, {skipped}{self.removed} removed, {self.warnings} warnings "
                f"in {self.seconds:.1f} s"]

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("total", "converted", "updated", "skipped", "failed",
                                           "removed", "warnings", "seconds", "corpus_written",
                                           "documents", "stage_seconds", "bytes",
                                           "write_failed", "converted_files")}
        d["corpus_diagnostics"] = [x.to_json() for x in self.corpus_diagnostics]
        d["not_taken"] = [x.to_json() for x in self.not_taken]
        return d


class Builder:
    """Build ``source_dir`` into ``out_dir``.

    Raises:
        OutputError: the output folder or the manifest cannot be written.
        ConfigError: the speaker registry cannot be used.
    """

    def __init__(self, source_dir: str | os.PathLike, out_dir: str | os.PathLike,
                 options: BuildOptions = BuildOptions()) -> None:
        self.source_dir = Path(source_dir)
        self.out_dir = Path(out_dir)
        self.options = options
        bad = [k for k in options.kinds if k not in BUILD_EDITION_KINDS]
        if bad:
            raise ValueError(f"unknown edition kind(s): {', '.join(bad)}")
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(f"{self.out_dir}: not a folder")
        check_output_folder(self.out_dir, [self.source_dir])
        self.registry = load_registry(options.people) if options.people else []
        self._registry_sha256 = sha256_file(options.people) if options.people else ""
        self.manifest = Manifest(self.out_dir)
        self.keys = {
            "convert": convert_fingerprint(options.profile, options.date, options.lang,
                                           options.time_offset, lang_packs=options.lang_packs),
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
        outcome; a file of another suffix is not taken (a warning, listed in
        the summary and the index).
        """
        out = self.out_dir.resolve()
        for item in iter_sources([self.source_dir], RAW_SUFFIXES, exclude=[self.out_dir],
                                 follow_symlinks=self.options.follow_symlinks):
            if isinstance(item, Diagnostic):
                if item.severity == "error":
                    yield self._refused(Path(item.path), item.code, item.message)
                else:
                    self.summary.not_taken.append(item)
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

    def plan(self) -> Plan:
        """Scan the sources, remove outputs of deleted ones, and list the work to do."""
        sweep_temporaries(self.out_dir)          # left by a killed build
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
                self._forget(rel, True, plan)
                plan.removed.append(rel)
        for o in plan.refused:
            self._forget(o.rel, False, plan)
        for src, rel, tei_rel in pending:
            rec = self.manifest.get(rel)
            recording = self._recording(src, rel, tei_rel)
            stages = self._stages(src, rel, rec, tei_rel, recording)
            if stages == KEPT:
                plan.kept.append(FileOutcome(rel, "kept", [Diagnostic(
                    str(self.out_dir / tei_rel), 0, 0, "warning", "output-changed", CHANGED)]))
                continue
            if not stages:
                plan.skipped += 1
                continue
            plan.tasks.append({"source": str(src), "rel": rel, "tei": tei_rel,
                               "out_dir": str(self.out_dir), "stages": list(stages),
                               "kinds": list(opts.kinds), "expect": expected_outputs(rec),
                               "force": opts.force, "recording": recording,
                               "registry_sha256": self._registry_sha256,
                               "options": {"profile": opts.profile, "people": opts.people,
                                           "date": opts.date, "lang": opts.lang,
                                           "time_offset": opts.time_offset,
                                           "lang_packs": list(opts.lang_packs)}})
        self.manifest.commit()
        return plan

    def _recording(self, src: Path, rel: str, tei_rel: str) -> list | None:
        """The recording of a source (``--media``, or a media file beside it) as [kind, url, type]."""
        found, _ = find_media(src, self.options.media, self.out_dir / tei_rel, rel)
        return None if found is None else [found.kind, found.url, found.mime_type]

    def _stages(self, src: Path, rel: str, rec: dict | None, tei_rel: str,
                recording: list | None = None) -> tuple[str, ...]:
        """Return the stages to redo for a source, or KEPT when only its TEI changed, by hand.

        When the source, its recording or the conversion changed, the worker decides
        about an existing TEI file: it knows what it would write (see ``write_output``).
        """
        if self.options.force or rec is None or rec.get("status") != "ok" or rec.get("stale") \
                or rec.get("recording") != recording:
            return FULL
        st = src.stat()
        stat = [st.st_size, st.st_mtime_ns]
        if rec.get("source_stat") != stat:
            if sha256_file(src) != rec.get("source_sha256"):
                return FULL
            rec["source_stat"] = stat                 # touched, not changed
            self.manifest.put(rel, rec)
        keys = rec.get("keys", {})
        if keys.get("convert") != self.keys["convert"]:
            return FULL
        registry = registry_fingerprint(self.registry, rel, rec.get("labels"))
        if registry is None or keys.get("registry") != registry:
            return FULL                                 # the rows for its labels changed
        tei = self.out_dir / tei_rel
        if not _same_stat(tei, rec.get("tei_stat")):
            if not tei.is_file():
                return FULL
            if is_changed(tei, expected_outputs(rec).get(tei_rel)):
                return KEPT                             # a hand correction of the TEI
            rec["tei_stat"] = stat_of(tei)              # touched, not changed
            self.manifest.put(rel, rec)
        stages = []
        if keys.get("validate") != self.keys["validate"]:
            stages.append("validate")
        if keys.get("editions") != self.keys["editions"] or not all(
                (self.out_dir / p).is_file() for p in rec.get("editions", [])):
            stages.append("editions")
        return tuple(stages)

    def _forget(self, rel: str, remove_tei: bool, plan: Plan) -> None:
        """Remove the outputs of ``rel`` (those changed by someone else are kept) and its record."""
        rec = self.manifest.get(rel)
        if rec is None:
            return
        outputs = list(rec.get("editions", []))
        if remove_tei and rec.get("tei"):
            outputs.append(rec["tei"])
        kept = remove_outputs(self.out_dir, outputs, expected_outputs(rec))
        if kept:
            plan.kept.append(FileOutcome(rel, "removed", self._kept(kept)))
        self.manifest.delete(rel)

    def _kept(self, rels) -> list[Diagnostic]:
        return [Diagnostic(str(self.out_dir / r), 0, 0, "warning", "output-changed",
                           "changed since the build wrote it: kept, although the build "
                           "no longer writes it") for r in rels]

    # -- running ------------------------------------------------------------
    def run(self, plan: Plan, jobs: int = 1, executor: str = "local",
            scheduler=None, limits: Limits = Limits()) -> Iterator[FileOutcome]:
        """Do the planned work; yield one outcome per file (refused files first).

        Each file is built under ``limits`` (local executor): a file over its
        time or memory, or whose worker died, fails with ``time-limit``,
        ``memory-limit`` or ``worker-crashed`` and the others go on. The
        manifest is committed every second and when the run ends, however it ends.
        """
        s = self.summary
        s.total, s.skipped, s.removed = plan.total, plan.skipped, len(plan.removed)
        for o in plan.refused:
            s.failed += 1
            yield o
        for o in plan.kept:
            s.skipped += o.action == "kept"
            s.warnings += len(o.diagnostics)
            yield o
        results = run_batch(build_file, plan.tasks, jobs=jobs, limits=limits,
                            lost=partial(lost_record, limits), executor=executor,
                            scheduler=scheduler)
        try:
            for rec in results:
                yield self._record(rec)
                if rec.get("write_failed"):
                    break                       # a full disk fails every file: stop here
                if time.monotonic() - self._last_commit > 1.0:
                    self.manifest.commit()
                    self._last_commit = time.monotonic()
        finally:
            results.close()
            self.manifest.commit()

    def _record(self, rec: dict) -> FileOutcome:
        rel, stages = rec["rel"], tuple(rec.get("stages", FULL))
        old = self.manifest.get(rel) or {}
        diags = [Diagnostic(**d) for d in rec.pop("diagnostics", [])]
        timings = rec.pop("timings", {})
        for k, v in timings.items():
            self.summary.stage_seconds[k] = self.summary.stage_seconds.get(k, 0.0) + v
        self.summary.bytes += rec.get("bytes", 0)
        self.summary.warnings += rec.pop("warnings", 0)
        outcome = FileOutcome(rel, "failed", diags, timings, rec.get("bytes", 0))
        if rec.get("write_failed"):
            self._record_write_failure(rel, old, rec)
        elif rec["status"] == "kept":                  # its TEI was changed by someone else
            self.summary.skipped += 1
            outcome.action = "kept"
        elif rec["status"] != "ok":
            self._record_failure(rel, old, rec, diags)
        else:
            outcome.action = self._record_success(rel, old, rec, stages, diags)
        return outcome

    def _record_write_failure(self, rel: str, old: dict, rec: dict) -> None:
        """Keep the previous outputs and record; note what was written, to redo the file."""
        new = dict(old) if old else {"status": "failed", "tei": "", "errors": []}
        new["outputs"] = {**expected_outputs(old), **rec["outputs"]}
        new["stale"] = True
        self.manifest.put(rel, new)
        self.summary.failed += 1
        self.summary.write_failed += 1

    def _record_failure(self, rel: str, old: dict, rec: dict, diags: list[Diagnostic]) -> None:
        converted = "tei_sha256" in rec
        stale = list(old.get("editions", []))
        if not converted and old.get("tei"):
            stale.append(old["tei"])
        expect = expected_outputs(old)
        kept = remove_outputs(self.out_dir, stale, expect)
        diags.extend(self._kept(kept))
        self.summary.warnings += len(kept)
        outputs = {r: expect[r] for r in kept if r in expect}
        outputs.update(rec["outputs"])
        self.manifest.put(rel, {"status": "failed", "tei": rec["tei"] if converted else "",
                                "outputs": outputs,
                                "errors": [str(d) for d in diags if d.severity == "error"][:5]})
        self.summary.failed += 1

    def _record_success(self, rel: str, old: dict, rec: dict, stages, diags) -> str:
        full = "convert" in stages
        new = dict(old) if not full else {}
        outputs = expected_outputs(old) if not full else {}
        for k in ("tei", "tei_sha256", "tei_stat", "doc_id", "stats", "summary", "recording"):
            if k in rec:
                new[k] = rec[k]
        if "editions" in stages:
            stale = sorted(set(old.get("editions", [])) - set(rec.get("editions", [])))
            kept = remove_outputs(self.out_dir, stale, expected_outputs(old))
            diags.extend(self._kept(kept))
            self.summary.warnings += len(kept)
            for r in stale:
                outputs.pop(r, None)
            new["editions"] = rec.get("editions", [])
            new["info"] = rec.get("info")
        new["outputs"] = {**outputs, **rec["outputs"]}
        if full:
            new["source_sha256"] = rec["source_sha256"]
            new["source_stat"] = rec["source_stat"]    # of the bytes read (None: changed since)
            new["labels"] = rec.get("labels")
        keys = dict(old.get("keys", {})) if not full else {}
        for k in stages:
            keys[k] = self.keys[k]
        if full:
            keys["registry"] = registry_fingerprint(self.registry, rel, new["labels"])
        new["keys"] = keys
        new["status"] = "ok"
        new.pop("stale", None)
        self.manifest.put(rel, new)
        if full:
            self.summary.converted += 1
            self.summary.converted_files.append(rel)
        else:
            self.summary.updated += 1
        return "built" if full else "updated"

    # -- the corpus ---------------------------------------------------------
    def finish(self, plan: Plan | None = None) -> Summary:
        """Write the corpus file and the index when anything they show changed."""
        opts = self.options
        corpus = self.out_dir / opts.corpus_name
        index = self.out_dir / EDITIONS_DIR / INDEX_NAME
        s = self.summary
        if s.write_failed:              # the disk is full or the folder unwritable: change nothing
            s.seconds = time.perf_counter() - self._t0
            return s
        key = self._corpus_key()
        pages = hashlib.sha256((key + self.keys["editions"]).encode()).hexdigest()  # stylesheets
        same = not opts.force and key == self.manifest.get_meta("corpus_key") and corpus.is_file()
        if same and pages == self.manifest.get_meta("pages_key") and index.is_file():
            s.documents = sum(1 for _, r in self.manifest.iter_records() if r.get("status") == "ok")
        else:                           # the corpus file, or only the index and the site
            kept = self._changed_corpus_files(*([index] if same else [corpus, index]))
            left = kept | ({corpus} if same else set())
            self._write_corpus(corpus, index, left)
            for p in {corpus, index} - left:
                self.manifest.set_meta(_hash_key(self.out_dir, p), sha256_file(p))
            self.manifest.set_meta("corpus_key", key)
            self.manifest.set_meta("pages_key", pages)
            s.corpus_written = corpus not in left
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
        h.update(json.dumps(self._not_taken()).encode())
        return h.hexdigest()

    def _not_taken(self) -> list[tuple[str, str]]:
        """``(source, why)`` of each file not taken, for the index."""
        out = []
        for d in self.summary.not_taken:
            try:
                rel = Path(d.path).relative_to(self.source_dir).as_posix()
            except ValueError:
                rel = Path(d.path).as_posix()
            out.append((escape_name(rel), d.message))
        return out

    def _changed_corpus_files(self, *paths: Path) -> set[Path]:
        """Return the corpus files changed since the build wrote them (to keep; warned)."""
        kept = set()
        for p in paths:
            recorded = self.manifest.get_meta(_hash_key(self.out_dir, p))
            if not self.options.force and recorded and is_changed(p, recorded):
                kept.add(p)
                self.summary.warnings += 1
                self.summary.corpus_diagnostics.append(
                    Diagnostic(str(p), 0, 0, "warning", "output-changed", CHANGED))
        return kept

    def _write_corpus(self, corpus: Path, index: Path, kept: set[Path] = frozenset()) -> None:
        opts = self.options
        header, docs, entries, failures, records = self._gather()
        # the site's records are read (and checked) before anything is written
        site = plan_site(SiteRecords(records)) if "html" in opts.kinds else None
        self.summary.documents = len(docs)
        if corpus not in kept:
            write_corpus(corpus, header, docs)
        entries.sort(key=lambda e: e.href)
        if site is not None:
            self._write_site(index, kept, site, entries, failures)
            return
        if index not in kept:
            with atomic_stream(index) as fh:
                fh.write(render_build_index(entries, failures, opts.title, self._not_taken()))
        self._site_written([])              # no HTML editions: no site around them

    def _gather(self) -> tuple[Header, list, list[IndexEntry], list, list[Path]]:
        """Read the manifest row by row: the corpus header, its documents, the index, the site.

        Returns the header, ``(embedded id, TEI file)`` of each document, the
        index entries, ``(source, first error)`` of each failed file, and the
        site record files of the documents (in source order).
        """
        header, alloc = Header(self.options.title), IdAllocator()
        totals = dict.fromkeys(COUNTS, 0)
        docs, entries, failures, records = [], [], [], []
        by_id: dict[str, str] = {}
        for rel, rec in self.manifest.iter_records():
            if rec.get("status") != "ok":
                failures.append((rel, (rec.get("errors") or ["failed"])[0]))
                continue
            doc_id = rec.get("doc_id") or PurePosixPath(rel).stem
            embed = alloc(doc_id)
            if embed != doc_id:
                self.summary.corpus_diagnostics.append(Diagnostic(
                    str(self.out_dir / rec["tei"]), 0, 0, "warning", "duplicate-doc-id",
                    f'document id "{doc_id}" is also that of {by_id.get(doc_id, "?")}; '
                    f'it is "{embed}" in {self.options.corpus_name}'))
            by_id.setdefault(doc_id, rec["tei"])
            header.add_document(embed, rec.get("summary", {}))
            for k in COUNTS:
                totals[k] += rec.get("stats", {}).get(k, 0)
            docs.append((embed, self.out_dir / rec["tei"]))
            if rec.get("info"):
                entries.append(IndexEntry(**rec["info"]))
                site = site_record_path(rec["tei"])
                if site in rec.get("editions", []):
                    records.append(self.out_dir / site)
        header.totals = totals
        return header, docs, entries, failures, records

    def _write_site(self, index: Path, kept: set[Path], site: Site, entries: list[IndexEntry],
                    failures: list) -> None:
        """Write the corpus site around the HTML editions (its index is ``index``).

        ``site`` is planned from the documents' record files
        (:func:`~tei_corpus.corpus.worker.site_record_path`), which the search
        index reads again, one at a time. Each page's hash is kept in the
        manifest, as the corpus file's is: a page changed by hand is kept (a
        warning says so) unless ``force``; a page the site no longer has (a
        participant who left) is removed, unless changed.
        """
        folder = index.parent
        written = []
        for name, data in iter_site_files(site, self.options.title, entries, failures,
                                          self._not_taken()):
            path = folder / name
            if path == index:
                if index not in kept:
                    write_atomic(path, data)
                continue
            key = _hash_key(self.out_dir, path)
            new, recorded = hashlib.sha256(data).hexdigest(), self.manifest.get_meta(key)
            written.append(path.relative_to(self.out_dir).as_posix())
            if recorded == new and sha256_or_none(path) == new:
                continue                        # the same page: left as it is
            if not self.options.force and is_changed(path, recorded or new):
                self.summary.warnings += 1
                self.summary.corpus_diagnostics.append(
                    Diagnostic(str(path), 0, 0, "warning", "output-changed", CHANGED))
                continue
            write_atomic(path, data)
            self.manifest.set_meta(key, new)
        self._site_written(written)

    def _site_written(self, written: list[str]) -> None:
        """Record the site's pages; remove those of the last build it no longer has (unless changed)."""
        old = set(json.loads(self.manifest.get_meta("site_files") or "[]"))
        gone = sorted(old - set(written))
        expect = {r: self.manifest.get_meta("sha256:" + r) or "" for r in gone}
        for d in self._kept(remove_outputs(self.out_dir, gone, expect)):
            self.summary.warnings += 1
            self.summary.corpus_diagnostics.append(d)
        self.manifest.set_meta("site_files", json.dumps(written))


def _hash_key(out_dir: Path, path: Path) -> str:
    """The manifest's meta key of the hash of a corpus file the build wrote."""
    return "sha256:" + path.relative_to(out_dir).as_posix()


def expected_outputs(rec: dict | None) -> dict[str, str]:
    """Return ``{output: sha256}`` of what the build recorded it wrote for a source.

    A record from before outputs were hashed gives ``"*"`` (taken as the build's own).
    """
    if not rec:
        return {}
    if "outputs" in rec:
        return dict(rec["outputs"])
    legacy = dict.fromkeys(rec.get("editions", []), "*")
    if rec.get("tei"):
        legacy[rec["tei"]] = rec.get("tei_sha256") or "*"
    return legacy


def _same_stat(path: Path, stat) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    return stat == [st.st_size, st.st_mtime_ns]


def build(source_dir, out_dir, options: BuildOptions = BuildOptions(), jobs: int = 1,
          executor: str = "local", scheduler=None,
          limits: Limits = Limits()) -> tuple[Summary, list[FileOutcome]]:
    """Build a corpus in one call; return the summary and the outcomes that have diagnostics."""
    b = Builder(source_dir, out_dir, options)
    try:
        plan = b.plan()
        noted = [o for o in b.run(plan, jobs, executor, scheduler, limits) if o.diagnostics]
        return b.finish(plan), noted
    finally:
        b.close()
