"""What one analysis run knows: policy data, settings, and what is derived from both."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from interp_lint.config import Settings
from interp_lint.facts.tiers import TierTable
from interp_lint.policy import Policy, load_policy


@dataclass
class Context:
    settings: Settings
    policy: Policy = field(default_factory=load_policy)

    @cached_property
    def tiers(self) -> TierTable:
        return TierTable(
            self.policy.models,
            self.settings.large_min_params,
            self.settings.frontier_min_params,
            self.settings.frontier_models,
        )

    @cached_property
    def trigger_modules(self) -> tuple[str, ...]:
        """Top-level modules whose import can lead to a finding in a Python file.

        Every fact that feeds a rule starts at a call whose qualified name begins with one
        of these (a loader, a builder, a benchmark harness, a publisher), and a qualified
        name needs an import that spells the module; a file that spells none of them
        cannot produce a finding, so it is not parsed.
        """
        roots: set[str] = set()
        for loader in self.policy.loaders:
            roots |= loader.callee.roots()
        for builder in self.policy.builders:
            roots |= builder.callee.roots()
        return tuple(sorted(roots))
