"""What one analysis run knows: policy data, settings, and what is derived from both."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from interp_lint.config import Settings
from interp_lint.facts.benchmarks import Catalog
from interp_lint.facts.tiers import TierTable
from interp_lint.policy import Policy, load_policy
from interp_lint.policy.globs import GlobSet


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
    def catalog(self) -> Catalog:
        return Catalog(self.policy.extra.get("benchmarks", {}))

    @cached_property
    def trigger_tokens(self) -> tuple[str, ...]:
        """Tokens without which a Python file cannot produce a finding.

        Every fact that feeds a rule starts at a call whose qualified name begins with an
        imported module (a loader, builder, harness, publisher, tracker, compression or
        intervention API), so the module's name is spelt in the file; method-only facts
        (``push_to_hub``, ``prune_heads``) are spelt by their method name. Derived from the
        policy data, so a new API in ``rules/`` cannot be missed by the pre-filter.
        """
        p = self.policy
        roots: set[str] = set()
        for loader in p.loaders:
            roots |= loader.callee.roots()
        for builder in p.builders:
            roots |= builder.callee.roots()
        extra = p.extra
        for harness in extra.get("harnesses", {}).get("harness", ()):
            roots |= GlobSet(tuple(harness["callee"])).roots()
        roots |= {
            m.split(".")[0] for m in extra.get("harnesses", {}).get("task_modules", {}).get("prefixes", ())
        }
        for entry in (
            *extra.get("publishers", {}).get("publisher", ()),
            *extra.get("publishers", {}).get("tracker", ()),
        ):
            roots |= GlobSet(tuple(entry.get("callee", ()))).roots()
            roots |= set(entry.get("methods", ()))
        compression = extra.get("compression", {}).get("compression", {})
        roots |= GlobSet(tuple(compression.get("callee", ()))).roots() | set(compression.get("methods", ()))
        return tuple(sorted(roots))
