"""The corpus the project ships (corpus_xml/) is valid: project schema, rules, tei_all."""
from __future__ import annotations

from pathlib import Path

import pytest

from tei_corpus.validate import Options, iter_validate
from tei_corpus.xmlio import parse_file

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus_xml"
DATA = ROOT / "tests" / "data" / "validate"


def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.xml"))
    if not files:
        pytest.skip("corpus_xml/ holds no XML yet (tei convert corpus_raw/ -o corpus_xml/)")
    return files


def test_corpus_valid_against_project_schema_and_rules():
    files = corpus_files()
    results = list(iter_validate(files, jobs=2))
    assert [r.path for r in results] == [str(f) for f in files]
    problems = [str(d) for r in results for d in r.diagnostics]
    assert problems == []


def test_corpus_valid_against_tei_all(tei_all):
    for f in corpus_files():
        assert tei_all.validate(parse_file(f)), (f.name, str(tei_all.error_log)[:500])


def test_converter_output_for_every_raw_sample_is_valid(raw_samples):
    """What the converter writes today for the shared raw samples."""
    from tei_corpus.convert import convert_file
    from tei_corpus.validate import check_bytes
    for raw in raw_samples:
        conv = convert_file(raw)
        result = check_bytes(conv.xml, raw.name)
        errors = [str(d) for d in result.diagnostics if d.severity == "error"]
        assert errors == [], raw.name


def test_fast_path_and_xmlschema_agree_on_fixtures():
    from tei_corpus.validate import project_schema
    schema = project_schema()
    files = sorted(DATA.glob("*.xml")) + sorted((DATA / "invalid").glob("*.xml")) + \
        sorted(CORPUS.glob("*.xml"))
    assert files
    for f in files:
        try:
            tree = parse_file(f)
        except Exception:
            continue   # not well-formed fixtures
        fast = schema.validate(tree, str(f), fast=True)
        slow = schema.validate(tree, str(f), fast=False)
        assert fast == slow, f.name
