"""SARIF 2.1.0 and GitHub annotations: valid logs, rule indices, code flows, suppressions,
escaping, and the same findings in every format."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, shared_file

from interp_lint.config import Settings
from interp_lint.context import Context
from interp_lint.engine import RunResult, run
from interp_lint.facts.model import Step
from interp_lint.filters.baseline import assign_fingerprints
from interp_lint.findings import Finding
from interp_lint.policy import load_policy
from interp_lint.report import ReportOptions, github, json_report, sarif, text, visible

LORA_FINETUNE = """\
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM

base = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
model = get_peft_model(base, LoraConfig(r=8))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
"""
SUPPRESSED = """\
import torch
from transformers import AutoModelForCausalLM

# interp-lint: allow[IL102] -- sealed fine-tune approved by review board 2026-03
base = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
optimizer = torch.optim.AdamW(base.parameters(), lr=1e-4)
"""
ALL = ReportOptions(show_info=True)
DEFAULT = ReportOptions()


@cache
def _validator() -> Any:
    from jsonschema import Draft4Validator

    schema = json.loads(
        shared_file("data/sarif-schema-2.1.0.json", env="INTERP_LINT_SARIF_SCHEMA").read_text()
    )
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def sarif_log(result: RunResult, options: ReportOptions = ALL) -> dict[str, Any]:
    """Render, then validate against the official schema: every log a test sees is valid."""
    log: dict[str, Any] = json.loads(sarif.render(result, options))
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return log


def scan(root: Path) -> RunResult:
    return run([root], root, Context(Settings()), jobs=1)


def tree(tmp_path: Path, files: dict[str, str]) -> RunResult:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return scan(tmp_path)


def results(log: dict[str, Any], rule: str | None = None) -> list[dict[str, Any]]:
    return [r for r in log["runs"][0]["results"] if rule is None or r["ruleId"] == rule]


def location_of(result: dict[str, Any]) -> tuple[str, int]:
    physical = result["locations"][0]["physicalLocation"]
    return physical["artifactLocation"]["uri"], physical.get("region", {}).get("startLine", 0)


@pytest.fixture
def finetune(tmp_path: Path) -> RunResult:
    return tree(tmp_path, {"train/lora.py": LORA_FINETUNE, "sealed.py": SUPPRESSED})


def test_log_validates_and_describes_every_rule(finetune: RunResult) -> None:
    log = sarif_log(finetune)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "interp-lint"
    assert driver["informationUri"] == "https://github.com/interp-lint/interp-lint"
    policy = load_policy()
    assert [r["id"] for r in driver["rules"]] == sorted(policy.rules)
    for descriptor in driver["rules"]:
        doc = policy.rules[descriptor["id"]]
        assert descriptor["name"] == doc.name
        assert descriptor["helpUri"] == doc.url
        assert descriptor["shortDescription"]["text"] == doc.summary
        assert doc.url in descriptor["help"]["markdown"]
        assert descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == sarif.LEVELS[doc.severity]
        assert doc.group in descriptor["properties"]["tags"]


def test_rule_index_points_at_the_rule(finetune: RunResult) -> None:
    log = sarif_log(finetune)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["ruleId"] for r in results(log)} >= {"IL101", "IL102"}
    for result in results(log):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_result_location_level_and_fingerprint(finetune: RunResult) -> None:
    log = sarif_log(finetune)
    (il102,) = [r for r in results(log, "IL102") if "suppressions" not in r]
    physical = il102["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "train/lora.py", "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] == 5
    assert physical["region"]["startColumn"] == 8
    assert il102["level"] == "error"
    assert "Llama-3.1-405B" in il102["message"]["text"]
    finding = next(f for f in finetune.findings if f.rule == "IL102" and f.suppressed is None)
    assert re.fullmatch(r"[0-9a-f]{32}", finding.fingerprint)
    assert il102["partialFingerprints"] == {"interpLint/v1": finding.fingerprint}
    (il101,) = [r for r in results(log, "IL101") if location_of(r) == ("train/lora.py", 5)]
    assert il101["level"] == "note"


def test_code_flow_follows_the_evidence(finetune: RunResult) -> None:
    log = sarif_log(finetune)
    (il102,) = [r for r in results(log, "IL102") if "suppressions" not in r]
    finding = next(f for f in finetune.findings if f.rule == "IL102" and f.suppressed is None)
    assert len(finding.evidence) >= 3
    (flow,) = il102["codeFlows"]
    (thread,) = flow["threadFlows"]
    steps = [
        (
            loc["location"]["physicalLocation"]["region"]["startLine"],
            loc["location"]["physicalLocation"]["region"]["startColumn"],
            loc["location"]["message"]["text"],
        )
        for loc in thread["locations"]
    ]
    assert steps == [(s.line, s.column, s.note) for s in finding.evidence]
    assert any("AdamW" in note for _, _, note in steps)
    assert steps[-1][0] == 7


def test_suppressed_finding_carries_its_justification(finetune: RunResult) -> None:
    log = sarif_log(finetune, DEFAULT)
    suppressed = [r for r in results(log) if "suppressions" in r]
    assert [(location_of(r), r["ruleId"]) for r in suppressed] == [(("sealed.py", 5), "IL102")]
    assert suppressed[0]["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "sealed fine-tune approved by review board 2026-03",
        }
    ]


def test_same_unsuppressed_set_as_visible(finetune: RunResult) -> None:
    for options in (ALL, DEFAULT):
        log = sarif_log(finetune, options)
        shown = {(r["ruleId"], *location_of(r)) for r in results(log) if "suppressions" not in r}
        assert shown == {(f.rule, f.path, f.line) for f in visible(finetune, options)}
    assert not results(sarif_log(finetune, DEFAULT), "IL101")


def test_output_is_deterministic(finetune: RunResult) -> None:
    first = sarif.render(finetune, ALL)
    finetune.findings.reverse()
    assert sarif.render(finetune, ALL) == first


def test_empty_run_is_a_valid_log(tmp_path: Path) -> None:
    (tmp_path / "clean.py").write_text("x = 1\n")
    log = sarif_log(scan(tmp_path))
    assert results(log) == []
    assert log["runs"][0]["tool"]["driver"]["rules"]


def _synthetic(**changes: Any) -> Finding:
    doc = load_policy().rules["IL102"]
    base: dict[str, Any] = {
        "rule": doc.id,
        "name": doc.name,
        "severity": doc.severity,
        "path": "train.py",
        "line": 4,
        "column": 9,
        "message": "Trains the weights of frontier-tier model `x`",
        "url": doc.url,
    }
    base.update(changes)
    return Finding(**base)


def test_repository_level_finding_has_no_region() -> None:
    finding = _synthetic(rule="IL401", name="missing-disclosure-policy", severity="warning", path=".", line=0)
    finding.url = load_policy().rules["IL401"].url
    result = RunResult(findings=[finding], files=1)
    (entry,) = results(sarif_log(result))
    assert "region" not in entry["locations"][0]["physicalLocation"]
    assert entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "."
    line = github.render(result, ALL)
    assert line.startswith("::warning file=.,title=IL401 missing-disclosure-policy::")
    assert "line=" not in line and "col=" not in line


def test_notebook_finding_points_into_the_ipynb() -> None:
    finding = _synthetic(
        path="nb/explore.ipynb",
        line=3,
        column=5,
        cell=2,
        evidence=(Step(1, 1, "loads the model"), Step(3, 5, "parameters reach optimizer")),
        extra={"file_line": 41},
    )
    result = RunResult(findings=[finding], files=1)
    (entry,) = results(sarif_log(result))
    location = entry["locations"][0]
    assert location["physicalLocation"]["region"]["startLine"] == 41
    assert location["properties"]["cell"] == 2
    assert location["properties"]["cellLine"] == 3
    thread = entry["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [loc["location"]["properties"]["cellLine"] for loc in thread] == [1, 3]
    assert github.render(result, ALL).startswith(
        "::error file=nb/explore.ipynb,line=41,title=IL102 frontier-model-training::cell 2, line 3: "
    )
    finding.extra.clear()
    finding.file_line = 57  # the engine's own field, where it has one
    (entry,) = results(sarif_log(result))
    assert entry["locations"][0]["physicalLocation"]["region"]["startLine"] == 57


def test_baselined_finding_is_listed_as_external_suppression(finetune: RunResult) -> None:
    target = next(f for f in finetune.findings if f.rule == "IL102" and f.suppressed is None)
    target.baselined = True
    log = sarif_log(finetune)
    entry = next(r for r in results(log, "IL102") if location_of(r) == ("train/lora.py", 5))
    assert entry["suppressions"][0]["kind"] == "external"
    assert "IL102" not in github.render(finetune, ALL)


# ---------------------------------------------------------------- GitHub annotations


def test_github_annotation_format(finetune: RunResult) -> None:
    lines = github.render(finetune, ALL).splitlines()
    il102 = [line for line in lines if "IL102" in line]
    assert len(il102) == 1
    doc = load_policy().rules["IL102"]
    assert il102[0].startswith(
        "::error file=train/lora.py,line=5,col=8,title=IL102 frontier-model-training::"
        "Trains the weights of frontier-tier model `meta-llama/Llama-3.1-405B`%0A"
    )
    assert il102[0].endswith(github.escape_data(doc.url))
    assert any(line.startswith("::notice file=train/lora.py,line=5,col=8,title=IL101 ") for line in lines)
    assert "IL101" not in github.render(finetune, DEFAULT)
    assert github.render(RunResult(), ALL) == ""


def test_github_escaping() -> None:
    finding = _synthetic(
        path="odd,dir/a:b%.py",
        message="100% sure:\r\nline two, with comma",
        severity="warning",
        url="https://example.org/x",
    )
    line = github.annotation(finding)
    assert line == (
        "::warning file=odd%2Cdir/a%3Ab%25.py,line=4,col=9,title=IL102 frontier-model-training"
        "::100%25 sure:%0D%0Aline two, with comma%0Ahttps://example.org/x"
    )
    assert "\n" not in line and "\r" not in line
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github.escape_data("a:b,c%\r") == "a:b,c%25%0D"


# ---------------------------------------------------------------- every format, one set

TEXT_LOCATION = re.compile(r"^(?P<path>\S+?)(?::cell \d+)?:(?P<line>\d+):\d+: (?P<rule>IL\d{3}) ")
GITHUB_LINE = re.compile(r"^::(?:error|warning|notice) (?P<props>[^:]*)::")


def _unescape(value: str) -> str:
    for escaped, raw in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def from_text(out: str) -> set[tuple[str, int, str]]:
    return {(m["path"], int(m["line"]), m["rule"]) for m in map(TEXT_LOCATION.match, out.splitlines()) if m}


def from_json(out: str) -> set[tuple[str, int, str]]:
    return {(f["path"], f["line"], f["rule"]) for f in json.loads(out)["findings"]}


def from_github(out: str) -> set[tuple[str, int, str]]:
    found = set()
    for line in out.splitlines():
        match = GITHUB_LINE.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match["props"].split(","))
        rule = _unescape(props["title"]).split()[0]
        found.add((_unescape(props["file"]), int(props.get("line", 0)), rule))
    return found


def from_sarif(log: dict[str, Any]) -> set[tuple[str, int, str]]:
    return {(*location_of(r), r["ruleId"]) for r in results(log) if "suppressions" not in r}


@pytest.mark.parametrize("tree_name", ["demo-lab", "repos/no-disclosure"])
@pytest.mark.parametrize("options", [ALL, DEFAULT], ids=["show-info", "default"])
def test_every_format_shows_the_same_findings(tree_name: str, options: ReportOptions) -> None:
    result = scan(FIXTURES / tree_name)
    expected = {(f.path, f.line, f.rule) for f in visible(result, options)}
    assert expected
    assert from_text(text.render(result, options)) == expected
    assert from_json(json_report.render(result, options)) == expected
    assert from_github(github.render(result, options)) == expected
    assert from_sarif(sarif_log(result, options)) == expected


def test_demo_lab_sarif_fingerprints_are_unique() -> None:
    result = scan(FIXTURES / "demo-lab")
    log = sarif_log(result)
    prints = [r["partialFingerprints"]["interpLint/v1"] for r in results(log)]
    assert len(prints) == len(set(prints)) == len(result.findings)
    assert any("codeFlows" in r for r in results(log, "IL102"))


def test_render_keeps_existing_fingerprints(finetune: RunResult) -> None:
    assign_fingerprints(finetune.findings)
    finetune.findings[0].fingerprint = "f" * 32
    log = sarif_log(finetune)
    assert "f" * 32 in {r["partialFingerprints"]["interpLint/v1"] for r in results(log)}
