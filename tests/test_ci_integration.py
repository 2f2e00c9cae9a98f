"""The pre-commit hooks (.pre-commit-hooks.yaml) and the GitHub Action (action.yml).

Both files parse, name commands that exist, and their commands run on real
files with the exit statuses CI relies on: a ``tei`` on the PATH that is this
checkout's command line stands in for the installed one.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLES_RAW, need_shared

DATA = ROOT / "tests" / "data" / "validate"
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


@pytest.fixture
def tei_bin(tmp_path) -> dict:
    """An environment whose PATH has a ``tei`` running this checkout."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, func = scripts["tei"].split(":")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    tei = bindir / "tei"
    tei.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -c "
                   f"'from {module} import {func}; {func}()' \"$@\"\n")
    tei.chmod(0o755)
    return {"PATH": f"{bindir}{os.pathsep}/usr/bin:/bin", "PYTHONPATH": str(ROOT),
            "HOME": str(tmp_path)}


def hook(hook_id: str) -> dict:
    (found,) = [h for h in HOOKS if h["id"] == hook_id]
    return found


def test_hooks_file_names_both_hooks_with_their_fields():
    assert [h["id"] for h in HOOKS] == ["tei-validate", "tei-convert-check"]
    for h in HOOKS:
        assert {"id", "name", "entry", "language"} <= set(h)
        assert h["language"] == "python" and h["entry"].split()[0] == "tei"
    assert hook("tei-validate")["types"] == ["xml"]
    assert hook("tei-validate")["entry"] == "tei validate"
    assert hook("tei-convert-check")["entry"].startswith("tei convert --check")


def run_entry(entry: str, files, env) -> subprocess.CompletedProcess:
    """Run a hook as pre-commit does: its entry, then the file names."""
    return subprocess.run([*shlex.split(entry), *map(str, files)], env=env,
                          capture_output=True, text=True, timeout=300)


def test_tei_validate_hook_on_real_files(tei_bin):
    entry = hook("tei-validate")["entry"]
    ok = run_entry(entry, [DATA / "design-example.xml", ROOT / "corpus_xml" / "corpus.xml"], tei_bin)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = run_entry(entry, [DATA / "invalid" / "grammar.xml"], tei_bin)
    assert bad.returncode == 1 and "[xsd-attribute]" in bad.stdout


def test_tei_convert_check_hook_on_real_transcripts(tei_bin, tmp_path):
    need_shared(SAMPLES_RAW)
    pattern = re.compile(hook("tei-convert-check")["files"])
    samples = sorted(p for p in SAMPLES_RAW.iterdir() if p.name.startswith(("000_", "407_", "410_")))
    assert len(samples) == 3 and all(pattern.search(p.name) for p in samples)
    assert not pattern.search("corpus.xml")
    work = tmp_path / "work"
    work.mkdir()
    for p in samples:
        shutil.copy(p, work)
    before = sorted(os.listdir(work))
    entry = hook("tei-convert-check")["entry"]
    ok = run_entry(entry, sorted(work.iterdir()), tei_bin)
    assert ok.returncode == 0, ok.stderr
    assert sorted(os.listdir(work)) == before               # writes nothing
    (work / "broken.json").write_text('{"segments": [{"start": "soon"}]}')
    bad = run_entry(entry, [work / "broken.json"], tei_bin)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "broken.json:" in bad.stderr


def test_action_is_composite_with_its_inputs_and_installs_its_own_checkout():
    assert set(ACTION["inputs"]) == {"path", "schema", "args", "python-version"}
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    assert (ROOT / "pyproject.toml").is_file()             # what pip installs from there
    assert all(s.get("shell") == "bash" for s in steps if "run" in s)


def run_action_step(env, path: str, schema: str = "", args: str = ""):
    step = next(s for s in ACTION["runs"]["steps"] if "tei validate" in s.get("run", ""))
    assert "--output-format github" in step["run"]
    inputs = {"path": path, "schema": schema, "args": args}
    step_env = {k: v.replace("${{ inputs.", "").replace(" }}", "") for k, v in step["env"].items()}
    env = {**env, **{k: inputs[v] for k, v in step_env.items()}}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          env=env, capture_output=True, text=True, timeout=300, cwd=DATA)


def test_action_validate_step_annotates_and_fails_like_tei_validate(tei_bin):
    ok = run_action_step(tei_bin, "design-example.xml")
    assert ok.returncode == 0 and ok.stdout == ""
    bad = run_action_step(tei_bin, "invalid/grammar.xml design-example.xml", args="-q --ignore xsd")
    assert bad.returncode == 1
    assert bad.stdout == ("::error file=invalid/grammar.xml,line=19,col=8,title=id-duplicate"
                          "::id \"u1\" is already used at line 17\n")
    schema = run_action_step(tei_bin, "invalid/grammar.xml", schema=str(ROOT / "schemas" /
                                                                       "tei-corpus.xsd"))
    assert schema.returncode == 1 and "title=xsd-id::" in schema.stdout     # no rules
