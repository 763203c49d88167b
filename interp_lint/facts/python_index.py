"""One libcst pass over a Python module that indexes what data flow needs.

The index records, for every binding, the expression that gives it its value, plus the
module's calls, functions, classes, argparse/click defaults and gradient-free regions.
Scopes and qualified names come from libcst's metadata providers; the index adds only
what libcst does not model (which value a target receives, and from where).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import libcst as cst
from libcst.metadata import BatchableMetadataProvider, CodeRange, MetadataWrapper, ScopeProvider

from interp_lint.facts.python_positions import node_positions


@dataclass(frozen=True)
class Bound:
    """What a binding target receives: ``value``, or its ``index``-th element, or an item of it."""

    value: cst.BaseExpression
    index: int | None = None  # tuple unpacking: x, y = value
    iterates: bool = False  # for x in value / comprehension targets


def dotted(node: cst.CSTNode) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


@dataclass
class ModuleIndex:
    module: cst.Module
    scopes: Mapping[cst.CSTNode, object] = field(default_factory=dict)
    qualnames: dict[cst.CSTNode, set[str]] = field(default_factory=dict)
    calls: list[cst.Call] = field(default_factory=list)
    bound: dict[cst.CSTNode, Bound] = field(default_factory=dict)
    self_attrs: dict[tuple[cst.ClassDef, str], list[cst.BaseExpression]] = field(
        default_factory=lambda: defaultdict(list)
    )
    attr_assigns: list[tuple[cst.Attribute, cst.BaseExpression]] = field(default_factory=list)
    enclosing_class: dict[cst.CSTNode, cst.ClassDef] = field(default_factory=dict)
    enclosing_func: dict[cst.CSTNode, cst.FunctionDef] = field(default_factory=dict)
    returns: dict[cst.FunctionDef, list[cst.BaseExpression]] = field(
        default_factory=lambda: defaultdict(list)
    )
    params: dict[cst.Param, tuple[cst.FunctionDef, int | None]] = field(default_factory=dict)
    argparse: dict[str, tuple[cst.Call, cst.BaseExpression | None]] = field(default_factory=dict)
    click: dict[tuple[cst.FunctionDef, str], tuple[cst.Call, cst.BaseExpression]] = field(
        default_factory=dict
    )
    class_attrs: dict[cst.ClassDef, dict[str, cst.BaseExpression]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    for_loops: list[cst.For] = field(default_factory=list)
    # Assignments with the methods of the `with` blocks around them (nnsight traces).
    assigns: list[tuple[cst.Assign | cst.AugAssign, frozenset[str]]] = field(default_factory=list)
    names: list[cst.Name] = field(default_factory=list)
    strings: list[cst.SimpleString] = field(default_factory=list)
    _code: dict[cst.CSTNode, str] = field(default_factory=dict)
    # Kept by the indexing pass for when scopes and positions are known.
    _lines: list[cst.SimpleStatementLine] = field(default_factory=list)
    _maybe_no_grad: list[tuple[cst.CSTNode, cst.BaseExpression]] = field(default_factory=list)
    text: str = ""  # what ``module`` was parsed from

    @cached_property
    def positions(self) -> Mapping[cst.CSTNode, CodeRange]:
        """Computed on first use: a file whose calls lead to no fact never needs them
        (half the files that pass the pre-filter, a tenth of their analysis time)."""
        return node_positions(self.module, self.text)

    @cached_property
    def statements(self) -> list[tuple[int, int]]:
        """Line spans of the multi-line statements."""
        spans = []
        for line in self._lines:
            pos = self.positions[line]
            if pos.end.line > pos.start.line:
                spans.append((pos.start.line, pos.end.line))
        return spans

    @cached_property
    def no_grad(self) -> list[tuple[int, int]]:
        """Line spans of ``with torch.no_grad()`` blocks and decorated functions."""
        spans: list[tuple[int, int]] = []
        for node, expr in self._maybe_no_grad:
            if _is_no_grad(self, expr):
                pos = self.positions[node]
                if (pos.start.line, pos.end.line) not in spans[-1:]:  # one per `with`
                    spans.append((pos.start.line, pos.end.line))
        return spans

    def line(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    def col(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.column + 1

    def code(self, node: cst.CSTNode) -> str:
        text = self._code.get(node)
        if text is None:
            text = self.module.code_for_node(node)
            text = " ".join(text.split())
            self._code[node] = text
        return text

    def qualified(self, node: cst.CSTNode) -> set[str]:
        """Qualified names of a Name/Attribute, asked of its scope on demand.

        QualifiedNameProvider computes this for every node of the module up front, which
        costs as much as the scope analysis itself; calls are all we need to name.
        """
        cached = self.qualnames.get(node)
        if cached is None:
            scope = self.scopes.get(node)
            try:
                found = scope.get_qualified_names_for(node) if scope is not None else set()  # type: ignore[attr-defined]
            except Exception:
                found = set()
            cached = {q.name.replace(".<locals>", "") for q in found}
            self.qualnames[node] = cached
        return cached

    def assignments(self, name: cst.Name) -> list[object]:
        scope = self.scopes.get(name)
        if scope is None:
            return []
        try:
            return list(scope[name.value])  # type: ignore[index]
        except Exception:
            return []


class _Indexer(BatchableMetadataProvider[ModuleIndex]):
    """Builds the index as a batchable metadata provider, so that it shares one traversal
    with the expression-context pass scope analysis runs first (a separate visit cost a
    fifth of the indexing). Its metadata, on the Module node, is the index.

    Scopes and positions are not known during that traversal: what needs them (is this a
    ``no_grad`` context, is this statement multi-line) is kept for the index to answer
    when asked.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ix = ModuleIndex(module=cst.Module(body=()))
        self.classes: list[cst.ClassDef] = []
        self.funcs: list[cst.FunctionDef] = []
        self.with_methods: list[frozenset[str]] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.ix.module = node

    def leave_Module(self, original_node: cst.Module) -> None:
        self.set_metadata(original_node, self.ix)

    # -- structure -------------------------------------------------------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)
        for stmt in node.body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                if isinstance(small, cst.AnnAssign) and small.value is not None:
                    if isinstance(small.target, cst.Name):
                        self.ix.class_attrs[node][small.target.value] = _field_default(small.value)
                elif isinstance(small, cst.Assign):
                    for target in small.targets:
                        if isinstance(target.target, cst.Name):
                            self.ix.class_attrs[node][target.target.value] = small.value

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.funcs.append(node)
        params = node.params
        for i, param in enumerate((*params.posonly_params, *params.params)):
            self.ix.params[param] = (node, i)
        for param in params.kwonly_params:
            self.ix.params[param] = (node, None)
        for deco in node.decorators:
            self._click_option(node, deco.decorator)
            self.ix._maybe_no_grad.append((node, deco.decorator))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.funcs.pop()

    def visit_Return(self, node: cst.Return) -> None:
        if self.funcs and node.value is not None:
            self.ix.returns[self.funcs[-1]].append(node.value)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.ix._lines.append(node)

    # -- bindings --------------------------------------------------------------------
    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression, iterates: bool = False) -> None:
        if isinstance(target, cst.Name):
            self.ix.bound[target] = Bound(value, iterates=iterates)
        elif isinstance(target, cst.Tuple | cst.List):
            for i, element in enumerate(target.elements):
                inner = element.value
                if isinstance(inner, cst.Name):
                    self.ix.bound[inner] = Bound(value, index=i, iterates=iterates)
        elif isinstance(target, cst.Attribute):
            if isinstance(target.value, cst.Name) and target.value.value == "self" and self.classes:
                self.ix.self_attrs[(self.classes[-1], target.attr.value)].append(value)
            else:
                self.ix.attr_assigns.append((target, value))

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)
        self.ix.assigns.append((node, frozenset().union(*self.with_methods)))

    def visit_Name(self, node: cst.Name) -> None:
        self.ix.names.append(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.ix.strings.append(node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            self.ix.bound.setdefault(node.target, Bound(node.value))
        self.ix.assigns.append((node, frozenset().union(*self.with_methods)))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, node.iter, iterates=True)
        self.ix.for_loops.append(node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target, node.iter, iterates=True)

    def visit_With(self, node: cst.With) -> None:
        self.with_methods.append(
            frozenset(
                item.item.func.attr.value
                for item in node.items
                if isinstance(item.item, cst.Call) and isinstance(item.item.func, cst.Attribute)
            )
        )
        for item in node.items:
            if item.asname is not None and isinstance(item.asname.name, cst.Name | cst.Tuple):
                self._bind(item.asname.name, item.item)
            self.ix._maybe_no_grad.append((node, item.item))

    def leave_With(self, original_node: cst.With) -> None:
        self.with_methods.pop()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == "self" and self.classes:
            self.ix.enclosing_class[node] = self.classes[-1]

    # -- calls -----------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        self.ix.calls.append(node)
        if self.funcs:
            self.ix.enclosing_func[node] = self.funcs[-1]
        if self.classes:
            self.ix.enclosing_class[node] = self.classes[-1]
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "add_argument":
            self._argparse(node)

    def _argparse(self, node: cst.Call) -> None:
        flags: list[str] = []
        dest: str | None = None
        default: cst.BaseExpression | None = None
        for arg in node.args:
            if arg.keyword is None and isinstance(arg.value, cst.SimpleString):
                flags.append(str(arg.value.evaluated_value))
            elif arg.keyword is not None and arg.keyword.value == "dest":
                if isinstance(arg.value, cst.SimpleString):
                    dest = str(arg.value.evaluated_value)
            elif arg.keyword is not None and arg.keyword.value == "default":
                default = arg.value
        if dest is None and flags:
            longs = [f for f in flags if f.startswith("--")]
            chosen = longs[0] if longs else flags[0]
            dest = chosen.lstrip("-").replace("-", "_")
        if dest:
            self.ix.argparse[dest] = (node, default)

    def _click_option(self, func: cst.FunctionDef, deco: cst.BaseExpression) -> None:
        if not isinstance(deco, cst.Call):
            return
        name = dotted(deco.func) or ""
        if not name.endswith(("option", "argument", "Option", "Argument")):
            return
        default = next((a.value for a in deco.args if a.keyword and a.keyword.value == "default"), None)
        if default is None:
            return
        names = [
            str(a.value.evaluated_value)
            for a in deco.args
            if a.keyword is None and isinstance(a.value, cst.SimpleString)
        ]
        plain = [n for n in names if not n.startswith("-")]
        longs = [n for n in names if n.startswith("--")]
        chosen = plain[0] if plain else (longs[0] if longs else (names[0] if names else ""))
        param = chosen.split("/")[0].lstrip("-").replace("-", "_")
        if param:
            self.ix.click[(func, param)] = (deco, default)


def _is_no_grad(ix: ModuleIndex, expr: cst.BaseExpression) -> bool:
    target = expr.func if isinstance(expr, cst.Call) else expr
    names = ix.qualified(target) | {dotted(target) or ""}
    if isinstance(expr, cst.Call) and "torch.set_grad_enabled" in names:
        first = expr.args[0].value if expr.args else None
        return isinstance(first, cst.Name) and first.value == "False"
    return bool(names & {"torch.no_grad", "torch.inference_mode"})


def _field_default(value: cst.BaseExpression) -> cst.BaseExpression:
    """``field(default="x")`` and ``Field(default=...)`` hold their default in a keyword."""
    if isinstance(value, cst.Call) and (dotted(value.func) or "").split(".")[-1] in {"field", "Field"}:
        for arg in value.args:
            if arg.keyword is not None and arg.keyword.value == "default":
                return arg.value
        if value.args and value.args[0].keyword is None:
            return value.args[0].value
    return value


def index_module(module: cst.Module, code: str) -> ModuleIndex:
    """``code`` is the text ``module`` was parsed from."""
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    meta = wrapper.resolve_many([ScopeProvider, _Indexer])
    index: ModuleIndex = meta[_Indexer][module]  # type: ignore[assignment]
    index.scopes = meta[ScopeProvider]
    index.text = code
    return index
