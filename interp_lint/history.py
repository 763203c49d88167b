"""The history audit: every version of every file the repository's history holds.

A repository that is published carries its history with it, so a fine-tuning script
deleted last month is still published. ``git rev-list --objects --all`` names each
reachable blob once, however many commits hold it, and ``git cat-file --batch`` streams
them, so the work grows with the number of unique blobs, not commits times files; results
go through the same cache as ``check`` (keyed by blob id and path).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

from interp_lint.context import Context
from interp_lint.engine import FileResult, Unused, analyse_bytes
from interp_lint.findings import Finding
from interp_lint.sources import kind_of


def unique_blobs(root: Path) -> list[tuple[str, str, str]]:
    """(blob id, path, kind) for every unique blob reachable from any ref."""
    out = subprocess.run(
        ["git", "-C", str(root), "rev-list", "--objects", "--all"], capture_output=True, check=True, text=True
    ).stdout
    blobs: list[tuple[str, str, str]] = []
    for line in out.splitlines():
        sha, _, path = line.partition(" ")
        if not path:
            continue  # commits
        kind = kind_of(Path(path))
        if kind is not None:
            blobs.append((sha, path, kind))
    return blobs


def read_blobs(root: Path, shas: list[str]) -> Iterator[tuple[str, bytes]]:
    """Stream blob contents with one ``git cat-file --batch`` process."""
    if not shas:
        return
    proc = subprocess.Popen(
        ["git", "-C", str(root), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for sha in shas:
            proc.stdin.write(f"{sha}\n".encode())
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) < 3 or header[1] != b"blob":
                continue
            data = proc.stdout.read(int(header[2]))
            proc.stdout.read(1)  # the newline after the content
            yield sha, data
    finally:
        proc.stdin.close()
        proc.wait()


def audit_history(root: Path, context: Context, cache: object | None) -> tuple[list[Finding], int]:
    """Findings of every historical blob (suppressions applied), and how many blobs."""
    blobs = unique_blobs(root)
    keys = [(sha, path) for sha, path, _ in blobs]
    hits = cache.load(keys) if cache is not None else {}  # type: ignore[attr-defined]
    kinds = {(sha, path): kind for sha, path, kind in blobs}
    wanted = [sha for sha, path, _ in blobs if (sha, path) not in hits]
    paths_of: dict[str, list[str]] = {}
    for sha, path, _ in blobs:
        paths_of.setdefault(sha, []).append(path)
    results: dict[tuple[str, str], FileResult] = {}
    for sha, data in read_blobs(root, sorted(set(wanted))):
        for path in paths_of[sha]:
            if (sha, path) in hits:
                continue
            one = analyse_bytes(data, path, kinds[(sha, path)], context)
            results[(sha, path)] = one
            if cache is not None:
                cache.store(sha, path, one.findings, one.unused)  # type: ignore[attr-defined]
    if cache is not None:
        cache.commit()  # type: ignore[attr-defined]
    findings: list[Finding] = []
    for key in keys:
        if key in hits:
            found, _ = hits[key]
        elif key in results:
            found = results[key].findings
        else:
            continue
        for finding in found:
            finding.extra = {**finding.extra, "blob": key[0]}
            findings.append(finding)
    return findings, len(blobs)


__all__ = ["Unused", "audit_history", "read_blobs", "unique_blobs"]
