"""Settings: defaults, ``[tool.interp-lint]`` / ``.interp-lint.toml``, and CLI overrides.

Every problem in a config file is reported as one line naming the file and the key
(:class:`ConfigError`), which the CLI prints before exiting with status 2.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from interp_lint.facts.tiers import parse_count

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SEVERITIES = ("info", "warning", "error")


class ConfigError(Exception):
    """A bad option or config value: one line for the user, exit status 2."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("IL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    large_min_params: int = 1_000_000_000
    frontier_min_params: int = 100_000_000_000
    frontier_models: tuple[str, ...] = ()
    disclosure_policy: str | None = None
    config_file: Path | None = None
    project_root: Path | None = None

    def selects(self, rule: str) -> bool:
        """ruff's convention: the most specific of select/ignore wins; ties go to ignore."""
        chosen = [p for p in (*self.select, *self.extend_select) if rule.startswith(p)]
        ignored = [p for p in self.ignore if rule.startswith(p)]
        if not chosen:
            return False
        return not ignored or max(map(len, chosen)) > max(map(len, ignored))

    def ignored_for(self, path: str) -> set[str]:
        import fnmatch

        out: set[str] = set()
        for pattern, ids in self.per_file_ignores:
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, f"{pattern.rstrip('/')}/*"):
                out.update(ids)
        return out

    def cache_key(self) -> str:
        """Every setting that changes a file's findings (for the result cache's namespace)."""
        return repr(
            (
                self.select,
                self.ignore,
                self.extend_select,
                self.per_file_ignores,
                self.large_min_params,
                self.frontier_min_params,
                self.frontier_models,
            )
        )


_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "exclude",
    "fail-on",
    "large-min-params",
    "frontier-min-params",
    "frontier-models",
    "disclosure-policy",
}


def _rule_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where}: expected a list of rule ids or prefixes such as "IL1"')
    for v in value:
        if not v.startswith("IL") or (not v[2:].isdigit() and v != "IL"):
            raise ConfigError(f"{where}: {v!r} is not a rule id or prefix (IL, IL1, IL102)")
    return tuple(v.upper() for v in value)


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _count(value: Any, where: str) -> int:
    try:
        count = parse_count(value)
    except ValueError:
        raise ConfigError(
            f'{where}: {value!r} is not a parameter count ("100B", "1.5e9", 7000000000)'
        ) from None
    if count <= 0:
        raise ConfigError(f"{where}: must be positive")
    return count


def apply_table(settings: Settings, table: dict[str, Any], source: str) -> Settings:
    """Validate a config table and fold it into ``settings``."""
    changes: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{source}: {key}"
        if key not in _KEYS:
            raise ConfigError(f"{source}: unknown key {key!r}")
        if key in {"select", "ignore", "extend-select"}:
            changes[key.replace("-", "_")] = _rule_list(value, where)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected a table of glob = [rule ids]")
            changes["per_file_ignores"] = tuple(
                (glob, _rule_list(ids, f"{where}.{glob}")) for glob, ids in value.items()
            )
        elif key in {"exclude", "frontier-models"}:
            changes[key.replace("-", "_")] = _string_list(value, where)
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise ConfigError(f"{where}: expected one of {', '.join(SEVERITIES)}")
            changes["fail_on"] = value
        elif key in {"large-min-params", "frontier-min-params"}:
            changes[key.replace("-", "_")] = _count(value, where)
        elif key == "disclosure-policy":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: expected a path")
            changes["disclosure_policy"] = value
    new = replace(settings, **changes)
    if new.large_min_params > new.frontier_min_params:
        raise ConfigError(f"{source}: large-min-params is above frontier-min-params")
    return new


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def find_config(start: Path) -> Path | None:
    """The nearest ``.interp-lint.toml``, or ``pyproject.toml`` with our table, upward."""
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        dedicated = folder / ".interp-lint.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = _read_toml(pyproject)
            except ConfigError:
                return pyproject  # report the broken file rather than skip past it
            if "interp-lint" in data.get("tool", {}):
                return pyproject
    return None


def repository_root(start: Path) -> Path:
    """Without a config file, the project is the git work tree around ``start`` (its
    cache, its disclosure policy), as for a pre-commit run that names files in several
    folders; outside any work tree, the folder checked."""
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def load_settings(start: Path, explicit: Path | None = None) -> Settings:
    path = explicit or find_config(start.resolve())
    if path is None:
        return Settings(project_root=repository_root(start.resolve()))
    if explicit is not None and not explicit.is_file():
        raise ConfigError(f"{explicit}: no such config file")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("interp-lint", {})
        source = f"{path} [tool.interp-lint]"
    else:
        table = data
        source = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: expected a table")
    base = Settings(config_file=path, project_root=path.resolve().parent)
    return apply_table(base, table, source)
