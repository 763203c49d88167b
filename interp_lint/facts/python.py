"""Python facts: parse once with libcst, index, then derive every fact from the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interp_lint.facts.comments import python_comments
from interp_lint.facts.model import UnitFacts
from interp_lint.facts.prefilter import Unparsable
from interp_lint.facts.suppressions import parse_suppressions

if TYPE_CHECKING:
    from interp_lint.context import Context


def could_matter(text: str, context: Context) -> bool:
    """The pre-filter: can this text yield any fact at all?"""
    return context.prefilter.could_matter(text)


def extract_python(text: str, context: Context) -> UnitFacts:
    comments = python_comments(text)
    facts = UnitFacts(
        comments=comments,
        suppressions=parse_suppressions(comments),
        source_lines={None: text.splitlines()},
    )
    try:
        if not could_matter(text, context):
            return facts
    except Unparsable as exc:
        facts.error, facts.error_line = exc.message, exc.line
        return facts
    # libcst and the analysis load only for files that can matter (most files in a
    # pre-commit run do not, and importing libcst alone costs about 0.1 s).
    import libcst as cst

    from interp_lint.facts import libcst_compat, libcst_traversal
    from interp_lint.facts.python_capability import CapabilityFacts
    from interp_lint.facts.python_commands import CommandFacts
    from interp_lint.facts.python_index import index_module
    from interp_lint.facts.python_models import ModelFacts
    from interp_lint.facts.python_release import ReleaseFacts

    libcst_compat.apply()
    libcst_traversal.install()
    try:
        module = libcst_compat.parse_module(text)
    except cst.ParserSyntaxError as exc:
        detail = exc.message.removeprefix("parser error: ")
        facts.error = f"syntax error ({detail})"
        facts.error_line = max(exc.raw_line, 1)
        return facts
    except (RecursionError, MemoryError, ValueError) as exc:
        facts.error = f"cannot parse: {type(exc).__name__}"
        return facts
    try:
        index = index_module(module, text)
        models = ModelFacts(index, context.policy, context.tiers)
        models.run()
        capability = CapabilityFacts(index, models.flow, context.policy, context.catalog)
        capability.run()
        capability.internals_terms(trained=bool(models.training))
        release = ReleaseFacts(index, models.flow, context.policy, models.models, models.held_models)
        release.run()
        commands = CommandFacts(index, models.flow, context).run()
    except RecursionError:
        facts.error = "cannot analyse: nesting too deep"
        return facts
    facts.models = models.models
    facts.training = models.training
    facts.statements_later = lambda: index.statements
    facts.benchmarks = capability.benchmarks
    facts.interventions = capability.interventions
    facts.compressions = capability.compressions
    facts.importance = capability.importance
    facts.internals_losses = capability.internals_losses
    facts.publications = release.publications
    facts.trackers = release.tracking
    facts.merge(commands)
    return facts
