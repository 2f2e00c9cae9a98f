"""A user's own language pack given to the converter (``--lang-pack``, ``lang_packs=``).

The input is a held-out council record (hearing42/es-ar-...: an Argentine town council's
minutes, page text) whose page field "Contenido:" the shipped Spanish pack does not know,
so the converter reads it as a speaker; a user's pack naming it among the ``not_labels``
mends that without touching Python; ``tei build --lang-pack`` takes it too, and an
edited pack reconverts.
"""
from __future__ import annotations

import json
import shutil
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


def _build(src: Path, out: Path, *packs: Path) -> list:
    """``tei build SRC -o OUT --lang-pack …``: the files it converted."""
    args = ["build", str(src), "-o", str(out), "--format", "json", "--editions", "none"]
    for pack in packs:
        args += ["--lang-pack", str(pack)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["summary"]["converted_files"]


def test_build_takes_a_pack_and_an_edited_pack_reconverts(tmp_path):
    src, out = tmp_path / "raw", tmp_path / "out"
    src.mkdir()
    shutil.copyfile(RECORD, src / RECORD.name)
    built = (out / RECORD.name).with_suffix(".xml")
    pack = _own_pack(tmp_path, 'code = "es"\n[labels]\nnot_labels = ["secretaria"]\n')
    assert _build(src, out, pack) == [RECORD.name]
    assert "secretaria" not in _who(built.read_bytes()) and "contenido" in _who(built.read_bytes())
    assert _build(src, out, pack) == []                      # nothing changed: nothing redone
    pack.write_text('code = "es"\n[labels]\nnot_labels = ["contenido"]\n', encoding="utf-8")
    assert _build(src, out, pack) == [RECORD.name]           # the pack changed: reconverted
    assert _who(built.read_bytes()) == {"presidencia", "secretaria", "mateucci"}


def test_a_process_that_converts_on_reads_an_edited_pack_again(tmp_path):
    pack = _own_pack(tmp_path, 'code = "es"\n[labels]\nnot_labels = ["secretaria"]\n')
    assert "secretaria" not in _who(convert_file(RECORD, lang_packs=(pack,)).xml)
    pack.write_text('code = "es"\n[labels]\nnot_labels = ["contenido"]\n', encoding="utf-8")
    assert _who(convert_file(RECORD, lang_packs=(pack,)).xml) == {"presidencia", "secretaria",
                                                                  "mateucci"}
