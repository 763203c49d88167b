"""Syntactic positions of a module's nodes, as libcst's ``PositionProvider`` gives them, at
a fifth of its cost.

``PositionProvider`` regenerates the module's code and, for every token, splits it on
newlines to keep a line and column; on the 74 files of the benchmark corpus that pass the
pre-filter that was 6.1 s of CPU, the largest single cost after scope analysis. The same
regeneration that only counts characters takes 1.3 s, and the few positions the analysis
asks for are turned into lines and columns on demand. A test checks that every position
equals ``PositionProvider``'s on the fixtures; if libcst's code generation ever changes
shape, :func:`node_positions` falls back to the provider.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider

try:  # the code generator's state is internal to libcst
    from libcst._nodes.internal import CodegenState
except ImportError:  # pragma: no cover - a libcst without it uses the provider
    CodegenState = None  # type: ignore[assignment,misc]

_NEWLINE = re.compile(r"\r\n?|\n")


class Positions(Mapping[cst.CSTNode, CodeRange]):
    """Node -> CodeRange, computed from character offsets when asked."""

    def __init__(self, spans: dict[cst.CSTNode, tuple[int, int]], code: str) -> None:
        self._spans = spans
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(code))]
        self._ranges: dict[cst.CSTNode, CodeRange] = {}

    def _position(self, offset: int) -> CodePosition:
        line = bisect_right(self._line_starts, offset)
        return CodePosition(line, offset - self._line_starts[line - 1])

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._ranges.get(node)
        if found is None:
            start, end = self._spans[node]
            found = self._ranges[node] = CodeRange(self._position(start), self._position(end))
        return found

    def __contains__(self, node: object) -> bool:
        return node in self._spans

    def __iter__(self) -> Iterator[cst.CSTNode]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


if CodegenState is not None:

    class _OffsetState(CodegenState):
        """Code generation that keeps only a character offset and each node's span,
        following ``PositionProvidingCodegenState``'s rules for syntactic positions."""

        def __init__(self, module: cst.Module) -> None:
            super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
            self.offset = 0
            self.last = 0
            self.stack: list[int] = []
            self.spans: dict[cst.CSTNode, tuple[int, int]] = {}

        def add_indent_tokens(self) -> None:
            for token in self.indent_tokens:
                self.offset += len(token)

        def add_token(self, value: str) -> None:
            self.last = len(value)
            self.offset += self.last

        def pop_trailing_newline(self) -> None:
            self.offset -= self.last

        def before_codegen(self, node: cst.CSTNode) -> None:
            self.stack.append(self.offset)

        def after_codegen(self, node: cst.CSTNode) -> None:
            start = self.stack.pop()
            if node not in self.spans:  # a syntactic position recorded inside wins
                self.spans[node] = (start, self.offset)

        def record_syntactic_position(  # type: ignore[override]  # libcst: a generator's type
            self,
            node: cst.CSTNode,
            *,
            start_node: cst.CSTNode | None = None,
            end_node: cst.CSTNode | None = None,
        ) -> _Recording:
            return _Recording(self, node, start_node, end_node)

    class _Recording:
        """``record_syntactic_position`` as a plain context manager: it runs for half a
        million nodes per corpus run, and a generator-based one costs three times as much."""

        __slots__ = ("end_node", "node", "start", "start_node", "state")

        def __init__(
            self,
            state: _OffsetState,
            node: cst.CSTNode,
            start_node: cst.CSTNode | None,
            end_node: cst.CSTNode | None,
        ) -> None:
            self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node
            self.start = state.offset

        def __enter__(self) -> None:
            return None

        def __exit__(self, *exc: object) -> None:
            spans = self.state.spans
            begin = spans[self.start_node][0] if self.start_node is not None else self.start
            finish = spans[self.end_node][1] if self.end_node is not None else self.state.offset
            spans[self.node] = (begin, finish)


def node_positions(module: cst.Module, code: str) -> Mapping[cst.CSTNode, CodeRange]:
    """Every node's syntactic range, keyed by the nodes given. ``code`` is the text the
    module was parsed from (libcst reproduces it exactly)."""
    if CodegenState is not None:
        try:
            state = _OffsetState(module)
            module._codegen(state)
            if not code.endswith(("\n", "\r")):  # libcst generates, then drops, a last newline
                code += module.default_newline
            return Positions(state.spans, code)
        except (AttributeError, TypeError):  # pragma: no cover - libcst internals changed
            pass
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    return wrapper.resolve(PositionProvider)
