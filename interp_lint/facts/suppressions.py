"""Suppression facts: ``# interp-lint: allow[IL102] -- reason`` comments.

A suppression covers its own line and the line below it; when it sits on (or just
above) a statement that spans several lines, it covers the whole statement, as fixit's
comments do. ``allow-file[...]`` in the first 20 lines covers the whole file. There is
no blanket form: a suppression without ids suppresses nothing and is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from interp_lint.facts.model import Comment

FILE_LEVEL_LINES = 20
_PATTERN = re.compile(r"interp-lint:\s*(?P<kind>allow-file|allow)\s*(?:\[(?P<ids>[^\]]*)\])?(?P<rest>.*)$")
_REASON = re.compile(r"^\s*--\s*(?P<reason>.*\S)?\s*$")


@dataclass
class Suppression:
    line: int
    column: int
    ids: tuple[str, ...]
    reason: str | None
    file_level: bool
    cell: int | None = None
    used: bool = False
    text: str = ""
    misplaced: bool = False  # allow-file after the first lines: it covers nothing

    def covers(self, rule: str) -> bool:
        return not self.misplaced and rule in self.ids


def parse_suppressions(comments: Iterable[Comment]) -> list[Suppression]:
    out: list[Suppression] = []
    for comment in comments:
        match = _PATTERN.search(comment.text)
        if match is None:
            continue
        ids = tuple(i.strip().upper() for i in (match["ids"] or "").split(",") if i.strip())
        reason_match = _REASON.match(match["rest"])
        reason = reason_match["reason"] if reason_match else None
        file_level = match["kind"] == "allow-file"
        misplaced = file_level and comment.line > FILE_LEVEL_LINES
        out.append(
            Suppression(
                comment.line,
                comment.column,
                ids,
                reason,
                file_level and not misplaced,
                text=comment.text.strip(),
                misplaced=misplaced,
            )
        )
    return out
