"""The finding: what every rule emits and every report prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interp_lint.facts.model import Step

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Finding:
    rule: str
    name: str
    severity: str
    path: str
    line: int
    column: int
    message: str
    url: str
    confidence: str = "high"
    model: str | None = None
    tier: str | None = None
    evidence: tuple[Step, ...] = ()
    cell: int | None = None
    end_line: int = 0
    suppressed: str | None = None  # the reason, when a suppression comment covers it
    snippet: str = ""  # the statement's source text, whitespace-normalised
    fingerprint: str = ""  # stable across unrelated edits: no line numbers (see filters/baseline.py)
    file_line: int = 0  # notebooks: the line of the .ipynb text that holds this cell line
    baselined: bool = False  # accepted by --baseline: hidden from reports and exit status
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.path, self.cell or 0, self.line, self.column, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "url": self.url,
            "confidence": self.confidence,
        }
        if self.cell is not None:
            out["cell"] = self.cell
        if self.model is not None:
            out["model"] = self.model
            out["tier"] = self.tier
        if self.evidence:
            out["evidence"] = [{"line": s.line, "column": s.column, "note": s.note} for s in self.evidence]
        out.update(self.extra)
        return out
