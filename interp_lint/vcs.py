"""Git as a source of file contents: the index (``--staged``) and the merge-base of a
pull request (``--diff REF``), read straight from git objects, never checked out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from interp_lint.discover import is_excluded
from interp_lint.sources import kind_of

if TYPE_CHECKING:
    import git


class GitError(Exception):
    """Not a git work tree, or a ref that does not resolve: a one-line usage error."""


@dataclass(frozen=True)
class Content:
    rel: str  # relative to the repository root, '/'-separated
    kind: str
    data: bytes


def open_repo(path: Path) -> git.Repo:
    import git

    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(f"not inside a git work tree: {path}") from None


def _kind(rel: str, data: bytes) -> str | None:
    return kind_of(Path(rel), data[:128])


def under(rel: str, prefixes: list[str]) -> bool:
    return not prefixes or any(
        rel == p or rel.startswith(p.rstrip("/") + "/") or p in {"", "."} for p in prefixes
    )


def staged_contents(repo: git.Repo, prefixes: list[str], exclude: tuple[str, ...]) -> list[Content]:
    """What the next commit will hold for every added, copied, modified or renamed file."""
    names = repo.git.diff("--cached", "--name-only", "--diff-filter=ACMR", "-z").split("\0")
    out = []
    for rel in sorted(n for n in names if n):
        if not under(rel, prefixes) or is_excluded(rel, exclude):
            continue
        entry = repo.index.entries.get((rel, 0))
        if entry is None:
            continue
        data = repo.odb.stream(entry.binsha).read()
        kind = _kind(rel, data)
        if kind is not None:
            out.append(Content(rel, kind, data))
    return out


def merge_base(repo: git.Repo, ref: str) -> git.Commit:
    import git

    try:
        other = repo.commit(ref)
        bases = repo.merge_base(other, repo.head.commit)
    except (git.BadName, ValueError, git.GitCommandError):
        raise GitError(f"cannot resolve {ref!r} to a commit") from None
    if not bases:
        raise GitError(f"{ref!r} and HEAD have no common ancestor")
    return bases[0]


def changed_since(repo: git.Repo, base: git.Commit) -> list[str]:
    """Files whose content differs between ``base`` and the work tree, plus new files."""
    changed = repo.git.diff("--name-only", "-z", base.hexsha).split("\0")
    untracked = repo.untracked_files
    return sorted({n for n in changed if n} | set(untracked))


def contents_at(commit: git.Commit, rels: list[str]) -> list[Content]:
    out = []
    for rel in rels:
        try:
            blob = commit.tree / rel
        except KeyError:
            continue  # the file is new since this commit
        data = blob.data_stream.read()
        kind = _kind(rel, data)
        if kind is not None:
            out.append(Content(rel, kind, data))
    return out


def worktree_contents(root: Path, rels: list[str], exclude: tuple[str, ...]) -> list[Content]:
    out = []
    for rel in rels:
        path = root / PurePosixPath(rel)
        if is_excluded(rel, exclude) or not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        kind = _kind(rel, data)
        if kind is not None:
            out.append(Content(rel, kind, data))
    return out
