"""Start-up: a command imports only what it needs (a pre-commit hook pays for every import)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import git

HEAVY = ("libcst", "git", "yaml", "concurrent.futures.process", "interp_lint.report.sarif")

# Runs the CLI in a fresh interpreter and prints which heavy modules it loaded.
PROBE = """
import json, sys
from interp_lint.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    heavy = {heavy!r}
    print(json.dumps(sorted(m for m in sys.modules if m in heavy or m.split(".")[0] in heavy)))
"""


def loaded(args: list[str], cwd: Path) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_version_imports_no_analysis(tmp_path: Path) -> None:
    assert loaded(["--version"], tmp_path) == set()


def test_checking_a_file_that_cannot_matter_loads_no_parser(tmp_path: Path) -> None:
    (tmp_path / "util.py").write_text("def add(a, b):\n    return a + b\n")
    assert loaded(["check", "util.py", "--no-cache"], tmp_path) == set()


def test_warm_run_loads_no_parser(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    (tmp_path / "train.py").write_text(
        "from transformers import AutoModelForCausalLM\n"
        'model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")\n'
    )
    (tmp_path / "eval.yaml").write_text("tasks: [mmlu]\n")
    repo.index.add(["train.py", "eval.yaml"])
    repo.index.commit("a lab")
    assert "libcst" in loaded(["check", ".", "--exit-zero"], tmp_path)  # cold: fills the cache
    assert loaded(["check", ".", "--exit-zero"], tmp_path) == set()
