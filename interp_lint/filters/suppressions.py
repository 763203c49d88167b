"""Apply suppression facts to findings.

A suppression covers its own line and the line below it; when it sits on (or just
above) a statement that spans several lines, it covers the whole statement, as fixit's
comments do. ``allow-file[...]`` in the first 20 lines covers the whole file.
"""

from __future__ import annotations

from interp_lint.facts.suppressions import Suppression
from interp_lint.findings import Finding


def _span(line: int, statements: list[tuple[int, int]]) -> tuple[int, int]:
    """The statement lines that a comment on ``line`` speaks for."""
    for start, end in statements:
        if start <= line <= end or line == start - 1:
            return min(start, line), end
    return line, line + 1


def apply_suppressions(
    findings: list[Finding], suppressions: list[Suppression], statements: list[tuple[int, int]]
) -> None:
    """Mark covered findings as suppressed (they stay in the list for auditors)."""
    spans = [(_span(s.line, statements), s) for s in suppressions if not s.file_level]
    for finding in findings:
        for s in suppressions:
            if s.file_level and s.covers(finding.rule):
                finding.suppressed = s.reason or ""
                s.used = True
                break
        else:
            for (start, end), s in spans:
                if s.covers(finding.rule) and start <= finding.line <= end:
                    finding.suppressed = s.reason or ""
                    s.used = True
                    break
