"""``tei edition``: HTML, plain-text and table editions of TEI files."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..editions import Options, iter_inputs, iter_render, write_index, write_site
from ..errors import ExitStatus, TeiCorpusError
from ..inputs import TEI_SUFFIXES, iter_inputs as walk_inputs
from .common import (RunFailed, echo_walk_warnings, follow_symlinks_option, jobs_option,
                     limit_options, make_limits, quiet_option, under_progress)

CLI_KINDS = ("html", "site", "text", "tsv", "jsonl", "vtt", "srt", "eaf", "textgrid", "conllu", "vert")


def _parse_kinds(value: str) -> list[str]:
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    bad = [k for k in kinds if k not in CLI_KINDS]
    if not kinds or bad:
        raise click.BadParameter(f"{value!r}: choose one or more of {', '.join(CLI_KINDS)} "
                                 "(comma-separated)", param_hint="KIND")
    kinds = list(dict.fromkeys(kinds))
    return [k for k in kinds if k != "html"] if "site" in kinds else kinds   # site has the pages


@click.command()
@click.argument("kind")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output folder (created if needed).")
@click.option("--flavour", type=click.Choice(["diplomatic", "analysis"]), default="diplomatic",
              show_default=True,
              help="text: the transcript as printed, or one line per utterance (id, who, text).")
@click.option("--boilerplate/--no-boilerplate", default=False, show_default=True,
              help="text (diplomatic): include the matter around the transcript.")
@click.option("--html-boilerplate", type=click.Choice(["collapsed", "open", "hidden"]),
              default="collapsed", show_default=True, help="html: how boilerplate is shown.")
@click.option("--gap", default="", help="text (analysis): what stands for a gap (default: nothing).")
@click.option("--index/--no-index", default=True, show_default=True,
              help="html: write index.html linking every page.")
@click.option("--title", default="Corpus index", show_default=True,
              help="html, site: the title of the index page (and of the site).")
@click.option("--force", is_flag=True,
              help="Replace outputs in the folder that tei-corpus did not write or that "
                   "were changed since.")
@follow_symlinks_option
@jobs_option
@limit_options
@quiet_option
def edition(kind, paths, output, flavour, boilerplate, html_boilerplate, gap, index, title,
            force, follow_symlinks, jobs, timeout, max_memory, quiet):
    """Write editions of TEI files: html, text, tables, captions, ELAN, Praat.

    KIND is one of html (a reading page per document, plus index.html),
    site (the html pages and a site around them: an index with facets,
    a page per participant, a search page that works from file://),
    text (plain text: --flavour diplomatic or analysis), tsv or jsonl
    (tables of utterances, participants and events), and for timed
    documents vtt or srt (captions), eaf (ELAN) or textgrid (Praat);
    several may be given separated by commas. A document without times
    gets one untimed line for a timed kind. For documents annotated by
    tei annotate, conllu (CoNLL-U) or vert (a CQP / Sketch Engine
    vertical). PATHS are TEI files or folders (walked for *.xml, *.tei;
    the output keeps their layout). A file that cannot be rendered is
    reported as path:line:col: error: message [code]; the others go on.
    The output folder must not be, or contain, the folder of an input.

    \b
    Example:
        tei edition html corpus_xml/ -o editions/
        tei edition site corpus_xml/ -o site/
        tei edition text --flavour analysis corpus_xml/ -o editions/
        tei edition tsv,jsonl corpus_xml/ -o tables/ -j 2
        tei edition vtt,eaf interview.xml -o captions/
        tei edition conllu,vert corpus_ana/ -o tokens/
    """
    kinds = _parse_kinds(kind)
    if flavour == "analysis":
        kinds = ["analysis" if k == "text" else k for k in kinds]
    if output.exists() and not output.is_dir():
        raise RunFailed(f"{output}: not a folder")
    walked = echo_walk_warnings(walk_inputs(paths, TEI_SUFFIXES,
                                            follow_symlinks=follow_symlinks), quiet)
    inputs = list(iter_inputs(walked))
    if not inputs:
        raise RunFailed("no TEI files (*.xml) found in " + ", ".join(map(str, paths)))
    options = Options(boilerplate=boilerplate, html_boilerplate=html_boilerplate,
                      index_href="index.html" if (index and "html" in kinds) or "site" in kinds
                      else "", gap=gap,
                      force=force)
    try:
        limits = make_limits(timeout, max_memory, quiet)
        results = iter_render(walked, kinds, output, jobs, options=options,
                              timeout=limits.seconds, max_memory=limits.mib)
        failed, written, pages = _report(under_progress(results, len(inputs), "rendering", quiet))
        if "site" in kinds and pages:
            written += len(write_site(output, pages, title=title, force=force))
        elif options.index_href and pages:
            write_index(output, [r.info for r in pages], title=title, force=force)
            written += 1
    except TeiCorpusError as exc:
        raise RunFailed(str(exc)) from None
    if not quiet:
        click.echo(f"{len(inputs) - failed} rendered ({written} files written), {failed} failed",
                   err=True)
    sys.exit(ExitStatus.FINDINGS if failed else ExitStatus.OK)


def _report(results) -> tuple[int, int, list]:
    """Print each file's diagnostics; return (files failed, outputs written, results with a page)."""
    failed = written = 0
    pages = []
    for res in results:
        for diag in res.diagnostics:
            click.echo(str(diag), err=True)
        if res.diagnostics:
            failed += 1
            continue
        written += len(res.outputs)
        if res.info is not None:
            pages.append(res)
    return failed, written, pages
