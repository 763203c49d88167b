"""Comment tokens of Python code, read with the tokenizer (never a regex on raw lines),
so that suppression text inside a string or docstring is not a comment."""

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
