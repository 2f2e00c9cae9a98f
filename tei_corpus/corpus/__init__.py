"""Whole corpora: build (raw -> TEI -> valid -> editions -> teiCorpus), manifest, statistics.

:func:`build` / :class:`Builder` turn a folder of raw transcripts into a TEI
corpus incrementally; :func:`iter_document_stats` and :func:`corpus_totals`
count turns, words, interpretation, interruptions and events; the per-file
function :func:`build_file` is pure over files and can be mapped by any executor.
"""
from __future__ import annotations

from .build import BuildOptions, Builder, FileOutcome, Plan, Summary, build
from .checks import check_document, validator_name
from .stats import Counts, DocumentStats, SpeakerStats, corpus_totals, document_stats, iter_document_stats
from .worker import EDITION_KINDS, build_file

__all__ = ["BuildOptions", "Builder", "Counts", "DocumentStats", "EDITION_KINDS", "FileOutcome",
           "Plan", "SpeakerStats", "Summary", "build", "build_file", "check_document",
           "corpus_totals", "document_stats", "iter_document_stats", "validator_name"]
