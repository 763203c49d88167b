"""Data flow over a :class:`ModuleIndex`: constant values, call targets, object origins.

Three questions, each answered flow-insensitively within one module and across its
functions (arguments flow into parameters, return values flow out of calls):

* ``values(expr)``: which constants can this expression hold, and how do we know?
* ``callees(call)``: which fully qualified API does this call reach
  (``client.chat.completions.create`` after ``client = OpenAI()``)?
* ``origins(expr)``: which tracked objects (loaded models, trainers, optimizers) can this
  expression hold, and along which chain of bindings?
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import libcst as cst
from libcst.metadata.scope_provider import Assignment

from interp_lint.facts.model import Step
from interp_lint.facts.python_index import Bound, ModuleIndex, dotted
from interp_lint.policy.globs import GlobSet

MAX_CANDIDATES = 8
MAX_DEPTH = 24
STEP_BUDGET = 200_000
UNKNOWN = "\x00"  # stands for an unknown part of a partially known string


@dataclass(frozen=True)
class Value:
    """A constant an expression can hold; ``exact`` is False if a part is unknown."""

    value: Any
    exact: bool
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Origin:
    """How a tracked object reaches an expression: the chain of steps, and whether a PEFT
    wrapper sits on the way (adapters train even when the base weights are frozen)."""

    steps: tuple[Step, ...]
    peft: bool = False


class Flow:
    def __init__(
        self,
        index: ModuleIndex,
        passthrough_methods: frozenset[str],
        not_weights: frozenset[str] = frozenset(),
        containers: GlobSet | None = None,
    ) -> None:
        self.ix = index
        self.passthrough_methods = passthrough_methods
        self.not_weights = not_weights
        self.containers = containers
        self._tracked: set[cst.Call] = set()
        self.passthrough_calls: set[cst.Call] = set()  # wrappers: result holds arg 0
        self.peft_calls: set[cst.Call] = set()
        self.unpack_calls: set[cst.Call] = set()  # accelerate.prepare: i-th result is i-th arg
        self._callers: dict[cst.FunctionDef, list[cst.Call]] | None = None
        self._partials: dict[cst.FunctionDef, list[cst.Call]] = {}
        self._names_partial = "partial" in index.text  # else no call can go through one
        self._callee_cache: dict[cst.CSTNode, set[str]] = {}
        self._origin_cache: dict[cst.CSTNode, dict[cst.Call, Origin]] = {}
        self._mutation_index: dict[str, list[tuple[cst.BaseExpression, cst.CSTNode]]] | None = None
        self._active: set[tuple[str, int]] = set()
        self._value_cache: dict[cst.CSTNode, list[Value]] = {}
        self._budget = STEP_BUDGET

    @property
    def tracked(self) -> set[cst.Call]:
        """Calls whose results are followed (models, trainers, optimizers, configs)."""
        return self._tracked

    @tracked.setter
    def tracked(self, calls: set[cst.Call]) -> None:
        self._tracked = calls
        self._origin_cache.clear()  # origins computed against the old set are stale

    # -- helpers ---------------------------------------------------------------------
    def step(self, node: cst.CSTNode, note: str) -> Step:
        return Step(self.ix.line(node), self.ix.col(node), note)

    def _guard(self, node: cst.CSTNode, purpose: str = "") -> bool:
        """Cut cycles (x = f(x)) and runaway depth; each question guards its own nodes."""
        key = (purpose, id(node))
        if key in self._active or len(self._active) > MAX_DEPTH:
            return False
        self._active.add(key)
        return True

    def _spend(self) -> bool:
        """One evaluation step of a bounded budget per module: analysis time stays
        linear in the file, whatever its shape; past the budget, answers are partial."""
        self._budget -= 1
        return self._budget > 0

    def _release(self, node: cst.CSTNode, purpose: str = "") -> None:
        self._active.discard((purpose, id(node)))

    def binding_sources(self, name: cst.Name) -> Iterator[tuple[cst.CSTNode, Bound | None]]:
        """The nodes that bind ``name`` here: targets with their values, params, defs."""
        for assignment in self.ix.assignments(name):
            if not isinstance(assignment, Assignment):
                continue
            node = assignment.node
            yield node, self.ix.bound.get(node)

    def sole_value(self, name: cst.BaseExpression) -> cst.BaseExpression | None:
        """The value a name gets from its one binding, when that is a plain assignment."""
        if isinstance(name, cst.Name):
            sources = list(self.binding_sources(name))
            if len(sources) == 1:
                bound = sources[0][1]
                if bound is not None and bound.index is None and not bound.iterates:
                    return bound.value
        return None

    def bound_method(self, func: cst.BaseExpression) -> cst.BaseExpression:
        """What a called name stands for when its one binding is a method taken from an
        object (``push = model.push_to_hub; push(...)``): that attribute, so that the call
        is judged as ``model.push_to_hub(...)``; else ``func`` itself."""
        value = self.sole_value(func)
        return value if isinstance(value, cst.Attribute) else func

    def function_of(self, expr: cst.BaseExpression) -> cst.FunctionDef | None:
        """The module function or method a call expression reaches, if any."""
        if isinstance(expr, cst.Name):
            for node, _ in self.binding_sources(expr):
                if isinstance(node, cst.FunctionDef):
                    return node
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            if expr.value.value in {"self", "cls"}:
                cls = self.ix.enclosing_class.get(expr.value) or self._class_of_self(expr)
                if cls is not None:
                    for stmt in cls.body.body:
                        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == expr.attr.value:
                            return stmt
        return None

    def _class_of_self(self, expr: cst.Attribute) -> cst.ClassDef | None:
        return self.ix.enclosing_class.get(expr)

    def class_of(self, expr: cst.BaseExpression) -> cst.ClassDef | None:
        if isinstance(expr, cst.Name):
            for node, _ in self.binding_sources(expr):
                if isinstance(node, cst.ClassDef):
                    return node
        return None

    def callers(self, func: cst.FunctionDef) -> list[cst.Call]:
        if self._callers is None:
            self._callers, self._partials = {}, {}
            for call in self.ix.calls:
                target = self.function_of(call.func)
                if target is not None:
                    self._callers.setdefault(target, []).append(call)
                elif call.args and "functools.partial" in self.callees(call):
                    bound = self.function_of(call.args[0].value)  # partial(ask, model=M)
                    if bound is not None:
                        self._partials.setdefault(bound, []).append(call)
        return self._callers.get(func, [])

    def partials(self, func: cst.FunctionDef) -> list[cst.Call]:
        """``functools.partial(func, ...)`` calls: they pass arguments to ``func`` too."""
        self.callers(func)
        return self._partials.get(func, [])

    def argument(self, call: cst.Call, position: int | None, keywords: Iterable[str]) -> cst.Arg | None:
        """The argument passed for a parameter, by keyword or position. A call through
        ``load = functools.partial(f, *args, **kwargs)`` passes the partial's arguments
        too: its positional ones first, its keywords unless the call gives them again."""
        args: Sequence[cst.Arg] = call.args
        if self._names_partial and isinstance(call.func, cst.Name):
            wrapped = self._partial_of(self.sole_value(call.func))
            if wrapped is not None:
                given = {a.keyword.value for a in call.args if a.keyword is not None}
                earlier = [a for a in wrapped.args[1:] if a.keyword is None or a.keyword.value not in given]
                args = [*earlier, *call.args]
        keys = set(keywords)
        for arg in args:
            if arg.keyword is not None and arg.keyword.value in keys:
                return arg
        if position is None or position < 0:
            return None
        positional = [a for a in args if a.keyword is None and not a.star]
        if position < len(positional):
            return positional[position]
        return None

    def _partial_of(self, value: cst.BaseExpression | None) -> cst.Call | None:
        """``functools.partial(f, ...)``, the call that made a name, or None."""
        if not self._names_partial:
            return None
        if isinstance(value, cst.Call) and value.args and value.args[0].keyword is None:
            if "functools.partial" in self.callees(value):
                return value
        return None

    def param_arguments(self, param: cst.Param) -> Iterator[tuple[cst.Call, cst.BaseExpression]]:
        """Arguments passed for ``param`` at the module's own call sites."""
        func, position = self.ix.params.get(param, (None, None))
        if func is None:
            return
        is_method = bool(func.params.params) and func.params.params[0].name.value in {"self", "cls"}
        for call in self.callers(func):
            pos = position
            if pos is not None and is_method and isinstance(call.func, cst.Attribute):
                pos -= 1
            arg = self.argument(call, pos, (param.name.value,))
            if arg is not None:
                yield call, arg.value
        for call in self.partials(func):
            shifted = cst.Call(func=call.func, args=call.args[1:])  # the partial's own arguments
            arg = self.argument(shifted, position, (param.name.value,))
            if arg is not None:
                yield call, arg.value

    # -- constant values -------------------------------------------------------------
    def values(self, expr: cst.BaseExpression) -> list[Value]:
        cached = self._value_cache.get(expr)
        if cached is not None:
            return cached
        if not self._guard(expr) or not self._spend():
            return []
        try:
            out: list[Value] = []
            seen: set[Any] = set()
            for v in self._values(expr):
                key = (v.value, v.exact)
                if key not in seen:
                    seen.add(key)
                    out.append(v)
                if len(out) >= MAX_CANDIDATES:
                    break
            self._value_cache[expr] = out
            return out
        finally:
            self._release(expr)

    def _values(self, expr: cst.BaseExpression) -> Iterator[Value]:
        if isinstance(expr, cst.SimpleString | cst.ConcatenatedString):
            value = expr.evaluated_value
            if isinstance(value, bytes):
                value = value.decode("utf-8", "replace")
            if value is not None:
                yield Value(value, True, ())
        elif isinstance(expr, cst.Integer | cst.Float):
            yield Value(expr.evaluated_value, True, ())
        elif isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
            for v in self.values(expr.expression):
                if isinstance(v.value, int | float):
                    yield Value(-v.value, v.exact, v.steps)
        elif isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
            for v in self.values(expr.expression):  # private=not args.public
                if isinstance(v.value, bool):
                    yield Value(not v.value, v.exact, v.steps)
        elif isinstance(expr, cst.Name):
            if expr.value in {"True", "False", "None"}:
                yield Value({"True": True, "False": False, "None": None}[expr.value], True, ())
            else:
                yield from self._name_values(expr)
        elif isinstance(expr, cst.FormattedString):
            yield from self._fstring_values(expr)
        elif isinstance(expr, cst.BinaryOperation):
            yield from self._binary_values(expr)
        elif isinstance(expr, cst.IfExp):
            yield from self.values(expr.body)
            yield from self.values(expr.orelse)
        elif isinstance(expr, cst.BooleanOperation):
            yield from self.values(expr.left)
            yield from self.values(expr.right)
        elif isinstance(expr, cst.Attribute):
            yield from self._attribute_values(expr)
        elif isinstance(expr, cst.Subscript):
            yield from self._subscript_values(expr)
        elif isinstance(expr, cst.Call):
            yield from self._call_values(expr)

    def _bound_values(self, target: cst.CSTNode, bound: Bound) -> Iterator[Value]:
        step = self.step(target, f"`{self.ix.code(target)}` assigned")
        sources: list[cst.BaseExpression]
        if bound.index is not None and bound.iterates:
            sources = self._unpacked_items(bound.value, bound.index)
        elif bound.index is not None:
            element = self._element(bound.value, bound.index)
            sources = [element] if element is not None else []
        elif bound.iterates:
            sources = self.items(bound.value)
        else:
            sources = [bound.value]
        for source in sources:
            for v in self.values(source):
                yield Value(v.value, v.exact, (*v.steps, step))

    def _name_values(self, name: cst.Name) -> Iterator[Value]:
        for node, bound in self.binding_sources(name):
            if bound is not None:
                yield from self._bound_values(node, bound)
            elif isinstance(node, cst.Param):
                yield from self._param_values(node)

    def _param_values(self, param: cst.Param) -> Iterator[Value]:
        func, _ = self.ix.params.get(param, (None, None))
        pname = param.name.value
        if func is not None and (func, pname) in self.ix.click:
            deco, default = self.ix.click[(func, pname)]
            step = self.step(deco, "click option default")
            for v in self.values(default):
                yield Value(v.value, v.exact, (*v.steps, step))
        for call, arg in self.param_arguments(param):
            step = self.step(call, f"argument `{pname}` at call on line {self.ix.line(call)}")
            for v in self.values(arg):
                yield Value(v.value, v.exact, (*v.steps, step))
        if param.default is not None:
            step = self.step(param, f"default of parameter `{pname}`")
            for v in self.values(param.default):
                yield Value(v.value, v.exact, (*v.steps, step))

    def _fstring_values(self, expr: cst.FormattedString) -> Iterator[Value]:
        options: list[list[Value]] = []
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                options.append([Value(part.value, True, ())])
            elif isinstance(part, cst.FormattedStringExpression):
                found = [v for v in self.values(part.expression) if v.value is not None]
                if part.format_spec or part.conversion:
                    found = []
                options.append(found or [Value(UNKNOWN, False, ())])
        for combo in itertools.islice(itertools.product(*options), MAX_CANDIDATES):
            yield Value(
                "".join(str(v.value) for v in combo),
                all(v.exact for v in combo),
                tuple(s for v in combo for s in v.steps),
            )

    def _binary_values(self, expr: cst.BinaryOperation) -> Iterator[Value]:
        if not isinstance(expr.operator, cst.Add | cst.Multiply):
            return
        lefts, rights = self.values(expr.left), self.values(expr.right)
        for a, b in itertools.islice(itertools.product(lefts, rights), MAX_CANDIDATES):
            try:
                if isinstance(expr.operator, cst.Add):
                    result = a.value + b.value
                else:
                    result = a.value * b.value
            except TypeError:
                continue
            if isinstance(result, str) and len(result) > 1000:
                continue
            yield Value(result, a.exact and b.exact, (*a.steps, *b.steps))

    def dict_item(self, base: cst.BaseExpression, key: str) -> cst.BaseExpression | None:
        """``cfg.model`` where ``cfg`` is a config container made from a dict literal."""
        mapping = self.literal(base)
        if not isinstance(mapping, cst.Dict):
            return None
        for element in mapping.elements:
            if isinstance(element, cst.DictElement) and [v.value for v in self.values(element.key)] == [key]:
                return element.value
        return None

    def _init_argument_values(self, expr: cst.Attribute, name: str) -> Iterator[Value]:
        """The values the enclosing class's ``__init__`` receives for ``name``: its
        default and what the module's own constructor calls pass."""
        cls = self.ix.enclosing_class.get(expr) or self._enclosing_self(expr)
        init = (
            next(
                (s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
                None,
            )
            if cls is not None
            else None
        )
        params = [*init.params.params, *init.params.kwonly_params] if init is not None else []
        for param in params:
            if param.name.value != name:
                continue
            step = self.step(param, f"`{name}` kept by save_hyperparameters()")
            passed = [value for _, value in self.param_arguments(param)]
            for value in [*passed, *([param.default] if param.default is not None else [])]:
                for v in self.values(value):
                    yield Value(v.value, v.exact, (*v.steps, step))

    def _attribute_values(self, expr: cst.Attribute) -> Iterator[Value]:
        attr = expr.attr.value
        base = expr.value
        item = self.dict_item(base, attr) if not isinstance(base, cst.Name) or base.value != "self" else None
        if item is not None:
            step = self.step(item, f"`{attr}` of a config made from a dict")
            for v in self.values(item):
                yield Value(v.value, v.exact, (*v.steps, step))
            return
        # self.hparams.x in a LightningModule: the __init__ argument save_hyperparameters() kept
        if (
            isinstance(base, cst.Attribute)
            and base.attr.value == "hparams"
            and isinstance(base.value, cst.Name)
            and base.value.value == "self"
        ):
            yield from self._init_argument_values(expr, attr)
            return
        # self.x = ... inside the class
        if isinstance(base, cst.Name) and base.value == "self":
            cls = self.ix.enclosing_class.get(expr)
            if cls is not None:
                for value in self.ix.self_attrs.get((cls, attr), []):
                    yield from self.values(value)
                if attr in self.ix.class_attrs.get(cls, {}):
                    yield from self.values(self.ix.class_attrs[cls][attr])
            return
        # A class constant, or an attribute of an instance of a module class (dataclass).
        for cls, call in self._classes_behind(base):
            if call is not None:
                arg = self._constructor_arg(cls, call, attr)
                if arg is not None:
                    step = self.step(call, f"`{attr}` passed to {cls.name.value}()")
                    for v in self.values(arg):
                        yield Value(v.value, v.exact, (*v.steps, step))
                    continue
            default = self.ix.class_attrs.get(cls, {}).get(attr)
            if default is not None:
                step = self.step(default, f"`{cls.name.value}.{attr}` default")
                for v in self.values(default):
                    yield Value(v.value, v.exact, (*v.steps, step))
        # args.x after parser.add_argument("--x", default=...)
        if attr in self.ix.argparse and not isinstance(base, cst.Call):
            call, default = self.ix.argparse[attr]
            step = self.step(call, f"argparse default of `{attr}`")
            if default is not None:
                for v in self.values(default):
                    yield Value(v.value, v.exact, (*v.steps, step))
            else:  # a flag: store_true defaults to False, store_false to True
                action = self.argument(call, None, ("action",))
                kind = [v.value for v in self.values(action.value)] if action is not None else []
                if kind in (["store_true"], ["store_false"]):
                    yield Value(kind == ["store_false"], True, (step,))

    def _classes_behind(self, base: cst.BaseExpression) -> list[tuple[cst.ClassDef, cst.Call | None]]:
        """Module classes an expression is (a class) or instantiates (with the call).
        Guarded: ``self.corr = self.corr.to(device)`` would otherwise recurse forever."""
        if not self._guard(base, "classes"):
            return []
        try:
            return list(self._classes_behind_unguarded(base))
        finally:
            self._release(base, "classes")

    def _classes_behind_unguarded(
        self, base: cst.BaseExpression
    ) -> Iterator[tuple[cst.ClassDef, cst.Call | None]]:
        cls = self.class_of(base)
        if cls is not None:
            yield cls, None
            return
        if isinstance(base, cst.Call):
            cls = self.class_of(base.func)
            if cls is not None:
                yield cls, base
            elif isinstance(base.func, cst.Attribute):
                yield from self._alternate_constructor(base.func)
            return
        if isinstance(base, cst.Name):
            for node, bound in self.binding_sources(base):
                if bound is not None and bound.index is not None:
                    cls = self._parsed_dataclass(bound.value, bound.index)
                    if cls is not None:
                        yield cls, None
                if bound is not None and bound.index is None and not bound.iterates:
                    yield from self._classes_behind(bound.value)
                elif isinstance(node, cst.Param):
                    if node.annotation is not None:
                        cls = self.class_of(node.annotation.annotation)  # type: ignore[arg-type]
                        if cls is not None:
                            yield cls, None
                    if node.default is not None:  # def main(cfg=EvalCfg())
                        yield from self._classes_behind(node.default)
                    for _call, arg in self.param_arguments(node):
                        yield from self._classes_behind(arg)
        elif (
            isinstance(base, cst.Attribute)
            and isinstance(base.value, cst.Name)
            and base.value.value == "self"
        ):
            cls = self.ix.enclosing_class.get(base)
            if cls is not None:
                for value in self.ix.self_attrs.get((cls, base.attr.value), []):
                    yield from self._classes_behind(value)

    def _alternate_constructor(self, func: cst.Attribute) -> Iterator[tuple[cst.ClassDef, cst.Call | None]]:
        """``RunConfig.from_args(args)``: a classmethod of a module class that returns
        ``cls(...)`` builds an instance with that call's arguments."""
        cls = self.class_of(func.value)
        if cls is None:
            return
        for stmt in cls.body.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == func.attr.value:
                for value in self.ix.returns.get(stmt, []):
                    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Name):
                        continue
                    if value.func.value == "cls":
                        yield cls, value

    def _parsed_dataclass(self, value: cst.BaseExpression, index: int) -> cst.ClassDef | None:
        """``a, b = HfArgumentParser((A, B)).parse_args_into_dataclasses()``: ``a`` is an A."""
        if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)):
            return None
        if not value.func.attr.value.startswith("parse_"):
            return None
        for origin in self.bound_calls(value.func.value):
            first = self.argument(origin, 0, ("dataclass_types",))
            lit = self.literal(first.value) if first is not None else None
            if isinstance(lit, cst.List | cst.Tuple) and index < len(lit.elements):
                return self.class_of(lit.elements[index].value)
        return None

    def bound_calls(self, expr: cst.BaseExpression) -> list[cst.Call]:
        """The calls an expression is, or a name is bound to (``x = Class(...)``)."""
        if isinstance(expr, cst.Call):
            return [expr]
        if isinstance(expr, cst.Name):
            return [
                b.value
                for _, b in self.binding_sources(expr)
                if b is not None and b.index is None and isinstance(b.value, cst.Call)
            ]
        return []

    def _constructor_arg(self, cls: cst.ClassDef, call: cst.Call, attr: str) -> cst.BaseExpression | None:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == attr:
                return arg.value
        positional = [a for a in call.args if a.keyword is None and not a.star]
        fields = list(self.ix.class_attrs.get(cls, {}))
        if attr in fields and fields.index(attr) < len(positional):
            return positional[fields.index(attr)].value
        return None

    def literal(self, expr: cst.BaseExpression) -> cst.BaseExpression | None:
        """The list/tuple/dict literal an expression is bound to, if any."""
        if isinstance(expr, cst.List | cst.Tuple | cst.Dict | cst.Set):
            return expr
        if isinstance(expr, cst.Name) and self._guard(expr, "literal"):
            try:
                for node, bound in self.binding_sources(expr):
                    if bound is not None and bound.index is None and not bound.iterates:
                        found = self.literal(bound.value)
                        if found is not None:
                            return found
                    elif isinstance(node, cst.Param):
                        passed_values = [p for _, p in self.param_arguments(node)]
                        for passed in [*passed_values, *([node.default] if node.default else [])]:
                            found = self.literal(passed)
                            if found is not None:
                                return found
            finally:
                self._release(expr, "literal")
        if isinstance(expr, cst.Call) and self.containers is not None and expr.args:
            if expr.args[0].star != "**" and self.containers.match_any(self.callees(expr)):
                return self.literal(expr.args[0].value)  # OmegaConf.create({...})
        if isinstance(expr, cst.Attribute):
            for cls, _call in self._classes_behind(expr.value):
                default = self.ix.class_attrs.get(cls, {}).get(expr.attr.value)
                if default is not None:
                    return self.literal(default)
            item = self.dict_item(expr.value, expr.attr.value)
            if item is not None:
                return self.literal(item)
        if isinstance(expr, cst.Subscript):
            base = self.literal(expr.value)
            if base is not None:
                item = self._index(base, expr)
                return self.literal(item) if item is not None else None
        return None

    def _unpacked_items(self, expr: cst.BaseExpression, index: int) -> list[cst.BaseExpression]:
        """What ``x`` takes in ``for ..., x in expr`` (``x`` at ``index`` of each item):
        ``enumerate(xs)``, ``zip(a, b)``, ``d.items()``, or a list of tuples."""
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.args:
            if expr.func.value == "enumerate":
                return self.items(expr.args[0].value) if index == 1 else []
            if expr.func.value == "zip":
                return self.items(expr.args[index].value) if index < len(expr.args) else []
        if (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value == "items"
        ):
            mapping = self.literal(expr.func.value)
            if isinstance(mapping, cst.Dict):
                pairs = [e for e in mapping.elements if isinstance(e, cst.DictElement)]
                return [e.key if index == 0 else e.value for e in pairs] if index < 2 else []
        out: list[cst.BaseExpression] = []
        for item in self.items(expr):
            element = self._element(item, index)
            if element is not None:
                out.append(element)
        return out

    def _element(self, expr: cst.BaseExpression, index: int) -> cst.BaseExpression | None:
        if isinstance(expr, cst.Call) and expr in self.unpack_calls:
            positional = [a for a in expr.args if a.keyword is None]
            return positional[index].value if index < len(positional) else None
        lit = self.literal(expr)
        if isinstance(lit, cst.List | cst.Tuple) and index < len(lit.elements):
            return lit.elements[index].value
        if isinstance(expr, cst.Call):  # tok, model = build(args): the function's returned tuple
            target = self.function_of(expr.func)
            for value in self.ix.returns.get(target, []) if target is not None else []:
                if isinstance(value, cst.Tuple | cst.List) and index < len(value.elements):
                    return value.elements[index].value
        return None

    def items(self, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
        lit = self.literal(expr)
        if isinstance(lit, cst.List | cst.Tuple | cst.Set):
            return [e.value for e in lit.elements if isinstance(e, cst.Element)]
        if isinstance(lit, cst.Dict):
            return [e.key for e in lit.elements if isinstance(e, cst.DictElement)]
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            method = expr.func.attr.value
            lit = self.literal(expr.func.value)
            if isinstance(lit, cst.Dict) and method in {"values", "items", "keys"}:
                if method == "values":
                    return [e.value for e in lit.elements if isinstance(e, cst.DictElement)]
                return [e.key for e in lit.elements if isinstance(e, cst.DictElement)]
        return []

    def _index(self, lit: cst.BaseExpression, sub: cst.Subscript) -> cst.BaseExpression | None:
        if len(sub.slice) != 1 or not isinstance(sub.slice[0].slice, cst.Index):
            return None
        keys = self.values(sub.slice[0].slice.value)
        if len(keys) != 1:
            return None
        key = keys[0].value
        if isinstance(lit, cst.Dict):
            for element in lit.elements:
                if isinstance(element, cst.DictElement):
                    found = self.values(element.key)
                    if found and found[0].value == key:
                        return element.value
        elif isinstance(lit, cst.List | cst.Tuple) and isinstance(key, int):
            if -len(lit.elements) <= key < len(lit.elements):
                return lit.elements[key].value
        return None

    def _subscript_values(self, expr: cst.Subscript) -> Iterator[Value]:
        base = self.literal(expr.value)
        if base is not None:
            item = self._index(base, expr)
            if item is not None:
                step = self.step(item, f"looked up in `{self.ix.code(expr.value)}`")
                for v in self.values(item):
                    yield Value(v.value, v.exact, (*v.steps, step))

    def _call_values(self, call: cst.Call) -> Iterator[Value]:
        names = self.callees(call)
        func = call.func
        if names & {"os.environ.get", "os.getenv", "os.environ.setdefault"}:
            key = self.argument(call, 0, ("key",))
            fallback = self.argument(call, 1, ("default",))
            if fallback is not None:
                var = self.ix.code(key.value) if key else "?"
                step = self.step(call, f"fallback of environment variable {var}")
                for v in self.values(fallback.value):
                    yield Value(v.value, v.exact, (*v.steps, step))
            return
        if names & {"os.path.join", "posixpath.join", "pathlib.Path", "str"}:
            parts = [self.values(a.value) for a in call.args if a.keyword is None]
            if parts and all(parts):
                for combo in itertools.islice(itertools.product(*parts), MAX_CANDIDATES):
                    text = "/".join(str(v.value) for v in combo)
                    yield Value(text, all(v.exact for v in combo), tuple(s for v in combo for s in v.steps))
            return
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method == "get":
                lit = self.literal(func.value)
                if isinstance(lit, cst.Dict):
                    key_arg = self.argument(call, 0, ())
                    if key_arg is not None:
                        fake = cst.Subscript(
                            value=func.value, slice=[cst.SubscriptElement(cst.Index(key_arg.value))]
                        )
                        item = self._index(lit, fake)
                        if item is not None:
                            yield from self.values(item)
                            return
                    default = self.argument(call, 1, ("default",))
                    if default is not None:
                        yield from self.values(default.value)
                    return
            if method == "join" and len(call.args) == 1:
                seps = self.values(func.value)
                items = self.items(call.args[0].value)
                parts = [self.values(i) for i in items]
                if seps and parts and all(parts):
                    for combo in itertools.islice(itertools.product(*parts), MAX_CANDIDATES):
                        yield Value(
                            str(seps[0].value).join(str(v.value) for v in combo),
                            all(v.exact for v in combo),
                            tuple(s for v in combo for s in v.steps),
                        )
                return
            if method == "format":
                base = self.values(func.value)
                if base and isinstance(base[0].value, str):
                    kwargs = {a.keyword.value: self.values(a.value) for a in call.args if a.keyword}
                    positional = [self.values(a.value) for a in call.args if a.keyword is None]
                    try:
                        text = base[0].value.format(
                            *[p[0].value if p else UNKNOWN for p in positional],
                            **{k: v[0].value if v else UNKNOWN for k, v in kwargs.items()},
                        )
                    except (IndexError, KeyError, ValueError):
                        return
                    yield Value(text, UNKNOWN not in text, base[0].steps)
                return
            if method in {"lower", "upper", "strip"}:
                for v in self.values(func.value):
                    if isinstance(v.value, str):
                        yield Value(getattr(v.value, method)(), v.exact, v.steps)
                return
        target = self.function_of(func)
        if target is not None:
            for value in self.ix.returns.get(target, []):
                step = self.step(call, f"returned by `{target.name.value}()` called")
                for v in self.values(value):
                    yield Value(v.value, v.exact, (*v.steps, step))

    # -- call targets ----------------------------------------------------------------
    def callees(self, call: cst.Call) -> set[str]:
        cached = self._callee_cache.get(call)
        if cached is None:
            cached = self._expr_types(call.func) if self._guard(call, "callee") else set()
            self._release(call, "callee")
            self._callee_cache[call] = cached
        return cached

    def _instance_types(self, expr: cst.BaseExpression) -> set[str]:
        """The classes of the object an expression holds: ``OpenAI(...)``, or a name bound
        to such a call."""
        return {_instance_type(name) for call in self.bound_calls(expr) for name in self.callees(call)}

    def _expr_types(self, expr: cst.BaseExpression) -> set[str]:
        """Qualified names an expression stands for: the import path of a name, or the
        class of the object a variable holds, followed by the attributes accessed."""
        if not self._guard(expr, "types"):
            return set()
        try:
            return self._expr_types_unguarded(expr)
        finally:
            self._release(expr, "types")

    def _expr_types_unguarded(self, expr: cst.BaseExpression) -> set[str]:
        names = set(self.ix.qualified(expr))
        attrs: list[str] = []
        base: cst.BaseExpression = expr
        while isinstance(base, cst.Attribute):
            attrs.insert(0, base.attr.value)
            base = base.value
        suffix = "".join(f".{a}" for a in attrs)
        prefixes: set[str] = set()
        if isinstance(base, cst.Name):
            for node, bound in self.binding_sources(base):
                if bound is not None and bound.index is None and not bound.iterates:
                    if isinstance(bound.value, cst.Call) and attrs:
                        # obj.method() where obj = Class(): "Class.method". Calling obj
                        # itself is not calling its factory again.
                        prefixes |= {_instance_type(n) for n in self.callees(bound.value)}
                    elif (wrapped := self._partial_of(bound.value)) is not None:
                        # load = partial(transformers.pipeline, ...); load(...) calls pipeline
                        prefixes |= self._expr_types(wrapped.args[0].value)
                    else:
                        for choice in _alternatives(bound.value):  # A if c else B, a or B
                            if isinstance(choice, cst.Name | cst.Attribute):
                                prefixes |= self._expr_types(choice)
                elif isinstance(node, cst.Param) and node.annotation is not None:
                    # model: LanguageModel; model.trace(): "LanguageModel.trace". Calling
                    # the instance, model(**tokens), is "LanguageModel.__call__": a forward
                    # pass, not a constructor.
                    annotated = self.ix.qualified(node.annotation.annotation)
                    prefixes |= annotated if attrs else {f"{q}.__call__" for q in annotated}
                elif isinstance(node, cst.Param) and attrs:
                    # def ask(client, ...): client.chat.completions.create(...), called with
                    # client=OpenAI(...) (directly or through functools.partial)
                    for _call, passed in self.param_arguments(node):
                        prefixes |= self._instance_types(passed)
        elif isinstance(base, cst.Call):
            prefixes |= {_instance_type(n) for n in self.callees(base)}
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Attribute):
            inner = expr.value
            if isinstance(inner.value, cst.Name) and inner.value.value == "self":
                cls = self.ix.enclosing_class.get(inner)
                for value in self.ix.self_attrs.get((cls, inner.attr.value), []) if cls else []:
                    if isinstance(value, cst.Call):
                        prefixes |= {f"{_instance_type(p)}.{expr.attr.value}" for p in self.callees(value)}
        if isinstance(base, cst.Name) and base.value == "self" and len(attrs) >= 2:
            cls = self.ix.enclosing_class.get(expr) or self._enclosing_self(expr)
            for value in self.ix.self_attrs.get((cls, attrs[0]), []) if cls else []:
                if isinstance(value, cst.Call):
                    rest = "".join(f".{a}" for a in attrs[1:])
                    prefixes |= {f"{_instance_type(p)}{rest}" for p in self.callees(value)}
        names |= {f"{p}{suffix}" for p in prefixes}
        plain = dotted(expr)
        if plain and not names:
            names.add(plain)
        return names

    def _enclosing_self(self, expr: cst.BaseExpression) -> cst.ClassDef | None:
        node = expr
        while isinstance(node, cst.Attribute):
            if node in self.ix.enclosing_class:
                return self.ix.enclosing_class[node]
            node = node.value
        return None

    # -- object origins --------------------------------------------------------------
    def mutations(self) -> dict[str, list[tuple[cst.BaseExpression, cst.CSTNode]]]:
        """Values put into a named container or added to it, by name (a container is
        filled after it is bound: ``scores = {}`` then ``scores[k] = v``)."""
        if self._mutation_index is None:
            found: dict[str, list[tuple[cst.BaseExpression, cst.CSTNode]]] = {}
            for node, _ in self.ix.assigns:
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    base: cst.BaseExpression = target
                    while isinstance(base, cst.Subscript | cst.Attribute):
                        base = base.value  # scores[k] = v, student.transformer.h = v
                    if (
                        isinstance(base, cst.Name)
                        and base.value not in {"self", "cls"}
                        and (base is not target or isinstance(node, cst.AugAssign))
                    ):
                        found.setdefault(base.value, []).append((node.value, node))
            for call in self.ix.calls:
                func = call.func
                if (
                    isinstance(func, cst.Attribute)
                    and func.attr.value in {"append", "extend", "update", "add", "insert", "setdefault"}
                    and isinstance(func.value, cst.Name)
                ):
                    found.setdefault(func.value.value, []).extend((a.value, call) for a in call.args)
            self._mutation_index = found
        return self._mutation_index

    def origins(self, expr: cst.BaseExpression) -> dict[cst.Call, Origin]:
        cached = self._origin_cache.get(expr)
        if cached is not None:
            return cached
        if not self._guard(expr, "origin") or not self._spend():
            return {}
        try:
            result = self._origins(expr)
        finally:
            self._release(expr, "origin")
        # Cached even inside a cycle: a cut cycle can only lose an origin that another
        # path usually supplies, and without the cache deep modules go exponential.
        self._origin_cache[expr] = result
        return result

    @staticmethod
    def _merge(
        into: dict[cst.Call, Origin],
        more: dict[cst.Call, Origin],
        step: Step | None = None,
        peft: bool = False,
    ) -> None:
        for node, origin in more.items():
            if node not in into:
                steps = (*origin.steps, step) if step else origin.steps
                into[node] = Origin(steps, origin.peft or peft)

    def _origins(self, expr: cst.BaseExpression) -> dict[cst.Call, Origin]:
        out: dict[cst.Call, Origin] = {}
        if isinstance(expr, cst.Call):
            if expr in self.tracked:
                out[expr] = Origin(())
                return out
            func = expr.func
            if expr in self.passthrough_calls or expr in self.peft_calls:
                peft = expr in self.peft_calls
                note = "wrapped by PEFT" if peft else "wrapped"
                step = self.step(expr, f"{note} `{self.ix.code(func)}`")
                first = self.argument(expr, 0, ("model", "module"))
                if first is not None:
                    self._merge(out, self.origins(first.value), step, peft)
                return out
            if expr in self.unpack_calls:
                for arg in expr.args:
                    self._merge(out, self.origins(arg.value))
                return out
            if isinstance(func, cst.Attribute) and func.attr.value in self.passthrough_methods:
                self._merge(out, self.origins(func.value))
                return out
            target = self.function_of(func)
            if target is not None:
                step = self.step(expr, f"returned by `{target.name.value}()`")
                for value in self.ix.returns.get(target, []):
                    self._merge(out, self.origins(value), step)
                return out
            cls = self.class_of(func)
            names = dotted(func) or ""
            if cls is not None or names in {
                "filter",
                "list",
                "tuple",
                "iter",
                "itertools.chain",
                "chain",
                "sorted",
            }:
                for arg in expr.args:
                    self._merge(out, self.origins(arg.value))
                if isinstance(func, cst.Name) and func.value == "filter" and len(expr.args) == 2:
                    pass
            return out
        if isinstance(expr, cst.Name):
            for node, bound in self.binding_sources(expr):
                if bound is not None:
                    note = f"`{expr.value}` assigned"
                    step = self.step(node, note)
                    if bound.index is not None and bound.iterates:
                        for unpacked in self._unpacked_items(bound.value, bound.index):
                            self._merge(out, self.origins(unpacked), step)  # for i, m in enumerate(models)
                    elif bound.index is not None:
                        item = self._element(bound.value, bound.index)
                        if item is not None:
                            self._merge(out, self.origins(item), step)
                        elif bound.index == 0 and bound.value in self._tracked:
                            # model, tokenizer = FastLanguageModel.from_pretrained(...)
                            self._merge(out, self.origins(bound.value), step)
                    else:
                        self._merge(out, self.origins(bound.value), step)
                        if _empty_container(bound.value):  # params = []; params.append(p)
                            for value, where in self.mutations().get(expr.value, ()):
                                self._merge(
                                    out, self.origins(value), self.step(where, f"added to `{expr.value}`")
                                )
                elif isinstance(node, cst.Param):
                    for call, passed in self.param_arguments(node):
                        step = self.step(call, f"passed as `{node.name.value}`")
                        self._merge(out, self.origins(passed), step)
            return out
        if isinstance(expr, cst.Attribute):
            base = expr.value
            chain: cst.BaseExpression = expr
            while isinstance(chain, cst.Attribute):
                if chain.attr.value in self.not_weights:
                    return out  # model.config.hidden_size: a number, not the weights
                chain = chain.value
            if isinstance(base, cst.Name) and base.value == "self":
                cls = self.ix.enclosing_class.get(expr)
                for value in self.ix.self_attrs.get((cls, expr.attr.value), []) if cls else []:
                    step = self.step(value, f"`self.{expr.attr.value}` assigned")
                    self._merge(out, self.origins(value), step)
                return out
            self._merge(out, self.origins(base))
            return out
        if isinstance(expr, cst.Subscript):
            self._merge(out, self.origins(expr.value))
            return out
        if isinstance(expr, cst.List | cst.Tuple | cst.Set):
            for member in expr.elements:
                self._merge(out, self.origins(member.value))
            return out
        if isinstance(expr, cst.Dict):
            for entry in expr.elements:
                self._merge(out, self.origins(entry.value))
            return out
        if isinstance(expr, cst.ListComp | cst.GeneratorExp | cst.SetComp):
            comp: cst.CompFor | None = expr.for_in
            while comp is not None:
                self._merge(out, self.origins(comp.iter))
                comp = comp.inner_for_in
            return out
        if isinstance(expr, cst.BinaryOperation):
            self._merge(out, self.origins(expr.left))
            self._merge(out, self.origins(expr.right))
            return out
        if isinstance(expr, cst.IfExp):
            self._merge(out, self.origins(expr.body))
            self._merge(out, self.origins(expr.orelse))
        if isinstance(expr, cst.Await):
            self._merge(out, self.origins(expr.expression))
        return out


def _instance_type(factory: str) -> str:
    """The type of what a call returns: ``X.from_pretrained(...)`` gives an ``X``."""
    head, _, last = factory.rpartition(".")
    return head if head and last.startswith("from_") else factory


def _alternatives(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What an expression can evaluate to, one level of choices unfolded:
    ``AutoModel if c else AutoModelForCausalLM`` is either class, ``override or AutoModel``
    either operand."""
    if isinstance(expr, cst.IfExp):
        return [*_alternatives(expr.body), *_alternatives(expr.orelse)]
    if isinstance(expr, cst.BooleanOperation):
        return [*_alternatives(expr.left), *_alternatives(expr.right)]
    return [expr]


def _empty_container(expr: cst.BaseExpression) -> bool:
    """``[]``, ``{}``, ``set()``, ``list()``: a container filled after it is bound."""
    if isinstance(expr, cst.List | cst.Dict | cst.Set) and not expr.elements:
        return True
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value in {"list", "dict", "set"}
        and not expr.args
    )
