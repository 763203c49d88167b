"""Discovery: git's view of the tree, a walk elsewhere, excludes, symlinks."""

from __future__ import annotations

import os
from pathlib import Path

import git

from interp_lint.discover import discover


def test_git_tree_respects_gitignore(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    (tmp_path / ".gitignore").write_text("scratch/\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("x = 1\n")
    (tmp_path / "scratch").mkdir()
    (tmp_path / "scratch" / "b.py").write_text("x = 1\n")
    (tmp_path / "new.py").write_text("x = 1\n")  # untracked, not ignored: checked
    repo.index.add([".gitignore", "src/a.py"])
    repo.index.commit("init")
    rels = [t.rel for t in discover([tmp_path], tmp_path, ())]
    assert rels == ["new.py", "src/a.py"]


def test_walk_skips_venvs_and_build_dirs(tmp_path: Path) -> None:
    for rel in ["a.py", ".venv/lib/x.py", "myenv/lib/y.py", "build/z.py", "pkg/b.py", "pkg/readme.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    (tmp_path / "myenv" / "pyvenv.cfg").write_text("home = /usr\n")
    rels = [t.rel for t in discover([tmp_path], tmp_path, ())]
    assert rels == ["a.py", "pkg/b.py"]


def test_exclude_patterns(tmp_path: Path) -> None:
    for rel in ["a.py", "gen/b.py", "deep/gen/c.py", "d_pb2.py"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    rels = [t.rel for t in discover([tmp_path], tmp_path, ("gen", "*_pb2.py"))]
    assert rels == ["a.py"]


def test_symlink_out_of_root_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("x = 1\n")
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.py").write_text("x = 1\n")
    os.symlink(outside, root / "linked_dir")
    os.symlink(outside / "secret.py", root / "linked.py")
    rels = [t.rel for t in discover([root], root, ())]
    assert rels == ["a.py"]


def test_extensionless_script_by_shebang(tmp_path: Path) -> None:
    (tmp_path / "run").write_text("#!/usr/bin/env python3\nprint(1)\n")
    (tmp_path / "notes").write_text("plain text\n")
    assert [t.rel for t in discover([tmp_path], tmp_path, ())] == ["run"]
