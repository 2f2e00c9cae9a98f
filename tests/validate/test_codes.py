"""The one list of diagnostic codes (schemas/codes.toml): the source, RULES.md, selection."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_corpus.cli import cli
from tei_corpus.codes import code_list, documented_codes, resolve_selectors, selected_codes
from tei_corpus.errors import ConfigError
from tei_corpus.validate import CORPUS_RULES, RULES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tei_corpus"
DATA = ROOT / "tests" / "data" / "validate"
CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

#: Calls that take a code, and where: (positional index, or None for ``code=`` only).
CODE_ARGS = {"Diagnostic": 4, "_diag": 1, "_refused": 1, "diag": 0, "report": 1,
             "InputError": None, "ConfigError": None}


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def emitted_codes() -> dict[str, str]:
    """Return ``{code: where}`` for every code literal the package's source can emit.

    A code is the argument of a call that builds a finding (``Diagnostic``,
    ``InputError(code=...)``, the walkers' and rules' helpers), a name
    ``code`` or ``*CODE`` assigned, or the default of a ``code`` parameter
    (both arms of a conditional). A code built at run time (an f-string) fails.
    """
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values = []
            if isinstance(node, ast.Call) and _call_name(node) in CODE_ARGS:
                index = CODE_ARGS[_call_name(node)]
                if index is not None and len(node.args) > index:
                    values.append(node.args[index])
                values += [k.value for k in node.keywords if k.arg == "code"]
            elif isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id.lower().endswith(("code", "codes"))
                    for t in node.targets):
                values.extend(node.value.elts if isinstance(node.value, (ast.Tuple, ast.List))
                              else [node.value])
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args.args[len(node.args.args) - len(node.args.defaults):]
                values += [d for a, d in zip(args, node.args.defaults) if a.arg == "code"]
            values = [b for v in values for b in ((v.body, v.orelse) if isinstance(v, ast.IfExp)
                                                   else (v,))]
            for v in values:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                assert not isinstance(v, ast.JoinedStr), f"{where}: a code must be a literal"
                if isinstance(v, ast.Constant) and isinstance(v.value, str) and CODE.match(v.value):
                    found.setdefault(v.value, where)
    return found


def test_the_source_emits_only_listed_codes_and_every_listed_code():
    emitted = emitted_codes()
    assert len(emitted) > 60           # the scan sees the package's codes
    listed = set(code_list().codes)
    assert {c: w for c, w in emitted.items() if c not in listed} == {}
    assert sorted(listed - set(emitted)) == []


def test_rules_md_documents_every_code_with_its_group():
    documented = documented_codes()
    assert documented, "no code table found in RULES.md"
    listed = code_list().codes
    assert set(documented) == set(listed)
    assert {c: g for c, (g, _) in documented.items() if listed[c] != g} == {}
    assert all(text for _, text in documented.values())


def test_every_group_is_described_and_used():
    known = code_list()
    assert set(known.codes.values()) == set(known.groups)


def test_the_library_dicts_come_from_the_list():
    assert set(RULES) == {c for c, g in code_list().codes.items()
                          if g in ("pointers", "turns", "lang", "time")}
    assert set(CORPUS_RULES) == code_list().members("corpus")
    assert RULES["time-order"].startswith("a when of a timeline is earlier")


def test_selection_by_code_and_group_ignore_wins():
    assert selected_codes() is None
    chosen = selected_codes(["pointers,time-order"], ["chain-not-reciprocal"])
    assert {"id-duplicate", "pointer-unresolved", "pointer-wrong-kind", "time-order"} <= chosen
    assert "chain-not-reciprocal" not in chosen and "xsd-content" not in chosen
    # a file that could not be read is never made to look valid
    assert "not-well-formed" in selected_codes(ignore=["ALL"])
    assert "time-limit" in selected_codes(ignore=["parse,run"])
    assert resolve_selectors(["xsd"]) == {"xsd", "xsd-content", "xsd-attribute", "xsd-value",
                                          "xsd-id"}
    with pytest.raises(ConfigError, match="'pointer' is neither a code nor a group"):
        selected_codes(["pointer"])


def run(*args):
    return CliRunner().invoke(cli, ["validate", "-q", *args], catch_exceptions=False)


def codes_of(result) -> list[str]:
    return [line.rsplit("[", 1)[1].rstrip("]") for line in result.stdout.splitlines()]


def test_select_and_ignore_on_the_command_line(monkeypatch):
    monkeypatch.chdir(DATA)
    every = codes_of(run("invalid/grammar.xml"))
    assert sorted(set(every)) == ["id-duplicate", "xsd-attribute", "xsd-content", "xsd-value"]
    assert codes_of(run("invalid/grammar.xml", "--select", "pointers")) == ["id-duplicate"]
    assert codes_of(run("invalid/grammar.xml", "--ignore", "xsd-content,xsd-value",
                        "--ignore", "pointers")) == ["xsd-attribute", "xsd-attribute"]
    kept = run("invalid/grammar.xml", "--select", "xsd", "--ignore", "xsd-value")
    assert set(codes_of(kept)) == {"xsd-attribute", "xsd-content"} and kept.exit_code == 1
    clean = run("invalid/grammar.xml", "--ignore", "xsd,pointers")
    assert (clean.exit_code, clean.stdout) == (0, "")
    nwf = run("invalid/not-well-formed.xml", "--ignore", "ALL")
    assert (nwf.exit_code, codes_of(nwf)) == (1, ["not-well-formed"])
    bad = run("invalid/grammar.xml", "--select", "xsd-contnet")
    assert bad.exit_code == 2
    assert "'xsd-contnet' is neither a code nor a group" in bad.stderr
