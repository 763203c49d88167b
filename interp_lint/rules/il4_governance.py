"""IL4: governance. IL402 here (per file); IL401 is a repository rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from interp_lint.facts.model import UnitFacts
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
