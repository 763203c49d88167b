"""The stable JSON schema of DESIGN.md: ``{version, tool, findings, summary}``."""

from __future__ import annotations

import json
from collections import Counter

from interp_lint import __version__
from interp_lint.engine import RunResult
from interp_lint.report import ReportOptions, visible

SCHEMA_VERSION = 1


def render(result: RunResult, options: ReportOptions) -> str:
    shown = visible(result, options)
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "interp-lint", "version": __version__},
        "findings": [f.to_json() for f in shown],
        "unused": [
            {"path": u.path, "line": u.line, "column": u.column, "text": u.text, "why": u.why}
            | ({"cell": u.cell} if u.cell else {})
            for u in result.unused
        ],
        "summary": {
            "files": result.files,
            "findings": len(shown),
            "by_rule": dict(sorted(Counter(f.rule for f in shown).items())),
            "by_severity": dict(sorted(Counter(f.severity for f in shown).items())),
            "suppressed": sum(1 for f in result.findings if f.suppressed is not None),
        },
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"
