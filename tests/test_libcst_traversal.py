"""The read-only traversal calls every visitor callback libcst's own traversal calls, in the
same order, and the analysis finds the same facts with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import libcst as cst
import pytest
from conftest import parsable_sources
from libcst.metadata import MetadataWrapper, ScopeProvider

from interp_lint.config import Settings
from interp_lint.context import Context
from interp_lint.facts import libcst_compat, libcst_traversal
from interp_lint.facts.python import extract_python

libcst_compat.apply()

CRAFTED = [
    # format_spec is visited only when set: first unset, then set, then nested
    "a = f'{x}'\nb = f'{y:>10}'\nc = f'{z!r:>{w}}' f\"{q=}\"\n",
    "from m import *\nfrom .p import (a as b, c)\nimport x.y as z\n",
    "class A(B, metaclass=M):\n    @d(1)\n    async def f(self, a, /, b=1, *c, d: int = 2, **e) -> None:\n"
    "        global g\n        async with x as (y, z):\n            await w\n"
    "        return [i async for i in j if (k := i)]\n",
    "match p:\n    case [1, *r] if r: pass\n    case {'k': v, **kw}: pass\n"
    "    case C(a, b=c) | D(): pass\n    case _: pass\n",
    "def f[T: int, *Ts, **P](x: T) -> T:\n    type Alias[U] = list[U]\n    return lambda y=1, *, z: (y, z)\n",
    "try:\n    pass\nexcept* (A, B) as e:\n    raise X from e\n"
    "else:\n    del a[1:2:3], b.c\nfinally:\n    ...\n",
    "x: int\ny = z = not -a ** b if c else {**d, 'e': [*f]}\nfor i, in g: continue\nwhile h: break\n",
]


class Recorder(cst.CSTVisitor):
    """Handles every callback itself, so every one libcst makes is recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str, int | str]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.events.append(("visit", type(node).__name__, id(node)))
        return not isinstance(node, cst.Lambda)  # a pruned subtree too

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.events.append(("leave", type(original_node).__name__, id(original_node)))

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.events.append(("enter", type(node).__name__, attribute))

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        self.events.append(("exit", type(original_node).__name__, attribute))


class Hooked(cst.CSTVisitor):
    """Keeps CSTVisitor's dispatch: named visit/leave methods and attribute callbacks."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.events.append(node.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.events.append(f"def {node.name.value}")
        return node.name.value != "skipped"

    def leave_Call(self, original_node: cst.Call) -> None:
        self.events.append("call")

    def visit_ClassDef_bases(self, node: cst.ClassDef) -> None:
        self.events.append("bases")

    def leave_FormattedStringExpression_format_spec(self, node: cst.FormattedStringExpression) -> None:
        self.events.append("spec")


class Batched(cst.BatchableCSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.events.append(node.attr.value)

    def visit_Call_args(self, node: cst.Call) -> None:
        self.events.append("args")


def _events(module: cst.Module) -> tuple[object, ...]:
    recorder, hooked, batched = Recorder(), Hooked(), Batched()
    module.visit(recorder)
    module.visit(hooked)
    cst.visit_batched(module, [batched])
    return recorder.events, hooked.events, batched.events


@pytest.fixture
def fresh_orders() -> Iterator[None]:
    """Every text learns the visiting orders from scratch (so the first f-string seen is
    the one without a format spec), and libcst's own traversal is restored after."""
    libcst_traversal._ORDERS.clear()
    yield
    libcst_traversal.uninstall()


# Parsed once for both comparisons below (about 400 files).
SOURCES = parsable_sources(CRAFTED)
T = TypeVar("T")


def _libcsts_and_ours(text: str, measure: Callable[[cst.Module], T]) -> tuple[T, T]:
    """What ``measure`` finds with libcst's traversal, then with the read-only one."""
    module = cst.parse_module(text)
    libcst_traversal.uninstall()
    expected = measure(module)
    libcst_traversal.install()
    assert cst.CSTNode.visit is libcst_traversal._visit
    return expected, measure(module)


