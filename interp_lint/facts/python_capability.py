"""Capability-feedback facts from Python: benchmarks, interventions, compression,
importance scores, and losses that include terms computed from a model's internals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TypeVar

import libcst as cst
from libcst.metadata import CodeRange

from interp_lint.facts.benchmarks import Catalog
from interp_lint.facts.model import BenchmarkUse, Signal
from interp_lint.facts.python_flow import Flow
from interp_lint.facts.python_index import ModuleIndex, dotted
from interp_lint.policy import Policy
from interp_lint.policy.globs import GlobSet


def _names_in(node: cst.CSTNode) -> set[str]:
    """Every identifier under ``node``."""
    return {name.value for name in _name_nodes(node)}


class CapabilityFacts:
    def __init__(self, index: ModuleIndex, flow: Flow, policy: Policy, catalog: Catalog) -> None:
        self.ix = index
        self.flow = flow
        self.policy = policy
        self.catalog = catalog
        harnesses = policy.extra.get("harnesses", {})
        self.harnesses = [
            (GlobSet(tuple(h["callee"])), h, set(h.get("positional_for", ())))
            for h in harnesses.get("harness", ())
        ]
        self.task_modules = tuple(harnesses.get("task_modules", {}).get("prefixes", ()))
        interventions = policy.extra.get("interventions", {})
        self.hooks = interventions.get("hooks", {})
        self.nnsight = interventions.get("nnsight", {})
        self.weight_edits = interventions.get("weight_edits", {})
        libs = interventions.get("libraries", {})
        self.intervention_libs = GlobSet(tuple(libs.get("callee", ())))
        self.intervention_requires = dict(libs.get("requires_keyword", {}))
        self.intervention_methods = set(libs.get("methods", ()))
        compression = policy.extra.get("compression", {})
        comp = compression.get("compression", {})
        self.compress_calls = GlobSet(tuple(comp.get("callee", ())), tuple(comp.get("exclude", ())))
        self.compress_methods = set(comp.get("methods", ()))
        self.distill_losses = GlobSet(tuple(comp.get("distill_losses", ())))
        self.teacher_words = tuple(comp.get("teacher_words", ("teacher",)))
        imp = compression.get("importance", {})
        self.importance_calls = GlobSet(tuple(imp.get("callee", ())))
        self.importance_methods = set(imp.get("methods", ()))
        self.importance_words = tuple(imp.get("words", ()))
        self.benchmarks: list[BenchmarkUse] = []
        self.interventions: list[Signal] = []
        self.compressions: list[Signal] = []  # the guided ones, once run() is done
        self._candidates: list[tuple[Signal, cst.Call]] = []  # every compression step
        self._units: list[cst.CSTNode] | None = None
        self.importance: list[Signal] = []
        self.internals_losses: list[Signal] = []

    def signal(self, node: cst.CSTNode, what: str) -> Signal:
        pos = self.ix.positions[node]
        return Signal(pos.start.line, pos.start.column + 1, what, pos.end.line)

    def run(self) -> None:
        for call in self.ix.calls:
            names = self.flow.callees(call)
            self._benchmark(call, names)
            self._intervention(call, names)
            self._compression(call, names)
            self._importance(call, names)
        self._nnsight_edits()
        self._weight_edits()
        self._importance_words()
        self._guided_compressions()

    # -- benchmarks ------------------------------------------------------------------
    def _strings(self, expr: cst.BaseExpression, depth: int = 0) -> Iterator[str]:
        """Task names an expression holds. A list passed through a helper whose result the
        flow cannot compute (``pattern_match(task_list, ALL_TASKS)``) holds the names of
        its first argument."""
        if (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value == "split"
        ):
            expr = expr.func.value  # "mmlu,gsm8k".split(","): the names are split below
        while (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Name)
            and expr.func.value in {"list", "tuple", "sorted", "set"}
            and expr.args
        ):
            expr = expr.args[0].value  # list(cfg.tasks)
        items = self.flow.items(expr) or [expr]
        found = False
        for item in items:
            for value in self.flow.values(item):
                if isinstance(value.value, str):
                    found = True
                    yield from (part.strip() for part in value.value.split(",") if part.strip())
        if found or depth >= 2:
            return
        for call in self.flow.bound_calls(expr):
            if call.args and call.args[0].keyword is None and not call.args[0].star:
                yield from self._strings(call.args[0].value, depth + 1)

    def _benchmark(self, call: cst.Call, names: set[str]) -> None:
        for globs, harness, positional_for in self.harnesses:
            if not globs.match_any(names):
                continue
            position = harness.get("position")
            if harness["name"] == "lm-eval" and not (names & positional_for):
                position = None  # simple_evaluate(model, ...) takes tasks by keyword
            arg = self.flow.argument(call, position, harness.get("keyword", ()))
            if arg is None:
                return
            for text in self._strings(arg.value):
                bench = self.catalog.lookup(text, harness["match"])
                if bench is not None:
                    self._add_benchmark(call, bench.name, bench.tag, f"{harness['name']} `{text}`")
            for item in self.flow.items(arg.value) or [arg.value]:
                if isinstance(item, cst.Call):
                    self._task_function(item, harness["name"], anchor=call)
            return
        self._task_function(call, None, anchor=call)

    def _task_function(self, call: cst.Call, harness: str | None, anchor: cst.Call) -> None:
        """``from inspect_evals.gsm8k import gsm8k; eval(gsm8k())``: the function names a task."""
        for name in self.flow.callees(call):
            if not name.startswith(self.task_modules):
                continue
            bench = self.catalog.task(name.rsplit(".", 1)[-1])
            if bench is not None:
                self._add_benchmark(anchor, bench.name, bench.tag, f"task `{name}`")
                return

    def _add_benchmark(self, call: cst.Call, name: str, tag: str, via: str) -> None:
        pos = self.ix.positions[call]
        use = BenchmarkUse(pos.start.line, pos.start.column + 1, name, tag, via, pos.end.line)
        if not any(b.line == use.line and b.name == use.name for b in self.benchmarks):
            self.benchmarks.append(use)

    # -- interventions ---------------------------------------------------------------
    def _intervention(self, call: cst.Call, names: set[str]) -> None:
        func = self.flow.bound_method(call.func)
        method = func.attr.value if isinstance(func, cst.Attribute) else None
        # Running an intervenable model (intervenable(...), an annotated instance) intervenes.
        names = names | {n.removesuffix(".__call__") for n in names}
        if self.intervention_libs.match_any(names):
            needed = {self.intervention_requires.get(n) for n in names} - {None}
            if not needed or any(a.keyword and a.keyword.value in needed for a in call.args):
                self.interventions.append(self.signal(call, self.ix.code(func)))
            return
        if method in self.intervention_methods:
            self.interventions.append(self.signal(call, self.ix.code(func)))
            return
        hook_exprs: list[cst.BaseExpression] = []
        if method in self.hooks.get("transformer_lens_run", ()):
            hook_exprs = [
                a.value for a in call.args if a.keyword and a.keyword.value in self.hooks["hook_keywords"]
            ]
        elif method in self.hooks.get("transformer_lens_add", ()):
            hook_exprs = [a.value for a in call.args[1:2]] + [
                a.value for a in call.args if a.keyword and a.keyword.value == "hook"
            ]
        elif method in self.hooks.get("torch_register", ()):
            hook_exprs = [a.value for a in call.args[:1]]
        for expr in hook_exprs:
            if any(self._writes(fn) for fn in self._hook_functions(expr)):
                self.interventions.append(self.signal(call, f"hook that writes, installed by .{method}()"))
                return

    def _weight_edits(self) -> None:
        """``W -= torch.outer(r, r @ W)`` on a weight matrix, or ``W.sub_(...)``: a
        direction projected out of the weights (orthogonalisation), an intervention."""
        attributes = set(self.weight_edits.get("weight_attributes", ()))
        projections = set(self.weight_edits.get("projection_calls", ()))
        methods = set(self.weight_edits.get("inplace_methods", ()))
        if not attributes:
            return

        def is_weight(expr: cst.BaseExpression, depth: int = 0) -> bool:
            """A weight attribute, or a name bound to one (a few hops, cycles cut)."""
            if isinstance(expr, cst.Attribute) and expr.attr.value == "data":
                expr = expr.value
            if isinstance(expr, cst.Attribute):
                return expr.attr.value in attributes
            if isinstance(expr, cst.Name) and depth < 4:
                return any(
                    bound is not None and not bound.iterates and is_weight(bound.value, depth + 1)
                    for _, bound in self.flow.binding_sources(expr)
                )
            return False

        flow = self.flow

        def projects(expr: cst.CSTNode) -> bool:
            """A matrix product or a projection call in the update."""
            found = False

            class Visit(cst.CSTVisitor):
                def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
                    nonlocal found
                    found = found or isinstance(node.operator, cst.MatrixMultiply)

                def visit_Call(self, node: cst.Call) -> None:
                    nonlocal found
                    found = found or bool(flow.callees(node) & projections)

            expr.visit(Visit())
            return found

        for node, _ in self.ix.assigns:
            if (
                isinstance(node, cst.AugAssign)
                and isinstance(node.operator, cst.SubtractAssign | cst.AddAssign)
                and is_weight(node.target)
                and projects(node.value)
            ):
                self.interventions.append(self.signal(node, "weights orthogonalised against a direction"))
        for call in self.ix.calls:
            func = call.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value in methods
                and call.args
                and is_weight(func.value)
                and projects(call.args[0].value)
            ):
                self.interventions.append(self.signal(call, "weights orthogonalised against a direction"))

    def _hook_functions(self, expr: cst.BaseExpression) -> Iterator[cst.CSTNode]:
        """Function definitions or lambdas an argument of hooks can refer to."""
        stack = [expr]
        seen = 0
        while stack and seen < 64:
            seen += 1
            node = stack.pop()
            if isinstance(node, cst.Lambda):
                yield node
            elif isinstance(node, cst.List | cst.Tuple):
                stack.extend(e.value for e in node.elements)
            elif isinstance(node, cst.Call):
                if (dotted(node.func) or "").endswith("partial") and node.args:
                    stack.append(node.args[0].value)
                elif dotted(node.func) in {"list", "tuple"}:
                    stack.extend(a.value for a in node.args)
                else:
                    for target in [self.flow.function_of(node.func)]:
                        if target is not None:
                            stack.extend(self.ix.returns.get(target, []))
            elif isinstance(node, cst.Name):
                for source, bound in self.flow.binding_sources(node):
                    if isinstance(source, cst.FunctionDef):
                        yield source
                    elif isinstance(source, cst.Param):
                        stack.extend(arg for _, arg in self.flow.param_arguments(source))
                    elif bound is not None:
                        if bound.iterates:
                            stack.extend(self.flow.items(bound.value))
                        else:
                            stack.append(bound.value)
            elif isinstance(node, cst.ListComp | cst.GeneratorExp):
                stack.append(node.elt)
            elif isinstance(node, cst.Attribute) and node in self.ix.enclosing_class:
                # self._add_vector: a method of the class the hook is installed from
                cls = self.ix.enclosing_class[node]
                for stmt in cls.body.body:
                    if isinstance(stmt, cst.FunctionDef) and stmt.name.value == node.attr.value:
                        yield stmt
                # self.fwd_hooks = [(name, partial(zero_heads, ...)), ...] set in __init__
                stack.extend(self.ix.self_attrs.get((cls, node.attr.value), []))

    @staticmethod
    def _writes(fn: cst.CSTNode) -> bool:
        """Does a hook change the activation: return a value, or assign into it?"""
        if isinstance(fn, cst.Lambda):
            body = fn.body
            return not (isinstance(body, cst.Name) and body.value == "None") and not (
                isinstance(body, cst.Call)
                and isinstance(body.func, cst.Attribute)
                and body.func.attr.value == "append"
            )
        assert isinstance(fn, cst.FunctionDef)
        params = [p.name.value for p in fn.params.params]
        first = params[0] if params else None
        if first in {"self", "module"} and len(params) > 1:
            first = params[1] if first == "self" else params[-1]
        writes = False

        class Visit(cst.CSTVisitor):
            def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
                return node is fn

            def visit_Return(self, node: cst.Return) -> None:
                nonlocal writes
                if node.value is not None and not (
                    isinstance(node.value, cst.Name) and node.value.value == "None"
                ):
                    writes = True

            def visit_Assign(self, node: cst.Assign) -> None:
                nonlocal writes
                for t in node.targets:
                    if isinstance(t.target, cst.Subscript) and first and first in _names_in(t.target.value):
                        writes = True

            def visit_AugAssign(self, node: cst.AugAssign) -> None:
                nonlocal writes
                if first and first in _names_in(node.target):
                    writes = True

            def visit_Call(self, node: cst.Call) -> None:
                nonlocal writes
                func = node.func
                if (
                    isinstance(func, cst.Attribute)
                    and func.attr.value.endswith("_")
                    and not func.attr.value.startswith("_")
                ):
                    if first and isinstance(func.value, cst.Name) and func.value.value == first:
                        writes = True  # in-place tensor ops: act.add_(v), act.mul_(0)

        fn.visit(Visit())
        return writes

    def _nnsight_edits(self) -> None:
        """Assignments to ``.output``/``.input`` (or into them) inside a trace block."""
        contexts = set(self.nnsight.get("contexts", ()))
        attributes = set(self.nnsight.get("attributes", ()))
        for node, methods in self.ix.assigns:
            if not methods & contexts:
                continue
            targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
            for target in targets:
                base: cst.BaseExpression = target
                while isinstance(base, cst.Subscript):
                    base = base.value
                if isinstance(base, cst.Attribute) and base.attr.value in attributes:
                    self.interventions.append(self.signal(node, f"nnsight edit of .{base.attr.value}"))
                    break

    # -- compression and importance --------------------------------------------------
    def _compression(self, call: cst.Call, names: set[str]) -> None:
        func = self.flow.bound_method(call.func)
        what = None
        if self.compress_calls.match_any(names):
            what = self.ix.code(func)
        elif isinstance(func, cst.Attribute) and func.attr.value in self.compress_methods:
            what = f".{func.attr.value}()"
        elif self.distill_losses.match_any(names):
            texts = [self.ix.code(call), *(self.ix.code(v) for v in self._bound_values(call))]
            if any(word in text.lower() for text in texts for word in self.teacher_words):
                what = "distillation loss against teacher logits"
        if what is not None:
            self._candidates.append((self.signal(call, what), call))

    def _guided_compressions(self) -> None:
        """Keep the compression steps that importance drives: an argument derives, through
        bindings, parameters and this module's functions, from an importance signal or a
        measured intervention (ablation, patching). Pruning that sits next to an
        attribution heatmap but does not use it is not interpretability-guided."""
        sources = [((s.line, s.column - 1), s) for s in (*self.importance, *self.interventions)]
        for step, call in self._candidates:
            source = self._driving(call, sources) if sources else None
            if source is not None:
                self.compressions.append(replace(step, driven_by=source))

    def _driving(self, call: cst.Call, sources: list[tuple[tuple[int, int], Signal]]) -> Signal | None:
        positions = self.ix.positions

        def held(node: cst.CSTNode) -> Signal | None:
            if node not in positions:
                return None
            span = positions[node]
            start, end = (span.start.line, span.start.column), (span.end.line, span.end.column)
            return next((s for at, s in sources if start <= at < end), None)

        frontier: list[cst.CSTNode] = [a.value for a in call.args]
        if self.distill_losses.match_any(self.flow.callees(call)):
            # A distillation objective: its other terms (feature matching weighted by SAE
            # statistics) decide what the student keeps as much as the KL term does.
            frontier.extend(self._objectives_holding(call))
        seen: set[cst.CSTNode] = set()
        budget = 256
        while frontier and budget:
            budget -= 1
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            found = held(node)
            if found is not None:
                return found
            if isinstance(node, cst.FunctionDef):
                frontier.extend(self.ix.returns.get(node, []))  # what it gives back, not its body
                continue
            for name in _name_nodes(node)[:64]:
                for value, where in self.flow.mutations().get(name.value, ()):
                    frontier.append(value)  # scores[layer] = ..., total += ..., acc.append(...)
                    unit = self._loop_or_function_around(where)
                    found = held(unit) if unit is not None else None
                    if found is not None:
                        return found  # filled in the loop (or hook) that measures importance
                for source, bound in self.flow.binding_sources(name):
                    found = held(source) if not isinstance(source, cst.FunctionDef) else None
                    if found is not None:
                        return found
                    if isinstance(source, cst.Param):
                        frontier.extend(arg for _, arg in self.flow.param_arguments(source))
                    elif isinstance(source, cst.FunctionDef):
                        frontier.append(source)  # a function passed as a value
                    elif bound is not None:
                        frontier.append(bound.value)
            for inner in _call_nodes(node)[:64]:
                function = self.flow.function_of(inner.func)
                if function is not None:
                    frontier.append(function)  # a function of this module computes it
        return None

    def _objectives_holding(self, node: cst.CSTNode) -> list[cst.BaseExpression]:
        """The assigned or returned expressions that contain ``node`` (a loss and its terms)."""
        positions = self.ix.positions
        at = _start(positions[node])
        values = [a.value for a, _ in self.ix.assigns] + [v for vs in self.ix.returns.values() for v in vs]
        return [v for v in values if v in positions and _start(positions[v]) <= at < _end(positions[v])]

    def _loop_or_function_around(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The innermost loop or function that holds ``node``: where a container is
        filled, and what else that unit of work computes."""
        if self._units is None:
            units: list[cst.CSTNode] = []

            class Collect(cst.CSTVisitor):
                def visit_FunctionDef(self, n: cst.FunctionDef) -> None:
                    units.append(n)

                def visit_For(self, n: cst.For) -> None:
                    units.append(n)

                def visit_While(self, n: cst.While) -> None:
                    units.append(n)

            self.ix.module.visit(Collect())
            self._units = units
        positions = self.ix.positions
        start = positions[node].start
        at = (start.line, start.column)
        around = [u for u in self._units if _start(positions[u]) <= at < _end(positions[u])]
        return around[-1] if around else None

    def _bound_values(self, node: cst.CSTNode, depth: int = 2) -> list[cst.BaseExpression]:
        """Values of the names used in ``node``, following bindings ``depth`` hops."""
        out: list[cst.BaseExpression] = []
        frontier: list[cst.CSTNode] = [node]
        for _ in range(depth):
            nxt: list[cst.CSTNode] = []
            for item in frontier:
                for name in _name_nodes(item)[:64]:
                    for _, bound in self.flow.binding_sources(name):
                        if bound is not None and bound.value not in out:
                            out.append(bound.value)
                            nxt.append(bound.value)
            frontier = nxt
        return out

    def _importance(self, call: cst.Call, names: set[str]) -> None:
        func = self.flow.bound_method(call.func)
        if self.importance_calls.match_any(names):
            self.importance.append(self.signal(call, self.ix.code(func)))
        elif isinstance(func, cst.Attribute) and func.attr.value in self.importance_methods:
            self.importance.append(self.signal(call, f".{func.attr.value}()"))

    def _importance_words(self) -> None:
        """Functions, variables and saved files named for interpretability-derived
        importance (``head_scores``, ``eap_scores.pt``, ``patching_effects``)."""
        words = set(self.importance_words)
        if not words:
            return
        ix = self.ix
        found = self.importance

        seen: dict[str, str | None] = {}  # a module spells the same names over and over

        def named(text: str) -> str | None:
            if text not in seen:
                low = text.lower()
                parts = set(re.split(r"[^a-z0-9]+", low))
                seen[text] = next((w for w in words if w in parts or ("_" in w and w in low)), None)
            return seen[text]

        for name in ix.names:
            if named(name.value) and name in ix.positions:
                found.append(self.signal(name, name.value))
        for string in ix.strings:
            value = string.evaluated_value
            if isinstance(value, str) and len(value) < 200 and named(value):
                found.append(self.signal(string, value))

    # -- losses with internals terms (IL204) ----------------------------------------
    def internals_terms(self, trained: bool) -> None:
        """Loss assignments, in a module that trains the base model, with a term computed
        from cached activations, hook outputs, or probe/SAE outputs: an added term
        (``out.loss + 0.5 * probe(h)``), or a loss that compares two internal states
        (``norm(lora_hidden - target_hidden)``: representation-based training)."""
        if not trained:
            return
        ix = self.ix
        found = self.internals_losses
        bound_values = self._bound_values

        def mentions(text: str) -> str | None:
            text = _INTERNALS_FLAGS.sub("", text)
            low = text.lower()
            hit = next((w for w in _INTERNALS_SPELT if w in low), None)
            if hit is None:
                words = {w.lower() for w in _WORD_PARTS.findall(text)}
                hit = next((w for w in _INTERNALS_WORDS if w in words or f"{w}s" in words), None)
            return hit

        def term_source(node: cst.BaseExpression) -> str | None:
            """The internals a term is computed from: in its text, or a few bindings away
            (activations usually pass through a stack, a slice and a difference first)."""
            hit = mentions(ix.code(node))
            if hit:
                return hit
            for value in bound_values(node, depth=4):
                hit = mentions(ix.code(value))
                if hit:
                    return hit
            return None

        def compared(value: cst.BaseExpression) -> str | None:
            """Two internal states compared: a difference (``norm(a - b)``) or a call on
            both (``cosine_similarity(a, b)``, ``mse(a, b)``)."""
            for sub in _descendants(value, cst.BinaryOperation):
                if isinstance(sub.operator, cst.Subtract):
                    left, right = term_source(sub.left), term_source(sub.right)
                    if left and right:
                        return left
            for call in _descendants(value, cst.Call):
                positional = [a.value for a in call.args if a.keyword is None and not a.star]
                hits = [h for h in map(term_source, positional) if h]
                if len(hits) >= 2:
                    return hits[0]
            return None

        losses: list[tuple[cst.Assign, str, set[str]]] = []
        for node, _ in ix.assigns:
            if not isinstance(node, cst.Assign):
                continue
            targets = [t.target for t in node.targets if isinstance(t.target, cst.Name)]
            if not targets:
                continue
            named_loss = any("loss" in t.value.lower() for t in targets)
            terms = _terms(node.value) if isinstance(node.value, cst.BinaryOperation) else []
            what: str | None = None
            if len(terms) >= 2:
                if not named_loss and not any("loss" in ix.code(t).lower() for t in terms):
                    continue
                what = next((h for h in map(term_source, terms) if h), None)
            elif named_loss:
                what = compared(node.value)
            if what is not None:
                losses.append((node, what, {t.value for t in targets}))
        # A part (``retain_loss``) summed into a total that is itself reported is not
        # reported again: one objective, one finding.
        for node, what, names in losses:
            if not any(
                names & {n.value for n in _name_nodes(other.value)}
                for other, _, _ in losses
                if other is not node
            ):
                found.append(self.signal(node, what))


