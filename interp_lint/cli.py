"""Command line: ``interp-lint [check] PATHS``, ``rule ID``, ``rules``, ``--version``.

Start-up stays cheap: the analysis engine and libcst are imported only by commands that
analyse code, so ``--version`` and ``rule`` answer at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from interp_lint import __version__

OUTPUT_FORMATS = ("text", "json", "sarif", "github")


class DefaultCommandGroup(click.Group):
    """``interp-lint PATHS`` means ``interp-lint check PATHS``, as in ruff."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in {"--help", "-h", "--version"}:
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


def _rule_ids(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    ids = tuple(v.strip().upper() for v in value.split(",") if v.strip())
    for rule in ids:
        if not rule.startswith("IL") or (rule != "IL" and not rule[2:].isdigit()):
            raise click.BadParameter(f"{rule!r} is not a rule id or prefix (IL, IL1, IL102)")
    return ids


def _fail(message: str) -> None:
    click.echo(f"interp-lint: error: {message}", err=True)
    sys.exit(2)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="interp-lint", message="%(prog)s %(version)s")
def main() -> None:
    """Find where interpretability research code feeds AI capabilities."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", help="Comma-separated rule ids or prefixes to enable (e.g. IL1,IL201).")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to disable.")
@click.option("--extend-select", help="Rule ids or prefixes to enable on top of the selection.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE."
)
@click.option("--show-info", is_flag=True, help="Also show info-level findings (IL101, IL303, IL901).")
@click.option("--show-evidence", is_flag=True, help="Show the evidence chain under each finding.")
@click.option("--statistics", is_flag=True, help="Show a count per rule.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (0: all cores).")
@click.option("--force-exclude", is_flag=True, help="Apply `exclude` to files named on the command line too.")
@click.option("--staged", is_flag=True, help="Check what the git index holds (the next commit).")
@click.option(
    "--diff",
    "diff_ref",
    metavar="REF",
    help="Report only findings that are new since the merge-base with REF.",
)
@click.option(
    "--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Hide findings recorded in FILE."
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record today's findings in FILE.",
)
@click.option(
    "--report-unused-suppressions",
    is_flag=True,
    help="Report suppressions and baseline entries that match nothing.",
)
@click.option(
    "--no-cache", is_flag=True, help="Analyse every file again; neither read nor write the result cache."
)
def check(
    paths: tuple[Path, ...],
    select: str | None,
    ignore: str | None,
    extend_select: str | None,
    output_format: str,
    output: Path | None,
    show_info: bool,
    show_evidence: bool,
    statistics: bool,
    exit_zero: bool,
    config_path: Path | None,
    jobs: int,
    force_exclude: bool,
    staged: bool,
    diff_ref: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    report_unused_suppressions: bool,
    no_cache: bool,
) -> None:
    """Check PATHS (default: the current directory)."""
    from interp_lint.config import ConfigError, load_settings

    targets = list(paths) or [Path(".")]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        _fail(f"path does not exist: {', '.join(missing)}")
    if staged and diff_ref:
        _fail("--staged and --diff cannot be combined")
    try:
        settings = load_settings(targets[0], config_path)
        overrides: dict[str, Any] = {}
        for key, value in (("select", select), ("ignore", ignore), ("extend_select", extend_select)):
            ids = _rule_ids(value)
            if ids is not None:
                overrides[key] = ids
        settings = replace(settings, **overrides)
    except ConfigError as exc:
        _fail(str(exc))
        return
    except click.BadParameter as exc:
        _fail(exc.format_message())
        return

    from interp_lint.context import Context
    from interp_lint.filters.baseline import BaselineError, apply_baseline, assign_fingerprints, load_baseline
    from interp_lint.report import ReportOptions, writer
    from interp_lint.vcs import GitError

    context = Context(settings)
    try:
        result = _analyse(targets, context, jobs, force_exclude, staged, diff_ref, not no_cache)
    except GitError as exc:
        _fail(str(exc))
        return
    assign_fingerprints(result.findings)
    try:
        if write_baseline is not None:
            from interp_lint.filters.baseline import write_baseline as write

            count = write(write_baseline, result.findings)
            click.echo(f"interp-lint: wrote {count} findings to {write_baseline}", err=True)
        if baseline is not None:
            stale = apply_baseline(
                result.findings, load_baseline(baseline), relevant=_relevant(settings, result)
            )
            if report_unused_suppressions:
                result.unused.extend(_stale(baseline, stale))
    except BaselineError as exc:
        _fail(str(exc))
        return
    if not report_unused_suppressions:
        result.unused = []
    options = ReportOptions(
        show_info=show_info,
        show_evidence=show_evidence,
        statistics=statistics,
        color=output is None and output_format == "text" and _color_enabled(),
    )
    text = writer(output_format)(result, options)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}")
    else:
        click.echo(text, nl=False)
    failed = bool(result.failing(settings.fail_on)) or bool(result.unused)
    sys.exit(0 if exit_zero or not failed else 1)


def _analyse(
    targets: list[Path],
    context: Any,
    jobs: int,
    force_exclude: bool,
    staged: bool,
    diff_ref: str | None,
    use_cache: bool,
) -> Any:
    """Run the check in the mode asked for: files on disk, the git index, or a diff."""
    from interp_lint.engine import run, run_contents

    if not staged and diff_ref is None:
        root = _scan_root(targets)
        return run(targets, root, context, jobs=jobs, force_exclude=force_exclude, use_cache=use_cache)

    from interp_lint import vcs

    repo = vcs.open_repo(targets[0].resolve())
    root = Path(repo.working_tree_dir or ".").resolve()
    prefixes = [t.resolve().relative_to(root).as_posix() for t in targets if t.resolve() != root]
    exclude = context.settings.exclude
    if staged:
        return run_contents(vcs.staged_contents(repo, prefixes, exclude), context)
    base = vcs.merge_base(repo, diff_ref or "HEAD")
    changed = [rel for rel in vcs.changed_since(repo, base) if vcs.under(rel, prefixes)]
    head = run_contents(vcs.worktree_contents(root, changed, exclude), context)
    before = run_contents(vcs.contents_at(base, changed), context)
    from interp_lint.filters.baseline import assign_fingerprints

    assign_fingerprints(head.findings)
    assign_fingerprints(before.findings)
    known = {f.fingerprint for f in before.findings}
    head.findings = [f for f in head.findings if f.fingerprint not in known]
    return head


def _relevant(settings: Any, result: Any) -> Any:
    """A baseline entry can only go stale if this run could have matched it."""

    def relevant(entry: dict[str, str]) -> bool:
        return settings.selects(entry.get("rule", "")) and entry.get("path") in result.checked

    return relevant


def _stale(baseline: Path, entries: list[dict[str, str]]) -> list[Any]:
    from interp_lint.engine import Unused

    return [
        Unused(
            e.get("path", "?"),
            0,
            0,
            f"{e.get('rule')} {e.get('fingerprint')}",
            f"stale entry of baseline {baseline}",
        )
        for e in entries
    ]


def _scan_root(targets: list[Path]) -> Path:
    """Paths in reports are relative to this: the one folder checked, else the cwd."""
    if len(targets) == 1 and targets[0].is_dir():
        return targets[0].resolve()
    cwd = Path.cwd().resolve()
    resolved = [t.resolve() for t in targets]
    if all(r == cwd or cwd in r.parents for r in resolved):
        return cwd
    return Path(os.path.commonpath([r if r.is_dir() else r.parent for r in resolved]))


def _color_enabled() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


@main.command()
@click.argument(
    "path", required=False, default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--history", is_flag=True, help="Also check every version of every file in the git history.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE."
)
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (0: all cores).")
@click.option("--no-cache", is_flag=True, help="Analyse every file again.")
def audit(
    path: Path,
    history: bool,
    output_format: str,
    output: Path | None,
    config_path: Path | None,
    jobs: int,
    no_cache: bool,
) -> None:
    """Audit a whole repository before publishing it: every finding, info included, and
    with --history, findings in earlier versions of files that the history still holds."""
    from interp_lint.config import ConfigError, load_settings

    try:
        settings = load_settings(path, config_path)
    except ConfigError as exc:
        _fail(str(exc))
        return
    from interp_lint.context import Context
    from interp_lint.engine import run
    from interp_lint.filters.baseline import assign_fingerprints
    from interp_lint.report import ReportOptions, writer

    context = Context(settings)
    root = path.resolve()
    result = run([root], root, context, jobs=jobs, use_cache=not no_cache)
    assign_fingerprints(result.findings)
    if history:
        from interp_lint.cache import ResultCache, namespace
        from interp_lint.history import audit_history

        cache = (
            None if no_cache else ResultCache(root, namespace(context.policy_digest, settings.cache_key()))
        )
        try:
            past, blobs = audit_history(root, context, cache)
        except (OSError, subprocess.CalledProcessError):
            _fail(f"not a git repository with history: {root}")
            return
        assign_fingerprints(past)
        current = {f.fingerprint for f in result.findings}
        seen: set[str] = set()
        for finding in past:
            if (
                finding.fingerprint in current
                or finding.fingerprint in seen
                or finding.suppressed is not None
            ):
                continue
            seen.add(finding.fingerprint)
            finding.extra["history"] = True
            result.findings.append(finding)
        click.echo(f"interp-lint: history holds {blobs} unique file versions", err=True)
    options = ReportOptions(
        show_info=True, statistics=output_format == "text", color=output is None and _color_enabled()
    )
    text = writer(output_format)(result, options)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    sys.exit(1 if result.failing(settings.fail_on) else 0)


@main.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def clean(path: Path | None) -> None:
    """Remove the result cache of the project at PATH (default: the current directory)."""
    from interp_lint.cache import clean as remove
    from interp_lint.config import ConfigError, load_settings

    start = path or Path(".")
    try:
        root = load_settings(start).project_root or start
    except ConfigError:
        root = start
    removed = remove(root.resolve()) or remove(start.resolve())
    click.echo("interp-lint: cache removed" if removed else "interp-lint: no cache here")


@main.command(name="rules")
def list_rules() -> None:
    """List every rule: id, name, severity and summary."""
    from interp_lint.policy import load_policy

    for doc in load_policy().rules.values():
        click.echo(f"{doc.id}  {doc.name:<32} {doc.severity:<8} {doc.summary}")


@main.command(name="rule")
@click.argument("rule_id")
def show_rule(rule_id: str) -> None:
    """Explain one rule: why it matters, what to do instead, examples, the essay link."""
    from interp_lint.policy import load_policy

    doc = load_policy().rules.get(rule_id.upper())
    if doc is None:
        _fail(f"unknown rule {rule_id!r} (see `interp-lint rules`)")
        return
    out = [
        f"{doc.id} {doc.name} ({doc.severity})",
        "",
        doc.summary,
        "",
        "Why it matters",
        _indent(doc.rationale),
        "",
        "What to do instead",
        _indent(doc.remedy),
    ]
    for kind, code in doc.examples:
        out += ["", "Example (bad):" if kind == "bad" else "Example (good):", _indent(code.rstrip())]
    out += ["", f"Essay: {doc.url}"]
    click.echo("\n".join(out))


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())
