"""The benchmark catalog as a matcher: dataset ids and harness task names to entries."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Benchmark:
    name: str
    tag: str


class Catalog:
    """First matching entry wins (the data lists narrow entries before broad ones)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.datasets: dict[str, Benchmark] = {}
        self.tasks: list[tuple[str, Benchmark]] = []
        for entry in data.get("benchmark", ()):
            bench = Benchmark(entry["name"], entry["tag"])
            for dataset in entry.get("datasets", ()):
                self.datasets.setdefault(dataset.lower(), bench)
            for task in entry.get("tasks", ()):
                self.tasks.append((task.lower(), bench))
        # Exact names in a dict; each wildcard pattern is tried only on names that hold its
        # literal parts (a regex of all 395 alternatives cost 50 us a name, and an
        # lm-eval checkout names 14,000 tasks).
        self._exact: dict[str, int] = {}
        self._wild: list[tuple[int, str, tuple[str, ...], re.Pattern[str]]] = []
        for index, (pattern, _) in enumerate(self.tasks):
            parts = tuple(p for p in re.split(r"[*?]|\[[^\]]*\]", pattern) if p)
            if parts == (pattern,):
                self._exact.setdefault(pattern, index)
            else:
                prefix = pattern[: len(parts[0])] if parts and pattern.startswith(parts[0]) else ""
                self._wild.append((index, prefix, parts, re.compile(fnmatch.translate(pattern))))
        # By a name's first character: the patterns whose prefix starts with it, plus
        # those that start with a wildcard, in catalog order.
        self._wild_by_first = {
            first: [w for w in self._wild if not w[1] or w[1][0] == first]
            for first in {w[1][0] for w in self._wild if w[1]}
        }
        self._wild_anywhere = [w for w in self._wild if not w[1]]
        self._memo: dict[str, Benchmark | None] = {}

    def dataset(self, name: str) -> Benchmark | None:
        return self.datasets.get(name.strip().lower())

    def task(self, name: str) -> Benchmark | None:
        low = name.strip().lower()
        if low not in self._memo:
            first = self._exact.get(low, len(self.tasks))
            for index, prefix, parts, pattern in self._wild_by_first.get(low[:1], self._wild_anywhere):
                if index >= first:
                    break  # catalog order: an earlier entry already matches
                if low.startswith(prefix) and all(p in low for p in parts) and pattern.match(low):
                    first = index
                    break
            self._memo[low] = self.tasks[first][1] if first < len(self.tasks) else None
        return self._memo[low]

    def lookup(self, name: str, how: str) -> Benchmark | None:
        if how in {"datasets", "both"}:
            found = self.dataset(name)
            if found is not None:
                return found
        if how in {"tasks", "both"}:
            return self.task(name)
        return None
