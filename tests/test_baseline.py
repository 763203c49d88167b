"""Baselines: fingerprints survive unrelated edits, new findings show, stale entries are
reported, and the file is sorted, diff-friendly JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from interp_lint.config import Settings
from interp_lint.context import Context
from interp_lint.engine import RunResult, run
from interp_lint.filters.baseline import (
    Baseline,
    BaselineError,
    apply_baseline,
    assign_fingerprints,
    fingerprint,
    load_baseline,
    write_baseline,
)
from interp_lint.findings import Finding
from interp_lint.report import ReportOptions, visible

LORA_FINETUNE = """\
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM

base = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
model = get_peft_model(base, LoraConfig(r=8))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
"""
SECOND_MODEL = """
other = AutoModelForCausalLM.from_pretrained("deepseek-ai/DeepSeek-V3")
torch.optim.SGD(other.parameters(), lr=1e-3)
"""
SUPPRESSED = """\
import torch
from transformers import AutoModelForCausalLM

# interp-lint: allow[IL102] -- sealed fine-tune approved by review board 2026-03
base = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
optimizer = torch.optim.AdamW(base.parameters(), lr=1e-4)
"""
ALL = ReportOptions(show_info=True)


def scan(root: Path) -> RunResult:
    result = run([root], root, Context(Settings()), jobs=1)
    assign_fingerprints(result.findings)
    return result


def keyed(result: RunResult) -> dict[tuple[str, str, int], str]:
    return {(f.rule, f.path, f.line): f.fingerprint for f in result.findings}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "train").mkdir(parents=True)
    (root / "train" / "lora.py").write_text(LORA_FINETUNE)
    (root / "sealed.py").write_text(SUPPRESSED)
    return root


def test_fingerprint_shape_and_inputs() -> None:
    finding = Finding("IL102", "n", "error", "a.py", 3, 1, "m", "u", snippet="x = load( 'm' )")
    value = fingerprint(finding, 0)
    assert re.fullmatch(r"[0-9a-f]{32}", value)
    moved = Finding(
        "IL102", "other name", "warning", "a.py", 90, 7, "other message", "u", snippet="x  =  load( 'm' )"
    )
    assert fingerprint(moved, 0) == value  # no position, message or spacing in it
    assert fingerprint(finding, 1) != value
    for change in ({"rule": "IL101"}, {"path": "b.py"}, {"snippet": "x = load('n')"}):
        other = Finding(**{**finding.__dict__, **change})
        assert fingerprint(other, 0) != value


def test_occurrence_tells_identical_statements_apart() -> None:
    findings = [
        Finding("IL102", "n", "error", "a.py", line, 1, "m", "u", snippet="train(model)") for line in (9, 3)
    ]
    assign_fingerprints(findings)
    by_line = {f.line: f.fingerprint for f in findings}
    assert by_line[3] == fingerprint(findings[1], 0)  # rank in sort order, not list order
    assert by_line[9] == fingerprint(findings[0], 1)
    assert by_line[3] != by_line[9]


def test_fingerprints_survive_blank_lines_at_the_top(project: Path) -> None:
    before = keyed(scan(project))
    lora = project / "train" / "lora.py"
    lora.write_text("\n" * 5 + LORA_FINETUNE)
    after = keyed(scan(project))
    assert before
    shifted = {
        (rule, path, line + 5 if path == "train/lora.py" else line): fp
        for (rule, path, line), fp in before.items()
    }
    assert after == shifted


def test_baseline_hides_old_findings_and_shows_new_ones(project: Path, tmp_path: Path) -> None:
    baseline_file = tmp_path / "baseline.json"
    count = write_baseline(baseline_file, scan(project).findings)
    # IL101 and IL102 in lora.py, IL101 in sealed.py; the suppressed IL102 is not recorded
    assert count == 3

    lora = project / "train" / "lora.py"
    lora.write_text("\n" * 5 + LORA_FINETUNE + SECOND_MODEL)
    result = scan(project)
    stale = apply_baseline(result.findings, load_baseline(baseline_file))
    assert stale == []
    shown = {(f.rule, f.path, f.line) for f in visible(result, ALL)}
    assert shown == {("IL101", "train/lora.py", 14), ("IL102", "train/lora.py", 14)}
    assert [(f.rule, f.line) for f in result.failing("error")] == [("IL102", 14)]
    assert {(f.rule, f.path, f.line) for f in result.findings if f.baselined} == {
        ("IL101", "train/lora.py", 10),
        ("IL102", "train/lora.py", 10),
        ("IL101", "sealed.py", 5),
    }


def test_stale_entries_are_returned(project: Path, tmp_path: Path) -> None:
    baseline_file = tmp_path / "baseline.json"
    write_baseline(baseline_file, scan(project).findings)
    (project / "train" / "lora.py").write_text(
        LORA_FINETUNE.replace("optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\n", "")
    )
    result = scan(project)
    stale = apply_baseline(result.findings, load_baseline(baseline_file))
    assert [(e["rule"], e["path"]) for e in stale] == [("IL102", "train/lora.py")]
    assert "Llama-3.1-405B" in stale[0]["snippet"]
    assert sorted((f.rule, f.path) for f in result.findings if f.baselined) == [
        ("IL101", "sealed.py"),
        ("IL101", "train/lora.py"),
    ]
    assert not visible(result, ALL)
    # entries that could not have matched in this run are left out on request
    assert (
        apply_baseline(result.findings, load_baseline(baseline_file), relevant=lambda e: e["rule"] != "IL102")
        == []
    )


def test_entry_for_a_now_suppressed_finding_is_stale(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    unsuppressed = SUPPRESSED.replace(
        "# interp-lint: allow[IL102] -- sealed fine-tune approved by review board 2026-03\n", ""
    )
    (root / "sealed.py").write_text(unsuppressed)
    baseline_file = tmp_path / "b.json"
    assert write_baseline(baseline_file, scan(root).findings) == 2
    (root / "sealed.py").write_text(SUPPRESSED)
    result = scan(root)
    stale = apply_baseline(result.findings, load_baseline(baseline_file))
    assert [e["rule"] for e in stale] == ["IL102"]
    assert not any(f.baselined and f.suppressed is not None for f in result.findings)


def test_written_file_is_sorted_and_has_no_timestamp(tmp_path: Path) -> None:
    result = scan(FIXTURES / "demo-lab")
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    count = write_baseline(first, result.findings)
    result.findings.reverse()
    for finding in result.findings:
        finding.fingerprint = ""
    write_baseline(second, result.findings)
    text = first.read_text()
    assert text == second.read_text()  # independent of list order
    assert text.endswith("}\n") and "\r" not in text
    assert text.startswith('{\n  "findings": [\n')
    data = json.loads(text)
    assert set(data) == {"version", "tool", "findings"}
    assert data["version"] == 1 and data["tool"] == "interp-lint"
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\b\d{10}\b", text)  # no timestamp of any kind
    entries = data["findings"]
    assert len(entries) == count == sum(1 for f in result.findings if f.suppressed is None)
    assert all(set(e) == {"fingerprint", "rule", "path", "snippet"} for e in entries)
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    assert len({e["fingerprint"] for e in entries}) == len(entries)


def test_round_trip_hides_everything(tmp_path: Path) -> None:
    result = scan(FIXTURES / "demo-lab")
    baseline_file = tmp_path / "b.json"
    write_baseline(baseline_file, result.findings)
    baseline = load_baseline(baseline_file)
    assert isinstance(baseline, Baseline)
    assert len(baseline) == len(result.findings)
    again = run([FIXTURES / "demo-lab"], FIXTURES / "demo-lab", Context(Settings()), jobs=1)
    assert apply_baseline(again.findings, baseline) == []  # fingerprints assigned on demand
    assert visible(again, ALL) == []
    assert again.failing("info") == []


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "cannot read baseline"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"{not json", "not JSON"),
        (b"[]", "expected a JSON object"),
        (b'{"version": 2, "findings": []}', "unsupported version 2"),
        (b'{"findings": []}', "unsupported version None"),
        (b'{"version": 1, "findings": {}}', "`findings` must be a list"),
        (b'{"version": 1, "findings": [{"rule": "IL102"}]}', "findings[0] has no `fingerprint`"),
        (b'{"version": 1, "findings": [{"fingerprint": "ab", "path": 3}]}', "must be strings"),
    ],
)
def test_bad_baseline_file_is_one_clear_error(tmp_path: Path, content: bytes | None, why: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BaselineError) as info:
        load_baseline(path)
    message = str(info.value)
    assert why in message
    assert str(path) in message
    assert "\n" not in message


def test_unwritable_baseline_is_a_baseline_error(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="cannot write baseline"):
        write_baseline(tmp_path / "missing-dir" / "b.json", [])


def test_minimal_hand_written_baseline_loads(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"version": 1, "findings": [{"fingerprint": "abc"}]}')
    baseline = load_baseline(path)
    assert "abc" in baseline
    assert baseline.entries == ({"fingerprint": "abc", "rule": "", "path": "", "snippet": ""},)
