"""ruff-style text: ``path:line:col: IL102 message``, the link beneath, a summary line."""

from __future__ import annotations

from collections import Counter

from interp_lint.engine import RunResult
from interp_lint.findings import Finding
from interp_lint.report import ReportOptions, visible

_COLORS = {"error": "31", "warning": "33", "info": "34"}
SEVERITY_ORDER = ("error", "warning", "info")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _c(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def location(f: Finding) -> str:
    path = f"{f.path}@{f.extra['blob'][:10]}" if f.extra.get("history") else f.path
    if f.cell is not None:
        return f"{path}:cell {f.cell}:{f.line}:{f.column}"
    return f"{path}:{f.line}:{f.column}"


def render(result: RunResult, options: ReportOptions) -> str:
    shown = visible(result, options)
    color = options.color
    lines: list[str] = []
    for f in shown:
        loc = _c(location(f), "1", color)
        rule = _c(f.rule, f"1;{_COLORS[f.severity]}", color)
        lines.append(f"{loc}: {rule} {f.message}")
        if options.show_evidence:
            for step in f.evidence:
                lines.append(f"    {_c(f'line {step.line}', '2', color)}: {step.note}")
        lines.append(f"  {_c('-> ' + f.url, '2', color)}")
    for u in result.unused:
        where = f"{u.path}:cell {u.cell}:{u.line}:{u.column}" if u.cell else f"{u.path}:{u.line}:{u.column}"
        lines.append(f"{_c(where, '1', color)}: {_c('unused', '1;35', color)} {u.text} ({u.why})")
    if options.statistics:
        counts = Counter((f.rule, f.name) for f in shown)
        for (rule, name), n in sorted(counts.items()):
            lines.append(f"{n:5d}  {rule}  {name}")
    by_sev = Counter(f.severity for f in shown)
    files = _plural(result.files, "file")
    if shown:
        parts = [
            _plural(by_sev[s], s) if s != "info" else f"{by_sev[s]} info" for s in SEVERITY_ORDER if by_sev[s]
        ]
        lines.append(f"Found {_plural(len(shown), 'finding')} ({', '.join(parts)}) in {files}.")
    elif result.unused:
        lines.append(f"No findings ({files}), but {_plural(len(result.unused), 'unused suppression')}.")
    else:
        lines.append(f"All checks passed ({files}).")
    hidden_info = (
        sum(1 for f in result.findings if f.suppressed is None and f.severity == "info")
        if not options.show_info
        else 0
    )
    suppressed = sum(1 for f in result.findings if f.suppressed is not None)
    notes = []
    if hidden_info:
        notes.append(
            f"{hidden_info} info {'finding' if hidden_info == 1 else 'findings'} hidden (--show-info)"
        )
    if suppressed:
        notes.append(f"{suppressed} suppressed")
    if notes:
        lines.append(_c("; ".join(notes) + ".", "2", color))
    return "\n".join(lines) + "\n"
