"""The result cache: warm runs reuse results, and nothing stale is ever served."""

from __future__ import annotations

import json
from pathlib import Path

import git
from conftest import cli

from interp_lint.cache import _FIELDS, CACHE_DIR, blob_id

FINETUNE = """\
import torch
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
torch.optim.AdamW(model.parameters())
"""


def rules(output: str) -> list[tuple[str, int, str]]:
    return sorted((f["path"], f["line"], f["rule"]) for f in json.loads(output)["findings"])


def test_blob_id_matches_git(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    (tmp_path / "a.py").write_bytes(FINETUNE.encode())
    repo.index.add(["a.py"])
    assert repo.index.entries[("a.py", 0)].hexsha == blob_id(FINETUNE.encode())


def test_warm_run_matches_cold_and_edits_invalidate(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(FINETUNE)
    (tmp_path / "b.py").write_text("x = 1\n")
    cold = cli("check", tmp_path, "--output-format", "json", "--show-info")
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().strip().endswith("*")
    warm = cli("check", tmp_path, "--output-format", "json", "--show-info")
    assert rules(cold.output) == rules(warm.output) == [("a.py", 4, "IL101"), ("a.py", 4, "IL102")]
    (tmp_path / "a.py").write_text(FINETUNE.replace("Llama-3.1-405B", "Llama-3.1-8B"))
    assert rules(cli("check", tmp_path, "--output-format", "json", "--show-info").output) == []


def test_settings_change_invalidates(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(FINETUNE.replace("Llama-3.1-405B", "Llama-3.1-70B"))
    assert cli("check", tmp_path).exit_code == 0
    (tmp_path / ".interp-lint.toml").write_text('frontier-min-params = "50B"\n')
    assert cli("check", tmp_path).exit_code == 1


def test_no_cache_and_clean(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(FINETUNE)
    assert cli("check", tmp_path, "--no-cache").exit_code == 1
    assert not (tmp_path / CACHE_DIR).exists()
    cli("check", tmp_path)
    assert (tmp_path / CACHE_DIR).exists()
    assert "cache removed" in cli("clean", tmp_path).output
    assert not (tmp_path / CACHE_DIR).exists()


def test_tracked_unchanged_files_use_git_blob_ids(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    (tmp_path / "a.py").write_text(FINETUNE)
    repo.git.add("a.py")  # git itself records the stat data that diff-files compares
    from interp_lint.discover import discover

    (task,) = discover([tmp_path], tmp_path, ())
    assert task.blob == blob_id(FINETUNE.encode())
    (tmp_path / "a.py").write_text(FINETUNE + "\n")
    (task,) = discover([tmp_path], tmp_path, ())
    assert task.blob is None  # modified in the work tree: hashed from its bytes instead


def test_cached_findings_keep_their_fingerprints(tmp_path: Path) -> None:
    """Fingerprints are stored with a file's findings, so a warm run reports the same ones
    without hashing them again, and a baseline written cold holds warm."""
    import sqlite3

    twice = FINETUNE + FINETUNE.split("\n", 3)[3].replace("model = ", "other = ")
    (tmp_path / "a.py").write_text(twice)
    cold, warm = tmp_path / "cold.json", tmp_path / "warm.json"
    cli("check", tmp_path / "a.py", "--write-baseline", cold)
    stored = sqlite3.connect(tmp_path / CACHE_DIR / "results.sqlite3").execute("SELECT data FROM results")
    rows = [row for (data,) in stored if data for row in json.loads(data)[0]]
    cli("check", tmp_path / "a.py", "--write-baseline", warm)
    assert cold.read_text() == warm.read_text()
    prints = sorted(entry["fingerprint"] for entry in json.loads(cold.read_text())["findings"])
    assert prints and len(set(prints)) == len(prints)
    assert sorted(row[_FIELDS.index("fingerprint")] for row in rows) == prints


def test_policy_snapshot_is_the_parsed_policy(tmp_path: Path) -> None:
    """A cached run leaves the parsed policy as JSON, named by the policy's digest (an
    edited policy never reads a stale one); it holds exactly what the TOML files parse to."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    from interp_lint.policy.load import policy_digest, policy_dir

    (tmp_path / "a.py").write_text(FINETUNE)
    cli("check", tmp_path)
    snapshot = tmp_path / CACHE_DIR / f"policy-{policy_digest()}.json"
    documents = json.loads(snapshot.read_text())
    files = sorted(policy_dir().glob("*.toml"))
    assert sorted(documents) == [p.name for p in files]
    assert all(documents[p.name] == tomllib.loads(p.read_text()) for p in files)
    (tmp_path / "a.py").write_text(FINETUNE + "\n")  # a changed file, analysed with it
    assert rules(cli("check", tmp_path, "--output-format", "json").output) == [("a.py", 4, "IL102")]


def test_analysis_collects_young_objects_less_often() -> None:
    """Both the serial path and every worker raise the collector's threshold (bench/run.py
    shows what it buys on a cold run)."""
    import gc

    from interp_lint.config import Settings
    from interp_lint.context import Context
    from interp_lint.engine import YOUNG_OBJECTS_PER_COLLECTION, _init_worker, analyse_tasks

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        list(analyse_tasks([], Context(Settings()), jobs=1))
        assert gc.get_threshold()[0] == YOUNG_OBJECTS_PER_COLLECTION
        gc.set_threshold(700, 10, 10)
        _init_worker(Settings())
        assert gc.get_threshold()[0] == YOUNG_OBJECTS_PER_COLLECTION
    finally:
        gc.set_threshold(*before)


def test_without_a_config_the_cache_lives_at_the_repository_root(tmp_path: Path) -> None:
    """A pre-commit run names files in subfolders: one cache for the work tree, not one
    per folder; and the repository's disclosure policy is the one at its root."""
    git.Repo.init(tmp_path)
    (tmp_path / "train").mkdir()
    (tmp_path / "train" / "finetune.py").write_text(FINETUNE + "model.push_to_hub('lab/m')\n")
    result = cli("check", "train/finetune.py", "--output-format", "json", "--exit-zero", cwd=tmp_path)
    assert (tmp_path / CACHE_DIR).is_dir()
    assert not (tmp_path / "train" / CACHE_DIR).exists()
    assert "IL401" in {r for *_, r in rules(result.output)}
    (tmp_path / "DISCLOSURE.md").write_text("# How we disclose\n")
    inner = cli("check", ".", "--output-format", "json", "--exit-zero", cwd=tmp_path / "train")
    assert {r for *_, r in rules(inner.output)} >= {"IL102", "IL302"}
    assert "IL401" not in {r for *_, r in rules(inner.output)}
    assert not (tmp_path / "train" / CACHE_DIR).exists()