# What a loss term computed from a model's internals mentions; asking for them
# (``output_hidden_states=True``) is not reading them.
# Spelt out anywhere in the text, or as a word of an identifier (``hook_resid_pre``,
# ``SparseAutoencoder``, ``probes``; not ``use_parallel_residual``).
_INTERNALS_SPELT = ("run_with_cache", "hidden_states", "attentions", "cache[")
_INTERNALS_WORDS = ("activation", "acts", "resid", "probe", "sae", "autoencoder", "transcoder", "feature")
_INTERNALS_FLAGS = re.compile(r"output_(?:hidden_states|attentions)")
_WORD_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _start(span: CodeRange) -> tuple[int, int]:
    return (span.start.line, span.start.column)


def _end(span: CodeRange) -> tuple[int, int]:
    return (span.end.line, span.end.column)


_Node = TypeVar("_Node", bound=cst.CSTNode)


def _descendants(node: cst.CSTNode, kind: type[_Node]) -> list[_Node]:
    """The nodes of one type under ``node`` (itself included), in source order."""
    found: list[_Node] = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, n: cst.CSTNode) -> bool:
            if isinstance(n, kind):
                found.append(n)
            return True

    node.visit(Collect())
    return found


def _call_nodes(node: cst.CSTNode) -> list[cst.Call]:
    return _descendants(node, cst.Call)


def _name_nodes(node: cst.CSTNode) -> list[cst.Name]:
    return _descendants(node, cst.Name)


def _terms(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add | cst.Subtract):
        return [*_terms(expr.left), *_terms(expr.right)]
    return [expr]
