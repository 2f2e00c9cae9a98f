"""The project rules and grammar on hand-made files: exact findings, whole lines."""
from __future__ import annotations

import re
from pathlib import Path

from tei_corpus.validate import (CORPUS_RULES, RULES, Options, check_bytes, check_corpus_ids,
                                 check_path, validate_file)
from tei_corpus.validate.rules import Facts, extract_facts
from tei_corpus.xmlio import parse_file

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "validate"


def lines(name: str, options: Options = Options()) -> list[str]:
    data = (DATA / "invalid" / name).read_bytes()
    return [str(d) for d in check_bytes(data, name, options).diagnostics]


def test_every_rule_broken_once():
    # Columns: the attribute a finding is about, else the start tag; one line in column order.
    assert lines("rules.xml") == [
        'rules.xml:25:14: error: id "moderator" is already used at line 16 [id-duplicate]',
        'rules.xml:34:20: error: @who of <u> points to "#nobody", which is not an id in this document [pointer-unresolved]',
        'rules.xml:35:20: error: @who of <u> points to "#regular", a <category>, not a person or personGrp [pointer-wrong-kind]',
        'rules.xml:35:35: error: @ana of <u> points to "#blinken", a <person>, not a category [pointer-wrong-kind]',
        'rules.xml:36:5: error: turn is marked #interpreted but has no xml:lang (the language of the rendition) [interpreted-without-lang]',
        'rules.xml:36:63: warning: @resp of an #interpreted turn points to "#press", which has no role="interpreter" [interpreter-role]',
        'rules.xml:38:5: error: turn is marked #interrupting but the turn before it is not marked #truncated [interrupting-without-truncated]',
        'rules.xml:38:5: warning: turn is marked #interrupting but has no trans="overlap" [interrupting-without-overlap]',
        'rules.xml:38:64: error: @next points to "#u6", whose @prev does not point back to "#u5" [chain-not-reciprocal]',
        'rules.xml:40:50: error: @prev points to "#u1", whose @next does not point back to "#u7" [chain-not-reciprocal]',
        'rules.xml:40:61: error: @corresp of <u> points to "#press", a <personGrp>, not a <u> [pointer-wrong-kind]',
        'rules.xml:40:94: error: xml:lang="fr" on <foreign> is not declared in langUsage/language/@ident [lang-undeclared]',
    ]


def test_grammar_errors_every_one_reported_in_document_order():
    assert lines("grammar.xml") == [
        "grammar.xml:10:54: error: <language>: missing required attribute 'ident' [xsd-attribute]",
        "grammar.xml:17:35: error: attribute type is not allowed on <u> [xsd-attribute]",
        'grammar.xml:17:51: error: <u> attribute trans="interrupted": must be one of smooth, latching, overlap, pause [xsd-value]',
        "grammar.xml:17:78: error: element <speaker> is not allowed here in <seg> [xsd-content]",
        "grammar.xml:18:5: error: element <seg> is not allowed here in <div> [xsd-content]",
        'grammar.xml:19:8: error: id "u1" is already used at line 17 [id-duplicate]',
        'grammar.xml:19:35: error: <u> attribute cert="very": not a valid certainty [xsd-value]',
    ]


def test_grammar_alone_reports_duplicate_ids_itself():
    got = lines("grammar.xml", Options(rules=False))
    assert 'grammar.xml:19:8: error: duplicate id "u1" on <u> [xsd-id]' in got
    assert not any("[id-duplicate]" in line for line in got)


def test_without_the_bytes_columns_are_0():
    """check_tree on a tree alone (as tei build calls it) cannot place columns."""
    from tei_corpus.validate.check import check_tree
    tree = parse_file(DATA / "invalid" / "grammar.xml")
    got = [str(d) for d in check_tree(tree, "grammar.xml")]
    assert got[0] == ("grammar.xml:10:0: error: <language>: missing required attribute "
                      "'ident' [xsd-attribute]")
    assert {line.split(":")[2] for line in got} == {"0"}


def test_not_well_formed_and_entities():
    assert lines("not-well-formed.xml") == [
        "not-well-formed.xml:6:14: error: Opening and ending tag mismatch: fileDesc line 4 "
        "and teiHeader [not-well-formed]"]
    assert lines("entity.xml") == [
        "entity.xml:4:26: error: entity reference &sec; is not declared in the document's "
        "internal DTD subset (external DTDs are never read) [entity-reference]"]


def test_valid_fixtures_have_no_findings():
    for name in ("design-example.xml", "all-elements.xml", "corpus.xml"):
        assert validate_file(DATA / name) == [], name


