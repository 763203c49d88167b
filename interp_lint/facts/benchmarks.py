"""The benchmark catalog as a matcher: dataset ids and harness task names to entries."""

from __future__ import annotations

import fnmatch
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

    def dataset(self, name: str) -> Benchmark | None:
        return self.datasets.get(name.strip().lower())

    def task(self, name: str) -> Benchmark | None:
        low = name.strip().lower()
        for pattern, bench in self.tasks:
            if low == pattern or fnmatch.fnmatchcase(low, pattern):
                return bench
        return None

    def lookup(self, name: str, how: str) -> Benchmark | None:
        if how in {"datasets", "both"}:
            found = self.dataset(name)
            if found is not None:
                return found
        if how in {"tasks", "both"}:
            return self.task(name)
        return None
