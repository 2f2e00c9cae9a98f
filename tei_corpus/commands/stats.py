"""``tei stats``: turns, words, interpretation, interruptions and events of TEI corpora."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..corpus.network import NETWORKS, network_of
from ..corpus.network_formats import FORMATS as NETWORK_FORMATS, render_network
from ..corpus.stats import COUNTS, Counts, iter_document_stats, iter_folder_stats
from ..errors import Diagnostic, ExitStatus, InputError, OutputError, escape_name
from ..inputs import TEI_SUFFIXES, iter_inputs, split_inputs
from ..xmlio import write_atomic
from .common import echo_walk_warnings, follow_symlinks_option, output_option

COLUMNS = ("level", "corpus", "document", "speaker", "name", *COUNTS, "interpreted_share")
LEVELS = ("corpus", "document", "speaker")


def _row(level, corpus, document, speaker, name, counts) -> dict:
    return {"level": level, "corpus": escape_name(corpus), "document": escape_name(document),
            "speaker": speaker, "name": name, **counts.to_dict()}


def _documents(path: Path, follow_symlinks: bool):
    """Return the documents' statistics of one PATH and the walk's refusals (a folder: walked)."""
    found, refused = split_inputs(echo_walk_warnings(
        iter_inputs([path], TEI_SUFFIXES, follow_symlinks=follow_symlinks), quiet=False))
    if path.is_dir():
        return iter_folder_stats(i.path for i in found), refused
    return (iter_document_stats(found[0].path) if found else iter(())), refused


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json", *NETWORK_FORMATS]),
              default=None, help="Output: an aligned table (default), TSV (header row), or JSON; "
              "with --network: csv (default), graphml or gexf.")
@click.option("--level", "levels", type=click.Choice(LEVELS), multiple=True,
              help="Levels to show (repeatable; default: all). speaker rows are per document.")
@click.option("--network", type=click.Choice(NETWORKS), default=None,
              help="Write the interaction network of all PATHs instead of counts.")
@output_option("With --network: the file to write (default: stdout).")
@follow_symlinks_option
def stats(paths, fmt, levels, network, output, follow_symlinks):
    """Count turns, words, interpretation, interruptions and events.

    Each PATH is one corpus: a folder of TEI files (teiCorpus files inside
    it are skipped), a teiCorpus file, or one TEI file. Rows are given per
    corpus, per document and per speaker of each document: turns, words
    spoken, interpreted turns and their share, interruptions given and
    received, and events (laughter, applause, inaudible passages...).

    With --network, the directed network of all PATHs together, persons
    merged by id (a corpus file's document prefix taken off): turns (each
    turn's speaker to the next turn's; two turns in a row by one speaker are
    the node's self_loops, no edge), interruptions (the #interrupting turn's
    speaker to the speaker of the turn it cuts) or addressees (@who to each
    @toWhom; a turn without @toWhom answers the turn before it, as in turns).
    CSV is the edge list source,target,weight,interpreted,documents; GraphML
    and GEXF 1.3 add the nodes (label, role, turns, words, weighted_in,
    weighted_out, self_loops).

    \b
    Example:
        tei stats corpus_xml/
        tei stats corpus_xml/corpus.xml --format json
        tei stats a/ b/ --level corpus --format tsv
        tei stats corpus_xml/ --network interruptions
        tei stats corpus_xml/corpus.xml --network turns --format gexf -o turns.gexf
    """
    if network:
        _network(paths, network, fmt or "csv", output, follow_symlinks)
    if fmt in NETWORK_FORMATS or output is not None:
        raise click.UsageError(f"{'--format ' + fmt if fmt in NETWORK_FORMATS else '-o'} "
                               "needs --network")
    fmt = fmt or "table"
    levels = set(levels or LEVELS)
    corpora, rows, failed = [], [], 0
    if fmt == "tsv":
        click.echo("\t".join(COLUMNS))
    for p in paths:
        try:
            corpus, corpus_rows, refused = _one_corpus(p, fmt, levels, follow_symlinks)
        except InputError as exc:
            click.echo(str(exc.diagnostic()), err=True)
            failed += 1
            continue
        failed += refused
        rows += corpus_rows
        corpora.append(corpus)
    if fmt == "json":
        click.echo(json.dumps({"corpora": corpora}, ensure_ascii=False, indent=1))
    elif fmt == "table":
        _emit_table(rows)
    sys.exit(ExitStatus.FINDINGS if failed else ExitStatus.OK)


def _one_corpus(p, fmt: str, levels: set, follow_symlinks: bool) -> tuple[dict, list, bool]:
    """One PATH's summary, its rows for the table (TSV rows are printed as they come), and
    whether an input under it was refused."""
    docs, doc_rows, total, n = [], [], Counts(), 0
    tsv = fmt == "tsv"
    documents, refused = _documents(p, follow_symlinks)
    for diag in refused:          # FIFOs, link loops...: one line each, up front
        click.echo(str(diag), err=True)
    for d in documents:
        n += 1
        total.add(d.counts)
        if fmt == "json":
            docs.append(d)
        if "document" in levels:
            doc_rows.append(_row("document", str(p), d.doc_id, "", "", d.counts))
        if "speaker" in levels:
            doc_rows += [_row("speaker", str(p), d.doc_id, s.id, s.name, s.counts)
                         for s in d.speakers]
        if tsv:
            _emit_tsv(doc_rows)
            doc_rows = []
    head = [_row("corpus", str(p), "", "", "", total)] if "corpus" in levels else []
    if tsv:
        _emit_tsv(head)
    corpus = {"path": escape_name(p), "documents": n, **total.to_dict(),
              "documents_stats": [_escaped(d.to_dict()) for d in docs]}
    return corpus, ([] if tsv else head + doc_rows), bool(refused)


def _network(paths, kind: str, fmt: str, output, follow_symlinks: bool) -> None:
    """Write the network of all PATHs to ``output`` or stdout, then exit."""
    if fmt not in NETWORK_FORMATS:
        raise click.UsageError(f"--network writes {', '.join(NETWORK_FORMATS)}, not {fmt}")
    try:
        net, findings = network_of(paths, kind, follow_symlinks=follow_symlinks)
    except InputError as exc:
        click.echo(str(exc.diagnostic()), err=True)
        sys.exit(ExitStatus.FINDINGS)
    for diag in findings:
        click.echo(str(diag), err=True)
    if kind == "addressees" and not net.addressed:
        click.echo(str(Diagnostic(", ".join(str(p) for p in paths), 0, 0, "warning",
                                  "no-addressees", "no turn has @toWhom: the addressees "
                                  "network is the turns network")), err=True)
    data = render_network(net, fmt)
    if output is None or str(output) == "-":
        click.echo(data.decode("utf-8"), nl=False)
    else:
        try:
            write_atomic(output, data)
        except OutputError as exc:
            click.echo(str(exc), err=True)
            sys.exit(ExitStatus.FAILURE)
    refused = any(d.severity == "error" for d in findings)
    sys.exit(ExitStatus.FINDINGS if refused else ExitStatus.OK)


def _escaped(doc: dict) -> dict:
    return {**doc, "id": escape_name(doc["id"]), "path": escape_name(doc["path"])}


def _cell(v) -> str:
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def _emit_tsv(rows) -> None:
    for r in rows:
        click.echo("\t".join(_cell(r[c]).replace("\t", " ") for c in COLUMNS))


def _emit_table(rows) -> None:
    heads = ["level", "corpus", "document", "speaker", "name", "turns", "words", "interp", "share",
             "int.given", "int.recv", "events"]
    keys = ["level", "corpus", "document", "speaker", "name", "turns", "words", "interpreted",
            "interpreted_share", "interruptions_given", "interruptions_received", "events"]
    table = [heads] + [[_cell(r[k]) for k in keys] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(heads))]
    numeric = set(range(5, len(heads)))
    for line in table:
        cells = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))]
        click.echo("  ".join(cells).rstrip())
