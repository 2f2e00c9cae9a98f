"""Convert many transcripts: discovery, parallel workers, atomic outputs."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Diagnostic, InputError, OutputError, TeiCorpusError
from ..inputs import Input, iter_inputs
from ..xmlio import (check_output_folder, differs, file_ids, foreign_output_diagnostic, is_one_of,
                     same_file, write_atomic)

#: File name endings taken as raw transcripts when a folder is given.
RAW_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm",
                ".vtt", ".srt", ".json", ".csv", ".tsv", ".pdf", ".docx", ".odt", ".rtf",
                ".eaf", ".textgrid", ".xlsx", ".xlsm", ".ods",
                ".sbv", ".ttml", ".dfxp", ".smi", ".sami", ".ass", ".ssa",
                ".exb", ".cha", ".trs")


def iter_sources(paths: Iterable[str | Path], suffixes=RAW_SUFFIXES, *,
                 follow_symlinks: bool = False, exclude=()) -> Iterator[Input | Diagnostic]:
    """Yield the raw transcripts named by ``paths``, walked by :mod:`tei_corpus.inputs`.

    Folders are walked in name order; the items are :class:`~tei_corpus.inputs.Input`
    for each transcript and :class:`~tei_corpus.errors.Diagnostic` for each entry
    refused (FIFOs, devices, link loops, links out of the folder) and each file
    of another suffix, not taken (an ``unknown-suffix`` warning naming it).
    """
    return iter_inputs(paths, suffixes, follow_symlinks=follow_symlinks, exclude=exclude,
                       each_skipped=True)


@dataclass
class Outcome:
    """What happened to one input."""

    source: str
    output: str = ""
    report: dict | None = None
    error: Diagnostic | None = None
    xml: bytes | None = None        # only when the output is standard output


def output_path(source: Path, outdir: Path, base: Path | None = None) -> Path:
    """Return ``outdir/<stem>.xml`` (keeping sub-folders below ``base``)."""
    rel = source.relative_to(base).parent if base and base in source.parents else Path()
    return outdir / rel / (source.stem + ".xml")


def plan_targets(sources: list[Path], inputs: Iterable[str | Path],
                 outdir: Path) -> list[tuple[str, str]]:
    """Pair each source with its output in ``outdir``, refusing outputs among the inputs.

    Args:
        sources: the transcripts found in ``inputs``.
        inputs: the files and folders the user named (folders keep their layout).
        outdir: the output folder.

    Raises:
        OutputError: ``outdir`` is or holds the folder of an input, an output
            would be an input file, or two sources would have the same output.
    """
    inputs = [Path(i) for i in inputs]
    check_output_folder(outdir, inputs)
    ids = file_ids(sources)
    seen: dict[Path, Path] = {}
    pairs = []
    for src in sources:
        base = next((i for i in inputs if i.is_dir() and i in src.parents), None)
        tgt = output_path(src, outdir, base)
        if tgt in seen:
            raise OutputError(f"{src} and {seen[tgt]} would both be written to {tgt}")
        if is_one_of(tgt, ids):
            raise OutputError(f"{tgt}: is one of the inputs; refusing to overwrite it")
        seen[tgt] = src
        pairs.append((str(src), str(tgt)))
    return pairs


def convert_one(source: str, target: str | None, options: dict, protect: bool = False,
                rel: str | None = None) -> Outcome:
    """Convert one file and write it atomically (worker function; never raises).

    With ``protect`` (the target exists and tei-corpus did not write it, or it
    changed since) the target is left as it is unless it already holds these bytes.
    ``rel`` is the source's path below the folder named (for the registry's
    ``files`` globs); by default its name.
    """
    from . import convert_file, find_media, load_registry, load_profile

    try:
        opts = dict(options)
        if isinstance(opts.get("people"), str):
            opts["people"] = load_registry(opts["people"])
        if isinstance(opts.get("profile"), str) and opts["profile"] != "auto":
            opts["profile"] = load_profile(opts["profile"])
        recording, media_warning = find_media(source, opts.pop("media", None), target)
        conv = convert_file(source, recording=recording, rel_path=rel or "", **opts)
        if media_warning:
            conv.report.warnings.append(media_warning)
        if target is None:
            return Outcome(source, "-", conv.report.to_dict(), xml=conv.xml)
        if same_file(target, source):
            raise OutputError(f"{target}: refusing to overwrite the input")
        if protect and differs(target, conv.xml):
            return Outcome(source, error=foreign_output_diagnostic(source, target))
        write_atomic(target, conv.xml)
        rep = conv.report
        rep.output = target
        return Outcome(source, target, rep.to_dict())
    except InputError as exc:
        return Outcome(source, error=exc.diagnostic())
    except OutputError as exc:
        return Outcome(source, error=Diagnostic(source, 0, 0, "error", "output-error", str(exc)))
    except TeiCorpusError as exc:
        return Outcome(source, error=Diagnostic(source, 0, 0, "error", "convert-failed", str(exc)))
    # defensive; a MemoryError is the executor's (memory-limit, and a fresh worker)
    except (RecursionError, UnicodeError, ValueError) as exc:
        return Outcome(source, error=Diagnostic(source, 0, 0, "error", "convert-failed",
                                                f"cannot convert: {type(exc).__name__}: {exc}"))


def _convert_task(task: dict) -> Outcome:
    return convert_one(task["source"], task["target"], task["options"],
                       task.get("protect", False), task.get("rel"))


def _lost(limits, task: dict, reason: str) -> Outcome:
    """The outcome of a source stopped by a limit, or whose worker died."""
    from ..corpus.executors import limit_diagnostic
    return Outcome(task["source"], error=limit_diagnostic(task["source"], reason, limits,
                                                           "converted"))


def iter_convert(jobs_list: list[tuple], options: dict, jobs: int = 1,
                 rels: dict[str, str] | None = None, limits=None) -> Iterator[Outcome]:
    """Convert (source, target[, protect]) pairs, ``jobs`` at a time; yield outcomes in input order.

    ``rels`` gives each source's path below the folder named (see
    :func:`convert_one`). Runs on the one executor
    (:func:`tei_corpus.corpus.executors.run_batch`): with ``limits``
    (:class:`~tei_corpus.corpus.executors.Limits`) a source over its time or
    memory fails with ``time-limit`` or ``memory-limit`` and the others go on.
    Workers ignore Ctrl-C; the parent stops them.
    """
    from ..corpus.executors import Limits, run_batch

    limits = limits or Limits()
    rels = rels or {}
    tasks = ({"source": pair[0], "target": pair[1], "options": options,
              "protect": len(pair) > 2 and pair[2], "rel": rels.get(pair[0])} for pair in jobs_list)
    yield from run_batch(_convert_task, tasks, jobs=jobs, limits=limits,
                         lost=partial(_lost, limits))
