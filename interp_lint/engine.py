"""The pipeline: discover -> sources -> facts -> rules -> filters, over processes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from interp_lint.config import Settings
from interp_lint.context import Context
from interp_lint.discover import FileTask, discover
from interp_lint.facts.model import Step, UnitFacts
from interp_lint.facts.suppressions import FILE_LEVEL_LINES
from interp_lint.filters.baseline import assign_fingerprints
from interp_lint.filters.suppressions import apply_suppressions
from interp_lint.findings import SEVERITY_RANK, Finding
from interp_lint.rules import Emit, run_unit_rules
from interp_lint.sources import adapter
from interp_lint.vcs import Content

MAX_FILE_BYTES = 10 * 1024 * 1024
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 24


@dataclass(frozen=True)
class Unused:
    """A suppression (or baseline entry) that matched nothing, or names an unknown rule."""

    path: str
    line: int
    column: int
    text: str
    why: str
    cell: int | None = None


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    unused: list[Unused] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)  # relative paths of the files checked

    def failing(self, fail_on: str) -> list[Finding]:
        threshold = SEVERITY_RANK[fail_on]
        return [
            f
            for f in self.findings
            if f.suppressed is None and not f.baselined and SEVERITY_RANK[f.severity] >= threshold
        ]


def to_finding(emit: Emit, path: str, context: Context) -> Finding:
    doc = context.rule_doc(emit.rule)
    try:
        message = doc.message.format(**emit.args)
    except (KeyError, IndexError):
        message = doc.summary
    return Finding(
        rule=emit.rule,
        name=doc.name,
        severity=doc.severity,
        path=path,
        line=emit.line,
        column=emit.column,
        message=message,
        url=doc.url,
        confidence=emit.confidence,
        model=emit.model,
        tier=emit.tier,
        evidence=emit.evidence,
        cell=emit.cell,
        end_line=emit.end_line,
    )


def analyse_bytes(data: bytes, rel: str, kind: str, context: Context) -> FileResult:
    """All findings of one file's content, suppressions applied. Never raises for bad
    input: whatever goes wrong becomes IL902 for this file and the run goes on."""
    try:
        if len(data) > MAX_FILE_BYTES:
            facts = UnitFacts(error=f"file too large ({len(data)} bytes)")
        else:
            facts = adapter(kind)(data, context, PurePosixPath(rel).name)
    except RecursionError:
        facts = UnitFacts(error="cannot analyse: nesting too deep")
    except Exception as exc:
        facts = UnitFacts(
            error=f"internal error while analysing ({type(exc).__name__}: {exc}); please report it"
        )
    settings = context.settings
    ignored = settings.ignored_for(rel)
    findings = [
        to_finding(emit, rel, context)
        for emit in run_unit_rules(facts, context)
        if settings.selects(emit.rule) and emit.rule not in ignored
    ]
    for finding in findings:
        finding.snippet = facts.snippet(finding.line, finding.end_line, finding.cell)
    statements = facts.statement_spans() if findings and facts.suppressions else []
    apply_suppressions(findings, facts.suppressions, statements)
    unused = []
    for s in facts.suppressions:
        unknown = [i for i in s.ids if i not in context.policy.rules]
        cell, line = facts.line_map[s.line - 1] if 0 < s.line <= len(facts.line_map) else (None, s.line)
        if unknown:
            unused.append(Unused(rel, line, s.column, s.text, f"unknown rule {', '.join(unknown)}", cell))
        elif s.misplaced:
            why = f"allow-file after line {FILE_LEVEL_LINES} covers nothing"
            unused.append(Unused(rel, line, s.column, s.text, why, cell))
        elif s.ids and not s.used and all(settings.selects(i) and i not in ignored for i in s.ids):
            unused.append(Unused(rel, line, s.column, s.text, "suppresses nothing", cell))
    if facts.line_map:
        for finding in findings:
            to_cell(finding, facts)
    return FileResult(findings, unused)


def to_cell(finding: Finding, facts: UnitFacts) -> None:
    """Notebook findings: unit lines become (cell, line in cell), as users see them."""
    line_map = facts.line_map

    def where(line: int) -> tuple[int, int] | None:
        return line_map[line - 1] if 0 < line <= len(line_map) else None

    located = where(finding.line)
    if located is None:
        return
    finding.cell, finding.line = located
    finding.file_line = facts.file_lines.get(located, 1)
    steps = []
    for step in finding.evidence:
        at = where(step.line)
        steps.append(Step(at[1], step.column, f"cell {at[0]}: {step.note}") if at else step)
    finding.evidence = tuple(steps)


def analyse_file(task: FileTask, context: Context) -> FileResult:
    try:
        data = task.path.read_bytes()
    except OSError as exc:
        facts = UnitFacts(error=f"cannot read: {exc.strerror}")
        emits = run_unit_rules(facts, context)
        return FileResult(
            [to_finding(e, task.rel, context) for e in emits if context.settings.selects(e.rule)]
        )
    return analyse_bytes(data, task.rel, task.kind, context)


_WORKER: Context | None = None
YOUNG_OBJECTS_PER_COLLECTION = 10_000  # Python's default is 700


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Context(settings)
    tune_gc()


def tune_gc() -> None:
    """Collect young objects less often. A libcst module with scope metadata is a million
    objects, cyclic, alive for the length of one file: with the default threshold (700
    allocations) the collector walked them some four thousand times per run, a tenth of
    the analysis time. The same change mypy makes; the peak memory of the benchmark's
    cold run stays under 150 MB."""
    import gc

    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, 10, 10)


def _work(task: FileTask) -> FileResult:
    assert _WORKER is not None
    return analyse_file(task, _WORKER)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def analyse_tasks(tasks: list[FileTask], context: Context, jobs: int) -> Iterable[FileResult]:
    if jobs <= 1 or len(tasks) < PARALLEL_MIN_FILES:
        tune_gc()
        return (analyse_file(task, context) for task in tasks)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Largest files first, in small chunks: a few big modules dominate the run, and a
    # worker that drew them late would leave the other idle.
    order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i]))
    chunk = max(1, min(32, len(tasks) // (jobs * 64)))
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(context.settings,))
    try:
        with pool:
            done = list(pool.map(_work, [tasks[i] for i in order], chunksize=chunk))
    except BrokenProcessPool:
        done = [_isolated(tasks[i], context) for i in order]
    results: list[FileResult] = [FileResult()] * len(tasks)
    for position, result in zip(order, done, strict=True):
        results[position] = result
    return results


def _isolated(task: FileTask, context: Context) -> FileResult:
    """A worker died (a native crash in a parser): analyse each file in a process of its
    own, so the one file that kills its process becomes IL902 and the others keep theirs."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(context.settings,)) as pool:
        try:
            return pool.submit(_work, task).result()
        except BrokenProcessPool:
            facts = UnitFacts(error="the analyser crashed on this file; please report it")
            findings = [to_finding(e, task.rel, context) for e in run_unit_rules(facts, context)]
            return FileResult([f for f in findings if context.settings.selects(f.rule)])


