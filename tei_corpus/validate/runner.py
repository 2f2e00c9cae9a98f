"""Validate many files: folders walked, worker processes, limits, stable order.

Each file is checked in a worker process of the one executor
(:func:`tei_corpus.corpus.executors.run_batch`; forked where it can be, so
compiled schemas are shared) under a wall-clock time limit and an
address-space limit; a file that exceeds either is reported and its worker
replaced, so one bad file never stops the others. Results come back in input
order whatever the number of workers, with a bounded number of files in flight.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..corpus.executors import DEFAULT_LIMITS, Limits, limit_diagnostic, run_batch
from ..errors import ConfigError, Diagnostic
from ..inputs import TEI_SUFFIXES, Input, iter_inputs
from .check import FileResult, Options, check_bytes, check_path
from .rules import CorpusIndex
from .xsd import project_schema

#: Default limits per file.
DEFAULT_TIMEOUT = DEFAULT_LIMITS.seconds     # seconds
DEFAULT_MAX_MEMORY = DEFAULT_LIMITS.mib      # MiB of address space on top of the worker's own

XML_SUFFIXES = TEI_SUFFIXES


def iter_paths(paths, suffixes=XML_SUFFIXES, *, follow_symlinks: bool = False):
    """Yield the files named by ``paths``: files as given, folders walked in sorted order.

    The walk is :func:`tei_corpus.inputs.iter_inputs`: it yields an
    :class:`~tei_corpus.inputs.Input` per file and a
    :class:`~tei_corpus.errors.Diagnostic` per entry refused (FIFOs, devices,
    symbolic link loops, links out of the folder) or per folder with files
    of other suffixes.

    Raises:
        ConfigError: a path does not exist.
    """
    return iter_inputs(paths, suffixes, follow_symlinks=follow_symlinks)


@dataclass(frozen=True)
class Document:
    """A document given as bytes (standard input), with the name its findings carry."""

    data: bytes
    name: str

    def __str__(self) -> str:
        return self.name


def _check_task(options: Options, item) -> FileResult:
    """Worker function: check one file (a parser out of memory is the file's memory limit)."""
    path = str(item)
    try:
        if isinstance(item, Document):
            result = check_bytes(item.data, item.name, options)
        else:
            result = check_path(path, options)
    except ConfigError as exc:
        return FileResult(path, fatal=str(exc))
    except MemoryError:
        raise
    except Exception as exc:  # a bug must not stop the run; say where it was
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return FileResult(path, [Diagnostic(
            path, 0, 0, "error", "internal-error",
            f"internal error ({type(exc).__name__}: {exc}) at "
            f"{Path(where.filename).name}:{where.lineno}; please report it")])
    if any(d.code == "memory-limit" for d in result.diagnostics):
        raise MemoryError           # the executor reports it and starts a fresh worker
    return result


def _refused(item) -> FileResult | None:
    """The result of an entry the walk refused (no worker needed), else None."""
    return FileResult(item.path, [item]) if isinstance(item, Diagnostic) else None


def _lost(limits: Limits, item, reason: str) -> FileResult:
    """The result of a file stopped by a limit, or whose worker died."""
    return FileResult(str(item), [limit_diagnostic(str(item), reason, limits, "validated")])


def iter_validate(paths, jobs: int = 1, options: Options = Options(), *,
                  timeout: float = DEFAULT_TIMEOUT, max_memory: int = DEFAULT_MAX_MEMORY,
                  corpus_rules: bool | None = None, follow_symlinks: bool = False):
    """Validate files, yielding one :class:`FileResult` per file in input order.

    Args:
        paths: files (any name) and folders (``*.xml`` inside, walked sorted),
            or one :class:`Document` (bytes read from standard input).
        jobs: worker processes.
        options: what to check (see :class:`Options`).
        timeout: seconds per file, 0 for none.
        max_memory: MiB of memory per file, 0 for none.
        corpus_rules: check document ids and persons across files (default:
            when the project rules run).
        follow_symlinks: follow links that lead out of a folder named.

    Entries the walk refuses (see :mod:`tei_corpus.inputs`) are results with
    status ``unchecked``; its warnings are left out.

    Raises:
        ConfigError: a path does not exist, or a schema proves unusable.
    """
    if corpus_rules is None:
        corpus_rules = options.rule_set == "project"
    if options.schemas is None and not options.well_formed:
        project_schema()   # compile once, before the workers fork
    index = CorpusIndex() if corpus_rules else None
    if isinstance(paths, Document):
        files = iter([paths])
    else:
        files = (item for item in iter_paths(paths, follow_symlinks=follow_symlinks)
                 if isinstance(item, Input) or item.severity == "error")
    limits = Limits(timeout, max_memory)
    results = run_batch(partial(_check_task, options), files, jobs=jobs, limits=limits,
                        ready=_refused, lost=partial(_lost, limits), grace=0.5)  # writes nothing
    try:
        for result in results:
            if result.fatal:
                raise ConfigError(result.fatal)
            if index is not None and result.facts is not None:
                result.diagnostics.extend(d for d in index.add(result.path, result.facts)
                                          if options.keeps(d))
            result.facts = None
            yield result
    finally:
        results.close()
