"""``tei validate``: check TEI files against schemas and the project rules."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ExitStatus, TeiCorpusError
from ..validate.check import Options
from ..validate.limit import DEFAULT_MAX_ERRORS
from ..validate.report import Summary, make_writer
from ..validate.runner import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, iter_paths, iter_validate
from ..validate.schemas import load_schema
from .common import (RunFailed, echo_walk_warnings, signals_deferred, follow_symlinks_option, format_option,
                     jobs_option, quiet_option, show_progress)
from .common import make_limits


@click.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--schema", "schemas", multiple=True, type=click.Path(path_type=Path),
              metavar="FILE",
              help="Validate against this schema instead of the project's: .xsd "
                   "(W3C XML Schema), .rng (RELAX NG) or .sch (ISO Schematron, XSLT 1.0 "
                   "binding). Repeat to combine.")
@click.option("--rules/--no-rules", default=None,
              help="Run the project rules (default: on without --schema, off with it).")
@click.option("--xml-model", is_flag=True,
              help="Also validate against the local schemas each file names in "
                   "<?xml-model?> processing instructions (read only from the file's "
                   "folder and --schema-path folders).")
@click.option("--schema-path", "schema_path", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="A folder <?xml-model?> schemas may also be read from (repeatable).")
@click.option("--well-formed", is_flag=True,
              help="Only check that files are well-formed XML (like xmllint --noout).")
@format_option
@jobs_option
@quiet_option
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Time limit per file (0: none).")
@click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_MAX_MEMORY,
              show_default=True, metavar="MIB",
              help="Memory limit per file, in MiB (0: none).")
@click.option("--max-errors", type=click.IntRange(min=0), default=DEFAULT_MAX_ERRORS,
              show_default=True, metavar="N",
              help="Findings listed per file (0: all); one line then says how many more.")
@follow_symlinks_option
def validate(paths, schemas, rules, xml_model, well_formed, fmt, jobs, quiet, timeout,
             max_memory, schema_path, max_errors, follow_symlinks):
    """Validate TEI files or folders (folders are walked for *.xml).

    Without --schema, files are checked against the project's schema
    (schemas/tei-corpus.xsd, a strict subset of TEI P5) and its rules
    (schemas/RULES.md). Findings go to stdout, one per line:
    path:line:col: severity: message [code]. A summary goes to stderr.

    Exit status: 0 every file valid, 1 some file invalid or not
    well-formed, 2 the run could not happen (bad option, unusable schema).

    \b
    Examples:
        tei validate corpus_xml/
        tei validate --schema tei_all.rng -j 4 corpus_xml/ --format json
        tei validate --well-formed notes/*.xml
    """
    try:
        compiled = tuple(load_schema(s) for s in schemas) if schemas and not well_formed \
            else None
        if rules is None:
            rules = not schemas
        options = Options(schemas=compiled, rules=rules and not well_formed,
                          xml_model=xml_model and not well_formed, well_formed=well_formed,
                          max_errors=max_errors,
                          schema_path=tuple(p.resolve() for p in schema_path))
        files = echo_walk_warnings(iter_paths(paths, follow_symlinks=follow_symlinks), quiet)
    except TeiCorpusError as exc:
        raise RunFailed(str(exc)) from None
    if not files:
        raise RunFailed("no XML files found in " + ", ".join(str(p) for p in paths))

    make_limits(timeout, max_memory, quiet)          # warns when --max-memory cannot hold
    summary = Summary()
    writer = make_writer(fmt, sys.stdout)
    results = iter_validate(files, jobs=jobs, options=options, timeout=timeout,
                            max_memory=max_memory)
    failure = stopped = None
    try:
        if show_progress(quiet):
            with click.progressbar(length=len(files), file=sys.stderr,
                                   label="validating") as bar:
                _report(results, writer, summary, bar)
        else:
            _report(results, writer, summary)
    except TeiCorpusError as exc:
        failure = exc
    except KeyboardInterrupt as exc:     # Ctrl-C or SIGTERM: workers stopped below
        stopped = exc
    finally:
        results.close()
    # The JSON document stays whole even when the run stops: what was finished.
    with signals_deferred():
        writer.close(summary, interrupted=stopped is not None)
    if stopped is not None:
        raise stopped
    if failure is not None:
        raise RunFailed(str(failure))
    if not quiet:
        click.echo(f"tei validate: {summary.line()}", err=True)
    sys.exit(ExitStatus.OK if summary.ok else ExitStatus.FINDINGS)


def _report(results, writer, summary: Summary, bar=None) -> None:
    """Write and count each result; a signal waits until both are done (they agree)."""
    for result in results:
        with signals_deferred():
            writer.write(result)
            summary.add(result)
        if bar is not None:
            bar.update(1)
