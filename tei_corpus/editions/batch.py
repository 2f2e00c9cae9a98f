"""Render many TEI files into an output folder, in parallel, with a time limit.

Each file is parsed once and rendered into every requested kind. Files are
independent: a bad file yields diagnostics and the others go on. With a time
limit, each file runs in a worker process that is killed when it overruns.
Results come back in input order.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import quote

from ..errors import Diagnostic, InputError, OutputError, TeiCorpusError, escape_name
from ..inputs import TEI_SUFFIXES, Input, iter_inputs as walk_inputs
from ..xmlio import (WrittenRecord, check_output_folder, differs, file_ids,
                     foreign_output_diagnostic, is_one_of, parse_file, sweep_temporaries,
                     write_atomic)
from .render import (IndexEntry, document_info, render_html, render_index, render_tables,
                     render_text)
from .site import RECORD_SUFFIX, SiteRecords, plan_site, record_bytes, site_record
from .site_pages import PEOPLE_DIR, SITE_NAMES, iter_site_files
from .timed import TIMED_KINDS, render_timed
from .tokens import TOKEN_KINDS, render_tokens

#: Edition kinds and the suffixes of the files each writes.
KINDS: dict[str, tuple[str, ...]] = {
    "html": (".html",),
    "site": (".html", RECORD_SUFFIX),  # the html page, and the document's part of the site
    "text": (".txt",),
    "analysis": (".analysis.txt",),
    "tsv": (".utterances.tsv", ".participants.tsv", ".events.tsv"),
    "jsonl": (".utterances.jsonl", ".participants.jsonl", ".events.jsonl"),
    "vtt": (".vtt",),
    "srt": (".srt",),
    "eaf": (".eaf",),
    "textgrid": (".TextGrid",),
    "conllu": (".conllu",),
    "vert": (".vert",),
}


@dataclass(frozen=True)
class Options:
    """How to render: the knobs of every kind."""

    boilerplate: bool = False          # text: include the matter around the transcript
    html_boilerplate: str = "collapsed"
    index_href: str = ""               # html: the index page, relative to outdir ("" = no link)
    gap: str = ""                      # analysis: text standing for a gap
    force: bool = False                # replace outputs tei-corpus did not write (or changed since)
    protect: frozenset = frozenset()   # outputs left alone unless they already hold the new bytes


@dataclass
class RenderResult:
    """What happened to one input file."""

    path: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    info: IndexEntry | None = None
    site: Path | None = None           # kind site: the file of its site record (site_record)
    failure: str = ""                  # an output could not be written: the run must stop

    @property
    def ok(self) -> bool:
        return not self.diagnostics and not self.failure


def iter_inputs(paths: Iterable[str | Path], *, follow_symlinks: bool = False
                ) -> Iterator[tuple[Path, Path | Diagnostic]]:
    """Yield ``(file, relative output stem)`` for files and folders.

    Folders are walked by :func:`tei_corpus.inputs.iter_inputs` (``*.xml`` and
    ``*.tei`` in any case, sorted, hidden names skipped); an entry it refuses
    (a FIFO, a link loop, a link out of the folder) comes as ``(its path, the
    Diagnostic)``; its warnings are left out.
    """
    for item in walk_inputs(paths, TEI_SUFFIXES, follow_symlinks=follow_symlinks):
        if isinstance(item, Diagnostic):
            if item.severity == "error":
                yield Path(item.path), item
        elif item.base is not None:
            yield item.path, Path(item.rel).with_suffix("")
        else:
            p = item.path
            yield p, Path(p.name).with_suffix("") if p.suffix else Path(p.name)


def render_file(path: Path, stem: Path, kinds: Sequence[str], outdir: Path,
                options: Options = Options()) -> RenderResult:
    """Parse one file and write each requested edition kind under ``outdir``."""
    result = RenderResult(path)
    try:
        tree = parse_file(path, huge_tree=True)
        base = outdir / stem
        doc_id = (tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id")
                  or escape_name(stem.name))
        for kind in kinds:
            if kind in ("html", "site"):
                index = ("../" * (len(stem.parts) - 1) + options.index_href) if options.index_href else ""
                data = {".html": render_html(tree, {"index": index, "doc": doc_id,
                                                    "boilerplate": options.html_boilerplate},
                                             path=str(path))}
                href = _href(stem.as_posix() + ".html")
                result.info = document_info(tree, href=href, doc_id=doc_id, path=str(path))
                record = site_record(tree, href, doc_id=doc_id, path=str(path)) \
                    if kind == "site" else None
                if record is not None:          # a teiCorpus has none: its members are documents
                    data[RECORD_SUFFIX] = record_bytes(record)
            elif kind == "text":
                data = {".txt": render_text(tree, "diplomatic", options.boilerplate, path=str(path))}
            elif kind == "analysis":
                data = {".analysis.txt": render_text(tree, "analysis", gap=options.gap, path=str(path))}
            elif kind in ("tsv", "jsonl"):
                tables = render_tables(tree, kind, doc_id=doc_id, path=str(path))
                data = {f".{name}.{kind}": text for name, text in tables.items()}
            elif kind in TIMED_KINDS:
                data = {KINDS[kind][0]: render_timed(tree, kind, path=str(path))}
            elif kind in TOKEN_KINDS:
                data = {KINDS[kind][0]: render_tokens(tree, kind, path=str(path))}
            else:
                raise ValueError(f"unknown edition kind {kind!r}")
            for suffix, content in data.items():
                target = base.parent / (base.name + suffix)
                if str(target) in options.protect and differs(target, content):
                    result.diagnostics.append(foreign_output_diagnostic(path, target))
                    continue
                write_atomic(target, content)
                result.outputs.append(target)
                if suffix == RECORD_SUFFIX:
                    result.site = target
    except InputError as exc:
        result.diagnostics.append(exc.diagnostic())
    except OutputError as exc:
        result.failure = str(exc)
    except TeiCorpusError as exc:
        result.failure = str(exc)
    return result


def _href(name: str) -> str:
    """Return a relative link to the file ``name``, its bytes percent-encoded where a URL needs it.

    Spaces, control characters (a newline in a name) and bytes that are not
    UTF-8 become ``%XX``, so the link finds the file whatever its name.
    """
    return quote(os.fsencode(name), safe="/")


def _named(paths: list) -> list:
    """What the user named: a walked file stands for the folder it was found in."""
    named = []
    for p in paths:
        if isinstance(p, Input):
            named.append(p.base if p.base is not None else p.path)
        elif not isinstance(p, Diagnostic):
            named.append(p)
    return list(dict.fromkeys(map(Path, named)))


def output_names(stem: Path, kinds: Sequence[str]) -> list[str]:
    """Return the outputs (posix, relative to the output folder) of one file's ``kinds``."""
    return [(stem.parent / (stem.name + suffix)).as_posix()
            for kind in kinds for suffix in KINDS[kind]]


