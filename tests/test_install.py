"""The package as users get it: the wheel carries the policy, the console script runs
from any directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT


def test_wheel_ships_policy_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("interp_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {Path(n).name for n in names if n.startswith("interp_lint/_rules/")}
    expected = {p.name for p in (ROOT / "rules").glob("*.toml")}
    assert expected <= shipped


def test_console_script_from_another_directory(tmp_path: Path) -> None:
    exe = shutil.which("interp-lint") or str(Path(sys.executable).parent / "interp-lint")
    if not Path(exe).exists():
        pytest.fail("the interp-lint console script is not installed")
    proc = subprocess.run(
        [exe, "check", str(FIXTURES / "demo-lab"), "--output-format", "json", "--show-info"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    rules = {f["rule"] for f in doc["findings"]}
    assert {"IL101", "IL102", "IL103", "IL901"} <= rules
    for finding in doc["findings"]:
        assert finding["url"].startswith("https://www.thinkingmuchbetter.com/nickai/fieldbuilding/")
