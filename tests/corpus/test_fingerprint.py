"""The build's fingerprints cover every toolkit file that can change an output."""
from __future__ import annotations

import shutil
from pathlib import Path

from tei_corpus.corpus.manifest import (convert_fingerprint, editions_fingerprint, toolkit_files,
                                        validate_fingerprint)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tei_corpus"


def _names(files) -> set[str]:
    return {p.resolve().relative_to(ROOT).as_posix() for p in files}


def test_every_module_data_file_schema_and_stylesheet_is_covered():
    by_stage = toolkit_files()
    covered = set().union(*map(_names, by_stage.values()))
    assert {"tei_corpus/xmlio.py", "tei_corpus/inputs.py", "tei_corpus/languages/fr.toml",
            "tei_corpus/profiles/_base.toml", "tei_corpus/convert/readers/cues.py",
            "xslt/html.xsl", "xslt/common/core.xsl", "schemas/tei-corpus.xsd"} <= covered
    expected = {p.relative_to(ROOT).as_posix() for pat in ("*.py", "*.toml")
                for p in PACKAGE.rglob(pat) if "__pycache__" not in p.parts}
    expected |= {p.relative_to(ROOT).as_posix() for d in ("xslt", "schemas")
                 for p in (ROOT / d).rglob("*") if p.is_file()}
    assert expected and covered == expected
    stages = list(by_stage.values())                   # each file under one stage only
    assert sum(len(s) for s in stages) == len(covered)
    assert "xslt/html.xsl" in _names(by_stage["editions"])
    assert "schemas/tei-corpus.xsd" in _names(by_stage["validate"])
    assert "tei_corpus/xmlio.py" in _names(by_stage["convert"])   # convert redoes everything


def _keys(package: Path) -> tuple[str, str, str]:
    return (convert_fingerprint("auto", "", "auto", package=package),
            validate_fingerprint(package=package), editions_fingerprint(["html"], package=package))


def _flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x20
    path.write_bytes(bytes(data))


def test_one_changed_byte_changes_the_fingerprint_of_its_stage(tmp_path):
    copy = tmp_path / "tei_corpus"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for d in ("xslt", "schemas"):
        shutil.copytree(ROOT / d, tmp_path / d)
    base = _keys(copy)
    assert base == _keys(PACKAGE)                      # the same files, wherever they are
    changes = {"xmlio.py": (True, False, False), "languages/en.toml": (True, False, False),
               "corpus/stats.py": (True, False, False), "../schemas/tei-corpus.xsd": (False, True, False),
               "../xslt/common/core.xsl": (False, False, True)}
    for rel, changed in changes.items():
        _flip_one_byte(copy / rel)
        now = _keys(copy)
        assert tuple(a != b for a, b in zip(now, base)) == changed, rel
        base = now


def test_the_users_profile_is_covered_too(tmp_path):
    """(The speaker registry is fingerprinted per file: tests/corpus/test_build_registry.py.)"""
    profile = tmp_path / "house.toml"
    profile.write_text('name = "house"\n', encoding="utf-8")
    before = convert_fingerprint(str(profile), "", "auto")
    _flip_one_byte(profile)
    assert convert_fingerprint(str(profile), "", "auto") != before


def test_the_users_language_packs_are_covered_in_their_order(tmp_path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('code = "es"\n', encoding="utf-8")
    second.write_text('code = "de"\n', encoding="utf-8")
    none = convert_fingerprint("auto", "", "auto")
    both = convert_fingerprint("auto", "", "auto", lang_packs=(str(first), str(second)))
    assert none != both
    assert both != convert_fingerprint("auto", "", "auto", lang_packs=(str(second), str(first)))
    _flip_one_byte(first)
    assert both != convert_fingerprint("auto", "", "auto", lang_packs=(str(first), str(second)))
