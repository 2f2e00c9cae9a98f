"""Write validation results: text lines or one JSON document, streamed."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ..errors import escape_name


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


def make_writer(fmt: str, out):
    """Return the writer for ``fmt`` (``text`` or ``json``)."""
    return JsonWriter(out) if fmt == "json" else TextWriter(out)
