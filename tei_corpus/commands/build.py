"""``tei build``: a folder of raw transcripts into a validated TEI corpus with editions."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..corpus import EDITION_KINDS, BuildOptions, Builder
from ..corpus.worker import BUILD_EDITION_KINDS
from ..corpus.executors import EXECUTORS
from ..errors import ExitStatus, TeiCorpusError
from ..xmlio import sweep_temporaries
from .common import (RunFailed, check_conversion_options, follow_symlinks_option, format_option,
                     jobs_option, limit_options, make_limits, quiet_option, under_progress,
                     time_options)


def _parse_editions(value: str) -> tuple[str, ...]:
    if value.strip() == "none":
        return ()
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    bad = [k for k in kinds if k not in BUILD_EDITION_KINDS]
    if not kinds or bad:
        raise click.BadParameter(f"{value!r}: choose from {', '.join(BUILD_EDITION_KINDS)} "
                                 "(comma-separated) or none", param_hint="--editions")
    return tuple(dict.fromkeys(kinds))


@click.command()
@click.argument("source_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder: TEI files, corpus.xml, editions/ and the build manifest.")
@click.option("--profile", default="auto", show_default=True,
              help="House style: a shipped profile name, a TOML file, or auto.")
@click.option("--people", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Speaker registry (CSV/TSV with a header, or TOML [[person]]); a files "
                   "column scopes a row to some files.")
@click.option("--date", default="", help="Date of the events (YYYY-MM-DD) when a source lacks one.")
@click.option("--lang", default="auto", show_default=True,
              help="Main language of the transcripts (BCP 47), or auto to detect it per document.")
@click.option("--lang-pack", "lang_packs", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A language pack of your own (TOML; see the languages README): it "
                   "extends the shipped pack of its code, or adds a language; an edited "
                   "pack reconverts every file. Repeatable.")
@click.option("--editions", "editions", default=",".join(EDITION_KINDS), show_default=True,
              help="Editions to write under OUT_DIR/editions: html (with the corpus site: "
                   "faceted index, participant pages, search), text, tsv, and for timed "
                   "transcripts vtt, srt, eaf, textgrid (comma-separated), or none.")
@click.option("--title", default="Corpus of transcripts", show_default=True,
              help="Title of the corpus file and the index page.")
@click.option("--force", is_flag=True,
              help="Rebuild everything, even what has not changed, and replace outputs "
                   "changed by hand.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="Where the per-file work runs: local processes (-j) or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask.")
@time_options
@follow_symlinks_option
@format_option
@jobs_option
@limit_options
@quiet_option
def build(source_dir, output, profile, people, date, lang, lang_packs, editions, title, force,
          executor, scheduler, time_offset, media, follow_symlinks, fmt, jobs, timeout,
          max_memory, quiet):
    """Build a TEI corpus from a folder of raw transcripts.

    Every raw transcript in SOURCE_DIR (.txt, .md, .html and the formats
    tei convert reads; sub-folders kept) is converted to TEI, validated,
    and rendered as editions (each other file is named in a "not taken"
    warning, and in the index, with the reason); then the
    corpus file OUT_DIR/corpus.xml (a teiCorpus with a shared header: the
    merged participants, the taxonomy, corpus statistics) and the index
    OUT_DIR/editions/index.html are written; with html editions, the index
    has facets, and a page per participant and a search page (that works
    from file://) are written beside it. A manifest in OUT_DIR makes
    the next build redo only what changed (inputs, profile, registry,
    stylesheets, toolkit); outputs of deleted inputs are removed. A file
    that fails is reported as path:line:col: error: message [code] and
    listed in the index; the others go on. Exit 1 when any file failed.
    An output changed since the build wrote it (a hand correction) is kept,
    with a warning, unless --force. OUT_DIR must not be or contain
    SOURCE_DIR; a second build on the same OUT_DIR fails at once; an output
    that cannot be written (a full disk) stops the build with exit 2 and
    deletes nothing.

    \b
    Example:
        tei build corpus_raw -o corpus_xml
        tei build transcripts/ -o corpus/ -j 4 --people speakers.csv
        tei build sitzungen/ -o corpus/ --lang-pack my-de.toml
        tei build interviews/ -o corpus/ --media 'https://archive.example.org/av/{path}.mp4'
        tei build transcripts/ -o corpus/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    kinds = _parse_editions(editions)
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    check_conversion_options(profile, people, date, lang, lang_packs)
    options = BuildOptions(profile=profile, people=str(people) if people else None, date=date,
                           lang=lang, lang_packs=tuple(map(str, lang_packs)), kinds=kinds, title=title, force=force,
                           follow_symlinks=follow_symlinks, time_offset=time_offset, media=media)
    limits = make_limits(timeout, max_memory, quiet or executor == "dask")
    noted: list = []
    try:
        summary, stopped = _run(source_dir, output, options, jobs, limits, executor, scheduler,
                                quiet, noted)
    except TeiCorpusError as exc:
        _report([d for o in noted for d in o.diagnostics], None, fmt, quiet)
        raise RunFailed(str(exc)) from None
    finally:                            # a worker stopped mid-write (Ctrl-C, SIGTERM) leaves
        if Path(output).is_dir():       # no temporary; the folder is this build's alone
            sweep_temporaries(output)
    _report(summary.not_taken + [d for o in noted for d in o.diagnostics]
            + summary.corpus_diagnostics, summary, fmt, quiet, interrupted=stopped is not None)
    if stopped is not None:             # Ctrl-C or SIGTERM: what was finished is reported
        raise stopped
    if summary.write_failed:            # an output could not be written: the run failed
        sys.exit(ExitStatus.FAILURE)
    sys.exit(ExitStatus.FINDINGS if summary.failed else ExitStatus.OK)


def _run(source_dir, output, options, jobs, limits, executor, scheduler, quiet, noted):
    """Plan, run and finish a build; append outcomes with diagnostics to ``noted`` as they come.

    Returns (summary, the interruption or None): a Ctrl-C or SIGTERM stops the
    workers, commits the manifest and returns what was finished.
    """
    builder = Builder(source_dir, output, options)
    outcomes = None
    try:
        plan = builder.plan()
        outcomes = builder.run(plan, jobs, executor, scheduler, limits)
        n = len(plan.tasks) + len(plan.refused) + len(plan.kept)
        noted.extend(o for o in under_progress(outcomes, n, "building", quiet) if o.diagnostics)
        return builder.finish(plan), None
    except KeyboardInterrupt as exc:
        if outcomes is not None:
            outcomes.close()            # workers stopped, manifest committed
        return builder.summary, exc
    finally:
        builder.close()


def _report(diags, summary, fmt, quiet, interrupted: bool = False) -> None:
    """Print the diagnostics (errors always) and the summary."""
    if fmt == "json" and summary is not None:
        doc = {"summary": summary.to_dict(), "diagnostics": [d.to_json() for d in diags]}
        if interrupted:
            doc["interrupted"] = True
        click.echo(json.dumps(doc, ensure_ascii=False, sort_keys=True))
        return
    for d in diags:
        if d.severity == "error" or not quiet:
            click.echo(str(d), err=True)
    if summary is not None and not quiet:
        click.echo("\n".join(summary.lines()), err=True)