def _plan(paths, kinds, outdir,
          index: str = "") -> list[tuple[Path, Path | None, Diagnostic | None]]:
    """Pair each input with its output stem, refusing a file whose outputs are taken.

    An output is taken when an earlier input writes it, when it is the index
    page (``index``, relative to ``outdir``), a page of the site (kind
    ``site``: its pages, scripts and the ``people/`` folder), or an input
    file. An entry the walk refused comes with its diagnostic.
    """
    inputs = list(iter_inputs(paths))
    ids = file_ids(f for f, stem in inputs if not isinstance(stem, Diagnostic))
    taken: dict[str, str] = {index: "the index page"} if index else {}
    if "site" in kinds:
        taken.update(dict.fromkeys(SITE_NAMES, "a page of the site"))
    plan = []
    for f, stem in inputs:
        if isinstance(stem, Diagnostic):            # refused by the walk
            plan.append((f, None, stem))
            continue
        outputs = output_names(stem, kinds)
        clash = next(((o, taken[o]) for o in outputs if o in taken), None) or next(
            ((o, "the participant pages of the site") for o in outputs if "site" in kinds
             and o.split("/", 1)[0] == PEOPLE_DIR), None) or next(
            ((o, "an input file") for o in outputs if is_one_of(outdir / o, ids)), None)
        if clash:
            d = Diagnostic(str(f), 0, 0, "error", "output-collision", f"its edition "
                           f"{(outdir / clash[0]).as_posix()} would overwrite {clash[1]}")
            plan.append((f, None, d))
            continue
        taken.update(dict.fromkeys(outputs, f"the edition of {f}"))
        plan.append((f, stem, None))
    return plan


