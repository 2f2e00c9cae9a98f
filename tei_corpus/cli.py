"""The ``tei`` command: parse options, call the library, print, exit.

Each command owns one section below. The library never prints or exits;
this module turns its results and errors into output and exit statuses.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ExitStatus, TeiCorpusError


class RunFailed(click.ClickException):
    """The run could not happen (exit 2)."""

    exit_code = ExitStatus.FAILURE


class TeiGroup(click.Group):
    """Click group that turns stray library errors into one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TeiCorpusError as exc:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            raise RunFailed(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(ExitStatus.INTERRUPTED)


# --- shared options: one decorator each -------------------------------------

def format_option(f):
    """``--format text|json``."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]),
                        default="text", show_default=True,
                        help="Report format.")(f)


def jobs_option(f):
    """``-j/--jobs N``."""
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=1,
                        show_default=True,
                        help="Files processed in parallel.")(f)


def quiet_option(f):
    """``-q/--quiet``."""
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress bar and no summary on stderr.")(f)


def output_option(help_text: str = "Output file, folder, or - for stdout."):
    """``-o/--output PATH``."""
    def deco(f):
        return click.option("-o", "--output", type=click.Path(path_type=Path),
                            default=None, help=help_text)(f)
    return deco


def show_progress(quiet: bool) -> bool:
    """Return True when a progress bar belongs on stderr."""
    return not quiet and sys.stderr.isatty()


@click.group(cls=TeiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei")
@click.option("--traceback", is_flag=True, help="Show Python tracebacks (for debugging).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """tei-corpus: raw transcripts to TEI P5, validation, and editions.

    \b
    Example:
        tei convert corpus_raw/ -o corpus_xml/
    """
    ctx.ensure_object(dict)
    ctx.obj["traceback"] = traceback


def main() -> None:  # pragma: no cover - entry point
    """Run the ``tei`` command."""
    cli(obj={})


# --- tei convert ---------------------------------------------------------------
# (section owned by the converter)

# --- tei validate --------------------------------------------------------------
# (section owned by the validator)

# --- tei edition ---------------------------------------------------------------
# (section owned by the editions)

# --- tei build / tei stats -----------------------------------------------------
# (section owned by the corpus builder)
