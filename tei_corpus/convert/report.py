"""The conversion report: what was recognised, guessed, set aside, and warned."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Report:
    """What one conversion did, for the archivist."""

    source: str
    output: str = ""
    doc_id: str = ""
    encoding: str = ""
    profile: str = ""
    profile_scores: dict = field(default_factory=dict)
    mode: str = ""
    shapes: dict = field(default_factory=dict)          # label shape -> turns it explains
    runner_up: list = field(default_factory=list)       # [profile, score] of the next best
    taught: dict = field(default_factory=dict)          # what the document taught its grammar
    language: str = ""
    language_how: str = ""                              # given | detected (p=0.99) | assumed
    turns: int = 0
    utterances: int = 0
    labels: list = field(default_factory=list)          # distinct printed labels, in order
    speakers: list = field(default_factory=list)        # [{id, name, role, labels}]
    interpreted: int = 0
    truncated: int = 0
    interrupting: int = 0
    resumed: int = 0
    events: dict = field(default_factory=dict)          # element/type -> count
    foreign: dict = field(default_factory=dict)         # lang -> count
    front_lines: int = 0
    back_lines: int = 0
    boilerplate: list = field(default_factory=list)     # [line, text] set apart
    guessed: list = field(default_factory=list)
    rejected_labels: dict = field(default_factory=dict)
    times: list = field(default_factory=list)           # what was put on the timeline, and how
    recording: str = ""                                 # the media file linked ("" = none)
    warnings: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the report as a JSON-ready dict."""
        return asdict(self)

    def summary_lines(self) -> list[str]:
        """Return the report as a few human-readable lines."""
        out = [f"{self.source}: {self.turns} turns by {len(self.labels)} labels "
               f"({len(self.speakers)} participants), profile {self.profile}"
               + (f" -> {self.output}" if self.output else "")]
        if self.shapes:
            shapes = ", ".join(f"{k} {n}" for k, n in self.shapes.items())
            score = self.profile_scores.get(self.profile)
            line = f"  grammar: {shapes}" + (f" (score {score})" if score is not None else "")
            if self.runner_up:
                line += f"; runner-up {self.runner_up[0]} ({self.runner_up[1]})"
            out.append(line)
        for what, words in self.taught.items():
            out.append(f"  taught by the document: {what}: " + ", ".join(words))
        if self.language:
            out.append(f"  language: {self.language} ({self.language_how})")
        flags = []
        for name in ("interpreted", "truncated", "interrupting", "resumed"):
            n = getattr(self, name)
            if n:
                flags.append(f"{n} {name}")
        if self.events:
            flags.append(", ".join(f"{n} {k}" for k, n in sorted(self.events.items())))
        if flags:
            out.append("  marked: " + "; ".join(flags))
        if self.foreign:
            out.append("  foreign: " + ", ".join(f"{n} {k}" for k, n in sorted(self.foreign.items())))
        if self.front_lines or self.back_lines:
            out.append(f"  set apart (kept verbatim): {self.front_lines} lines before, "
                       f"{self.back_lines} lines after the transcript")
        for line in self.times:
            out.append(f"  times: {line}")
        if self.recording:
            out.append(f"  recording: {self.recording}")
        for g in self.guessed:
            out.append(f"  guessed: {g}")
        for label, why in sorted(self.rejected_labels.items()):
            out.append(f"  not a speaker: {label!r} ({why})")
        for w in self.warnings:
            out.append(f"  warning: {w}")
        return out