def iter_render(paths: Iterable[str | Path], kinds: Sequence[str], outdir: str | Path,
                jobs: int = 1, *, options: Options = Options(),
                timeout: float | None = 120.0, max_memory: int = 0,
                follow_symlinks: bool = False) -> Iterator[RenderResult]:
    """Render every TEI file under ``paths`` into ``outdir``; yield results in input order.

    Args:
        paths: files and folders (folders: every ``*.xml`` below, sorted;
            outputs keep the relative layout).
        kinds: any of ``html``, ``text``, ``analysis``, ``tsv``, ``jsonl``,
            the timed kinds ``vtt``, ``srt``, ``eaf``, ``textgrid``, and the
            token kinds ``conllu``, ``vert`` (of annotated documents).
        outdir: the output folder (created if needed).
        jobs: worker processes.
        options: rendering options.
        timeout: seconds allowed per file (None or 0: no limit; with no
            limit and one job, no worker process).
        max_memory: MiB of memory per file (0: no limit).
        follow_symlinks: follow links that lead out of a folder named
            (the walk is :mod:`tei_corpus.inputs`; what it refuses is a
            result with one diagnostic).

    Raises:
        OutputError: ``outdir`` is or holds the folder of an input, or an
            output could not be written (the run stops).
        ValueError: an unknown kind.
    """
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ValueError(f"unknown edition kind(s): {', '.join(bad)}")
    outdir = Path(outdir)
    paths = list(paths)
    check_output_folder(outdir, _named(paths))
    paths = [i for i in walk_inputs(paths, TEI_SUFFIXES, follow_symlinks=follow_symlinks)
             if not (isinstance(i, Diagnostic) and i.severity == "warning")]
    plan = _plan(paths, kinds, outdir, options.index_href if {"html", "site"} & set(kinds) else "")
    ours = [outdir / o for _, stem, _ in plan if stem is not None
            for o in output_names(stem, kinds)] + \
        ([outdir / options.index_href] if options.index_href else []) + \
        ([outdir / name for name in SITE_NAMES] if "site" in kinds else [])
    if outdir.is_dir():                 # what a killed run left of these outputs
        sweep_temporaries(outdir, ours)
    record = WrittenRecord(outdir)
    if not options.force:
        options = dataclasses.replace(options, protect=frozenset(
            str(outdir / o) for _, stem, _ in plan if stem is not None
            for o in output_names(stem, kinds) if record.is_foreign(outdir / o)))
    try:
        for res in _render_plan(plan, kinds, outdir, options, jobs, timeout, max_memory):
            for o in res.outputs:
                record.add(o)
            yield res
    finally:                            # what was written is recorded, however the run ends
        record.save()
        if outdir.is_dir():             # a worker stopped mid-write (Ctrl-C) leaves a temporary
            sweep_temporaries(outdir, ours)


def _render_plan(plan, kinds, outdir, options, jobs, timeout, max_memory
                 ) -> Iterator[RenderResult]:
    """Render ``plan`` on the one executor (tei_corpus.corpus.executors), in input order."""
    from ..corpus.executors import Limits, run_batch   # tei_corpus.corpus imports us
    limits = Limits(timeout or 0.0, max_memory)
    for res in run_batch(partial(_render_task, list(kinds), outdir, options), plan, jobs=jobs,
                         limits=limits, ready=_refused, lost=partial(_lost, limits)):
        if res.failure:
            raise OutputError(res.failure)
        yield res


def _render_task(kinds, outdir, options, entry) -> RenderResult:
    """Worker function: render one planned file."""
    f, stem, _ = entry
    return render_file(f, stem, kinds, outdir, options)


def _lost(limits, entry, reason: str) -> RenderResult:
    """The result of a file stopped by a limit, or whose worker died."""
    from ..corpus.executors import limit_diagnostic
    return RenderResult(entry[0], diagnostics=[limit_diagnostic(entry[0], reason, limits,
                                                                "rendered")])


def _refused(entry) -> RenderResult | None:
    """The result of a file refused before any work (walk, output collision), else None."""
    f, _, diag = entry
    return RenderResult(f, diagnostics=[diag]) if diag else None


def write_index(outdir: str | Path, entries: Iterable[IndexEntry], title: str = "Corpus index",
                name: str = "index.html", force: bool = False) -> Path:
    """Write the corpus index page (entries sorted by link) into ``outdir``.

    Raises:
        OutputError: the page exists and was not written by tei-corpus, or was
            changed since (unless ``force``).
    """
    target = Path(outdir) / name
    record = WrittenRecord(outdir)
    if not force and record.is_foreign(target):
        raise OutputError(foreign_output_diagnostic(target, target).message)
    write_atomic(target, render_index(sorted(entries, key=lambda e: e.href), title=title))
    record.add(target)
    record.save()
    return target


def write_site(outdir: str | Path, results: Iterable[RenderResult], title: str = "Corpus index",
               force: bool = False) -> list[Path]:
    """Write the pages of the corpus site (kind ``site``) of ``results`` into ``outdir``.

    The index lists every result with a page; the search, the participant
    pages and the facets cover those with a site record (a ``teiCorpus``
    file has none: its members are documents of their own), read back from
    the record files :func:`render_file` wrote, one at a time. Returns the
    files written.

    Raises:
        OutputError: a page exists and was not written by tei-corpus, or was
            changed since (unless ``force``).
        InputError: a record file cannot be read back (code ``site-record``).
    """
    results = [r for r in results if r.info is not None]
    site = plan_site(SiteRecords(r.site for r in results if r.site is not None))
    record = WrittenRecord(outdir)
    written = []
    try:
        for name, data in iter_site_files(site, title, [r.info for r in results]):
            target = Path(outdir) / name
            if not force and record.is_foreign(target) and differs(target, data):
                raise OutputError(foreign_output_diagnostic(target, target).message)
            write_atomic(target, data)
            record.add(target)
            written.append(target)
    finally:
        record.save()
    return written
