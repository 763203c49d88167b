"""YAML, JSON and TOML configuration files (safe loaders only)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import yaml

from interp_lint.facts.comments import hash_comments
from interp_lint.facts.config import json_entries, toml_entries, yaml_entries
from interp_lint.facts.model import UnitFacts
from interp_lint.facts.suppressions import parse_suppressions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from interp_lint.context import Context


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise UnicodeDecodeError("utf-8", data, 0, 1, "file contains NUL bytes")
    return data.decode("utf-8-sig")


def config_facts(data: bytes, context: Context, syntax: str, workflow: bool = False) -> UnitFacts:
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        return UnitFacts(error=f"cannot decode: {exc.reason}")
    extractor = context.config_facts
    if not extractor.could_matter(text):
        facts = UnitFacts()
    else:
        try:
            if syntax == "toml":
                entries = toml_entries(text, tomllib.loads(text))
            elif syntax == "json":
                entries = json_entries(text)
            else:
                entries = yaml_entries(text)
        except json.JSONDecodeError as exc:
            return UnitFacts(error=f"invalid JSON: {exc.msg}", error_line=exc.lineno)
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else 1
            return UnitFacts(error=f"invalid {syntax.upper()}: {exc.problem or exc}", error_line=line)
        except (yaml.YAMLError, tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
            return UnitFacts(error=f"invalid {syntax.upper()}: {exc}")
        facts = extractor.extract(entries, workflow)
    if syntax != "json":  # JSON has no comments: per-file-ignores and baselines instead
        facts.comments = hash_comments(text, "toml" if syntax == "toml" else "yaml")
        facts.suppressions = parse_suppressions(facts.comments)
    facts.source_lines = {None: text.splitlines()}
    facts.comment_syntax = "yaml" if syntax == "yaml" else syntax
    return facts


def yaml_source_facts(data: bytes, context: Context) -> UnitFacts:
    return config_facts(data, context, "yaml")


def workflow_source_facts(data: bytes, context: Context) -> UnitFacts:
    return config_facts(data, context, "yaml", workflow=True)


def json_source_facts(data: bytes, context: Context) -> UnitFacts:
    return config_facts(data, context, "json")


def toml_source_facts(data: bytes, context: Context) -> UnitFacts:
    return config_facts(data, context, "toml")
