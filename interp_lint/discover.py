"""Which files to check: git's view of the tree when there is one, else a walk.

Inside a git work tree the file list comes from ``git ls-files`` (tracked plus untracked
but not ignored), so ``.gitignore`` holds as users expect. Explicit file arguments are
always checked (unless ``force_exclude``). Symlinks are never followed out of the root.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from interp_lint.sources import kind_of, kind_of_name

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
    location: str  # where the file is on disk (a plain string: tens of thousands are made)
    rel: str  # relative to the scanned root, '/'-separated
    kind: str
    blob: str | None = None  # git's blob id, when git knows the file is unchanged

    @property
    def path(self) -> Path:
        return Path(self.location)


def is_excluded(rel: str, patterns: Iterable[str]) -> bool:
    if not patterns:
        return False
    parts = PurePosixPath(rel).parts
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, f"{pattern}/*"):
            return True
        if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def _git_together(folder: Path, *commands: tuple[str, ...]) -> list[list[str]]:
    """The NUL-separated outputs of git commands run side by side (a warm run of a large
    tree waits on them more than on anything else)."""
    running = [
        subprocess.Popen(["git", "-C", str(folder), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        for args in commands
    ]
    outputs = [proc.communicate()[0] for proc in running]
    if any(proc.returncode for proc in running):
        raise subprocess.CalledProcessError(1, "git")
    return [[p for p in out.decode("utf-8", "surrogateescape").split("\0") if p] for out in outputs]


def _git_files(folder: Path) -> tuple[list[str], dict[str, str]] | None:
    """Files git sees under ``folder`` (relative to it), with the blob ids of those whose
    work-tree content is what the index holds; None outside a work tree."""
    try:
        staged, others, changed = _git_together(
            folder,
            ("ls-files", "-z", "-s", "--", "."),
            ("ls-files", "-z", "--others", "--exclude-standard", "--", "."),
            ("diff-files", "--name-only", "--relative", "-z", "--", "."),
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    modified = set(changed)
    names: set[str] = set(others)
    blobs: dict[str, str] = {}
    for line in staged:
        meta, _, name = line.partition("\t")
        fields = meta.split()
        if len(fields) != 3 or fields[0] == "160000":
            continue  # submodules are other repositories
        names.add(name)
        if fields[2] == "0" and name not in modified and fields[0] in {"100644", "100755"}:
            blobs[name] = fields[1]  # a regular file, unchanged: git vouches for it
    return sorted(names), blobs


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


def _prefix(folder: Path, base: Path) -> str | None:
    """``folder`` relative to ``base`` as a '/'-ended prefix ('' for the base itself)."""
    try:
        rel = folder.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return None
    return "" if rel == "." else f"{rel}/"


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
                tasks[rel] = FileTask(str(target), rel, kind)
            continue
        # Resolve the folder once; its files' paths are then joined as strings (resolving
        # every file costs more than the rest of a warm run).
        prefix = _prefix(target, root)
        project_prefix = _prefix(target, project_root) if project_root is not None else None
        listed = _git_files(target)
        names, blobs = listed if listed is not None else (list(_walk(target)), {})
        folder = str(target).rstrip("/") or "/"
        for name in names:
            if listed is not None and "/" in name and not SKIP_DIRS.isdisjoint(name.split("/")[:-1]):
                continue
            rel = f"{prefix}{name}" if prefix is not None else (target / name).as_posix()
            if is_excluded(name, exclude) or (exclude and is_excluded(rel, exclude)):
                continue
            if project_prefix is not None and exclude and is_excluded(f"{project_prefix}{name}", exclude):
                continue
            path = f"{folder}/{name}"
            try:
                # git vouches for unchanged regular files; anything else is looked at
                mode = stat.S_IFREG if name in blobs else os.lstat(path).st_mode
            except OSError:
                continue  # listed by git but deleted from the work tree
            if stat.S_ISLNK(mode):
                if not _inside(Path(path), root) or not os.path.isfile(path):
                    continue
            elif not stat.S_ISREG(mode):
                continue
            kind = kind_of_name(name)
            if kind is None and "." not in name.rsplit("/", 1)[-1]:
                kind = kind_of_name(name, _head(Path(path)))  # a script, by its shebang?
            if kind is not None:
                tasks[rel] = FileTask(path, rel, kind, blobs.get(name))
    return [tasks[k] for k in sorted(tasks)]
