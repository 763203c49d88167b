"""Reports: one module per output format, each a function of the run's findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from interp_lint.engine import RunResult
from interp_lint.findings import Finding


@dataclass
class ReportOptions:
    show_info: bool = False
    show_evidence: bool = False
    color: bool = False
    statistics: bool = False


def visible(result: RunResult, options: ReportOptions) -> list[Finding]:
    """Findings a report shows: unsuppressed, and info only on request."""
    return [
        f
        for f in result.findings
        if f.suppressed is None and not f.baselined and (options.show_info or f.severity != "info")
    ]


def writer(fmt: str) -> Callable[[RunResult, ReportOptions], str]:
    if fmt == "text":
        from interp_lint.report.text import render
    elif fmt == "json":
        from interp_lint.report.json_report import render
    elif fmt == "sarif":
        from interp_lint.report.sarif import render
    elif fmt == "github":
        from interp_lint.report.github import render
    else:
        raise ValueError(fmt)
    return render
