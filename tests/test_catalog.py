"""The benchmark catalog names a task by the first entry whose pattern matches it whole."""

from __future__ import annotations

import fnmatch

from hypothesis import given, settings
from hypothesis import strategies as st

from interp_lint.config import Settings
from interp_lint.context import Context
from interp_lint.facts.benchmarks import Benchmark, Catalog

CATALOG = Context(Settings()).catalog
PIECES = sorted({piece for pattern, _ in CATALOG.tasks for piece in pattern.split("*") if piece})


def first_match(catalog: Catalog, name: str) -> Benchmark | None:
    """The definition: catalog order, shell-style patterns, case-insensitive."""
    low = name.strip().lower()
    return next((bench for pattern, bench in catalog.tasks if fnmatch.fnmatchcase(low, pattern)), None)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "_", "|", ":", "x", "0", "MMLU", " "]), max_size=5))
def test_task_lookup_is_the_first_matching_entry(pieces: list[str]) -> None:
    name = "".join(pieces)
    assert CATALOG.task(name) == first_match(CATALOG, name)


def test_order_decides_between_an_exact_name_and_an_earlier_pattern() -> None:
    catalog = Catalog(
        {
            "benchmark": [
                {"name": "Broad", "tag": "capability", "tasks": ["mm*"]},
                {"name": "Exact", "tag": "safety", "tasks": ["mmlu", "*|mmlu|*"]},
            ]
        }
    )
    assert catalog.task("MMLU") == Benchmark("Broad", "capability")
    assert catalog.task("helm|mmlu|5") == Benchmark("Exact", "safety")
    assert catalog.task("hellaswag") is None
