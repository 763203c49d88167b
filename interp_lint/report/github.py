"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

``::error file=train.py,line=4,col=9,title=IL102 frontier-model-training::message``
annotates the line in the pull request's diff; the essay link follows on a second line.
Values are escaped by the workflow-command rules (``%``, CR and LF everywhere; ``:`` and
``,`` as well inside properties). A repository-level finding (line 0) has no line or
column; a notebook finding points at its line in the ``.ipynb`` file and names the cell
in the message.
"""

from __future__ import annotations

from interp_lint.engine import RunResult
from interp_lint.findings import Finding
from interp_lint.report import ReportOptions, visible
from interp_lint.report.sarif import notebook_file_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [("file", f.path)]
    message = f.message
    if f.cell is not None:
        props.append(("line", str(notebook_file_line(f))))
        message = f"cell {f.cell}, line {f.line}: {message}"
    elif f.line >= 1:
        props += [("line", str(f.line)), ("col", str(max(f.column, 1)))]
    props.append(("title", f"{f.rule} {f.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    data = escape_data(message + "\n" + f.url)
    return f"::{COMMANDS.get(f.severity, 'warning')} {rendered}::{data}"


def render(result: RunResult, options: ReportOptions) -> str:
    lines = [annotation(f) for f in visible(result, options)]
    return "".join(line + "\n" for line in lines)
