"""IL4: governance. IL402 here (per file); IL401 is a repository rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from interp_lint.facts.model import Step, UnitFacts
from interp_lint.findings import Finding
from interp_lint.rules import Emit, unit_rule

if TYPE_CHECKING:
    from interp_lint.context import Context


@unit_rule
def unjustified_suppression(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL402: a suppression without a reason after ``--`` (or without rule ids)."""
    for s in facts.suppressions:
        if not s.reason or not s.ids:
            ids = ",".join(s.ids) if s.ids else "no rule ids"
            yield Emit("IL402", s.line, s.column, args={"ids": ids}, cell=s.cell)


DISCLOSURE_FILES = ("DISCLOSURE.md", "INFOHAZARD.md", "docs/disclosure*.md")


def has_disclosure_policy(roots: list[Path], configured: str | None) -> bool:
    for root in roots:
        if configured and (root / configured).is_file():
            return True
        for pattern in DISCLOSURE_FILES:
            if any(p.is_file() for p in root.glob(pattern)):
                return True
    return False


def missing_disclosure_policy(findings: list[Finding], roots: list[Path], context: Context) -> Iterator[Emit]:
    """IL401: capability-relevant work (IL1/IL2 warning or error) and results that leave
    the lab (IL3), with no disclosure policy in the repository. Once, at the root."""
    live = [f for f in findings if f.suppressed is None]
    capability = [f for f in live if f.rule[:3] in {"IL1", "IL2"} and f.severity in {"warning", "error"}]
    leaving = [f for f in live if f.rule.startswith("IL3")]
    if not capability or not leaving:
        return
    if has_disclosure_policy(roots, context.settings.disclosure_policy):
        return
    evidence = (
        Step(capability[0].line, capability[0].column, f"{capability[0].rule} in {capability[0].path}"),
        Step(leaving[0].line, leaving[0].column, f"{leaving[0].rule} in {leaving[0].path}"),
    )
    yield Emit("IL401", 0, 0, evidence=evidence)