@pytest.mark.parametrize(("name", "text"), SOURCES, ids=lambda v: v if len(v) < 60 else "")
def test_same_callbacks_in_the_same_order(name: str, text: str, fresh_orders: None) -> None:
    expected, found = _libcsts_and_ours(text, _events)
    assert found == expected
    fallbacks = [cls.__name__ for cls, order in libcst_traversal._ORDERS.items() if order is None]
    assert fallbacks == []  # every node class took the read-only path
    fallbacks = [cls.__name__ for cls, order in libcst_traversal._ORDERS.items() if order is None]
    assert fallbacks == []  # every node class took the read-only path


def _scope_analysis(module: cst.Module) -> list[tuple[object, ...]]:
    """Per name: its scope, qualified names, the assignments it reads and the accesses
    each of those has; per scope, the order assignments were counted in."""
    found = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    out: list[tuple[object, ...]] = []
    for node, scope in found.items():
        if isinstance(node, cst.Name) and scope is not None:
            assigned = sorted(
                (
                    id(getattr(a, "node", a)),
                    getattr(a, "_index", None),
                    sorted(id(r.node) for r in a.references),
                )
                for a in scope.assignments[node.value]
            )
            names = sorted(q.name for q in scope.get_qualified_names_for(node))
            out.append((id(node), type(scope).__name__, names, assigned))
    return sorted(out, key=repr)


@pytest.mark.parametrize(("name", "text"), SOURCES, ids=lambda v: v if len(v) < 60 else "")
def test_scope_analysis_is_the_same(name: str, text: str, fresh_orders: None) -> None:
    """The traversal records scopes itself and skips what scope analysis has no method for."""
    expected, found = _libcsts_and_ours(text, _scope_analysis)
    assert found == expected


def test_subtrees_without_callbacks_are_skipped(fresh_orders: None) -> None:
    module = cst.parse_module("x = f(a, b)  # note\n")
    libcst_traversal.install()
    module.visit(Hooked())
    dead = libcst_traversal._DISPATCH[Hooked].dead  # type: ignore[union-attr]
    assert {cst.Comma, cst.SimpleWhitespace, cst.TrailingWhitespace} <= dead
    assert not dead & {cst.Name, cst.Call, cst.Arg, cst.Assign}
    scopes = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    whitespace = [node for node in scopes if isinstance(node, cst.BaseParenthesizableWhitespace)]
    assert whitespace == []  # scope analysis leaves them out too
    assert sum(isinstance(node, cst.Name) for node in scopes) == 4


def test_batched_visitors_find_the_same_methods() -> None:
    from libcst.metadata import ExpressionContextProvider

    from interp_lint.facts.python_index import _Indexer

    for visitor in (Batched(), ScopeProvider(), ExpressionContextProvider(), _Indexer()):
        expected = libcst_traversal._ORIGINAL_GET_VISITORS(visitor)
        assert libcst_traversal._get_visitors(visitor) == expected


def _facts(text: str, context: Context) -> str:
    facts = extract_python(text, context)
    facts.statement_spans()
    return repr(facts)


def test_the_analysis_installs_it_and_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    context = Context(Settings(project_root=tmp_path))
    texts = [text for name, text in parsable_sources([]) if name.startswith("fixtures/")]
    libcst_traversal.uninstall()
    with monkeypatch.context() as patch:
        patch.setattr(libcst_traversal, "install", lambda: None)
        before = [_facts(text, context) for text in texts]
    assert cst.CSTNode.visit is not libcst_traversal._visit
    after = [_facts(text, context) for text in texts]
    assert cst.CSTNode.visit is libcst_traversal._visit
    assert after == before


def test_transformers_keep_libcsts_traversal() -> None:
    libcst_traversal.install()

    class Rename(cst.CSTTransformer):
        def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
            return updated_node.with_changes(value=updated_node.value.upper())

    assert cst.parse_module("a = b(c)\n").visit(Rename()).code == "A = B(C)\n"


def test_visitor_classes_made_per_call_do_not_accumulate() -> None:
    libcst_traversal.install()
    module = cst.parse_module("f(a)\n")
    for _ in range(libcst_traversal._DISPATCH_SIZE + 10):

        class Local(cst.CSTVisitor):  # a new class each time, as a visitor inside a function
            names: list[str] = []

            def visit_Name(self, node: cst.Name) -> None:
                self.names.append(node.value)

        visitor = Local()
        module.visit(visitor)
        assert visitor.names == ["f", "a"]
    assert len(libcst_traversal._DISPATCH) <= libcst_traversal._DISPATCH_SIZE