def test_interruption_after_truncated_turn_is_fine():
    text = (DATA / "design-example.xml").read_text(encoding="utf-8")
    assert 'ana="#regular #truncated"' in text
    assert check_bytes(text.encode(), "x.xml").diagnostics == []
    broken = text.replace('ana="#regular #truncated"', 'ana="#regular"')
    assert [str(d) for d in check_bytes(broken.encode(), "x.xml").diagnostics] == [
        "x.xml:68:5: error: turn is marked #interrupting but the turn before it is not "
        "marked #truncated [interrupting-without-truncated]"]


def test_language_tags_compare_case_insensitively():
    text = (DATA / "design-example.xml").read_text(encoding="utf-8")
    ok = text.replace('xml:lang="ko"', 'xml:lang="KO"')
    assert check_bytes(ok.encode(), "x.xml").diagnostics == []


def test_rules_do_not_crash_on_schema_invalid_documents():
    broken = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><u who="# #" ana="" next="#a #b"/></TEI>'
    result = check_bytes(broken, "x.xml")
    assert result.status == "invalid"
    codes = [d.code for d in result.diagnostics]
    assert "xsd-content" in codes
    # "#" alone is not a pointer to anything; "#a #b" are two unresolved ones
    assert [d.message for d in result.diagnostics if d.code == "pointer-unresolved"] == [
        '@next of <u> points to "#a", which is not an id in this document',
        '@next of <u> points to "#b", which is not an id in this document']


def test_corpus_ids_and_persons():
    a = extract_facts(parse_file(DATA / "design-example.xml"))
    assert a.doc_id == "state-blinken-cho-seoul-2025"
    assert ("blinken", 31, "Antony J. Blinken", ()) in a.persons
    clash = Facts(doc_id=a.doc_id, doc_line=2,
                  persons=[("blinken", 9, "Antony Blinken", ("wikidata:Q1",)),
                           ("cho", 12, "Cho Tae-yul", ("wikidata:Q2",)),
                           ("tae", 14, "Cho Tae-yul", ("wikidata:Q2",))])
    later = Facts(doc_id="other", doc_line=2,
                  persons=[("cho", 5, "Cho Tae-yul", ("wikidata:Q3",))])
    got = [str(d) for d in check_corpus_ids([("a.xml", a), ("b.xml", clash), ("c.xml", later)])]
    assert got == [
        'b.xml:2:0: error: document id "state-blinken-cho-seoul-2025" is also used by a.xml [corpus-id-duplicate]',
        'b.xml:9:0: warning: person "blinken" is named "Antony Blinken" here but "Antony J. Blinken" in a.xml [corpus-person-conflict]',
        'b.xml:14:0: warning: person "tae" has idno wikidata:Q2, which names person "cho" in b.xml [corpus-person-split]',
        'c.xml:5:0: warning: person "cho" has idno wikidata:Q3 here but wikidata:Q2 in b.xml [corpus-person-conflict]',
    ]


def test_a_tei_corpus_is_not_compared_with_its_members():
    member = extract_facts(parse_file(DATA / "design-example.xml"))
    corpus = extract_facts(parse_file(DATA / "corpus.xml"))
    assert (corpus.doc_id, corpus.members, corpus.persons) == (None, ["doc1"], [])
    # the corpus embeds "doc1", whose own file is checked too: the same document, no clash
    doc1 = Facts(doc_id="doc1", doc_line=2, persons=[("blinken", 9, "Antony Blinken", ())])
    assert check_corpus_ids([("corpus.xml", corpus), ("doc1.xml", doc1)]) == []
    assert check_corpus_ids([("doc1.xml", doc1), ("corpus.xml", corpus)]) == []
    # two corpus files with the same root id do clash
    named = Facts(doc_id="all", doc_line=2, members=["doc1"])
    got = [str(d) for d in check_corpus_ids([("c1.xml", named), ("c2.xml", named)])]
    assert got == ['c2.xml:2:0: error: document id "all" is also used by c1.xml '
                   '[corpus-id-duplicate]']
    assert member.members == []


def test_compressed_input_is_never_inflated(tmp_path):
    import gzip
    f = tmp_path / "doc.xml"
    f.write_bytes(gzip.compress((DATA / "design-example.xml").read_bytes()))
    assert [str(d) for d in check_path(f).diagnostics] == [
        f"{f}:0:0: error: compressed input is not read; decompress it first [compressed]"]


def test_iter_validate_yields_path_and_diagnostics_in_input_order():
    from tei_corpus.validate import iter_validate
    names = ["invalid/rules.xml", "design-example.xml", "invalid/entity.xml", "corpus.xml"]
    got = [(path, len(diags)) for path, diags in
           iter_validate([DATA / n for n in names], jobs=2)]
    assert [p for p, _ in got] == [str(DATA / n) for n in names]
    assert [n for _, n in got] == [12, 0, 1, 0]
