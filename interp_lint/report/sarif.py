"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers).

One run; ``tool.driver.rules`` holds every rule of the policy in id order, so a result's
``ruleIndex`` is stable across runs. Results are the findings :func:`visible` shows, plus
findings hidden by a reasoned ``# interp-lint: allow[...]`` comment (``inSource``
suppressions) or by ``--baseline`` (``external`` suppressions), so code-scanning
dashboards keep the audit trail. Locations are relative to ``%SRCROOT%`` (the scanned
root); a repository-level finding (line 0) has a location without a region. Evidence
chains become code flows; baseline fingerprints become ``partialFingerprints``.
"""

from __future__ import annotations

import json
from typing import Any

from interp_lint import __version__
from interp_lint.engine import RunResult
from interp_lint.facts.model import Step
from interp_lint.filters.baseline import assign_fingerprints
from interp_lint.findings import Finding
from interp_lint.policy import load_policy
from interp_lint.policy.load import RuleDoc
from interp_lint.report import ReportOptions, visible

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/interp-lint/interp-lint"
FINGERPRINT_KEY = "interpLint/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule_markdown(doc: RuleDoc) -> str:
    parts = [
        f"**{doc.id} {doc.name}** ({doc.severity}): {doc.summary}",
        "## Why it matters",
        doc.rationale,
        "## What to do instead",
        doc.remedy,
    ]
    for kind, code in doc.examples:
        parts += [f"### Example ({kind})", f"```python\n{code.strip()}\n```"]
    parts.append(f"[Read the argument in the essay]({doc.url})")
    return "\n\n".join(parts)


def _rule_text(doc: RuleDoc) -> str:
    return "\n\n".join(
        [f"{doc.id} {doc.name}: {doc.summary}", doc.rationale, "What to do instead:", doc.remedy, doc.url]
    )


def _rule_descriptor(doc: RuleDoc) -> dict[str, Any]:
    return {
        "id": doc.id,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.rationale},
        "helpUri": doc.url,
        "help": {"text": _rule_text(doc), "markdown": _rule_markdown(doc)},
        "defaultConfiguration": {"level": LEVELS[doc.severity]},
        "properties": {"tags": ["interpretability", doc.group, f"essay:{doc.argument}"]},
    }


def _fallback_descriptor(finding: Finding) -> dict[str, Any]:
    """A rule the policy does not describe (a plug-in, a newer cache): what the finding says."""
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "helpUri": finding.url,
        "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
    }


def notebook_file_line(finding: Finding) -> int:
    """The line of the ``.ipynb`` text that holds a notebook finding (1 when unknown)."""
    value = getattr(finding, "file_line", 0) or finding.extra.get("file_line", 1)
    return value if isinstance(value, int) and value >= 1 else 1


def _location(finding: Finding, line: int, column: int, step: bool = False) -> dict[str, Any]:
    """A location at ``line``/``column`` of the finding's file (no region for line 0).

    In a notebook the region is the finding's line in the ``.ipynb`` file itself and the
    cell coordinates go into ``properties``. An evidence step may sit in another cell (its
    note names the cell), so a step location gives only its line and column in the cell.
    """
    physical: dict[str, Any] = {"artifactLocation": {"uri": finding.path, "uriBaseId": SRCROOT}}
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.cell is not None:
        physical["region"] = {"startLine": notebook_file_line(finding)}
        cell = {} if step else {"cell": finding.cell}
        location["properties"] = {**cell, "cellLine": line, "cellColumn": column}
    elif line >= 1:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return location


def _code_flow(finding: Finding, steps: tuple[Step, ...]) -> dict[str, Any]:
    locations = []
    for step in steps:
        location = _location(finding, step.line, step.column, step=True)
        location["message"] = {"text": step.note}
        locations.append({"location": location})
    return {"threadFlows": [{"locations": locations}]}


def _result(finding: Finding, index: int) -> dict[str, Any]:
    location = _location(finding, finding.line, finding.column)
    region = location["physicalLocation"].get("region")
    if region is not None and finding.cell is None and finding.end_line > finding.line:
        region["endLine"] = finding.end_line
    properties: dict[str, Any] = {"confidence": finding.confidence, "severity": finding.severity}
    if finding.model is not None:
        properties["model"] = finding.model
        properties["tier"] = finding.tier
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": properties,
    }
    if finding.evidence:
        out["codeFlows"] = [_code_flow(finding, finding.evidence)]
    if finding.suppressed is not None:
        suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
        if finding.suppressed:
            suppression["justification"] = finding.suppressed
        out["suppressions"] = [suppression]
    elif finding.baselined:
        out["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": "accepted in the --baseline file"}
        ]
    return out


def reported(result: RunResult, options: ReportOptions) -> list[Finding]:
    """What the log lists: the visible findings, plus the suppressed and baselined ones
    that the same severity filter would show."""
    shown = {id(f) for f in visible(result, options)}
    return [
        f
        for f in result.findings
        if id(f) in shown
        or ((f.suppressed is not None or f.baselined) and (options.show_info or f.severity != "info"))
    ]


def render(result: RunResult, options: ReportOptions) -> str:
    if any(not f.fingerprint for f in result.findings):
        assign_fingerprints(result.findings)
    findings = sorted(reported(result, options), key=Finding.sort_key)
    descriptors = [_rule_descriptor(doc) for _, doc in sorted(load_policy().rules.items())]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for finding in findings:
        if finding.rule not in index:
            index[finding.rule] = len(descriptors)
            descriptors.append(_fallback_descriptor(finding))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "interp-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in findings],
        "properties": {"files": result.files},
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
