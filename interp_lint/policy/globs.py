"""Glob sets over dotted call names, compiled once into a single regex."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "_inc", _compile(self.include))
        object.__setattr__(self, "_exc", _compile(self.exclude))

    def match(self, name: str) -> bool:
        if self._inc is None or not self._inc.match(name):
            return False
        return self._exc is None or not self._exc.match(name)

    def match_any(self, names: frozenset[str] | set[str] | list[str] | tuple[str, ...]) -> bool:
        return any(self.match(n) for n in names)

    def roots(self) -> set[str]:
        """Top-level module names the globs can match (for the import pre-filter)."""
        return {p.split(".", 1)[0] for p in self.include if p and p[0] not in "*?["}
