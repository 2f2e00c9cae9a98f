"""``tei annotate``: sentences, tokens and lemmas inside each seg of TEI files."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ExitStatus, TeiCorpusError
from .common import (RunFailed, follow_symlinks_option, jobs_option, limit_options, make_limits,
                     quiet_option)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output folder (created if needed); the inputs' layout is kept.")
@click.option("--nlp", default="simplemma", show_default=True, metavar="simplemma|spacy:MODEL",
              help="What gives lemmas: simplemma (offline dictionaries), or an installed "
                   "spaCy pipeline (lemmas, parts of speech, features).")
@follow_symlinks_option
@jobs_option
@limit_options
@quiet_option
def annotate(paths, output, nlp, follow_symlinks, jobs, timeout, max_memory, quiet):
    """Write s, w and pc (with @lemma and @join) inside each seg of TEI files.

    Every seg of every u gets its sentences (s), words (w, with @lemma in
    the document's language, or a foreign's own) and punctuation (pc), as
    ParlaMint's annotated files have them; a token with no space after it
    has join="right". The text of every seg is unchanged, and the u and seg
    ids too. The tools are recorded in encodingDesc/appInfo. PATHS are TEI
    files or folders (walked for *.xml, *.tei); the annotated copies go
    under DIR with the same names. Inputs are never changed.

    \b
    Example:
        tei annotate corpus_xml/ -o corpus_ana/
        tei annotate interview.xml -o ana/ --nlp spacy:en_core_web_sm
    """
    from ..annotate import iter_annotate, load_analyser

    if output.exists() and not output.is_dir():
        raise RunFailed(f"{output}: not a folder")
    try:
        load_analyser(nlp)
    except TeiCorpusError as exc:
        raise RunFailed(str(exc)) from None
    failed = written = 0
    try:
        for res in iter_annotate(paths, output, nlp=nlp, jobs=jobs,
                                 follow_symlinks=follow_symlinks,
                                 limits=make_limits(timeout, max_memory, quiet)):
            for diag in res.diagnostics:
                click.echo(str(diag), err=True)
            if res.diagnostics:
                failed += 1
            else:
                written += 1
    except TeiCorpusError as exc:
        raise RunFailed(str(exc)) from None
    if not written and not failed:
        raise RunFailed("no TEI files (*.xml) found in " + ", ".join(map(str, paths)))
    if not quiet:
        click.echo(f"{written} annotated, {failed} failed", err=True)
    sys.exit(ExitStatus.FINDINGS if failed else ExitStatus.OK)
