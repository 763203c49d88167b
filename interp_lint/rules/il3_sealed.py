"""IL3: how sealed the lab is. Artifacts and results that leave it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from interp_lint.facts.model import Step, UnitFacts
from interp_lint.rules import Emit, unit_rule

if TYPE_CHECKING:
    from interp_lint.context import Context


@unit_rule
def publication(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL301 for every public publication; IL302 when it derives from a frontier model."""
    for pub in facts.publications:
        yield Emit.at("IL301", pub, args={"target": pub.target})
        if pub.frontier is not None:
            note = f"publishes via `{pub.target}` what derives from `{pub.frontier}`"
            yield Emit.at(
                "IL302",
                pub,
                args={"model": pub.frontier, "target": pub.target},
                model=pub.frontier,
                tier="frontier",
                evidence=(Step(pub.line, pub.column, note),),
            )


@unit_rule
def results_leave_lab(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL303: experiment tracking that ships metrics or artifacts off the machine."""
    for tracker in facts.trackers:
        yield Emit.at("IL303", tracker, args={"tracker": tracker.what})
