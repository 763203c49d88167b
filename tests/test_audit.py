"""The repository audit, with the history that a published repository carries."""

from __future__ import annotations

import json
from pathlib import Path

import git
from conftest import cli

FINETUNE = """\
import torch
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
torch.optim.AdamW(model.parameters())
"""


def test_history_finds_a_deleted_finetune(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    with repo.config_writer() as cfg:
        cfg.set_value("user", "name", "T")
        cfg.set_value("user", "email", "t@example.org")
    (tmp_path / "train.py").write_text(FINETUNE)
    repo.git.add("train.py")
    repo.git.commit("-m", "fine-tune")
    repo.git.rm("train.py")
    repo.git.commit("-m", "remove it")
    (tmp_path / "sae.py").write_text("import torch\n")
    repo.git.add("sae.py")
    repo.git.commit("-m", "sae")

    now = cli("audit", tmp_path, "--output-format", "json")
    assert now.exit_code == 0 and json.loads(now.stdout)["findings"] == []

    past = cli("audit", tmp_path, "--history", "--output-format", "json")
    assert past.exit_code == 1
    found = {(f["path"], f["rule"], f.get("history")) for f in json.loads(past.stdout)["findings"]}
    assert found == {("train.py", "IL101", True), ("train.py", "IL102", True)}
    # a second run reads the results of the same blobs from the cache
    again = cli("audit", tmp_path, "--history", "--output-format", "json")
    assert json.loads(again.stdout)["findings"] == json.loads(past.stdout)["findings"]


def test_audit_shows_info_findings(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import sys\nfrom vllm import LLM\nLLM(model=sys.argv[1])\n")
    result = cli("audit", tmp_path)
    assert "IL901" in result.output and result.exit_code == 0
