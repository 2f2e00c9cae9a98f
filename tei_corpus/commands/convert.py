"""``tei convert``: raw transcripts to TEI P5."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..convert import list_profiles
from ..convert.batch import iter_convert, iter_sources, plan_targets
from ..errors import Diagnostic, ExitStatus, OutputError, escape_name
from ..inputs import split_inputs
from ..xmlio import WrittenRecord, sweep_temporaries
from .common import (RunFailed, check_conversion_options, echo_walk_warnings,
                     follow_symlinks_option, jobs_option, limit_options, make_limits, quiet_option,
                     under_progress, time_options)


def _list_profiles(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    for name, desc in list_profiles():
        click.echo(f"{name}\t{desc}")
    click.echo("auto\tScore every profile on the document and take the best (default).")
    ctx.exit(0)


def _list_languages(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from ..convert.languages import list_languages

    for code, name in list_languages():
        click.echo(f"{code}\t{name}")
    ctx.exit(0)


def _check_encoding(_ctx, _param, value: str | None) -> str | None:
    import codecs

    if value:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


def _pairs(sources: list[Path], inputs, output: Path | None) -> list[tuple[str, str | None]]:
    """Pair each source with its output: stdout (None), a named file, or a file in a folder."""
    if output is None or str(output) == "-":
        if len(sources) > 1:
            raise click.UsageError("several inputs need -o DIR")
        return [(str(sources[0]), None)]
    if len(sources) == 1 and not output.is_dir() and (output.suffix or output.exists()) \
            and not any(Path(i).is_dir() for i in inputs):
        return [(str(sources[0]), str(output))]       # one file in, one file out
    if output.exists() and not output.is_dir():
        raise RunFailed(f"{output}: not a folder (several inputs need -o DIR)")
    if output.suffix.lower() == ".xml" and not output.exists():
        raise RunFailed(f"{output}: several inputs need a folder, not a .xml file")
    try:
        pairs = plan_targets(sources, inputs, output)
    except OutputError as exc:
        raise RunFailed(str(exc)) from None
    sweep_temporaries(output, [t for _, t in pairs])     # left by a killed run
    return pairs


def _protect_foreign(pairs: list, record: WrittenRecord, force: bool) -> list:
    """Mark the outputs that exist and were not written by us, or changed since (unless --force)."""
    if force:
        return pairs
    return [(src, tgt, tgt is not None and record.is_foreign(tgt)) for src, tgt in pairs]


@click.command()
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (one input), folder (any number), or - for stdout. "
                   "Default: stdout for one input.")
@click.option("--profile", default="auto", show_default=True,
              help="House style: a shipped profile name, a TOML file, or auto.")
@click.option("--people", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Speaker registry (CSV/TSV with a header, or TOML [[person]]); a files "
                   "column scopes a row to some files.")
@click.option("--date", default="", help="Date of the event (YYYY-MM-DD) when the source lacks one.")
@click.option("--lang", default="auto", show_default=True,
              help="Main language of the transcript (BCP 47), or auto to detect it.")
@click.option("--lang-pack", "lang_packs", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A language pack of your own (TOML; see the languages README): it "
                   "extends the shipped pack of its code, or adds a language. Repeatable.")
@click.option("--encoding", default=None, callback=_check_encoding,
              help="The sources' encoding (e.g. cp1251, koi8-r); by default detected.")
@click.option("--report", "report_fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Conversion report format (on stderr).")
@click.option("--list-profiles", is_flag=True, expose_value=False, is_eager=True,
              callback=_list_profiles, help="List the shipped profiles and exit.")
@click.option("--list-languages", is_flag=True, expose_value=False, is_eager=True,
              callback=_list_languages, help="List the shipped language packs and exit.")
@click.option("--force", is_flag=True,
              help="Replace outputs in the folder that tei-corpus did not write or that "
                   "were changed since.")
@click.option("--check", is_flag=True,
              help="Convert and validate in memory, write nothing: exit 1 when some "
                   "input cannot be converted (for pre-commit and CI).")
@click.option("--word-times", is_flag=True,
              help="Also put a time point before every word the source times (WhisperX "
                   "and Whisper words), not only at each segment's start and end.")
@time_options
@follow_symlinks_option
@jobs_option
@limit_options
@quiet_option
def convert(inputs, output, profile, people, date, lang, lang_packs, encoding, report_fmt, force,
            check, word_times, time_offset, media, follow_symlinks, jobs, timeout, max_memory, quiet):
    """Convert raw transcripts into TEI P5.

    INPUTS are files or folders (folders are walked for .txt, .md, .html,
    .vtt, .srt, .json, .csv, .tsv, .xlsx, .xlsm, .ods, .pdf, .docx, .odt,
    .rtf, .eaf, .TextGrid, .exb, .cha and .trs files; each other file is named in a
    "not taken" warning).
    Each conversion prints a report on stderr: turns, speakers, what was
    guessed and what was set apart as boilerplate. The output folder must
    not be, or contain, the folder of an input.

    \b
    Example:
        tei convert corpus_raw/ -o corpus_xml/
        tei convert briefing.txt --people speakers.csv -o briefing.xml
        tei convert tape2.vtt --time-offset 1:02:10 --media interview.mp3 -o tape2.xml
        tei convert whisperx.json --word-times -o interview.xml
        tei convert --check corpus_raw/
        tei convert sitzung.txt --lang-pack my-de.toml -o sitzung.xml
    """
    if check and output is not None:
        raise click.UsageError("--check writes nothing: it takes no -o")
    check_conversion_options(profile, people, date, lang, lang_packs)
    found, refused, not_taken = _walk(inputs, follow_symlinks, quiet)
    sources = [i.path for i in found]
    if media and len(sources) > 1 and "{stem}" not in media and "{path}" not in media:
        raise click.UsageError("--media names one recording: with several inputs, use {stem} "
                               "or {path} in it (e.g. --media 'audio/{stem}.mp3')")
    pairs = [(s, None) for s in map(str, sources)] if check else _pairs(sources, inputs, output)
    in_folder = output is not None and str(output) != "-" and \
        not (len(pairs) == 1 and pairs[0][1] == str(output))
    record = WrittenRecord(output) if in_folder else None
    if record is not None:
        pairs = _protect_foreign(pairs, record, force)
    options = {"profile": profile, "people": str(people) if people else None,
               "date": date, "lang": lang, "encoding": encoding, "time_offset": time_offset,
               "media": media, "word_times": word_times,
               "lang_packs": tuple(map(str, lang_packs))}
    rels = {str(i.path): i.rel.as_posix() for i in found}     # for the registry's files globs
    results = iter_convert(pairs, options, jobs, rels, make_limits(timeout, max_memory, quiet))
    failed, output_failed = len(refused), 0
    try:
        for out in under_progress(results, len(pairs), "converting", quiet):
            lost = _echo_outcome(out, check, record, report_fmt, quiet)
            failed += lost is not None
            output_failed += lost == "output-error"
    finally:                            # what was written is recorded, however the run ends
        if record is not None:
            record.save()
        if output is not None and str(output) != "-" and Path(output).is_dir():
            sweep_temporaries(output, [p[1] for p in pairs if p[1]])   # a worker stopped mid-write
    if not quiet and (len(pairs) + len(refused) > 1 or not_taken):
        done = "checked" if check else "converted"
        click.echo(f"{len(pairs) + len(refused) - failed} {done}, {failed} failed"
                   + (f", {not_taken} not taken" if not_taken else ""), err=True)
    if output_failed:                   # an output could not be written: the run failed
        sys.exit(ExitStatus.FAILURE)
    sys.exit(ExitStatus.FINDINGS if failed else ExitStatus.OK)


def _walk(inputs, follow_symlinks: bool, quiet: bool) -> tuple[list, list, int]:
    """The inputs found, those refused (each named on stderr), and how many were not taken."""
    walked = list(iter_sources(inputs, follow_symlinks=follow_symlinks))
    not_taken = sum(1 for i in walked if isinstance(i, Diagnostic) and i.severity == "warning")
    found, refused = split_inputs(echo_walk_warnings(walked, quiet))
    for diag in refused:                 # FIFOs, link loops...: one line each, up front
        click.echo(str(diag), err=True)
    if not found:
        if refused:
            sys.exit(ExitStatus.FINDINGS)
        raise RunFailed("no raw transcripts found in " + ", ".join(map(str, inputs)))
    return found, refused, not_taken


def _echo_outcome(out, check: bool, record, report_fmt: str, quiet: bool) -> str | None:
    """Print one conversion's error or report (and its TEI on stdout); its error code, if any."""
    if out.error is not None:
        click.echo(str(out.error), err=True)
        return out.error.code
    if out.xml is not None and not check:
        sys.stdout.buffer.write(out.xml)
        sys.stdout.flush()
    elif record is not None and out.report.get("output"):
        record.add(out.report["output"])
    report = {**out.report, "source": escape_name(out.report.get("source", "")),
              "output": escape_name(out.report.get("output", ""))}   # names: one line
    if report_fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, sort_keys=True), err=True)
    elif not quiet:
        from ..convert.report import Report
        click.echo("\n".join(Report(**report).summary_lines()), err=True)
    return None
