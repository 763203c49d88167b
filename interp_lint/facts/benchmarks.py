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
        # One regex for every task pattern, alternatives in catalog order: the first that
        # matches the whole name is the first entry that matches (lastindex names it).
        alternatives = (f"({fnmatch.translate(p).removesuffix(chr(92) + 'Z')})" for p, _ in self.tasks)
        self._pattern = re.compile("|".join(alternatives) or "(?!)")
        self._memo: dict[str, Benchmark | None] = {}

    def dataset(self, name: str) -> Benchmark | None:
        return self.datasets.get(name.strip().lower())

    def task(self, name: str) -> Benchmark | None:
        low = name.strip().lower()
        if low not in self._memo:
            match = self._pattern.fullmatch(low)
            self._memo[low] = self.tasks[match.lastindex - 1][1] if match and match.lastindex else None
        return self._memo[low]

    def lookup(self, name: str, how: str) -> Benchmark | None:
        if how in {"datasets", "both"}:
            found = self.dataset(name)
            if found is not None:
                return found
        if how in {"tasks", "both"}:
            return self.task(name)
        return None
