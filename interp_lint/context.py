"""What one analysis run knows: policy data, settings, and what is derived from both."""

from __future__ import annotations

import re
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
    def triggers(self) -> tuple[re.Pattern[str], tuple[str, ...]]:
        """What a Python file must contain to be able to produce a finding.

        Every fact that feeds a rule starts at a call whose qualified name begins with an
        imported module (a loader, builder, harness, publisher, tracker, compression or
        intervention API), so the file has an import statement naming that module; facts
        reached by method name alone (``push_to_hub``, ``prune_heads``) need that name
        spelt. Derived from the policy data, so a new API in ``rules/`` cannot be missed.
        Returns (a regex over import lines, plain tokens).
        """
        p = self.policy
        roots: set[str] = set()
        tokens: set[str] = set()
        for loader in p.loaders:
            roots |= loader.callee.roots()
        for builder in p.builders:
            roots |= builder.callee.roots()
        extra = p.extra
        harnesses = extra.get("harnesses", {})
        for harness in harnesses.get("harness", ()):
            roots |= GlobSet(tuple(harness["callee"])).roots()
        roots |= {m.split(".")[0] for m in harnesses.get("task_modules", {}).get("prefixes", ())}
        publishers = extra.get("publishers", {})
        for entry in (*publishers.get("publisher", ()), *publishers.get("tracker", ())):
            if entry.get("url_prefixes"):
                tokens |= {u.split("//", 1)[-1].split("/", 1)[0] for u in entry["url_prefixes"]}
            else:
                roots |= GlobSet(tuple(entry.get("callee", ()))).roots()
            tokens |= set(entry.get("methods", ()))
        compression = extra.get("compression", {}).get("compression", {})
        roots |= GlobSet(tuple(compression.get("callee", ()))).roots()
        tokens |= set(compression.get("methods", ()))
        names = "|".join(sorted(map(re.escape, roots)))
        pattern = re.compile(
            rf"^[ \t]*(?:from[ \t]+(?:{names})\b|import[ \t][^\n]*\b(?:{names})\b)", re.MULTILINE
        )
        return pattern, tuple(sorted(tokens))
