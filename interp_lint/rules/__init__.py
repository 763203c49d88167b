"""Rules: small functions from facts to findings.

A unit rule takes the facts of one file and yields :class:`Emit` records; a repository
rule takes every finding of the run. Rule texts (names, severities, messages, links) are
data under ``rules/``; these functions only decide *where* a rule fires and fill in the
message's placeholders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from interp_lint.facts.model import Step, UnitFacts

if TYPE_CHECKING:
    from interp_lint.context import Context


@dataclass
class Emit:
    """A rule's verdict before policy text is attached."""

    rule: str
    line: int
    column: int
    args: dict[str, Any] = field(default_factory=dict)
    confidence: str = "high"
    model: str | None = None
    tier: str | None = None
    evidence: tuple[Step, ...] = ()
    end_line: int = 0
    cell: int | None = None

    @classmethod
    def at(cls, rule: str, fact: Any, **fields: Any) -> Emit:
        """A verdict located at a fact (anything with line, column, end_line and cell)."""
        return cls(rule, fact.line, fact.column, end_line=fact.end_line, cell=fact.cell, **fields)


UnitRule = Callable[[UnitFacts, "Context"], Iterable[Emit]]
UNIT_RULES: list[UnitRule] = []


def unit_rule(func: UnitRule) -> UnitRule:
    UNIT_RULES.append(func)
    return func


def run_unit_rules(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    from interp_lint.rules import (  # noqa: F401  (registration)
        il1_models,
        il2_capability,
        il3_sealed,
        il4_governance,
        il9_blind_spots,
    )

    for rule in UNIT_RULES:
        yield from rule(facts, context)