def _size(task: FileTask) -> int:
    try:
        return os.path.getsize(task.location)
    except OSError:
        return 0


def repository_findings(findings: list[Finding], roots: list[Path], context: Context) -> list[Finding]:
    """Rules over the whole run (IL401), reported at path "." and line 0."""
    from interp_lint.rules.il4_governance import missing_disclosure_policy

    if not context.settings.selects("IL401"):
        return []
    return [to_finding(emit, ".", context) for emit in missing_disclosure_policy(findings, roots, context)]


def collect(results: Iterable[FileResult], checked: list[str]) -> RunResult:
    result = RunResult(files=len(checked), checked=set(checked))
    for one in results:
        result.findings.extend(one.findings)
        result.unused.extend(one.unused)
    return result


def finish(result: RunResult, context: Context, roots: list[Path] | None) -> RunResult:
    """Repository rules (when the run covers a repository), then the stable order."""
    if roots is not None:
        result.findings.extend(repository_findings(result.findings, roots, context))
    result.findings.sort(key=Finding.sort_key)
    result.unused.sort(key=lambda u: (u.path, u.cell or 0, u.line, u.column))
    return result


def run(
    paths: list[Path],
    root: Path,
    context: Context,
    jobs: int = 0,
    force_exclude: bool = False,
    use_cache: bool = False,
) -> RunResult:
    """Check files on disk (the default mode), reusing cached results of unchanged files."""
    settings = context.settings
    tasks = discover(paths, root, settings.exclude, force_exclude, settings.project_root)
    cache, snapshot = None, None
    if use_cache:
        from interp_lint.cache import ResultCache, namespace

        space = namespace(context.policy_digest, settings.cache_key())
        cache = ResultCache(settings.project_root or root, space)
        snapshot = cache.policy_snapshot(context.policy_digest)
    results = cached_analysis(tasks, context, jobs or default_jobs(), cache)
    if snapshot is not None and not snapshot.exists():  # for the next run that needs it
        from interp_lint.policy.load import write_snapshot

        write_snapshot(snapshot)
    result = collect(results, [t.rel for t in tasks])
    result.checked.add(".")
    return finish(result, context, [root, settings.project_root or root])


def cached_analysis(tasks: list[FileTask], context: Context, jobs: int, cache: Any) -> list[FileResult]:
    """Results for every task: from the cache where the content is known, else analysed
    (in parallel) and stored. A file git knows to be unchanged is not even read."""
    if cache is None:
        return list(analyse_tasks(tasks, context, jobs))
    from interp_lint.cache import blob_id

    keys: list[tuple[str, str]] = []
    for task in tasks:
        blob = task.blob
        if blob is None:
            try:
                blob = blob_id(task.path.read_bytes())
            except OSError:
                blob = ""
        keys.append((blob, task.rel))
    hits = cache.load([k for k in keys if k[0]])
    misses = [(task, key) for task, key in zip(tasks, keys, strict=True) if key not in hits]
    fresh = dict(
        zip([k for _, k in misses], analyse_tasks([t for t, _ in misses], context, jobs), strict=True)
    )
    out = []
    for key in keys:
        if key in hits:
            findings, unused = hits[key]
            out.append(FileResult(findings, [Unused(**u) for u in unused]))
        else:
            one = fresh[key]
            if key[0]:
                # Fingerprints rank a finding among its own file's: stored with it, a warm
                # run need not hash thousands of them again.
                assign_fingerprints(one.findings)
                cache.store(key[0], key[1], one.findings, one.unused)
            out.append(one)
    cache.commit()
    return out


def run_contents(contents: list[Content], context: Context) -> RunResult:
    """Check file contents that come from git objects (the index, a merge-base).

    Repository rules are left out: the contents are a slice of the repository."""
    results = (analyse_bytes(c.data, c.rel, c.kind, context) for c in contents)
    return finish(collect(results, [c.rel for c in contents]), context, None)
