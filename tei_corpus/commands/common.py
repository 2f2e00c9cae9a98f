"""Options and helpers shared by the ``tei`` commands."""
from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import ConfigError, Diagnostic, ExitStatus


class RunFailed(click.ClickException):
    """The run could not happen (exit 2)."""

    exit_code = ExitStatus.FAILURE


class Terminated(KeyboardInterrupt):
    """The run got SIGTERM: it stops as for Ctrl-C, and exits 143 instead of 130."""


@contextmanager
def interruptible():
    """Turn SIGINT and SIGTERM into exceptions the run unwinds with.

    The first signal raises :class:`KeyboardInterrupt` (SIGINT) or
    :class:`Terminated` (SIGTERM) in the main thread, so every pool stops its
    workers and every writer closes its document on the way out; signals
    after it are ignored, so that clean-up (bounded in time) runs to its end.
    """
    owner = os.getpid()

    def handler(signum, _frame):
        if os.getpid() != owner:       # a worker just forked, before its own set-up
            os._exit(128 + signum)
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, signal.SIG_IGN)
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    if threading.current_thread() is not threading.main_thread():
        yield                          # only the main thread may set handlers
        return
    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


@contextmanager
def signals_deferred():
    """Hold SIGINT and SIGTERM back while a few lines run (a result written and counted).

    A signal that comes meanwhile is delivered when the block ends, so an
    interrupted run never reports a file it has not counted, or the reverse.
    """
    if not hasattr(signal, "pthread_sigmask"):     # Windows: nothing to hold back
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def interrupted_status(exc: KeyboardInterrupt) -> ExitStatus:
    """Return the exit status of a run stopped by ``exc`` (130 SIGINT, 143 SIGTERM)."""
    return ExitStatus.TERMINATED if isinstance(exc, Terminated) else ExitStatus.INTERRUPTED


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


def follow_symlinks_option(f):
    """``--follow-symlinks``: follow links that lead out of a folder named."""
    return click.option("--follow-symlinks", is_flag=True,
                        help="Follow symbolic links that lead out of a folder named "
                             "(not followed by default; each is reported).")(f)


def limit_options(f):
    """``--timeout SECONDS`` and ``--max-memory MIB``: the per-file limits of every batch command."""
    from ..corpus.executors import DEFAULT_LIMITS

    f = click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_LIMITS.mib,
                     show_default=True, metavar="MIB",
                     help="Memory limit per file, in MiB (0: none).")(f)
    return click.option("--timeout", type=click.FloatRange(min=0),
                        default=DEFAULT_LIMITS.seconds, show_default=True, metavar="SECONDS",
                        help="Time limit per file (0: none).")(f)


def make_limits(timeout: float, max_memory: int, quiet: bool = False):
    """Return the run's :class:`~tei_corpus.corpus.executors.Limits`.

    Where a memory limit cannot be enforced (no ``resource`` module, as on
    Windows) one warning says so on stderr, unless ``quiet``; time limits
    still hold (the worker is stopped and replaced).
    """
    from ..corpus.executors import Limits, memory_limit_supported

    if max_memory and not quiet and not memory_limit_supported():
        click.echo("tei: warning: --max-memory is not enforced on this platform (no resource "
                   "module); --timeout still is", err=True)
    return Limits(timeout, max_memory)


def _time_offset(_ctx, _param, value: str | None) -> float:
    from ..convert import parse_offset

    if value is None:
        return 0.0
    try:
        return parse_offset(value)
    except ConfigError:
        raise click.BadParameter(f"{value!r} is not a number of seconds or HH:MM:SS "
                                 "(0 or more)") from None


def _media(_ctx, _param, value: str | None) -> str | None:
    from ..convert.media import check_media

    try:
        check_media(value)
    except ConfigError as exc:
        raise click.BadParameter(str(exc).removeprefix(f"--media {value}: ")) from None
    return value or None


def time_options(f):
    """``--time-offset SECONDS|HH:MM:SS`` and ``--media FILE|URL|TEMPLATE``."""
    f = click.option("--media", metavar="FILE|URL", default=None, callback=_media,
                     help="The recording the times are of (a media file or URL; {stem} and "
                          "{path} stand for each source's name). Default: a media file with "
                          "the source's name beside it, if any.")(f)
    return click.option("--time-offset", metavar="SECONDS|HH:MM:SS", default=None,
                        callback=_time_offset,
                        help="Added to every time (a recording whose times start again at 0).")(f)


def echo_walk_warnings(items, quiet: bool) -> list:
    """Print the walk's warnings (files of other suffixes) on stderr; return the other items."""
    kept = []
    for item in items:
        if isinstance(item, Diagnostic) and item.severity == "warning":
            if not quiet:
                click.echo(str(item), err=True)
        else:
            kept.append(item)
    return kept


def output_option(help_text: str = "Output file, folder, or - for stdout.", required=False):
    """``-o/--output PATH``."""
    def deco(f):
        return click.option("-o", "--output", type=click.Path(path_type=Path),
                            default=None, required=required, help=help_text)(f)
    return deco


def show_progress(quiet: bool) -> bool:
    """Return True when a progress bar belongs on stderr (a terminal, not --quiet)."""
    return not quiet and sys.stderr.isatty()


def under_progress(items, total: int, label: str, quiet: bool):
    """The items, drained behind a progress bar on stderr when one belongs there and there are
    several; else the items themselves, to be read as they come."""
    if not (show_progress(quiet) and total > 1):
        return items
    with click.progressbar(items, length=total, label=label, file=sys.stderr) as bar:
        return list(bar)


def wants_traceback() -> bool:
    """Return True when the user asked for ``tei --traceback``."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("traceback"):
            return True
        ctx = ctx.parent
    return False


def check_conversion_options(profile: str, people, date: str, lang: str = "auto",
                             lang_packs=()) -> None:
    """Fail early (exit 2) on an unusable profile, registry, date, language or language pack.

    Raises:
        RunFailed: the profile, the registry or a language pack cannot be used.
        click.BadParameter: the date or the language tag is malformed.
    """
    from ..convert import load_profile, load_registry
    from ..convert.pipeline import check_date, check_lang, user_packs

    try:
        if profile != "auto":
            load_profile(profile)
        user_packs(tuple(map(str, lang_packs)))
        if people is not None:
            load_registry(people)
    except ConfigError as exc:
        raise RunFailed(str(exc)) from None
    try:
        check_date(date)
    except ConfigError:
        raise click.BadParameter(f"{date!r} is not a date like 2024-11-17", param_hint="--date") from None
    try:
        check_lang(lang)
    except ConfigError:
        raise click.BadParameter(f"{lang!r} is not a language tag like en, fr or pt-BR",
                                 param_hint="--lang") from None
