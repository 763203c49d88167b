"""Jupyter notebooks: code cells in kernel order, IPython syntax masked, lines mapped back.

The code cells become one Python unit, as a kernel runs them top to bottom, so a
constant in cell 2 resolves a loader in cell 9. IPython-only lines (magics, shell
escapes, help) are replaced by ``pass`` at the same indentation, so the parser accepts
the cell and line numbers stay put; shell escapes and ``%%bash`` cells go to the shell
facts. Markdown cells and outputs are ignored.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from interp_lint.facts.model import UnitFacts
from interp_lint.facts.python import extract_python
from interp_lint.facts.shell import ShellFacts

if TYPE_CHECKING:
    from interp_lint.context import Context

SHELL_CELL_MAGICS = {"bash", "sh", "script", "system"}
# Cell magics whose body is not Python to run here.
FOREIGN_CELL_MAGICS = {
    "writefile",
    "html",
    "javascript",
    "js",
    "latex",
    "markdown",
    "svg",
    "perl",
    "ruby",
    "sql",
    "file",
}
_ASSIGN_ESCAPE = re.compile(r"^(\s*[\w.,\s]+=\s*)(!|%)(.*)$")


def _source(cell: dict[str, Any]) -> list[str]:
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else str(source)
    return text.splitlines()


def _file_lines(raw: str, cells: list[dict[str, Any]]) -> dict[tuple[int, int], int]:
    """Where each cell line sits in the .ipynb text (for SARIF locations)."""
    raw_lines = raw.splitlines()
    where: dict[tuple[int, int], int] = {}
    cursor = 0
    for number, cell in enumerate(cells, start=1):
        for line_no, line in enumerate(_source(cell), start=1):
            needle = json.dumps(line)[1:-1]
            for i in range(cursor, len(raw_lines)):
                if needle and needle in raw_lines[i]:
                    cursor = i
                    break
            where[(number, line_no)] = cursor + 1
    return where


def notebook_source_facts(data: bytes, context: Context) -> UnitFacts:
    try:
        raw = data.decode("utf-8-sig")
        notebook = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", 1)
        return UnitFacts(error=f"invalid notebook JSON: {exc}", error_line=line)
    if (
        not isinstance(notebook, dict)
        or notebook.get("nbformat") != 4
        or not isinstance(notebook.get("cells"), list)
    ):
        version = notebook.get("nbformat") if isinstance(notebook, dict) else None
        return UnitFacts(error=f"unsupported notebook format (nbformat {version!r}; 4 is supported)")
    cells = [c for c in notebook["cells"] if isinstance(c, dict)]
    python: list[str] = []
    shell: list[str] = []
    shell_lines: list[int] = []
    line_map: list[tuple[int, int]] = []
    cell_lines: dict[int | None, list[str]] = {}
    for number, cell in enumerate(cells, start=1):
        lines = _source(cell)
        cell_lines[number] = lines
        if cell.get("cell_type") != "code":
            continue
        magic = lines[0].strip()[2:].split() if lines and lines[0].strip().startswith("%%") else []
        mode = "python"
        if magic:
            mode = (
                "shell"
                if magic[0] in SHELL_CELL_MAGICS
                else "foreign"
                if magic[0] in FOREIGN_CELL_MAGICS
                else "python"
            )
        for line_no, line in enumerate(lines, start=1):
            line_map.append((number, line_no))
            unit_line = len(line_map)
            indent = line[: len(line) - len(line.lstrip())]
            stripped = line.strip()
            if mode != "python" or (line_no == 1 and magic):
                python.append("")
                if mode == "shell" and line_no > 1:
                    shell.append(line)
                    shell_lines.append(unit_line)
                continue
            assigned = _ASSIGN_ESCAPE.match(line)
            if stripped.startswith("!"):
                python.append(f"{indent}pass")
                shell.append(stripped[1:])
                shell_lines.append(unit_line)
            elif (
                stripped.startswith("%")
                or stripped.startswith("?")
                or (stripped.endswith("?") and not stripped.startswith("#"))
            ):
                python.append(f"{indent}pass")
            elif assigned and not assigned[1].rstrip().endswith(("==", "<=", ">=", "!=")):
                python.append(f"{assigned[1]}None")
                if assigned[2] == "!":
                    shell.append(assigned[3])
                    shell_lines.append(unit_line)
            else:
                python.append(line)
    facts = extract_python("\n".join(python) + "\n", context)
    if shell:
        frontier = next((m.model for m in facts.models if m.tier == "frontier" and m.kind != "hosted"), None)
        facts.merge(ShellFacts(context).extract("\n".join(shell), shell_lines, frontier=frontier))
    facts.source_lines = {None: python}
    facts.line_map = line_map
    facts.cell_lines = cell_lines
    facts.file_lines = _file_lines(raw, cells)
    return facts
