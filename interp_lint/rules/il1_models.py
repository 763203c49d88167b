"""IL1: which models the work touches, and whether it trains them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from interp_lint.facts.model import ModelRef, Step, UnitFacts
from interp_lint.rules import Emit, unit_rule

if TYPE_CHECKING:
    from interp_lint.context import Context


def _resolution_steps(ref: ModelRef) -> tuple[Step, ...]:
    verb = {"built": "builds", "hosted": "queries"}.get(ref.kind, "loads")
    note = f"{ref.api} {verb} `{ref.model}`"
    if ref.tier_source:
        note += f" ({ref.tier} tier by {ref.tier_source})"
    head = Step(ref.line, ref.column, note)
    return (*(ref.resolution.steps if ref.resolution else ()), head)


def _emit(rule: str, ref: ModelRef, evidence: tuple[Step, ...], **args: object) -> Emit:
    return Emit.at(
        rule,
        ref,
        args={"model": ref.model, "tier": ref.tier, **args},
        confidence=ref.confidence,
        model=ref.model,
        tier=ref.tier,
        evidence=evidence,
    )


@unit_rule
def frontier_model_use(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL101: a frontier-tier model is loaded, hooked or queried."""
    for ref in facts.models:
        if ref.tier == "frontier" and ref.kind in {"checkpoint", "hosted"}:
            yield _emit("IL101", ref, _resolution_steps(ref))


@unit_rule
def model_training(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL102 (frontier checkpoint trained) and IL103 (large model built and trained)."""
    for use in facts.training:
        ref = facts.models[use.ref]
        evidence = (*_resolution_steps(ref), *use.steps)
        if ref.kind in {"checkpoint", "hosted"} and ref.tier == "frontier":
            yield _emit("IL102", ref, evidence)
        elif ref.kind == "built" and ref.params is not None:
            if ref.params >= context.settings.large_min_params:
                yield _emit("IL103", ref, evidence, params=_human(ref.params))


def _human(count: int) -> str:
    for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6)):
        if count >= size:
            return f"{count / size:.1f}{unit}".replace(".0", "")
    return str(count)
