"""The wheel holds every schema, stylesheet and profile, and they work from it."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Top-level data folders and where the wheel puts them (pyproject force-include).
DATA_DIRS = {"schemas": "tei_corpus/schemas", "xslt": "tei_corpus/xslt"}
SUFFIXES = (".xsd", ".xsl", ".toml", ".rng", ".sch", ".js")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         str(ROOT), "-w", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wheels = list(out.glob("tei_corpus-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def expected_members() -> set[str]:
    names = set()
    for folder, target in DATA_DIRS.items():
        for f in (ROOT / folder).rglob("*"):
            if f.is_file() and f.suffix in SUFFIXES:
                names.add(f"{target}/{f.relative_to(ROOT / folder).as_posix()}")
    for f in (ROOT / "tei_corpus").rglob("*"):
        if f.is_file() and f.suffix in SUFFIXES:
            names.add(f.relative_to(ROOT).as_posix())
    return names


def test_every_schema_stylesheet_and_profile_is_in_the_wheel(wheel):
    expected = expected_members()
    assert any(n.endswith("tei-corpus.xsd") for n in expected)
    assert any(n.endswith(".xsl") for n in expected)
    with zipfile.ZipFile(wheel) as zf:
        members = set(zf.namelist())
    assert expected - members == set()
    assert "tei_corpus/schemas/RULES.md" in members
    assert "tei_corpus/cli.py" in members


def test_validation_works_from_the_unpacked_wheel(wheel, tmp_path):
    """The shipped schema (with its xml.xsd import) compiles from the package copy."""
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp_path / "site")
    script = (
        "from tei_corpus.resources import data_dir\n"
        "from tei_corpus.validate import validate_file, project_schema\n"
        "import sys\n"
        "assert str(data_dir('schemas')).startswith(sys.argv[1]), data_dir('schemas')\n"
        "assert project_schema().path.startswith(sys.argv[1])\n"
        "print(len(validate_file(sys.argv[2])))\n")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "site"),
         str(ROOT / "tests" / "data" / "validate" / "design-example.xml")],
        capture_output=True, text=True, cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "0\n"


def test_the_wheel_carries_its_licence_and_pypi_metadata(wheel):
    """A wheel ready for PyPI: the licence file, the SPDX expression, classifiers."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        licence = next(n for n in names if n.endswith("licenses/LICENSE"))
        assert "MIT License" in zf.read(licence).decode()
    assert "License-Expression: MIT" in meta
    assert "Classifier: Topic :: Text Processing :: Markup :: XML" in meta
    assert "Requires-Python: >=3.11" in meta
    # The main job needs no test tool: pytest and the browser driver are extras.
    required = [line for line in meta.splitlines()
                if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert required and not any("pytest" in r or "playwright" in r for r in required)
