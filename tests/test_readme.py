"""The README's rules table is generated from, and checked against, rules/."""

from __future__ import annotations

import re

from conftest import ROOT

from interp_lint.policy import load_policy


def test_readme_rules_table_matches_policy() -> None:
    text = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| \[?(IL\d{3})\]?[^|]*\| `([^`]+)` \| (\w+) \|", text, re.MULTILINE)
    table = {rule: (name, severity) for rule, name, severity in rows}
    policy = {doc.id: (doc.name, doc.severity) for doc in load_policy().rules.values()}
    assert table == policy


def test_readme_has_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text()
    assert "interp-lint check fixtures/demo-lab" in text
    assert "pytest" in text
