"""Annotate many TEI files into an output folder, keeping their layout.

Inputs are found by the one walker (:mod:`tei_corpus.inputs`); each file is
parsed by the hardened parser, annotated, and written atomically as
``DIR/<its path below the folder named>`` (a file named directly: its name).
Files are independent: a bad file is one diagnostic and the others go on.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree

from ..errors import Diagnostic, InputError
from ..inputs import TEI_SUFFIXES, iter_inputs as walk_inputs
from ..xmlio import check_output_folder, parse_file, write_atomic
from .analysers import load_analyser
from .document import annotate_tree

_ANALYSERS: dict = {}


@dataclass
class AnnotateResult:
    """What happened to one input file."""

    path: Path
    output: Path | None = None
    sentences: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def annotate_bytes(tree: etree._ElementTree, analyser, *, path: str = "<tree>") -> bytes:
    """Annotate a parsed document and return it serialised as the converter writes files."""
    annotate_tree(tree, analyser, path=path)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


def annotate_file(path: Path, target: Path, nlp: str = "simplemma") -> AnnotateResult:
    """Annotate one file into ``target``; a bad input is a diagnostic, never a partial file.

    Raises:
        ConfigError: the analyser cannot be loaded.
        OutputError: ``target`` cannot be written.
    """
    analyser = _ANALYSERS.get(nlp) or _ANALYSERS.setdefault(nlp, load_analyser(nlp))
    result = AnnotateResult(path)
    try:
        tree = parse_file(path, huge_tree=True)
        data = annotate_bytes(tree, analyser, path=str(path))
        result.sentences = len(tree.getroot().xpath(
            "//t:s", namespaces={"t": "http://www.tei-c.org/ns/1.0"}))
    except InputError as exc:
        result.diagnostics.append(exc.diagnostic())
        return result
    write_atomic(target, data)
    result.output = target
    return result


def _task(nlp: str, task: tuple) -> AnnotateResult:
    """Annotate one planned file; a file refused by the plan comes as its result already."""
    source, target = task
    if isinstance(source, AnnotateResult):
        return source
    return annotate_file(source, target, nlp)


def _plan(items, outdir: Path) -> list[tuple]:
    """Pair each input with its output; refuse a file whose output an earlier one takes."""
    tasks, taken = [], set()
    for item in items:
        if isinstance(item, Diagnostic):
            if item.severity == "error":
                tasks.append((AnnotateResult(Path(item.path), diagnostics=[item]), None))
            continue
        target = outdir / (Path(item.rel) if item.base is not None else Path(item.path.name))
        if target in taken:
            tasks.append((AnnotateResult(item.path, diagnostics=[Diagnostic(
                str(item.path), 0, 0, "error", "output-collision",
                f"its annotated copy {target} would overwrite that of an earlier file")]), None))
            continue
        taken.add(target)
        tasks.append((item.path, target))
    return tasks


def _lost(limits, task: tuple, reason: str) -> AnnotateResult:
    """The result of a file stopped by a limit, or whose worker died."""
    from ..corpus.executors import limit_diagnostic
    source = task[0]
    return AnnotateResult(Path(str(source)), diagnostics=[
        limit_diagnostic(str(source), reason, limits, "annotated")])


def iter_annotate(paths: Iterable[str | Path], outdir: str | Path, *, nlp: str = "simplemma",
                  jobs: int = 1, follow_symlinks: bool = False,
                  limits=None) -> Iterator[AnnotateResult]:
    """Annotate every TEI file under ``paths`` into ``outdir``; yield results in input order.

    Runs on the one executor (:func:`tei_corpus.corpus.executors.run_batch`),
    under the per-file ``limits`` (:class:`~tei_corpus.corpus.executors.Limits`)
    every batch command has.

    Raises:
        OutputError: ``outdir`` is or holds the folder of an input, or an
            output could not be written (the run stops).
        ConfigError: the analyser cannot be loaded.
    """
    from ..corpus.executors import Limits, run_batch   # tei_corpus.corpus imports the editions

    outdir = Path(outdir)
    paths = list(paths)
    check_output_folder(outdir, paths)
    if nlp not in _ANALYSERS:
        _ANALYSERS[nlp] = load_analyser(nlp)          # fail once, before any worker
    tasks = _plan(walk_inputs(paths, TEI_SUFFIXES, follow_symlinks=follow_symlinks), outdir)
    limits = limits or Limits()
    yield from run_batch(partial(_task, nlp), tasks, jobs=jobs, limits=limits,
                         lost=partial(_lost, limits))
