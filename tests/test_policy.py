"""Policy data: rule files are complete, and every essay link lands on its passage."""

from __future__ import annotations

import ast
import sys

import pytest
from conftest import ROOT, shared_file

from interp_lint.policy import load_policy
from interp_lint.policy.links import fragment_text, text_fragment_url

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SPEC_IDS = {
    "IL101",
    "IL102",
    "IL103",
    "IL201",
    "IL202",
    "IL203",
    "IL204",
    "IL301",
    "IL302",
    "IL303",
    "IL401",
    "IL402",
    "IL901",
    "IL902",
}


def test_catalog_matches_spec() -> None:
    rules = load_policy().rules
    assert set(rules) == SPEC_IDS
    for doc in rules.values():
        assert doc.severity in {"info", "warning", "error"}
        assert doc.rationale and doc.remedy and doc.summary
        kinds = {kind for kind, _ in doc.examples}
        assert {"bad", "good"} <= kinds, doc.id


def test_spec_names_and_severities() -> None:
    spec = ROOT.parent / "shared" / "spec" / "RULES.md"
    if not spec.is_file():
        spec = shared_file("spec/RULES.md")
    rows = {}
    for line in spec.read_text().splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 4 and cells[1].startswith("IL") and cells[1][2:].isdigit():
            rows[cells[1]] = (cells[2], cells[3])
    rules = load_policy().rules
    for rule_id, (name, severity) in rows.items():
        assert rules[rule_id].name == name
        assert rules[rule_id].severity == severity


@pytest.mark.parametrize("rule_id", sorted(SPEC_IDS))
def test_link_targets_essay_passage(rule_id: str) -> None:
    essay = shared_file("seed/when-interp-dangerous.txt").read_text(encoding="utf-8")
    doc = load_policy().rules[rule_id]
    fragment = doc.url.partition("#:~:text=")[2]
    assert "-" not in fragment and "," not in fragment
    assert fragment_text(doc.url) in essay


def test_fragment_encoding_escapes_dash_and_comma() -> None:
    url = text_fragment_url("https://e.x/a", "large-model research, here")
    assert url == "https://e.x/a#:~:text=large%2Dmodel%20research%2C%20here"
    assert fragment_text(url) == "large-model research, here"


def test_python_examples_parse() -> None:
    for doc in load_policy().rules.values():
        for kind, code in doc.examples:
            if doc.id in {"IL401", "IL902"}:
                continue
            ast.parse(code, filename=f"{doc.id} {kind} example")


def test_policy_files_are_valid_toml() -> None:
    for path in (ROOT / "rules").glob("*.toml"):
        with path.open("rb") as fh:
            tomllib.load(fh)


def test_glob_set_union_can_only_say_no() -> None:
    from interp_lint.policy.globs import GlobSet, any_of

    loaders = GlobSet(("transformers.*.from_pretrained",), ("transformers.AutoTokenizer.*",))
    hub = GlobSet(("torch.hub.load",))
    union = any_of((loaders, hub))
    assert union is any_of((loaders, hub))  # built once per policy
    for name in ("transformers.AutoModel.from_pretrained", "torch.hub.load", "transformers.AutoTokenizer.x"):
        assert union.match(name) or not (loaders.match(name) or hub.match(name))
    assert not union.match("torch.load")
    memo = GlobSet(("a.*",))
    assert [memo.match("a.b") for _ in range(3)] == [True, True, True]
    assert memo.match_any(["x", "a.c"]) and not memo.match_any(["x", "b.a"])
