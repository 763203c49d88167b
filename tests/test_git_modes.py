"""Pre-commit and pull-request modes on real git repositories: --staged, --diff REF,
baselines, unused suppressions, and the real pre-commit framework."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest
from conftest import ROOT, cli

FINETUNE = """\
import torch
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
torch.optim.AdamW(model.parameters())
"""
OTHER_FINETUNE = FINETUNE.replace("meta-llama/Llama-3.1-405B", "deepseek-ai/DeepSeek-V3")
CLEAN = "from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained('gpt2')\n"


def make_repo(path: Path, files: dict[str, str]) -> git.Repo:
    repo = git.Repo.init(path, initial_branch="main")
    with repo.config_writer() as cfg:
        cfg.set_value("user", "name", "Test")
        cfg.set_value("user", "email", "test@example.org")
    commit(repo, files, "initial")
    return repo


def commit(repo: git.Repo, files: dict[str, str], message: str) -> None:
    root = Path(repo.working_tree_dir or ".")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    repo.index.add(list(files))
    repo.index.commit(message)


def findings(result_output: str) -> set[tuple[str, int, str]]:
    doc = json.loads(result_output)
    return {(f["path"], f["line"], f["rule"]) for f in doc["findings"]}


def test_staged_checks_the_index_not_the_work_tree(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a.py": CLEAN})
    (tmp_path / "a.py").write_text(FINETUNE)
    repo.index.add(["a.py"])
    (tmp_path / "a.py").write_text(CLEAN)  # the unstaged edit removes it again
    result = cli("check", "--staged", "--output-format", "json", tmp_path)
    assert result.exit_code == 1
    assert findings(result.output) == {("a.py", 4, "IL102")}

    (tmp_path / "a.py").write_text(CLEAN)
    repo.index.add(["a.py"])
    (tmp_path / "a.py").write_text(FINETUNE)  # only in the work tree: does not block
    assert cli("check", "--staged", tmp_path).exit_code == 0


def test_diff_reports_only_new_findings(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"old.py": FINETUNE, "b.py": CLEAN})
    repo.git.checkout("-b", "feature")
    commit(repo, {"old.py": "\n\n\n" + FINETUNE, "new.py": OTHER_FINETUNE}, "add a fine-tune")
    result = cli("check", "--diff", "main", "--output-format", "json", tmp_path)
    assert result.exit_code == 1
    assert findings(result.output) == {("new.py", 4, "IL102")}
    assert cli("check", "--diff", "main", tmp_path / "old.py").exit_code == 0
    bad = cli("check", "--diff", "no-such-branch", tmp_path)
    assert bad.exit_code == 2 and "cannot resolve" in bad.output


def test_not_a_git_tree_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(CLEAN)
    result = cli("check", "--staged", tmp_path)
    assert result.exit_code == 2 and "not inside a git work tree" in result.output


def test_baseline_hides_old_findings_and_survives_shifts(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(FINETUNE)
    (tmp_path / "b.py").write_text(OTHER_FINETUNE)
    baseline = tmp_path / "b.json"
    first = cli("check", tmp_path, "--write-baseline", baseline)
    assert first.exit_code == 1 and baseline.exists()
    assert cli("check", tmp_path, "--baseline", baseline).exit_code == 0
    (tmp_path / "a.py").write_text("\n" * 5 + FINETUNE)
    assert cli("check", tmp_path, "--baseline", baseline).exit_code == 0
    (tmp_path / "c.py").write_text(FINETUNE)
    result = cli("check", tmp_path, "--baseline", baseline, "--output-format", "json")
    assert result.exit_code == 1
    assert findings(result.output) == {("c.py", 4, "IL102")}
    # removing b.py's finding leaves a stale baseline entry
    (tmp_path / "b.py").write_text(CLEAN)
    (tmp_path / "c.py").unlink()
    stale = cli("check", tmp_path, "--baseline", baseline, "--report-unused-suppressions")
    assert stale.exit_code == 1 and "stale entry of baseline" in stale.output and "b.py" in stale.output


def test_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(CLEAN)
    (tmp_path / "b.json").write_text("{not json")
    result = cli("check", tmp_path, "--baseline", tmp_path / "b.json")
    assert result.exit_code == 2 and "b.json" in result.output


def test_report_unused_suppressions(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "import torch  # interp-lint: allow[IL102] -- nothing to suppress here\n"
        "x = 1  # interp-lint: allow[IL999] -- no such rule\n"
    )
    plain = cli("check", tmp_path)
    assert plain.exit_code == 0
    result = cli("check", tmp_path, "--report-unused-suppressions")
    assert result.exit_code == 1
    assert "a.py:1:15: unused" in result.output and "suppresses nothing" in result.output
    assert "unknown rule IL999" in result.output


def test_a_late_allow_file_covers_nothing_and_says_so(tmp_path: Path) -> None:
    """allow-file only counts in the first 20 lines; further down it is inert, and (having
    a reason) it is no IL402: --report-unused-suppressions names the placement."""
    lines = ["import wandb", *["x = 1"] * 20, "# interp-lint: allow-file[IL303] -- dashboards only"]
    (tmp_path / "a.py").write_text("\n".join([*lines, 'wandb.init(project="p")', ""]))
    result = cli("check", tmp_path, "--show-info", "--report-unused-suppressions")
    assert "a.py:23:1: IL303" in result.output
    assert "IL402" not in result.output
    assert "allow-file after line 20 covers nothing" in result.output


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed by pre-commit")
def test_real_pre_commit_blocks_a_frontier_finetune(tmp_path: Path) -> None:
    """The real pre-commit framework installs this checkout's hook and runs it on commits."""
    project = git.Repo(ROOT)
    if project.is_dirty(untracked_files=False):
        pytest.skip("pre-commit installs hooks from a commit; this checkout has uncommitted changes")
    work = tmp_path / "lab"
    repo = make_repo(work, {"README.md": "lab\n"})
    config = (
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {project.head.commit.hexsha}\n"
        "    hooks:\n"
        "      - id: interp-lint\n"
    )
    (work / ".pre-commit-config.yaml").write_text(config)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    run = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*run, "install"], cwd=work, check=True, env=env, capture_output=True)

    (work / "train.py").write_text(FINETUNE)
    repo.index.add([".pre-commit-config.yaml", "train.py"])
    blocked = subprocess.run(
        ["git", "commit", "-m", "fine-tune"], cwd=work, env=env, capture_output=True, text=True
    )
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "IL102" in blocked.stdout + blocked.stderr

    (work / "train.py").write_text(CLEAN)
    repo.index.add(["train.py"])
    passed = subprocess.run(
        ["git", "commit", "-m", "clean"], cwd=work, env=env, capture_output=True, text=True
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr

    tried = subprocess.run(
        [*run, "try-repo", str(ROOT), "interp-lint", "--files", "train.py"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tried.returncode == 0, tried.stdout + tried.stderr
