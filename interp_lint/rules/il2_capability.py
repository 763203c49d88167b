"""IL2: capability feedback. Interpretability results that feed capability scores,
compression, or the training objective of the model itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from interp_lint.facts.model import Step, UnitFacts
from interp_lint.rules import Emit, unit_rule

if TYPE_CHECKING:
    from interp_lint.context import Context


@unit_rule
def capability_benchmark(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL201: a capability benchmark is run or loaded (safety benchmarks are not)."""
    for use in facts.benchmarks:
        if use.tag == "capability":
            yield Emit(
                "IL201",
                use.line,
                use.column,
                args={"benchmark": use.name},
                evidence=(Step(use.line, use.column, f"{use.name} via {use.via}"),),
                end_line=use.end_line,
                cell=use.cell,
            )


@unit_rule
def intervention_uplift(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL202: an intervention and a capability benchmark meet in one module."""
    if not facts.interventions:
        return
    first = facts.interventions[0]
    for use in facts.benchmarks:
        if use.tag != "capability":
            continue
        evidence = (
            *(Step(i.line, i.column, f"intervention: {i.what}") for i in facts.interventions[:3]),
            Step(use.line, use.column, f"scored on {use.name} via {use.via}"),
        )
        yield Emit(
            "IL202",
            use.line,
            use.column,
            args={"intervention": first.what, "benchmark": use.name},
            evidence=evidence,
            end_line=use.end_line,
            cell=use.cell,
        )


@unit_rule
def interp_guided_compression(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL203: compression in a module that computes interpretability-derived importance."""
    if not facts.importance:
        return
    source = facts.importance[0]
    for step in facts.compressions:
        yield Emit(
            "IL203",
            step.line,
            step.column,
            args={"importance": source.what, "compression": step.what},
            evidence=(
                Step(source.line, source.column, f"importance from {source.what}"),
                Step(step.line, step.column, f"drives {step.what}"),
            ),
            end_line=step.end_line,
            cell=step.cell,
        )


@unit_rule
def interp_objective(facts: UnitFacts, context: Context) -> Iterator[Emit]:
    """IL204: the loss that trains the base model has a term from its internals."""
    for loss in facts.internals_losses:
        trained = [facts.models[u.ref] for u in facts.training]
        evidence = [Step(loss.line, loss.column, f"loss with {loss.what}")]
        evidence += [Step(u.line, u.column, u.how) for u in facts.training[:1]]
        yield Emit(
            "IL204",
            loss.line,
            loss.column,
            args={"internals": loss.what},
            model=trained[0].model if trained else None,
            tier=trained[0].tier if trained else None,
            evidence=tuple(evidence),
            end_line=loss.end_line,
            cell=loss.cell,
        )
