"""Nothing is read from outside what the user named (issue 13, item 6).

Hostile schemas sit in a folder of their own; a canary file outside it holds a
unique string. Every way a schema can pull in a file (Schematron includes of
every kind, RELAX NG references, ``<?xml-model?>``) is refused with one line
and the right exit status, and the canary never shows in any output.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_corpus.cli import cli

CANARY = "CANARY-CONFINE-3b9e41"
DATA = Path(__file__).resolve().parents[1] / "data" / "validate"
SCH = "http://purl.oclc.org/dsdl/schematron"
PATTERN = (f'<sch:pattern xmlns:sch="{SCH}"><sch:rule context="/*">'
           f'<sch:report test="true()">{CANARY}</sch:report></sch:rule></sch:pattern>')


@pytest.fixture
def place(tmp_path) -> Path:
    """``tmp/canary.xml`` (outside) and ``tmp/schemas/`` (where the hostile schemas go)."""
    (tmp_path / "canary.xml").write_text(PATTERN, encoding="utf-8")
    (tmp_path / "canary.rng").write_text(
        f'<element name="{CANARY}" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>',
        encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "r.xml").write_text("<r/>", encoding="utf-8")
    return tmp_path


def _schema(place: Path, body: str, name: str = "hostile.sch") -> Path:
    path = place / "schemas" / name
    path.write_text(f'<sch:schema xmlns:sch="{SCH}" xmlns:xi="http://www.w3.org/2001/XInclude" '
                    'xmlns:rng="http://relaxng.org/ns/structure/1.0" '
                    'xmlns:old="http://www.ascc.net/xml/schematron" '
                    f'xmlns:xlink="http://www.w3.org/1999/xlink">{body}</sch:schema>',
                    encoding="utf-8")
    return path


def _run(*args):
    return CliRunner().invoke(cli, ["validate", *map(str, args)], catch_exceptions=False)


def _refused(result, schema: Path, href: str, folder: Path) -> None:
    assert CANARY not in result.output
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"Error: {schema}: refers to {href!r} outside the schema's "
                             f"folder ({folder.resolve()}): not read\n")


HOSTILE = {
    "xi-include-relative": '<xi:include href="../canary.xml"/>',
    "xi-include-absolute": '<xi:include href="{canary}"/>',
    "rng-extref": '<sch:pattern><rng:extRef href="../canary.xml"/></sch:pattern>',
    "old-namespace-include": '<old:include href="../canary.xml"/>',
    "sch-include-file-uri": '<sch:include href="file://{canary}"/>',
    "sch-extends": '<sch:pattern><sch:rule context="/*"><sch:extends href="../canary.xml"/>'
                   '<sch:assert test="true()">x</sch:assert></sch:rule></sch:pattern>',
    "xlink-embed": '<sch:pattern xlink:type="simple" xlink:show="embed" '
                   'xlink:href="../canary.xml"/>',
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_schematron_include_outside_refused(place, case):
    body = HOSTILE[case].format(canary=place / "canary.xml")
    schema = _schema(place, body)
    href = body.split('href="', 1)[1].split('"', 1)[0]
    _refused(_run("--schema", schema, place / "docs" / "r.xml"), schema, href, place / "schemas")


def test_nested_include_outside_refused(place):
    """An include inside the folder that itself includes a file outside it."""
    (place / "schemas" / "inner.xml").write_text(
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="../canary.xml"/>',
        encoding="utf-8")
    schema = _schema(place, '<sch:include href="inner.xml"/>')
    _refused(_run("--schema", schema, place / "docs" / "r.xml"), schema, "../canary.xml",
             place / "schemas")


def test_symlink_out_of_the_folder_refused(place):
    (place / "schemas" / "link.xml").symlink_to(place / "canary.xml")
    schema = _schema(place, '<sch:include href="link.xml"/>')
    _refused(_run("--schema", schema, place / "docs" / "r.xml"), schema, "link.xml",
             place / "schemas")


def test_include_inside_the_folder_still_works(place):
    (place / "schemas" / "inside.xml").write_text(
        PATTERN.replace(CANARY, "inside pattern"), encoding="utf-8")
    schema = _schema(place, '<xi:include href="inside.xml"/>')
    result = _run("--schema", schema, place / "docs" / "r.xml")
    assert result.exit_code == 1
    assert result.stdout == f"{place / 'docs' / 'r.xml'}:1:0: error: inside pattern [sch-report]\n"


def test_rng_external_ref_outside_refused(place):
    rng = place / "schemas" / "hostile.rng"
    rng.write_text('<element name="r" xmlns="http://relaxng.org/ns/structure/1.0">'
                   '<externalRef href="../canary.rng"/></element>', encoding="utf-8")
    _refused(_run("--schema", rng, place / "docs" / "r.xml"), rng, "../canary.rng",
             place / "schemas")


# -- <?xml-model?> -------------------------------------------------------------------------

def _model_doc(place: Path, href: str) -> Path:
    """A valid TEI document (so the project schema finds nothing) naming ``href``."""
    valid = (DATA / "design-example.xml").read_text(encoding="utf-8")
    decl, rest = valid.split("\n", 1)
    doc = place / "docs" / "m.xml"
    doc.write_text(f'<?xml-model href="{href}" schematypens="{SCH}"?>\n{rest}', encoding="utf-8")
    return doc


@pytest.mark.parametrize("how", ["absolute", "parent", "file-uri"])
def test_xml_model_outside_is_one_line(place, how):
    outside = _schema(place, PATTERN, "outside.sch")     # in schemas/, not under docs/
    href = {"absolute": str(outside), "parent": "../schemas/outside.sch",
            "file-uri": f"file://{outside}"}[how]
    doc = _model_doc(place, href)
    result = _run("--xml-model", "--no-rules", doc)
    assert CANARY not in result.output
    assert result.exit_code == 1
    assert result.stdout == (
        f"{doc}:1:0: error: <?xml-model?> refers to {href!r} outside the document's folder "
        f"or a --schema-path folder ({doc.parent.resolve()}): not read [xml-model-outside]\n")


def test_xml_model_from_a_schema_path_folder(place):
    outside = _schema(place, PATTERN, "outside.sch")
    doc = _model_doc(place, str(outside))
    result = _run("--xml-model", "--no-rules", "--schema-path", place / "schemas", doc)
    assert result.exit_code == 1
    assert result.stdout == f"{doc}:2:0: error: {CANARY} [sch-report]\n"   # allowed: named
