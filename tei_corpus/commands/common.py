"""Options and helpers shared by the ``tei`` commands."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConfigError, Diagnostic, ExitStatus


class RunFailed(click.ClickException):
    """The run could not happen (exit 2)."""

    exit_code = ExitStatus.FAILURE


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


def wants_traceback() -> bool:
    """Return True when the user asked for ``tei --traceback``."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("traceback"):
            return True
        ctx = ctx.parent
    return False


def check_conversion_options(profile: str, people, date: str, lang: str = "en") -> None:
    """Fail early (exit 2) on an unusable profile, registry, date or language.

    Raises:
        RunFailed: the profile or the registry cannot be used.
        click.BadParameter: the date or the language tag is malformed.
    """
    from ..convert import load_profile, load_registry
    from ..convert.pipeline import check_date, check_lang

    try:
        if profile != "auto":
            load_profile(profile)
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
