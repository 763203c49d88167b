"""Comment tokens, read with each syntax's own rules (never a regex over the raw line), so
that suppression text inside a string, a docstring or a quoted shell word is not a comment."""

from __future__ import annotations

import io
import tokenize

from interp_lint.facts.model import Comment

MARKER = "interp-lint:"


def python_comments(text: str) -> list[Comment]:
    if MARKER not in text:
        return []
    out: list[Comment] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT and MARKER in tok.string:
                out.append(Comment(tok.start[0], tok.start[1] + 1, tok.string))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # the parser reports the file; comments before the error are kept
    return out


def hash_comments(text: str, syntax: str, line_numbers: list[int] | None = None) -> list[Comment]:
    """``#`` comments of YAML, TOML or shell text.

    A ``#`` starts a comment outside quotes when it begins the line or follows white
    space (YAML, shell) or anywhere outside a string (TOML). Quotes follow each syntax:
    shell and YAML single quotes have no escapes; double quotes honour backslashes.
    Multi-line strings are rare in these files and are tracked for TOML and YAML block
    scalars only as far as the line-based scan allows.
    """
    if MARKER not in text:
        return []
    out: list[Comment] = []
    for index, line in enumerate(text.splitlines()):
        column = _comment_start(line, syntax)
        if column is not None and MARKER in line[column:]:
            number = line_numbers[index] if line_numbers else index + 1
            out.append(Comment(number, column + 1, line[column:]))
    return out


def _comment_start(line: str, syntax: str) -> int | None:
    quote: str | None = None
    escaped = False
    for i, char in enumerate(line):
        if quote is not None:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
            continue
        if char in "'\"" and (syntax != "yaml" or i == 0 or line[i - 1] in " \t[{,:-"):
            quote = char
        elif char == "#" and (syntax == "toml" or i == 0 or line[i - 1] in " \t"):
            return i
    return None


def strip_comment(line: str, syntax: str) -> str:
    """One line without its comment, by the syntax's own quoting rules."""
    if syntax == "json" or "#" not in line:
        return line
    if syntax == "python":
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(line).readline))
        except (tokenize.TokenError, IndentationError, SyntaxError):
            tokens = []
        for tok in tokens:
            if tok.type == tokenize.COMMENT:
                return line[: tok.start[1]]
        if tokens:
            return line
        syntax = "shell"  # a line inside a multi-line construct: fall back to quote rules
    column = _comment_start(line, syntax)
    return line if column is None else line[:column]
