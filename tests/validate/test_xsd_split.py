"""Invalid documents: checking element by element finds what a whole-document walk finds.

The project schema declares every element globally, so xmlschema checks a
large element one level deep and walks only the children libxml2 rejects.
These tests compare that with xmlschema walking the whole document, on the
hand-made invalid fixtures and on seeded random damage to real converter output.
"""
from __future__ import annotations

import copy
import random
from pathlib import Path

from lxml import etree

from tei_corpus.validate import project_schema
from tei_corpus.validate.xsd import SPLIT_MIN, XsdSchema
from tei_corpus.xmlio import parse_bytes, parse_file

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "validate"
T = "{http://www.tei-c.org/ns/1.0}"
SKIP = frozenset({"xsd-id"})   # the rules report duplicate ids when they run


def both_ways(tree, name="x.xml"):
    schema = project_schema()
    split = [str(d) for d in schema.validate(tree, name, skip_codes=SKIP)]
    whole = [str(d) for d in schema.validate(tree, name, fast=False, skip_codes=SKIP)]
    return split, whole


def test_project_schema_can_be_split_and_note_schema_cannot():
    assert project_schema().splittable()
    # note.xsd declares <to> and <body> locally: their validity depends on the parent
    assert not XsdSchema(DATA / "schemas" / "note.xsd").splittable()


def test_fixtures_same_findings():
    files = [DATA / "invalid" / "grammar.xml", DATA / "invalid" / "rules.xml",
             DATA / "design-example.xml"]
    for f in files:
        split, whole = both_ways(parse_file(f), f.name)
        assert split == whole, f.name
    assert both_ways(parse_file(files[0]))[0]   # grammar.xml is invalid


def damage(tree, rng):
    """Apply one random change of a kind that breaks the project schema."""
    root = tree.getroot()
    elements = [el for el in root.iter() if isinstance(el.tag, str) and el is not root]
    el = rng.choice(elements)
    kind = rng.randrange(6)
    if kind == 0:
        el.set("bogus", "1")
    elif kind == 1:
        el.set("trans", "sideways")
    elif kind == 2:
        el.tag = T + "speaker"
    elif kind == 3:
        parent = el.getparent()
        if parent is not None and parent.getparent() is not None:
            parent.getparent().append(copy.deepcopy(el))
    elif kind == 4:
        for child in list(el):
            el.remove(child)
    else:
        el.text = "stray text " + (el.text or "")
    return kind


def test_random_damage_to_converter_output_same_findings():
    sources = sorted((ROOT / "corpus_xml").glob("0*.xml")) or \
        sorted((DATA).glob("design-example.xml"))
    assert sources
    base = parse_file(sources[0])
    body_div = base.getroot().find(f".//{T}body/{T}div")
    assert body_div is not None and sum(1 for _ in body_div.iter()) > SPLIT_MIN
    rng = random.Random(20250106)
    kinds, invalid = set(), 0
    for _ in range(24):
        tree = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            kinds.add(damage(tree, rng))
        tree = parse_bytes(etree.tostring(tree), "x.xml")   # as a file would be read
        split, whole = both_ways(tree)
        assert split == whole
        invalid += bool(whole)
    assert kinds == set(range(6))
    assert invalid >= 12


def test_large_file_one_injected_error(tmp_path):
    """One bad attribute deep in a long transcript is found, at its line and column."""
    src = (ROOT / "corpus_xml" / "corpus.xml")
    if not src.exists():
        src = DATA / "design-example.xml"
    data = src.read_bytes()
    at = data.rindex(b"<u ")
    bad = data[:at] + b"<u bogus=\"1\" " + data[at + 3:]
    line = bad[:at].count(b"\n") + 1
    col = at - bad.rfind(b"\n", 0, at)
    from tei_corpus.validate import check_bytes
    got = [str(d) for d in check_bytes(bad, "big.xml").diagnostics]
    assert got == [f"big.xml:{line}:{col + 3}: error: attribute bogus is not allowed on <u> "
                   "[xsd-attribute]"]
