"""Commands a Python module runs (``subprocess.run([...])``, ``os.system("...")``), read
as the command lines they are: ``subprocess.run(["lm_eval", "--tasks", TASKS])`` is the
same fact as that line in a shell script, with the argv's parts resolved by data flow."""

from __future__ import annotations

import shlex
from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from interp_lint.facts.model import UnitFacts
from interp_lint.facts.python_flow import UNKNOWN, Flow
from interp_lint.facts.python_index import ModuleIndex
from interp_lint.facts.shell import UNRESOLVED, ShellFacts
from interp_lint.policy.globs import GlobSet

if TYPE_CHECKING:
    from interp_lint.context import Context

MAX_WORDS = 200


class CommandFacts:
    def __init__(self, index: ModuleIndex, flow: Flow, context: Context) -> None:
        self.ix = index
        self.flow = flow
        self.context = context
        shell = context.policy.extra.get("config-keys", {}).get("shell", {})
        self.process_calls = GlobSet(tuple(shell.get("process_calls", ())))

    def run(self) -> UnitFacts:
        facts = UnitFacts()
        shell: ShellFacts | None = None
        for call in self.ix.calls:
            if not self.process_calls.match_any(self.flow.callees(call)):
                continue
            arg = self.flow.argument(call, 0, ("args", "command"))
            words = self._words(arg.value) if arg is not None else []
            if not words:
                continue
            shell = shell or ShellFacts(self.context)
            found = shell.argv(words, self.ix.line(call))
            column, end_line = self.ix.col(call), self.ix.positions[call].end.line
            for ref in found.models:
                ref.column, ref.end_line = column, end_line
            found.benchmarks = [replace(b, column=column, end_line=end_line) for b in found.benchmarks]
            found.publications = [replace(p, column=column, end_line=end_line) for p in found.publications]
            found.trackers = [replace(t, column=column, end_line=end_line) for t in found.trackers]
            facts.merge(found)
        return facts

    def _words(self, expr: cst.BaseExpression) -> list[str]:
        """The argv: list items resolved one by one (unknown parts stay unknown), or a
        command string split as the shell would."""
        items = self._items(expr, 0)
        if items is not None:
            words = [self._word(item) for item in items[:MAX_WORDS]]
        else:
            strings = [v.value for v in self.flow.values(expr) if isinstance(v.value, str)]
            if len(strings) != 1:
                return []
            try:
                words = shlex.split(strings[0], comments=True)
            except ValueError:
                return []
        return [w.replace(UNKNOWN, UNRESOLVED) for w in words]

    def _word(self, item: cst.BaseExpression | None) -> str:
        if item is None:
            return UNKNOWN
        strings = [v.value for v in self.flow.values(item) if isinstance(v.value, str)]
        return strings[0] if len(strings) == 1 else UNKNOWN

    def _items(self, expr: cst.BaseExpression, depth: int) -> list[cst.BaseExpression | None] | None:
        """The elements of a list argv, through names, ``*spread`` and ``+``."""
        if depth > 4:
            return None
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            left, right = self._items(expr.left, depth + 1), self._items(expr.right, depth + 1)
            return left + right if left is not None and right is not None else None
        literal = self.flow.literal(expr)
        if not isinstance(literal, cst.List | cst.Tuple):
            return None
        out: list[cst.BaseExpression | None] = []
        for element in literal.elements:
            if isinstance(element, cst.StarredElement):
                inner = self._items(element.value, depth + 1)
                out.extend(inner if inner is not None else [None])
            else:
                out.append(element.value)
        return out
