"""What one analysis run knows: policy data, settings, and what is derived from both."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from interp_lint.config import Settings
from interp_lint.policy import Policy, load_policy
from interp_lint.policy.load import RuleDoc, load_rule_doc, policy_digest

if TYPE_CHECKING:  # imported on first use: a warm run needs none of them
    from interp_lint.facts.benchmarks import Catalog
    from interp_lint.facts.config import ConfigFacts
    from interp_lint.facts.prefilter import Prefilter
    from interp_lint.facts.tiers import TierTable


@dataclass
class Context:
    """Policy is parsed on first use: a warm run served from the cache only hashes it."""

    settings: Settings

    @cached_property
    def policy(self) -> Policy:
        return load_policy()

    @cached_property
    def policy_digest(self) -> str:
        return policy_digest()

    def rule_doc(self, rule_id: str) -> RuleDoc:
        """A rule's text, from the loaded policy, or from its own file when none is loaded."""
        if "policy" in self.__dict__:
            return self.policy.rules[rule_id]
        return load_rule_doc(rule_id)

    @cached_property
    def tiers(self) -> TierTable:
        from interp_lint.facts.tiers import TierTable

        return TierTable(
            self.policy.models,
            self.settings.large_min_params,
            self.settings.frontier_min_params,
            self.settings.frontier_models,
        )

    @cached_property
    def catalog(self) -> Catalog:
        from interp_lint.facts.benchmarks import Catalog

        return Catalog(self.policy.extra.get("benchmarks", {}))

    @cached_property
    def config_facts(self) -> ConfigFacts:
        from interp_lint.facts.config import ConfigFacts

        return ConfigFacts(self)

    @cached_property
    def prefilter(self) -> Prefilter:
        from interp_lint.facts.prefilter import Prefilter

        return Prefilter(self.policy)
