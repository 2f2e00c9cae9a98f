"""Write validation results: text lines, JSON, GitHub annotations, SARIF or JUnit XML.

Text, JSON, GitHub and SARIF are streamed, file by file; JUnit XML, whose
counts come first, is written when the run ends. Every document stays whole
when the run is stopped.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from .. import __version__
from ..codes import code_list, help_text
from ..errors import escape_name, escape_text

#: The report formats of ``tei validate --output-format``.
FORMATS = ("text", "json", "github", "sarif", "junit")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass
class Summary:
    """Counts over a run."""

    files: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    warnings: int = 0

    def add(self, result) -> None:
        """Count one :class:`~tei_corpus.validate.check.FileResult`."""
        self.files += 1
        self.statuses[result.status] += 1
        for d in result.diagnostics:
            if d.severity == "error":
                self.errors += 1
            else:
                self.warnings += 1

    @property
    def ok(self) -> bool:
        """True when no file had an error."""
        return self.errors == 0

    def to_dict(self) -> dict:
        """Return the counts as a JSON-ready dict."""
        return {
            "files": self.files,
            "valid": self.statuses["valid"],
            "invalid": self.statuses["invalid"],
            "not_well_formed": self.statuses["not-well-formed"],
            "unchecked": self.statuses["unchecked"],
            "errors": self.errors,
            "warnings": self.warnings,
        }

    def line(self) -> str:
        """Return the one-line summary printed on stderr."""
        def n(count, word):
            return f"{count} {word}{'' if count == 1 else 's'}"
        parts = [f"{self.statuses['valid']} valid", f"{self.statuses['invalid']} invalid",
                 f"{self.statuses['not-well-formed']} not well-formed"]
        if self.statuses["unchecked"]:
            parts.append(f"{self.statuses['unchecked']} not checked")
        return (f"{n(self.files, 'file')}: {', '.join(parts)}; "
                f"{n(self.errors, 'error')}, {n(self.warnings, 'warning')}")


class TextWriter:
    """One line per finding: ``path:line:col: severity: message [code]``."""

    def __init__(self, out) -> None:
        self.out = out

    def write(self, result) -> None:
        for d in result.diagnostics:
            self.out.write(" ".join(str(d).splitlines()) + "\n")   # one line, always
        self.out.flush()

    def close(self, summary: Summary, interrupted: bool = False) -> None:
        self.out.flush()


class JsonWriter:
    """``{"files": [{path, status, diagnostics}...], "summary": {...}}``, written as it goes."""

    def __init__(self, out) -> None:
        self.out = out
        self.first = True
        self.out.write('{"files": [')

    def write(self, result) -> None:
        item = {"path": escape_name(result.path), "status": result.status,
                "diagnostics": [d.to_json() for d in result.diagnostics]}
        self.out.write(("\n  " if self.first else ",\n  ") + json.dumps(item, ensure_ascii=False))
        self.out.flush()                    # streamed: each file as it is done
        self.first = False

    def close(self, summary: Summary, interrupted: bool = False) -> None:
        """End the document (``"interrupted": true`` in the summary when the run was stopped)."""
        counts = {**summary.to_dict(), **({"interrupted": True} if interrupted else {})}
        self.out.write(("" if self.first else "\n") + '], "summary": '
                       + json.dumps(counts) + "}\n")
        self.out.flush()


def _gh_escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's message (or, with ``prop``, a property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


class GithubWriter(TextWriter):
    """GitHub Actions workflow commands: ``::error file=P,line=L,col=C,title=CODE::message``."""

    def write(self, result) -> None:
        for d in result.diagnostics:
            props = [f"file={_gh_escape(escape_name(d.path), True)}"]
            if d.line:
                props.append(f"line={d.line}")
                if d.col:
                    props.append(f"col={d.col}")
            props.append(f"title={_gh_escape(d.code, True)}")
            level = "error" if d.severity == "error" else "warning"
            self.out.write(f"::{level} {','.join(props)}::{_gh_escape(escape_text(d.message))}\n")
        self.out.flush()


def artifact_uri(path: str) -> str:
    """Return a SARIF artifact URI: relative to the working folder when inside it, else file:."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return "file://" + quote(p.as_posix(), safe="/", errors="surrogateescape")
    return quote(p.as_posix(), safe="/", errors="surrogateescape")


