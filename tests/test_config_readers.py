"""The config readers place every key where it is written, whatever the document holds."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from interp_lint.facts.config import json_entries, yaml_entries

# Keys and strings with what could confuse a scan for keys: quotes, escapes, colons, braces.
TEXT = st.text(alphabet='ab:"\\{}[], \n\té', max_size=8)
SCALARS = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | TEXT
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def _where(entries: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(e.path, e.key, e.line, e.column) for e in entries if not e.item]


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.sampled_from([None, 0, 2, 4]))
def test_json_keys_are_placed_as_a_yaml_reader_places_them(document: object, indent: int | None) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    assert _where(json_entries(text)) == _where(yaml_entries(text))


def test_json_values_keep_json_types() -> None:
    """YAML 1.1 reads ``1e-05`` as a string; the JSON reader keeps the number."""
    entries = json_entries('{\n  "lr": 1e-05,\n  "tasks": ["mmlu"],\n  "a": {"b": "x\\": y"}\n}')
    assert [(e.key, e.value, e.line, e.column) for e in entries] == [
        ("lr", 1e-05, 2, 3),
        ("tasks", ["mmlu"], 3, 3),
        ("a", {"b": 'x": y'}, 4, 3),
        ("b", 'x": y', 4, 9),
    ]


def _alias_bomb(levels: int, key: str) -> str:
    lines = ['a0: &a0 ["mmlu", "gsm8k", "x", "y", "z", "w", "v", "u", "t"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    lines.append(f"{key}: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_nested_aliases_cost_their_size_not_their_expansion() -> None:
    """A "billion laughs" document: each node is read once, however often it is aliased."""
    entries = yaml_entries(_alias_bomb(6, "tasks"))  # 9**6 strings if expanded
    assert len(entries) < 100
    tasks = next(e for e in entries if e.key == "tasks")
    assert tasks.line == 7


def test_a_benchmark_list_of_aliases_is_read_once() -> None:
    from interp_lint.config import Settings
    from interp_lint.context import Context
    from interp_lint.engine import analyse_bytes

    result = analyse_bytes(_alias_bomb(8, "tasks").encode(), "eval.yaml", "yaml", Context(Settings()))
    assert [(f.rule, f.line) for f in result.findings] == [("IL201", 9), ("IL201", 9)]
