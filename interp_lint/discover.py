"""Which files to check: git's view of the tree when there is one, else a walk.

Inside a git work tree the file list comes from ``git ls-files`` (tracked plus untracked
but not ignored), so ``.gitignore`` holds as users expect. Explicit file arguments are
always checked (unless ``force_exclude``). Symlinks are never followed out of the root.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from interp_lint.sources import kind_of

SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "env",
    ".env",
    "node_modules",
    "build",
    "dist",
    "site-packages",
    ".eggs",
    ".ipynb_checkpoints",
    ".interp-lint-cache",
}


@dataclass(frozen=True)
class FileTask:
    path: Path
    rel: str  # relative to the scanned root, '/'-separated
    kind: str


def is_excluded(rel: str, patterns: Iterable[str]) -> bool:
    parts = PurePosixPath(rel).parts
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, f"{pattern}/*"):
            return True
        if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def _git_files(folder: Path) -> list[str] | None:
    """Files git sees under ``folder`` (relative to it), or None outside a work tree."""
    try:
        out = subprocess.run(
            [
                "git",
                "-C",
                str(folder),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
                "--",
                ".",
            ],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sorted({p for p in out.decode("utf-8", "surrogateescape").split("\0") if p})


def _walk(folder: Path) -> Iterator[str]:
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIP_DIRS
            and not d.endswith(".egg-info")
            and not (here / d).is_symlink()
            and not (here / d / "pyvenv.cfg").exists()
        )
        for name in sorted(files):
            yield (here / name).relative_to(folder).as_posix()


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(128)
    except OSError:
        return b""


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def discover(
    paths: list[Path],
    root: Path,
    exclude: tuple[str, ...],
    force_exclude: bool = False,
    project_root: Path | None = None,
) -> list[FileTask]:
    """Files to check, each once, sorted by relative path.

    Paths are reported relative to ``root``; ``exclude`` patterns are matched relative to
    ``project_root`` (where the config lives), as ruff does.
    """
    tasks: dict[str, FileTask] = {}

    def rel_of(path: Path, base: Path = root) -> str:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def excluded(path: Path) -> bool:
        return bool(exclude) and (
            is_excluded(rel_of(path), exclude)
            or (project_root is not None and is_excluded(rel_of(path, project_root), exclude))
        )

    for target in paths:
        if target.is_file():
            rel = rel_of(target)
            kind = kind_of(target, _head(target))
            if kind is not None and not (force_exclude and excluded(target)):
                tasks[rel] = FileTask(target, rel, kind)
            continue
        listed = _git_files(target)
        names = listed if listed is not None else list(_walk(target))
        for name in names:
            path = target / name
            rel = rel_of(path)
            if is_excluded(name, exclude) or excluded(path):
                continue
            if path.is_symlink() and not _inside(path, root):
                continue
            if listed is not None and any(part in SKIP_DIRS for part in PurePosixPath(name).parts[:-1]):
                continue
            kind = kind_of(path, _head(path) if not path.suffix else None)
            if kind is None or not path.is_file():
                continue
            tasks[rel] = FileTask(path, rel, kind)
    return [tasks[k] for k in sorted(tasks)]