class SarifWriter:
    """One SARIF 2.1.0 log with one run: results streamed, then the rules they name."""

    def __init__(self, out) -> None:
        self.out = out
        self.rules: dict[str, int] = {}
        self.first = True
        self.out.write(f'{{"$schema": "{SARIF_SCHEMA}", "version": "2.1.0", '
                       '"runs": [{"results": [')

    def write(self, result) -> None:
        for d in result.diagnostics:
            index = self.rules.setdefault(d.code, len(self.rules))
            location: dict = {"artifactLocation": {"uri": artifact_uri(d.path)}}
            if d.line:                        # SARIF counts from 1: 0 (unknown) is left out
                location["region"] = {"startLine": d.line}
                if d.col:
                    location["region"]["startColumn"] = d.col
            item = {"ruleId": d.code, "ruleIndex": index,
                    "level": "error" if d.severity == "error" else "warning",
                    "message": {"text": escape_text(d.message)},
                    "locations": [{"physicalLocation": location}]}
            self.out.write(("\n  " if self.first else ",\n  ")
                           + json.dumps(item, ensure_ascii=False))
            self.first = False
        self.out.flush()

    def close(self, summary: Summary, interrupted: bool = False) -> None:
        """End the log: the rules of the codes met, and whether the run finished."""
        driver = {"name": "tei-corpus", "version": __version__,
                  "informationUri": "https://tei-c.org/guidelines/p5/",
                  "rules": [sarif_rule(code) for code in self.rules]}
        tail = {"tool": {"driver": driver},
                "invocations": [{"executionSuccessful": not interrupted}],
                "properties": summary.to_dict()}
        self.out.write(("" if self.first else "\n") + "], "
                       + json.dumps(tail, ensure_ascii=False)[1:] + "]}\n")
        self.out.flush()


def sarif_rule(code: str) -> dict:
    """Return the SARIF rule of ``code``: its id, its group, what it means (schemas/RULES.md)."""
    text = help_text(code) or code
    group = code_list().codes.get(code, "")
    return {"id": code, "shortDescription": {"text": text}, "help": {"text": text},
            "properties": {"tags": [group] if group else []}}


class JunitWriter:
    """JUnit XML: one testsuite, one testcase per file, a failure holding its findings."""

    def __init__(self, out) -> None:
        self.out = out
        self.cases: list = []

    def write(self, result) -> None:
        name = escape_name(result.path)
        case = etree.Element("testcase", classname="tei validate", name=name, file=name)
        lines = "\n".join(str(d) for d in result.diagnostics)
        errors = sum(d.severity == "error" for d in result.diagnostics)
        if result.status in ("invalid", "not-well-formed"):
            failure = etree.SubElement(case, "failure", type=result.status,
                                       message=f"{result.status}: {errors} error(s)")
            failure.text = lines
        elif result.status == "unchecked":
            error = etree.SubElement(case, "error", type="unchecked", message="not checked")
            error.text = lines
        elif lines:
            etree.SubElement(case, "system-out").text = lines     # warnings only
        self.cases.append(case)

    def close(self, summary: Summary, interrupted: bool = False) -> None:
        """Write the whole document (its counts come first, so it waits for the end)."""
        counts = summary.to_dict()
        failures = counts["invalid"] + counts["not_well_formed"]
        suites = etree.Element("testsuites", name="tei validate", tests=str(counts["files"]),
                               failures=str(failures), errors=str(counts["unchecked"]))
        suite = etree.SubElement(suites, "testsuite", name="tei validate",
                                 tests=str(counts["files"]), failures=str(failures),
                                 errors=str(counts["unchecked"]), skipped="0")
        if interrupted:
            props = etree.SubElement(suite, "properties")
            etree.SubElement(props, "property", name="interrupted", value="true")
        suite.extend(self.cases)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                       + etree.tostring(suites, encoding="unicode", pretty_print=True))
        self.out.flush()


_WRITERS = {"text": TextWriter, "json": JsonWriter, "github": GithubWriter,
            "sarif": SarifWriter, "junit": JunitWriter}


def make_writer(fmt: str, out):
    """Return the writer for ``fmt`` (one of :data:`FORMATS`)."""
    return _WRITERS[fmt](out)
