"""The ``tei`` command group: parse options, call the library, print, exit.

Each command lives in its own module under ``tei_corpus/commands/`` and is
registered at the bottom of this file. The library never prints or exits.
"""
from __future__ import annotations

import errno
import os
import sys

import click

from . import __version__
from .commands.common import RunFailed, interruptible, interrupted_status
from .errors import ExitStatus, TeiCorpusError


class TeiGroup(click.Group):
    """Click group that turns stray library errors into one-line messages.

    A standard output that cannot be written (a full device) is one line on
    stderr and exit 2, whatever the command.
    """

    def main(self, *args, **kwargs):
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()      # a full device fails here, not at interpreter exit
        except OSError as exc:
            if not _is_stdout_error(exc):
                raise
            _drop_stdout()
            click.echo(f"tei: cannot write to standard output: {exc.strerror or exc}", err=True)
            sys.exit(ExitStatus.FAILURE)

    def invoke(self, ctx: click.Context):
        try:
            with interruptible():         # SIGINT -> 130, SIGTERM -> 143, workers stopped
                return super().invoke(ctx)
        except TeiCorpusError as exc:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            raise RunFailed(str(exc)) from None
        except KeyboardInterrupt as exc:
            status = interrupted_status(exc)
            click.echo("tei: terminated" if status == ExitStatus.TERMINATED
                       else "tei: interrupted", err=True)
            ctx.exit(status)


#: Errors of a write to a full or failing device (a broken pipe is click's: exit 1, quietly).
_STDOUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _is_stdout_error(exc: OSError) -> bool:
    """Return True for a failed write to standard output (no file name: not a file of ours)."""
    return exc.errno in _STDOUT_ERRNOS and exc.filename is None


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so what is still buffered cannot fail at exit."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):    # not a real file (tests, embedding)
        pass


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


# --- commands (one line each; keep alphabetical) --------------------------------
from .commands.annotate import annotate  # noqa: E402
cli.add_command(annotate)
from .commands.build import build  # noqa: E402
cli.add_command(build)
from .commands.convert import convert  # noqa: E402
cli.add_command(convert)
from .commands.edition import edition  # noqa: E402
cli.add_command(edition)
from .commands.stats import stats  # noqa: E402
cli.add_command(stats)
from .commands.validate import validate  # noqa: E402
cli.add_command(validate)
