"""The command line: exit codes, options, config errors, output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, cli

FRONTIER_FINETUNE = """\
import torch
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
torch.optim.AdamW(model.parameters())
"""
CLEAN = "from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained('gpt2')\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return folder


def test_clean_tree_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": CLEAN})
    result = cli("check", tmp_path)
    assert result.exit_code == 0, result.output
    assert "All checks passed (1 file)" in result.output


def test_finding_exits_one_with_ruff_style_location(tmp_path: Path) -> None:
    write(tmp_path, {"train.py": FRONTIER_FINETUNE})
    result = cli("check", tmp_path)
    assert result.exit_code == 1
    assert "train.py:4:9: IL102 " in result.output
    assert "#:~:text=enhances%20the%20overall" in result.output
    # info-level IL101 is hidden by default and counted
    assert "IL101" not in result.output.split("Found")[0]
    assert "1 info finding hidden" in result.output


def test_bare_paths_mean_check(tmp_path: Path) -> None:
    write(tmp_path, {"train.py": FRONTIER_FINETUNE})
    assert cli(tmp_path).exit_code == 1


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("check", tmp_path / "nope")
    assert result.exit_code == 2
    assert "path does not exist" in result.output


def test_exit_zero_and_select_ignore(tmp_path: Path) -> None:
    write(tmp_path, {"train.py": FRONTIER_FINETUNE})
    assert cli("check", tmp_path, "--exit-zero").exit_code == 0
    assert cli("check", tmp_path, "--ignore", "IL102").exit_code == 0
    assert cli("check", tmp_path, "--select", "IL9").exit_code == 0
    assert cli("check", tmp_path, "--select", "IL9", "--extend-select", "IL1").exit_code == 1
    assert cli("check", tmp_path, "--ignore", "IL1", "--select", "IL102").exit_code == 1
    bad = cli("check", tmp_path, "--select", "E501")
    assert bad.exit_code == 2 and "not a rule id" in bad.output


def test_json_schema(tmp_path: Path) -> None:
    write(tmp_path, {"sub/train.py": FRONTIER_FINETUNE})
    out = tmp_path / "report.json"
    result = cli("check", tmp_path, "--output-format", "json", "--show-info", "--output", out)
    assert result.exit_code == 1
    doc = json.loads(out.read_text())
    assert doc["version"] == 1
    rules = [f["rule"] for f in doc["findings"]]
    assert rules == ["IL101", "IL102"]
    il102 = doc["findings"][1]
    for key in ("rule", "name", "severity", "path", "line", "column", "message", "url", "confidence"):
        assert key in il102
    assert il102["path"] == "sub/train.py"
    assert il102["model"] == "meta-llama/Llama-3.1-405B" and il102["tier"] == "frontier"
    notes = [step["note"] for step in il102["evidence"]]
    assert any("optimizer" in n for n in notes)
    assert doc["summary"]["by_rule"] == {"IL101": 1, "IL102": 1}


def test_json_is_deterministic_across_jobs(tmp_path: Path) -> None:
    files = {f"pkg/m{i:02d}.py": FRONTIER_FINETUNE if i % 3 else CLEAN for i in range(40)}
    write(tmp_path, files)
    one = cli("check", tmp_path, "--output-format", "json", "--show-info", "--jobs", "1")
    two = cli("check", tmp_path, "--output-format", "json", "--show-info", "--jobs", "2")
    assert one.output == two.output
    assert json.loads(one.output)["summary"]["by_rule"]["IL102"] == 26


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[tool.interp-lint]\nselct = ['IL1']\n", "unknown key 'selct'"),
        ("[tool.interp-lint]\nfrontier-min-params = 'lots'\n", "frontier-min-params"),
        ("[tool.interp-lint]\nfail-on = 'fatal'\n", "fail-on"),
        ("[tool.interp-lint\n", "invalid TOML"),
    ],
)
def test_bad_config_is_one_line_and_exit_two(tmp_path: Path, config: str, message: str) -> None:
    write(tmp_path, {"pyproject.toml": config, "a.py": CLEAN})
    result = cli("check", tmp_path)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "pyproject.toml" in lines[0]
    assert "Traceback" not in result.output


def test_config_thresholds_and_patterns(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".interp-lint.toml": 'frontier-min-params = "7B"\nfrontier-models = ["gs://lab/prod-*"]\n',
            "a.py": (
                "import torch\nfrom transformers import AutoModelForCausalLM\n"
                "m = AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3.1-8B')\n"
                "torch.optim.Adam(m.parameters())\n"
                "n = AutoModelForCausalLM.from_pretrained('gs://lab/prod-42')\n"
            ),
        },
    )
    doc = json.loads(cli("check", tmp_path, "--output-format", "json", "--show-info").output)
    assert {(f["line"], f["rule"]) for f in doc["findings"]} == {(3, "IL101"), (3, "IL102"), (5, "IL101")}


def test_per_file_ignores_and_exclude(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": (
                "[tool.interp-lint]\nexclude = ['vendored']\n"
                "[tool.interp-lint.per-file-ignores]\n'experiments/*' = ['IL102']\n"
            ),
            "experiments/a.py": FRONTIER_FINETUNE,
            "vendored/b.py": FRONTIER_FINETUNE,
        },
    )
    assert cli("check", tmp_path).exit_code == 0
    # an explicitly named file is checked even when excluded, unless --force-exclude
    assert cli("check", tmp_path / "vendored" / "b.py").exit_code == 1
    assert cli("check", tmp_path / "vendored" / "b.py", "--force-exclude").exit_code == 0


def test_broken_file_among_good_ones(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a_train.py": FRONTIER_FINETUNE,
            "b_broken.py": "import transformers\nm = transformers.AutoModel.from_pretrained(x)\ndef f(:\n",
            "c_nul.py": b"from transformers import AutoModel\x00\n",
            "d_train.py": FRONTIER_FINETUNE,
        },
    )
    doc = json.loads(cli("check", tmp_path, "--output-format", "json").output)
    got = {(f["path"], f["rule"]) for f in doc["findings"]}
    assert got == {
        ("a_train.py", "IL102"),
        ("b_broken.py", "IL902"),
        ("c_nul.py", "IL902"),
        ("d_train.py", "IL102"),
    }


def test_rule_and_rules_commands() -> None:
    listing = cli("rules")
    assert listing.exit_code == 0 and len(listing.output.strip().splitlines()) == 14
    shown = cli("rule", "il102")
    assert shown.exit_code == 0
    for part in (
        "IL102 frontier-model-training (error)",
        "Why it matters",
        "What to do instead",
        "Example (bad):",
        "Example (good):",
        "Essay: https://",
    ):
        assert part in shown.output
    assert cli("rule", "IL999").exit_code == 2


def test_version() -> None:
    from interp_lint import __version__

    assert cli("--version").output.strip() == f"interp-lint {__version__}"


def test_demo_lab_evidence_text() -> None:
    result = cli("check", FIXTURES / "demo-lab", "--show-evidence")
    assert result.exit_code == 1
    assert "argparse default" in result.output
