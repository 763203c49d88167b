"""Model tiers: toy, large, frontier or unknown, from policy data and thresholds."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Any

from interp_lint.facts.model import ModelRef, Resolution

_UNITS = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}

# A size in a model name: "70b", "1.3b", "560m", "8x22B" (experts x size), "30B-A3B"
# (total-active). The number must not be glued to letters or digits on its left ("v2b"
# is not a size) and the unit must end the token.
_SIZE = re.compile(
    r"(?<![a-z0-9.])(?:(\d+)x)?(\d+(?:\.\d+)?)([mbt])(?![a-z0-9])",
    re.IGNORECASE,
)


def parse_count(value: Any) -> int:
    """Parse a parameter count: 405000000000, 1.5e9, "1.5e9", "100B", "560M"."""
    if isinstance(value, bool):
        raise ValueError(f"not a parameter count: {value!r}")
    if isinstance(value, int | float):
        return int(value)
    text = str(value).strip().replace("_", "")
    unit = _UNITS.get(text[-1:].lower())
    try:
        if unit:
            return int(float(text[:-1]) * unit)
        return int(float(text))
    except ValueError:
        raise ValueError(f"not a parameter count: {value!r}") from None


def size_from_name(name: str) -> int | None:
    """Total parameters named in a model id, or None. The largest size mentioned wins."""
    best: int | None = None
    for experts, number, unit in _SIZE.findall(name.rsplit("/", 1)[-1]):
        count = float(number) * _UNITS[unit.lower()] * (int(experts) if experts else 1)
        if best is None or count > best:
            best = int(count)
    return best


@dataclass(frozen=True)
class Tiering:
    tier: str
    params: int | None
    source: str  # "config pattern", "registry", "family", "name size", ""
    confidence: str


def judge(ref: ModelRef, tiering: Tiering) -> None:
    """Record a tiering on a model reference."""
    ref.tier, ref.params, ref.tier_source, ref.confidence = (
        tiering.tier,
        tiering.params,
        tiering.source,
        tiering.confidence,
    )


class TierTable:
    """Resolution order of RULES.md: user patterns, registry, families, size in name."""

    def __init__(
        self,
        models: dict[str, Any],
        large_min: int,
        frontier_min: int,
        frontier_patterns: tuple[str, ...] = (),
    ) -> None:
        self.large_min = large_min
        self.frontier_min = frontier_min
        self.user = tuple(p.lower() for p in frontier_patterns)
        self.exact: dict[str, tuple[str | None, int | None]] = {}
        for entry in models.get("model", ()):
            params = parse_count(entry["params"]) if "params" in entry else None
            for key in (entry["id"], *entry.get("aliases", ())):
                self.exact[key.lower()] = (entry.get("tier"), params)
        self.families = tuple(
            (f["pattern"].lower(), f.get("tier"), parse_count(f["params"]) if "params" in f else None)
            for f in models.get("family", ())
        )

    def by_params(self, params: int) -> str:
        if params >= self.frontier_min:
            return "frontier"
        return "large" if params >= self.large_min else "toy"

    def _candidates(self, model_id: str) -> list[str]:
        low = model_id.strip().lower().rstrip("/")
        out = [low]
        if "/" in low:
            out.append(low.rsplit("/", 1)[-1])
        if ":" in low and not low.startswith(("gs:", "s3:", "http")):
            out.append(low.split(":", 1)[1])
        return out

    def literal_ref(
        self, line: int, column: int, api: str, value: str, resolved: bool, expr: str
    ) -> ModelRef:
        """A model named by a literal in a config or a command line (no data flow)."""
        ref = ModelRef(
            line=line, column=column, api=api, kind="checkpoint", expr=expr, resolution=None, end_line=line
        )
        if resolved:
            ref.resolution = Resolution(value, True, ())
            judge(ref, self.classify(value))
        return ref

    def classify(self, model_id: str, exact: bool = True) -> Tiering:
        confidence = "high" if exact else "medium"
        low = model_id.strip().lower()
        for pattern in self.user:
            if fnmatch.fnmatchcase(low, pattern):
                return Tiering("frontier", None, "config pattern", confidence)
        candidates = self._candidates(model_id)
        for cand in candidates:
            hit = self.exact.get(cand)
            if hit is not None:
                tier, params = hit
                return Tiering(tier or self.by_params(params or 0), params, "registry", confidence)
        for cand in candidates:
            for pattern, tier, params in self.families:
                if fnmatch.fnmatchcase(cand, pattern):
                    if tier is None and params is None:
                        continue
                    return Tiering(tier or self.by_params(params or 0), params, "family", confidence)
        size = size_from_name(model_id)
        if size is not None:
            return Tiering(self.by_params(size), size, "name size", "medium")
        return Tiering("unknown", None, "", confidence)
