"""``tei validate``: check TEI files against schemas and the project rules."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from click.core import ParameterSource

from ..codes import selected_codes
from ..errors import ExitStatus, InputError, TeiCorpusError
from ..settings import settings_for
from ..validate.check import FileResult, Options
from ..validate.limit import DEFAULT_MAX_ERRORS
from ..validate.report import FORMATS, Summary, make_writer
from ..validate.rules import RULE_SETS
from ..validate.runner import (DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, Document, iter_paths,
                               iter_validate)
from ..validate.schemas import load_schema
from ..xmlio import read_stream
from .common import (RunFailed, echo_walk_warnings, signals_deferred, follow_symlinks_option,
                     jobs_option, quiet_option, show_progress)
from .common import make_limits

#: Option -> settings-file key, for the options a settings file may give.
SETTING_KEYS = {"schemas": "schema", "rules": "rules", "select": "select", "ignore": "ignore",
                "jobs": "jobs", "max_errors": "max-errors", "timeout": "timeout"}


class ValidateCommand(click.Command):
    """``--rules`` alone (before a path) means ``--rules project``, as it always has."""

    def parse_args(self, ctx, args):
        args = list(args)
        for i, arg in enumerate(args):
            if arg == "--":
                break
            if arg == "--rules" and (i + 1 == len(args) or args[i + 1] not in RULE_SETS):
                args[i] = "--rules=project"
        return super().parse_args(ctx, args)


@click.command(cls=ValidateCommand)
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--stdin-filename", metavar="NAME",
              help="With PATH '-': the name standard input is given in messages, and "
                   "where the settings file is looked for.")
@click.option("--schema", "schemas", multiple=True, type=click.Path(path_type=Path),
              metavar="FILE",
              help="Validate against this schema instead of the project's: .xsd "
                   "(W3C XML Schema), .rng (RELAX NG) or .sch (ISO Schematron, XSLT 1.0 "
                   "binding). Repeat to combine.")
@click.option("--rules", type=click.Choice(RULE_SETS), default=None,
              help="Rule set: project (the conventions of the TEI this toolkit writes; "
                   "the default without --schema, and what --rules alone means), "
                   "generic (for TEI from anywhere: pointers, ids, languages) or none.")
@click.option("--no-rules", is_flag=True, help="Run no rules (as --rules none).")
@click.option("--select", multiple=True, metavar="CODES",
              help="Report only these codes or groups (comma-separated, repeatable; "
                   "schemas/codes.toml).")
@click.option("--ignore", multiple=True, metavar="CODES",
              help="Do not report these codes or groups (comma-separated, repeatable; "
                   "wins over --select).")
@click.option("--xml-model", is_flag=True,
              help="Also validate against the local schemas each file names in "
                   "<?xml-model?> processing instructions (read only from the file's "
                   "folder and --schema-path folders).")
@click.option("--schema-path", "schema_path", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="A folder <?xml-model?> schemas may also be read from (repeatable).")
@click.option("--well-formed", is_flag=True,
              help="Only check that files are well-formed XML (like xmllint --noout).")
@click.option("--output-format", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True,
              help="Report format: text lines, JSON, GitHub Actions annotations, "
                   "SARIF 2.1.0 or JUnit XML (--format is the same option).")
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
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="FILE",
              help="Settings file to use (tei-corpus.toml, or a pyproject.toml with "
                   "[tool.tei-corpus]) instead of the one found above the files.")
@click.option("--no-config", is_flag=True, help="Use no settings file.")
@follow_symlinks_option
@click.pass_context
def validate(ctx, paths, stdin_filename, schemas, rules, no_rules, select, ignore, xml_model,
             schema_path, well_formed, fmt, jobs, quiet, timeout, max_memory, max_errors,
             config, no_config, follow_symlinks):
    """Validate TEI files or folders (folders are walked for *.xml); - reads standard input.

    Without --schema, files are checked against the project's schema
    (schemas/tei-corpus.xsd, a strict subset of TEI P5) and its rules
    (schemas/RULES.md). Findings go to stdout, one per line:
    path:line:col: severity: message [code]. A summary goes to stderr.
    Settings may come from tei-corpus.toml or [tool.tei-corpus] in
    pyproject.toml, found above the files; options given here win.

    Exit status: 0 every file valid, 1 some file invalid or not
    well-formed, 2 the run could not happen (bad option, unusable schema).

    \b
    Examples:
        tei validate corpus_xml/
        tei validate --schema tei_all.rng -j 4 corpus_xml/ --output-format sarif
        tei validate --rules generic --select pointers,lang dracor/
        tei validate - --stdin-filename corpus_xml/a.xml < a.xml
        tei validate --well-formed notes/*.xml
    """
    stdin = _check_paths(paths, stdin_filename)
    if rules is not None and no_rules:
        raise click.UsageError("--rules and --no-rules cannot be used together")
    if no_config and config is not None:
        raise click.UsageError("--config and --no-config cannot be used together")
    try:
        given = _with_settings(ctx, [stdin_filename or "-"] if stdin else paths,
                               config, not no_config)
        schemas, rules, select, ignore = (given["schemas"], given["rules"], given["select"],
                                          given["ignore"])
        if no_rules:
            rules = "none"
        compiled = tuple(load_schema(s) for s in schemas) if schemas and not well_formed \
            else None
        if rules is None:
            rules = "none" if schemas else "project"
        options = Options(schemas=compiled, rules=rules,
                          xml_model=xml_model and not well_formed, well_formed=well_formed,
                          max_errors=given["max_errors"], codes=selected_codes(select, ignore),
                          schema_path=tuple(p.resolve() for p in schema_path))
        if stdin:
            files = [_read_stdin(stdin_filename or "-")]
        else:
            files = echo_walk_warnings(iter_paths(paths, follow_symlinks=follow_symlinks), quiet)
    except TeiCorpusError as exc:
        raise RunFailed(str(exc)) from None
    if not files:
        raise RunFailed("no XML files found in " + ", ".join(str(p) for p in paths))
    _run(files, options, fmt, quiet, jobs=given["jobs"], timeout=given["timeout"],
         max_memory=max_memory)


def _check_paths(paths, stdin_filename) -> bool:
    """Return True when standard input is to be read (PATH ``-``, alone)."""
    stdin = any(str(p) == "-" for p in paths)
    if stdin and len(paths) > 1:
        raise click.UsageError("- (standard input) cannot be combined with other paths")
    if stdin_filename is not None and not stdin:
        raise click.UsageError("--stdin-filename needs PATH - (standard input)")
    return stdin


def _with_settings(ctx, paths, config, use_files: bool) -> dict:
    """Return the options that a settings file may give: the command line's, else the file's."""
    settings = settings_for(paths, config=config, use_files=use_files)
    given = {}
    for name, key in SETTING_KEYS.items():
        value = ctx.params[name]
        if ctx.get_parameter_source(name) != ParameterSource.COMMANDLINE and key in settings.values:
            value = settings.values[key]
        given[name] = value
    return given


def _read_stdin(name: str) -> FileResult | Document:
    """Read standard input whole (within the parser's size limit), for the same checks as a file."""
    try:
        return Document(read_stream(sys.stdin.buffer, name), name)
    except InputError as exc:
        return FileResult(name, [exc.diagnostic()])


def _run(files, options: Options, fmt: str, quiet: bool, *, jobs: int, timeout: float,
         max_memory: int) -> None:
    """Check the files, write the report, print the summary, exit with the status."""
    make_limits(timeout, max_memory, quiet)          # warns when --max-memory cannot hold
    summary = Summary()
    writer = make_writer(fmt, sys.stdout)
    if len(files) == 1 and isinstance(files[0], FileResult):       # stdin unreadable
        results = iter(files)
    else:
        results = iter_validate(files[0] if isinstance(files[0], Document) else files,
                                jobs=jobs, options=options, timeout=timeout,
                                max_memory=max_memory)
    failure = stopped = None
    try:
        if show_progress(quiet) and len(files) > 1:
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
        getattr(results, "close", lambda: None)()
    # Every report stays one whole document even when the run stops: what was finished.
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
