"""How the linter has libcst parse: without validating what the parser built, and with a
libcst bug that rejects valid Python worked around where libcst parses by itself.

libcst asks an expression whether it may touch a keyword without a space
(``return(x)``, ``not(x)``). Parentheses always make that safe, and the base class says so,
but some node types answer for their contents and forget their own parentheses:
``return(a if b else c)`` and ``assert(a if b else c)`` raise ``CSTValidationError`` in
``parse_module`` (libcst 1.9), so a valid file could not be analysed at all. The linter's
parse no longer validates, but scope analysis parses string annotations itself. The
wrapper below answers "safe" for a parenthesised node and defers to libcst otherwise; it
only ever accepts more, and only what Python itself accepts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import libcst as cst

_METHOD = "_safe_to_use_with_word_operator"
_applied = False


def parse_module(text: str) -> cst.Module:
    """``libcst.parse_module`` without validating each node the parser builds.

    Every node's ``__post_init__`` checks invariants that matter to trees built by hand
    (whitespace holds only whitespace, parentheses pair up), which the parser's output
    meets by construction; libcst's own comment proposes moving the checks out of parsing.
    They cost an eighth of the parse, and their bugs (below) rejected valid files.
    """
    import libcst as cst
    from libcst._nodes.base import CSTNode

    validate = CSTNode.__dict__.get("__post_init__")
    if validate is None:  # another libcst: its parse as it is
        return cst.parse_module(text)
    CSTNode.__post_init__ = _unvalidated  # type: ignore[method-assign]
    try:
        return cst.parse_module(text)
    finally:
        CSTNode.__post_init__ = validate  # type: ignore[method-assign]


def _unvalidated(self: object) -> None:
    return None


def apply() -> None:
    """Idempotent; called before the first parse in a process."""
    global _applied
    if _applied:
        return
    from libcst._nodes.expression import BaseExpression

    pending: list[type] = [BaseExpression]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        own = cls.__dict__.get(_METHOD)
        if own is None or cls is BaseExpression:
            continue
        setattr(cls, _METHOD, _parenthesised_first(own))
    _applied = True


def _parenthesised_first(own: Any) -> Any:
    def safe(self: Any, position: Any) -> bool:
        return bool(getattr(self, "lpar", None) and getattr(self, "rpar", None)) or bool(own(self, position))

    return safe
