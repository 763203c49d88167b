"""Sources: one adapter per file kind turns bytes into analysable units.

A new file kind is a new module here that registers its extensions in ``KINDS`` and
returns :class:`~interp_lint.facts.UnitFacts`; rules never see the file kind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interp_lint.context import Context
    from interp_lint.facts.model import UnitFacts

# extension (or exact file name) -> kind
KINDS: dict[str, str] = {
    ".py": "python",
    ".pyw": "python",
    ".ipynb": "notebook",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".sbatch": "shell",  # slurm batch scripts
    ".slurm": "shell",
    "Makefile": "makefile",
    "makefile": "makefile",
    "GNUmakefile": "makefile",
    "Dockerfile": "dockerfile",
    ".gitlab-ci.yml": "workflow",
    "pyproject.toml": "manifest",
    "setup.cfg": "manifest",
    "environment.yml": "manifest",
    "environment.yaml": "manifest",
}

SHEBANG_KINDS = {"python": "python", "bash": "shell", "/sh": "shell", "zsh": "shell"}


def kind_of(path: Path, head: bytes | None = None) -> str | None:
    """The file kind by name, then (for extension-less scripts) by shebang."""
    return kind_of_name(path.as_posix(), head)


def kind_of_name(rel: str, head: bytes | None = None) -> str | None:
    """:func:`kind_of` on a '/'-separated path string (discovery calls it per file)."""
    folder, _, name = rel.rpartition("/")
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    if name.startswith("requirements") and name.endswith((".txt", ".in")):
        return "manifest"
    if suffix in {".yml", ".yaml"} and (
        folder == ".github/workflows" or folder.endswith("/.github/workflows")
    ):
        return "workflow"
    if name.startswith("Dockerfile") or name.endswith(".dockerfile"):
        return "dockerfile"
    kind = KINDS.get(name) or KINDS.get(suffix)
    if kind is not None:
        return kind
    if head is not None and not suffix and head.startswith(b"#!"):
        first = head.split(b"\n", 1)[0].decode("latin-1")
        for word, shebang_kind in SHEBANG_KINDS.items():
            if word in first:
                return shebang_kind
    return None


def adapter(kind: str) -> Callable[[bytes, Context, str], UnitFacts]:
    """The function that turns a file of ``kind`` into facts (imported on first use)."""
    if kind == "python":
        from interp_lint.sources.python import python_source_facts

        return lambda data, context, name: python_source_facts(data, context)
    if kind == "notebook":
        from interp_lint.sources.notebook import notebook_source_facts

        return lambda data, context, name: notebook_source_facts(data, context)
    if kind in {"yaml", "json", "toml", "workflow"}:
        from interp_lint.sources import config_files

        func = getattr(config_files, f"{kind}_source_facts")
        return lambda data, context, name: func(data, context)
    if kind in {"shell", "makefile", "dockerfile"}:
        from interp_lint.sources import shell

        func = getattr(shell, f"{kind}_source_facts")
        return lambda data, context, name: func(data, context)
    if kind == "manifest":
        from interp_lint.sources.manifest import manifest_facts

        def manifest(data: bytes, context: Context, name: str) -> UnitFacts:
            facts = manifest_facts(data, context, name)
            if name == "pyproject.toml" and facts.error is None:
                from interp_lint.sources.config_files import toml_source_facts

                facts.merge(toml_source_facts(data, context))
            return facts

        return manifest
    raise ValueError(f"no source adapter for {kind!r}")
