"""The safe parser against the W3C XML Conformance Test Suite (policy: RULES.md).

Applicable: XML 1.0 5th edition, namespaces 1.0, namespace-aware tests; the
optional-error tests (TYPE=error) are skipped, as the suite's README says.
Every not-wf case must be rejected with a line and a column, except those
whose only error is in an external DTD subset or an external parameter
entity, which the parser never reads (XML 1.0, 5.1: a non-validating
processor need not); every valid/invalid case must be accepted, except the
ones our policy refuses: documents that use an entity whose text is in a file
never read (refused with [entity-reference], the name checked against the
file's bytes), and invalid documents whose DTD libxml2 itself rejects.
No case may raise anything but our InputError.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tei_corpus.errors import InputError
from tei_corpus.validate import check_path, Options
from tei_corpus.xmlio import parse_bytes, parse_file, read_bytes

from conftest import REFERENCE, need_shared

SUITE = REFERENCE / "test-suites" / "w3c-xmlconf"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}

#: invalid (not valid, but well-formed) cases whose internal DTD subset libxml2
#: treats as a fatal error even when not validating; counted, not hidden.
MAX_INVALID_REFUSED_BY_LIBXML2 = 30
#: An external DTD subset (``<!DOCTYPE x SYSTEM ...>``) or parameter entity.
EXTERNAL_DTD = re.compile(rb"<!DOCTYPE\s+\S+\s+(SYSTEM|PUBLIC)"
                          rb"|<!ENTITY\s+%\s*\S+\s+(SYSTEM|PUBLIC)")


def cases():
    need_shared(SUITE)
    manifest = parse_file(SUITE / "cleaned" / "xmlconf-flattened.xml")
    out = []
    for test in manifest.iter("TEST"):
        base = "".join(a.get(XML_BASE, "") for a in reversed(list(test.iterancestors())))
        case = dict(test.attrib)
        case["file"] = SUITE / "xmlconf" / base / test.get("URI")
        out.append(case)
    return out


def applicable(case) -> bool:
    edition = case.get("EDITION")
    if edition and "5" not in edition.split():
        return False
    if case.get("RECOMMENDATION") in ("XML1.1", "NS1.1") or case.get("VERSION") == "1.1":
        return False
    return case.get("NAMESPACE") != "no" and case["TYPE"] != "error"


def parse_case(case):
    try:
        parse_bytes(read_bytes(case["file"]), str(case["file"]))
    except InputError as exc:
        return exc
    return None


@pytest.fixture(scope="module")
def outcomes():
    all_cases = cases()
    assert len(all_cases) > 2500
    return [(c, parse_case(c)) for c in all_cases if applicable(c)]


def test_every_not_wf_case_rejected_with_line_and_column(outcomes):
    not_wf = [(c, e) for c, e in outcomes if c["TYPE"] == "not-wf"]
    assert len(not_wf) > 1000
    accepted = [c for c, e in not_wf if e is None]
    # Accepted only when the error is in an external DTD, never read (50 cases).
    assert [c["ID"] for c in accepted if c.get("ENTITIES", "none") == "none"
            or not EXTERNAL_DTD.search(c["file"].read_bytes())] == []
    assert len(accepted) <= 50
    no_position = [(c["ID"], str(e)) for c, e in not_wf
                   if e is not None and not (e.line >= 1 and e.col >= 1)]
    assert no_position == []
    # the message names the file and the position
    case, err = not_wf[0]
    assert str(err).startswith(f"{case['file']}:{err.line}:{err.col}: error: ")


def test_out_of_scope_not_wf_cases_refused_cleanly(outcomes):
    """Cases whose error hides in an external general entity: refused, never accepted."""
    external = [(c, e) for c, e in outcomes
                if c["TYPE"] == "not-wf" and c.get("ENTITIES", "none") != "none"
                and not EXTERNAL_DTD.search(c["file"].read_bytes())]
    assert len(external) > 10
    assert all(e is not None for c, e in external)


def test_every_valid_case_with_internal_entities_accepted(outcomes):
    """Entities declared in the document's own DTD subset are expanded: every such case passes."""
    internal = [(c, e) for c, e in outcomes if c["TYPE"] == "valid"
                and re.search(rb"<!ENTITY\s+[^%]", c["file"].read_bytes())
                and not re.search(rb"SYSTEM|PUBLIC", c["file"].read_bytes())]
    assert len(internal) >= 40
    assert [(c["ID"], str(e)) for c, e in internal if e is not None] == []
    print(len(internal), "valid cases declaring internal entities")


def test_valid_cases_accepted_unless_they_use_entities(outcomes):
    tally = Counter()
    for case, err in outcomes:
        if case["TYPE"] not in ("valid", "invalid"):
            continue
        if err is None:
            tally["accepted"] += 1
            continue
        if err.code == "entity-reference":
            name = re.match(r"entity reference &([^;]+);", err.message).group(1)
            assert name not in PREDEFINED
            data = case["file"].read_bytes()
            assert any(f"&{name};".encode(enc) in data
                       for enc in ("utf-8", "utf-16-le", "utf-16-be")), case["ID"]
            # Its text is in a file never read (a valid case), or it is declared nowhere.
            assert case["TYPE"] == "invalid" or re.search(rb"SYSTEM|PUBLIC", data), case["ID"]
            tally["refused: entity in a file never read"] += 1
            continue
        # anything else must be an "invalid" case that libxml2 rejects for its DTD
        assert case["TYPE"] == "invalid", (case["ID"], str(err))
        assert err.code == "not-well-formed"
        tally["invalid, DTD refused by libxml2"] += 1
    assert tally["accepted"] > 900
    assert tally["refused: entity in a file never read"] <= 30
    assert tally["invalid, DTD refused by libxml2"] <= MAX_INVALID_REFUSED_BY_LIBXML2
    print(dict(tally))


def test_no_case_crashes_the_validator_either():
    """The whole applicable suite through the validator's per-file entry point."""
    statuses = Counter()
    for case in cases():
        if not applicable(case):
            continue
        result = check_path(case["file"], Options(well_formed=True))
        assert not any(d.code == "internal-error" for d in result.diagnostics), case["ID"]
        statuses[result.status] += 1
    assert statuses["valid"] > 800 and statuses["not-well-formed"] > 1000
