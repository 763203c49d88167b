"""Sources: one adapter per file kind turns bytes into analysable units.

A new file kind is a new module here that registers its extensions in ``KINDS`` and
returns :class:`~interp_lint.facts.UnitFacts`; rules never see the file kind.
"""

from __future__ import annotations

from pathlib import Path

# extension (or exact file name) -> kind
KINDS: dict[str, str] = {
    ".py": "python",
    ".pyw": "python",
}

SHEBANG_KINDS = {"python": "python"}


def kind_of(path: Path, head: bytes | None = None) -> str | None:
    """The file kind by name, then (for extension-less scripts) by shebang."""
    kind = KINDS.get(path.name) or KINDS.get(path.suffix.lower())
    if kind is not None:
        return kind
    if head is not None and not path.suffix and head.startswith(b"#!"):
        first = head.split(b"\n", 1)[0].decode("latin-1")
        for word, shebang_kind in SHEBANG_KINDS.items():
            if word in first:
                return shebang_kind
    return None
