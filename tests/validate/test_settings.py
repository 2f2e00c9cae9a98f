"""Settings files: tei-corpus.toml or [tool.tei-corpus] in pyproject.toml, found upwards."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_corpus.cli import cli
from tei_corpus.errors import ConfigError
from tei_corpus.settings import find_settings, load_settings, settings_for

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "validate"
GRAMMAR_CODES = ["xsd-attribute", "xsd-attribute", "xsd-value", "xsd-content", "xsd-content",
                 "id-duplicate", "xsd-value"]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder: corpus/sub/grammar.xml (invalid) and corpus/ok.xml (valid)."""
    sub = tmp_path / "proj" / "corpus" / "sub"
    sub.mkdir(parents=True)
    shutil.copy(DATA / "invalid" / "grammar.xml", sub / "grammar.xml")
    shutil.copy(DATA / "design-example.xml", sub.parent / "ok.xml")
    monkeypatch.chdir(tmp_path / "proj")
    return tmp_path / "proj"


def run(*args, input=None):
    return CliRunner().invoke(cli, ["validate", "-q", *args], input=input,
                              catch_exceptions=False)


def codes(result) -> list[str]:
    return [line.rsplit("[", 1)[1].rstrip("]") for line in result.stdout.splitlines()]


def test_no_settings_file(project):
    assert find_settings(project / "corpus") is None or \
        not str(find_settings(project / "corpus")).startswith(str(project))
    assert codes(run("--no-config", "corpus")) == GRAMMAR_CODES


def test_tei_corpus_toml_above_the_files(project):
    (project / "tei-corpus.toml").write_text('ignore = ["xsd-value", "pointers"]\n')
    assert find_settings(project / "corpus" / "sub" / "grammar.xml") == project / "tei-corpus.toml"
    assert codes(run("corpus")) == ["xsd-attribute", "xsd-attribute", "xsd-content",
                                    "xsd-content"]
    # the command line wins, key by key
    assert codes(run("corpus", "--ignore", "xsd")) == ["id-duplicate"]
    assert codes(run("corpus", "--no-config")) == GRAMMAR_CODES


def test_pyproject_table_and_the_nearer_file_wins(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.tei-corpus]\nselect = "pointers"\nmax-errors = 1\n')
    assert find_settings(project / "corpus") == project / "pyproject.toml"
    assert codes(run("corpus")) == ["id-duplicate"]
    (project / "corpus" / "sub" / "pyproject.toml").write_text('[project]\nname = "y"\n')
    assert find_settings(project / "corpus" / "sub") == project / "pyproject.toml"  # no table
    (project / "corpus" / "sub" / "tei-corpus.toml").write_text('select = ["xsd-value"]\n')
    assert codes(run("corpus/sub")) == ["xsd-value", "xsd-value"]


def test_schema_rules_jobs_timeout_and_max_errors_from_a_file(project):
    schemas = project / "schemas"
    schemas.mkdir()
    shutil.copy(ROOT / "schemas" / "tei-corpus.xsd", schemas / "mine.xsd")
    shutil.copy(ROOT / "schemas" / "xml.xsd", schemas / "xml.xsd")
    (project / "tei-corpus.toml").write_text(
        'schema = "schemas/mine.xsd"\nrules = "none"\njobs = 2\ntimeout = 30\nmax-errors = 2\n')
    settings = load_settings(project / "tei-corpus.toml")
    assert settings.get("schema") == (schemas / "mine.xsd",)
    assert (settings.get("jobs"), settings.get("timeout"), settings.get("max-errors")) == (2, 30, 2)
    result = run("corpus")
    # the file's schema, no rules (xsd-id, not id-duplicate), two findings and the limit line
    assert codes(result) == ["xsd-attribute", "xsd-attribute", "too-many-errors"]
    # the command line wins: the rules run (id-duplicate besides the schema's xsd-id), no limit
    for args in (["corpus", "--rules", "project"], ["--rules", "corpus"]):
        got = codes(run(*args, "--max-errors", "0"))
        assert "id-duplicate" in got and "xsd-id" in got and "too-many-errors" not in got


def test_config_names_the_file_and_stdin_looks_from_its_name_or_cwd(project, tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text('select = "pointers"\n')
    assert codes(run("--config", str(other), "corpus")) == ["id-duplicate"]
    (project / "corpus" / "sub" / "tei-corpus.toml").write_text('ignore = "xsd"\n')
    data = (project / "corpus" / "sub" / "grammar.xml").read_bytes()
    named = run("-", "--stdin-filename", "corpus/sub/grammar.xml", input=data)
    assert codes(named) == ["id-duplicate"]
    assert named.stdout.startswith("corpus/sub/grammar.xml:19:8: error:")
    assert codes(run("-", input=data)) == GRAMMAR_CODES                 # cwd: no file
    (project / "tei-corpus.toml").write_text('select = "xsd-content"\n')
    assert codes(run("-", input=data)) == ["xsd-content", "xsd-content"]


def test_bad_settings_are_one_line_and_exit_2(project):
    cases = {
        'jobs = 0\n': "jobs must be a whole number, 1 or more, not 0",
        'rules = "all"\n': "rules must be one of project, generic, none, not 'all'",
        'colour = "red"\n': "unknown key 'colour'",
        'select = "nope"\n': "--select: 'nope' is neither a code nor a group",
        'jobs = \n': "not a valid TOML settings file",
    }
    for text, message in cases.items():
        (project / "tei-corpus.toml").write_text(text)
        result = run("corpus")
        assert result.exit_code == 2, text
        (line,) = result.stderr.splitlines()
        assert message in line, (text, line)
    (project / "tei-corpus.toml").unlink()
    (project / "pyproject.toml").write_text('[tool.tei-corpus]\nmax-errors = -1\n')
    line = run("corpus").stderr.strip()
    assert line.endswith("pyproject.toml: [tool.tei-corpus]: max-errors must be a whole number, "
                         "0 or more, not -1")


def test_paths_under_different_settings_files_are_refused(project, tmp_path):
    (project / "corpus" / "sub" / "tei-corpus.toml").write_text('ignore = "xsd"\n')
    result = run("corpus/sub", "corpus/ok.xml")
    assert result.exit_code == 2
    assert "the paths fall under different settings files" in result.stderr
    with pytest.raises(ConfigError):
        settings_for([project / "corpus" / "sub", project / "corpus" / "ok.xml"])
    assert run("--no-config", "corpus/sub", "corpus/ok.xml").exit_code == 1


def test_the_toolkit_s_own_pyproject_has_no_table_and_python_is_recent():
    import tomllib
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["requires-python"] == ">=3.11"       # tomllib is in the library
    assert "tei-corpus" not in data.get("tool", {})
    assert sys.version_info >= (3, 11)
    assert subprocess.run([sys.executable, "-c", "import tomllib"]).returncode == 0
