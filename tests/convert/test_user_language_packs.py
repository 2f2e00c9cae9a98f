"""A user's own language pack given to the converter (``--lang-pack``, ``lang_packs=``).

The input is a held-out council record (hearing42/es-ar-...: an Argentine town council's
minutes, page text) whose page field "Contenido:" the shipped Spanish pack does not know,
so the converter reads it as a speaker; a user's pack naming it among the ``not_labels``
mends that without touching Python.
"""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from tei_corpus.cli import cli
from tei_corpus.convert import convert_file

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
RECORD = next((Path(__file__).parent.parent / "data" / "convert" / "unseen" / "hearing42")
              .glob("es-ar-hcdsannicolas-*.txt"))


def _who(xml: bytes) -> set:
    return {w.lstrip("#") for w in etree.fromstring(xml).xpath("//t:u/@who", namespaces=TEI)}


def _own_pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "my-es.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_users_pack_extends_the_shipped_one_for_its_language(tmp_path):
    pack = _own_pack(tmp_path, 'code = "es"\n[labels]\nnot_labels = ["contenido"]\n')
    before = convert_file(RECORD)
    after = convert_file(RECORD, lang_packs=(pack,))
    assert "contenido" in _who(before.xml)
    assert _who(after.xml) == {"presidencia", "secretaria", "mateucci"}


def test_a_users_pack_for_another_language_leaves_the_document_alone(tmp_path):
    pack = _own_pack(tmp_path, 'code = "de"\n[labels]\nnot_labels = ["contenido"]\n')
    assert "contenido" in _who(convert_file(RECORD, lang_packs=(pack,)).xml)


def test_the_cli_takes_a_pack_and_refuses_a_broken_one_before_writing(tmp_path):
    good = _own_pack(tmp_path, 'code = "es"\n[labels]\nnot_labels = ["contenido"]\n')
    out = tmp_path / "acta.xml"
    result = CliRunner().invoke(cli, ["convert", str(RECORD), "--lang-pack", str(good),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "contenido" not in _who(out.read_bytes())
    broken = tmp_path / "broken.toml"
    broken.write_text('code = "es"\n[labels]\nnot_labels = 3\n', encoding="utf-8")
    again = tmp_path / "again.xml"
    result = CliRunner().invoke(cli, ["convert", str(RECORD), "--lang-pack", str(broken),
                                      "-o", str(again)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].endswith(
        "broken.toml: labels.not_labels: must be a list of strings")
    assert not again.exists()
