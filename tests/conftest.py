"""Shared helpers: paths of the checkout, the essay and schema beside it, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interp_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def parsable_sources(crafted: list[str]) -> list[tuple[str, str]]:
    """(name, text) of the crafted snippets, then of every Python file of the checkout's
    fixtures, held-out sets and code that libcst parses (the IL902 fixtures do not)."""
    import libcst as cst

    from interp_lint.facts import libcst_compat

    libcst_compat.apply()
    out = [(f"crafted-{i}", text) for i, text in enumerate(crafted)]
    for path in sorted(p for d in ("fixtures", "eval", "interp_lint") for p in (ROOT / d).rglob("*.py")):
        try:
            text = path.read_text("utf-8")
            libcst_compat.parse_module(text)  # as the linter parses
        except (UnicodeDecodeError, cst.ParserSyntaxError, cst.CSTValidationError):
            continue
        out.append((path.relative_to(ROOT).as_posix(), text))
    return out


def shared_file(relative: str, env: str | None = None) -> Path:
    """A file from ../shared beside the checkout; skip if absent (a failure under CI=true)."""
    candidates = [Path(os.environ[env])] if env and os.environ.get(env) else []
    candidates.append(SHARED / relative)
    for path in candidates:
        if path.is_file():
            return path
    message = f"{relative} not found beside the checkout (looked in {', '.join(map(str, candidates))})"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def cli(*args: str | os.PathLike[str], cwd: Path | None = None) -> Result:
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
