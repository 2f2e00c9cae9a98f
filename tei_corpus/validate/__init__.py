"""Validation of TEI documents: schemas, rules and reports."""

from .check import FileResult, Options, check_bytes, check_path, validate_file
from .rules import RULES, CORPUS_RULES, CorpusIndex, Facts, check_corpus_ids, check_rules
from .runner import iter_paths, iter_validate
from .schemas import load_schema
from .xsd import XsdSchema, project_schema

__all__ = [
    "CORPUS_RULES",
    "CorpusIndex",
    "Facts",
    "FileResult",
    "Options",
    "RULES",
    "XsdSchema",
    "check_bytes",
    "check_corpus_ids",
    "check_path",
    "check_rules",
    "iter_paths",
    "iter_validate",
    "load_schema",
    "project_schema",
    "validate_file",
]
