"""Dependency manifests: which eval harnesses, trainers and publication clients a project
depends on. Inventory facts for audits; no finding by themselves."""

from __future__ import annotations

import configparser
import re
import sys
from typing import TYPE_CHECKING, Any

import yaml

from interp_lint.facts.model import UnitFacts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from interp_lint.context import Context

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _names(specs: list[str]) -> list[str]:
    out = []
    for spec in specs:
        match = _NAME.match(spec.split("#", 1)[0])
        if match and not spec.lstrip().startswith(("-", "#")):
            out.append(match[1].lower().replace("_", "-"))
    return out


def _dependencies(name: str, text: str) -> list[str]:
    if name.endswith(".txt"):
        return _names(text.splitlines())
    if name == "pyproject.toml":
        data = tomllib.loads(text)
        project: dict[str, Any] = data.get("project", {})
        specs = list(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            specs += extra
        specs += list(data.get("tool", {}).get("poetry", {}).get("dependencies", {}))
        return _names(specs)
    if name == "setup.cfg":
        parser = configparser.ConfigParser()
        parser.read_string(text)
        return _names(parser.get("options", "install_requires", fallback="").splitlines())
    data = yaml.safe_load(text) or {}
    specs = []
    for item in data.get("dependencies", []) if isinstance(data, dict) else []:
        if isinstance(item, str):
            specs.append(item.split("=")[0])
        elif isinstance(item, dict):
            specs += [s for s in item.get("pip", []) if isinstance(s, str)]
    return _names(specs)


def manifest_facts(data: bytes, context: Context, name: str) -> UnitFacts:
    try:
        names = _dependencies(name, data.decode("utf-8-sig"))
    except (
        UnicodeDecodeError,
        tomllib.TOMLDecodeError,
        yaml.YAMLError,
        configparser.Error,
        AttributeError,
    ) as exc:
        return UnitFacts(error=f"cannot read dependency manifest: {exc}")
    groups = context.policy.extra.get("config-keys", {}).get("manifests", {})
    facts = UnitFacts()
    for group, members in groups.items():
        wanted = {m.lower().replace("_", "-") for m in members}
        facts.extra[f"depends_on_{group}"] = sorted(set(names) & wanted)
    return facts
