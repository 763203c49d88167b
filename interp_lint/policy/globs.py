"""Glob sets over dotted call names, compiled once into a single regex."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache

_MEMO_SIZE = 50_000


@lru_cache(maxsize=512)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns))


@dataclass(frozen=True)
class GlobSet:
    """Include globs minus exclude globs; ``*`` crosses dots, as fnmatch does."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    _inc: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _exc: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    # The same call names come back in every file (torch.nn.functional.softmax): every
    # call of a module is matched against some forty sets, so answers are remembered.
    _memo: dict[str, bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_inc", _compile(self.include))
        object.__setattr__(self, "_exc", _compile(self.exclude))
        object.__setattr__(self, "_memo", {})

    def match(self, name: str) -> bool:
        found = self._memo.get(name)
        if found is None:
            found = self._inc is not None and self._inc.match(name) is not None
            found = found and (self._exc is None or self._exc.match(name) is None)
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[name] = found
        return found

    def match_any(self, names: frozenset[str] | set[str] | list[str] | tuple[str, ...]) -> bool:
        memo = self._memo  # called for every call of a module against every set: no generator
        for name in names:
            found = memo.get(name)
            if found is None:
                found = self.match(name)
            if found:
                return True
        return False

    def roots(self) -> set[str]:
        """Top-level module names the globs can match (for the import pre-filter)."""
        return {p.split(".", 1)[0] for p in self.include if p and p[0] not in "*?["}


@lru_cache(maxsize=64)
def any_of(sets: tuple[GlobSet, ...]) -> GlobSet:
    """A name none of these matches fails this one set's test (it ignores exclusions, so
    it can only say no): one test instead of one per set, for the calls that match
    nothing, which are nearly all of them."""
    return GlobSet(tuple(p for s in sets for p in s.include))
