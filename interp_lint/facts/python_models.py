"""Model facts from Python: which models the code loads or builds, and which it trains.

Training is tracked per object, not per file: a model is trained only when its own
parameters reach an optimizer, a trainer that is run, a training engine, or an
accelerate prepare-and-backward loop. An SAE or probe trained on the activations of a
frozen model leaves the model untrained, however close the two sit in the code.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from interp_lint.facts.model import ModelRef, Resolution, Step, TrainingUse
from interp_lint.facts.python_flow import UNKNOWN, Flow, Origin
from interp_lint.facts.python_index import ModuleIndex
from interp_lint.facts.tiers import Tiering, TierTable, judge
from interp_lint.policy import Policy
from interp_lint.policy.globs import GlobSet, any_of
from interp_lint.policy.load import ConfigClass, Loader


@dataclass
class _Tracked:
    kind: str  # "model", "trainer", "optimizer", "config", "config_of" (a checkpoint's config)
    ref: int | None = None
    config: ConfigClass | None = None
    params: int | None = None  # config_of: the checkpoint's size
    model: str = ""  # config_of: the checkpoint


def _tier_resolution(
    tiers: TierTable, values: list, expr_text: str
) -> tuple[Resolution | None, Tiering | None]:
    """Pick the riskiest candidate value: code that can load a 405B model loads it."""
    order = {"frontier": 3, "large": 2, "toy": 1, "unknown": 0}
    best: tuple[int, Resolution, Tiering] | None = None
    for v in values:
        if not isinstance(v.value, str) or not v.value.replace(UNKNOWN, ""):
            continue
        text = v.value.replace(UNKNOWN, "*")
        exact = v.exact and UNKNOWN not in v.value
        tiering = tiers.classify(v.value.replace(UNKNOWN, ""), exact=exact)
        if not exact and tiering.source in {"registry", "family"}:
            tiering = tiers.classify(v.value.replace(UNKNOWN, " "), exact=False)
        res = Resolution(text, exact, tuple(reversed(v.steps)))
        rank = order[tiering.tier]
        if not exact and tiering.tier == "unknown":
            rank = -1
        if best is None or rank > best[0]:
            best = (rank, res, tiering)
    if best is None or best[0] < 0:
        return None, None
    return best[1], best[2]


class ModelFacts:
    def __init__(self, index: ModuleIndex, policy: Policy, tiers: TierTable) -> None:
        self.ix = index
        self.policy = policy
        self.tiers = tiers
        self.flow = Flow(
            index, policy.training.passthrough_methods, policy.training.not_weights, policy.config_containers
        )
        self.models: list[ModelRef] = []
        self.training: list[TrainingUse] = []
        self.tracked: dict[cst.Call, _Tracked] = {}
        self.trains_itself: list[tuple[int, cst.Call]] = []  # hosted fine-tuning jobs
        self._unresolved: list[tuple[int, cst.BaseExpression]] = []  # loads of unknown models

    # -- discovery of tracked calls -------------------------------------------------
    def run(self) -> None:
        training = self.policy.training
        configs = any_of(tuple(c.callee for c in self.policy.config_classes))
        loaders = any_of(tuple(loader.callee for loader in self.policy.loaders))
        for call in self.ix.calls:
            names = self.flow.callees(call)
            if not names:
                continue
            if training.passthrough_wrappers.match_any(names):
                self.flow.passthrough_calls.add(call)
            if training.peft_wrappers.match_any(names):
                self.flow.peft_calls.add(call)
            if training.accelerate_prepare.match_any(names):
                self.flow.unpack_calls.add(call)
            if training.optimizers.match_any(names):
                self.tracked[call] = _Tracked("optimizer")
            elif training.trainers.match_any(names) or self._subclasses(call, training.trainers):
                self.tracked[call] = _Tracked("trainer")
            if configs.match_any(names):
                for cfg in self.policy.config_classes:
                    if cfg.callee.match_any(names):
                        self.tracked[call] = _Tracked("config", config=cfg)
            if self.policy.config_loaders.match_any(names):
                self._config_of_model(call)
            if loaders.match_any(names):
                for loader in self.policy.loaders:
                    if loader.callee.match_any(names):
                        self._loader(call, loader)
                        break
        self.flow.tracked = set(self.tracked)
        for index, expr in self._unresolved:
            if self.held_models(expr) - {index}:
                self.models[index].kind = "wrapper"  # pipeline(model=model): loaded above
        builders = any_of(tuple(b.callee for b in self.policy.builders))
        for call in self.ix.calls:
            names = self.flow.callees(call)
            if not names or not builders.match_any(names):
                continue
            for builder in self.policy.builders:
                if builder.callee.match_any(names):
                    self._builder(call, builder.name, builder.config_position, builder.config_keywords)
                    break
        self.flow.tracked = set(self.tracked)
        self._training()

    def _subclasses(self, call: cst.Call, globs: GlobSet) -> bool:
        """``class MyTrainer(Trainer)`` in this module: constructing it builds a trainer."""
        cls = self.flow.class_of(call.func)
        if cls is None:
            return False
        return any(globs.match_any(self.ix.qualified(base.value)) for base in cls.bases)

    def _new_ref(self, call: cst.Call, ref: ModelRef) -> int:
        pos = self.ix.positions[call]
        ref.end_line = pos.end.line
        self.models.append(ref)
        index = len(self.models) - 1
        kind = self.tracked.get(call)
        if kind is None or kind.kind != "trainer":
            self.tracked[call] = _Tracked("model", ref=index)
        else:
            kind.ref = index
        return index

    def _loader(self, call: cst.Call, loader: Loader) -> None:
        arg = self.flow.argument(call, loader.position, loader.keywords)
        if arg is None:
            star = next((a for a in call.args if a.star == "**"), None)
            if star is None or loader.string_only:
                return
            arg = star
        expr = arg.value
        if loader.string_only and self.flow.origins(expr):
            return
        values = (
            self.flow.values(expr) if not loader.item_path else self._request_models(expr, loader.item_path)
        )
        if not values:  # eval(tasks, model=["openai/gpt-5", "anthropic/claude-opus-4-1"])
            values = [v for item in self.flow.items(expr) for v in self.flow.values(item)]
        if loader.kv_key is not None:
            values = [
                type(v)(pair.split("=", 1)[1].strip(), v.exact, v.steps)
                for v in values
                if isinstance(v.value, str)
                for pair in v.value.split(",")
                if pair.split("=", 1)[0].strip() == loader.kv_key and "=" in pair
            ]
        if loader.second_position is not None:
            second = self.flow.argument(call, loader.second_position, loader.second_keywords)
            if second is not None:
                seconds = self.flow.values(second.value)
                values = [
                    type(a)(f"{a.value}/{b.value}", a.exact and b.exact, (*a.steps, *b.steps))
                    for a in values
                    for b in seconds
                    if isinstance(a.value, str) and isinstance(b.value, str)
                ]
        resolution, tiering = _tier_resolution(self.tiers, values, self.ix.code(expr))
        if loader.string_only and resolution is None:
            return
        ref = ModelRef(
            line=self.ix.line(call),
            column=self.ix.col(call),
            api=loader.name,
            kind=loader.kind,
            expr=("**" if arg.star == "**" else "") + self.ix.code(expr),
            resolution=resolution,
        )
        if tiering is not None:
            judge(ref, tiering)
        index = self._new_ref(call, ref)
        if resolution is None:
            self._unresolved.append((index, expr))
        if loader.trains:
            self.trains_itself.append((index, call))

    def _request_models(self, expr: cst.BaseExpression, path: tuple[str, ...]) -> list:
        """The models a list of requests names: ``[{"params": {"model": M}} for ...]``."""
        requests = self.flow.items(expr)
        if not requests:  # a comprehension, written here or bound to the name
            bound = [expr]
            if isinstance(expr, cst.Name):
                bound = [
                    b.value for _, b in self.flow.binding_sources(expr) if b is not None and b.index is None
                ]
            requests = [r.elt if isinstance(r, cst.ListComp | cst.GeneratorExp) else r for r in bound]
        values = []
        for request in requests:
            node: cst.BaseExpression | None = request
            for key in path:
                node = self.flow.dict_item(node, key) if node is not None else None
            if node is not None:
                values += self.flow.values(node)
        return values

    def _config_of_model(self, call: cst.Call) -> None:
        """``AutoConfig.from_pretrained("meta-llama/Llama-3.1-8B")``: the size of what is
        built from it is the checkpoint's, unless a size field is changed."""
        arg = self.flow.argument(call, 0, ("pretrained_model_name_or_path",))
        values = self.flow.values(arg.value) if arg is not None else []
        if len(values) != 1 or not values[0].exact or not isinstance(values[0].value, str):
            return
        params = self.tiers.classify(values[0].value).params
        if params is not None:
            self.tracked[call] = _Tracked("config_of", params=params, model=values[0].value)

    def _resized(self, config: cst.Call) -> bool:
        """Does the code change a size field of this config (a smaller model of that shape)?"""
        sizes = {
            cfg.fields[key]
            for cfg in self.policy.config_classes
            for key in ("d_model", "n_layers", "d_mlp", "n_heads", "n_experts")
            if key in cfg.fields
        }
        if any(a.keyword is not None and a.keyword.value in sizes for a in config.args):
            return True  # AutoConfig.from_pretrained(id, num_hidden_layers=2)
        return any(
            target.attr.value in sizes and config in self.flow.origins(target.value)
            for target, _ in self.ix.attr_assigns
        )  # config.num_hidden_layers = 2

    def _builder(self, call: cst.Call, name: str, position: int, keywords: tuple[str, ...]) -> None:
        arg = self.flow.argument(call, position, keywords)
        if arg is None:
            return
        for node, origin in self.flow.origins(arg.value).items():
            tracked = self.tracked.get(node)
            if tracked is None:
                continue
            if tracked.kind == "config" and tracked.config is not None:
                params = self._estimate(node, tracked.config)
                source = f"parameters estimated from `{self.ix.code(node.func)}` fields"
            elif tracked.kind == "config_of" and not self._resized(node):
                params = tracked.params
                source = f"config of `{tracked.model}`"
            elif tracked.kind == "model" and tracked.ref is not None:
                base = self.models[tracked.ref]
                params = base.params
                source = f"config of `{base.model}`"
            else:
                continue
            if params is None:
                continue
            ref = ModelRef(
                line=self.ix.line(call),
                column=self.ix.col(call),
                api=name,
                kind="built",
                expr=self.ix.code(arg.value),
                resolution=Resolution(
                    f"{self.ix.code(call.func)}({self.ix.code(arg.value)})",
                    True,
                    (*origin.steps, Step(self.ix.line(node), self.ix.col(node), source)),
                ),
                tier=self.tiers.by_params(params),
                params=params,
                tier_source="config",
            )
            self._new_ref(call, ref)
            return

    def _config_field(self, call: cst.Call, field: str) -> object:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == field:
                values = self.flow.values(arg.value)
                return values[0].value if len(values) == 1 else None
            if arg.star == "**":
                lit = self.flow.literal(arg.value)
                if isinstance(lit, cst.Dict):
                    for element in lit.elements:
                        if isinstance(element, cst.DictElement):
                            keys = self.flow.values(element.key)
                            if keys and keys[0].value == field:
                                values = self.flow.values(element.value)
                                return values[0].value if len(values) == 1 else None
        # config.n_layer = 48 after construction
        for target, value in self.ix.attr_assigns:
            if target.attr.value == field and call in self.flow.origins(target.value):
                values = self.flow.values(value)
                if len(values) == 1:
                    return values[0].value
        return None

    def _estimate(self, call: cst.Call, cfg: ConfigClass) -> int | None:
        """Parameter count of a decoder-only transformer from its config fields."""
        f: dict[str, object] = dict(cfg.defaults)
        for key, field_name in cfg.fields.items():
            value = self._config_field(call, field_name)
            if value is not None:
                f[key] = value

        def num(key: str, fallback: int = 0) -> int:
            value = f.get(key)
            return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else fallback

        d, layers = num("d_model"), num("n_layers")
        if d <= 0 or layers <= 0:
            return None
        if cfg.arch == "mamba":
            embed = num("vocab") * d * (1 if f.get("tied") else 2)
            return layers * 3 * num("expand", 2) * d * d + embed
        heads = num("n_heads") or max(d // 64, 1)
        d_head = num("d_head") or max(d // heads, 1)
        kv = num("n_kv_heads") or heads
        mlp_width = num("d_mlp") or 4 * d
        vocab = num("vocab")
        attn = 2 * d * heads * d_head + 2 * d * kv * d_head
        matrices = 3 if (cfg.arch in {"gated", "moe"} or f.get("gated")) else 2
        mlp = 0 if f.get("attn_only") else matrices * d * mlp_width
        if cfg.arch == "moe":
            mlp *= num("n_experts", 1)
        embed = vocab * d * (1 if f.get("tied") else 2)
        return layers * (attn + mlp) + embed

    # -- training --------------------------------------------------------------------
    def _model_origins(self, expr: cst.BaseExpression) -> dict[int, Origin]:
        out: dict[int, Origin] = {}
        for node, origin in self.flow.origins(expr).items():
            tracked = self.tracked.get(node)
            if tracked is not None and tracked.ref is not None and tracked.kind in {"model", "trainer"}:
                out.setdefault(tracked.ref, origin)
        return out

    def held_models(self, expr: cst.BaseExpression) -> set[int]:
        """Indexes of the model references whose weights ``expr`` can hold."""
        return set(self._model_origins(expr))

    def _frozen(self) -> tuple[set[int], set[int]]:
        """Models whose weights are frozen, and models (partly) unfrozen again."""
        frozen: set[int] = set()
        unfrozen: set[int] = set()
        for call in self.ix.calls:
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value == "requires_grad_":
                flag = self.flow.argument(call, 0, ("requires_grad",))
                off = flag is not None and [v.value for v in self.flow.values(flag.value)] == [False]
                (frozen if off else unfrozen).update(self._model_origins(func.value))
        for loop in self.ix.for_loops:
            iterated = loop.iter.func if isinstance(loop.iter, cst.Call) else None
            if not (isinstance(iterated, cst.Attribute) and "parameters" in iterated.attr.value):
                continue  # only `for p in model.parameters()` loops freeze weights
            targets = self._loop_params(loop)
            if not targets:
                continue
            refs = self._model_origins(loop.iter)
            for setting in self._requires_grad_settings(loop, targets):
                (unfrozen if setting else frozen).update(refs)
        return frozen, unfrozen

    @staticmethod
    def _loop_params(loop: cst.For) -> set[str]:
        target = loop.target
        if isinstance(target, cst.Name):
            return {target.value}
        if isinstance(target, cst.Tuple) and target.elements:
            last = target.elements[-1].value
            if isinstance(last, cst.Name):
                return {last.value}
        return set()

    def _requires_grad_settings(self, loop: cst.For, names: set[str]) -> list[bool]:
        settings: list[bool] = []

        class Visitor(cst.CSTVisitor):
            def visit_Assign(self, node: cst.Assign) -> None:
                for t in node.targets:
                    target = t.target
                    if (
                        isinstance(target, cst.Attribute)
                        and target.attr.value == "requires_grad"
                        and isinstance(target.value, cst.Name)
                        and target.value.value in names
                        and isinstance(node.value, cst.Name)
                        and node.value.value in {"True", "False"}
                    ):
                        settings.append(node.value.value == "True")

            def visit_Call(self, node: cst.Call) -> None:
                func = node.func
                if (
                    isinstance(func, cst.Attribute)
                    and func.attr.value == "requires_grad_"
                    and isinstance(func.value, cst.Name)
                    and func.value.value in names
                ):
                    arg = node.args[0].value if node.args else None
                    settings.append(not (isinstance(arg, cst.Name) and arg.value == "False"))

        loop.body.visit(Visitor())
        return settings

    def _run_calls(self, node: cst.Call, methods: frozenset[str]) -> list[cst.Call]:
        """Calls of ``trainer.train()`` (or another run method) on the object ``node`` builds."""
        runs = []
        for call in self.ix.calls:
            func = self.flow.bound_method(call.func)
            if isinstance(func, cst.Attribute) and func.attr.value in methods:
                if func.value is node or node in self.flow.origins(func.value):
                    runs.append(call)
        return runs

    def _under_no_grad(self, line: int) -> bool:
        return any(start <= line <= end for start, end in self.ix.no_grad)

    def _training(self) -> None:
        training = self.policy.training
        frozen, unfrozen = self._frozen()
        uses: dict[int, TrainingUse] = {}

        def record(ref: int, origin: Origin, sink: cst.Call, how: str) -> None:
            if ref in uses:
                return
            if self.models[ref].kind == "hosted" and how != "hosted fine-tuning job":
                return
            if ref in frozen and ref not in unfrozen and not origin.peft:
                return
            steps = (*origin.steps, Step(self.ix.line(sink), self.ix.col(sink), how))
            uses[ref] = TrainingUse(ref, how, self.ix.line(sink), self.ix.col(sink), steps)

        for ref, call in self.trains_itself:
            record(ref, Origin(()), call, "hosted fine-tuning job")
        optimizers: list[tuple[cst.Call, dict[int, Origin]]] = []
        backward = any(training.accelerate_backward.match_any(self.flow.callees(c)) for c in self.ix.calls)
        for call, tracked in list(self.tracked.items()):
            callee = self.ix.code(call.func)
            if tracked.kind == "optimizer":
                arg = self.flow.argument(call, 0, training.optimizer_keywords)
                refs = self._model_origins(arg.value) if arg is not None else {}
                optimizers.append((call, refs))
                for ref, origin in refs.items():
                    record(ref, origin, call, f"parameters reach optimizer `{callee}`")
            elif tracked.kind == "trainer":
                runs = self._run_calls(call, training.trainer_run_methods)
                if not runs:
                    continue
                run = runs[0]
                arg = self.flow.argument(call, training.trainer_position, training.trainer_keywords)
                refs = self._model_origins(arg.value) if arg is not None else {}
                factory = self.flow.argument(call, None, training.trainer_factory_keywords)
                function = self.flow.function_of(factory.value) if factory is not None else None
                for value in self.ix.returns.get(function, []) if function is not None else []:
                    refs.update(self._model_origins(value))  # Trainer(model_init=build_model)
                if tracked.ref is not None:
                    refs.setdefault(tracked.ref, Origin(()))
                for ref, origin in refs.items():
                    method = self.ix.code(run.func).split(".")[-1]
                    how = f"trained by `{callee}`, run by `.{method}()` at line {self.ix.line(run)}"
                    record(ref, origin, call, how)
        for call in self.ix.calls:
            names = self.flow.callees(call)
            if training.engines.match_any(names):
                arg = self.flow.argument(call, training.engine_position, training.engine_keywords)
                for ref, origin in (self._model_origins(arg.value) if arg else {}).items():
                    record(ref, origin, call, f"trained by `{self.ix.code(call.func)}`")
            elif call in self.flow.unpack_calls and backward:
                self._accelerate(call, optimizers, record)

        self.training = sorted(uses.values(), key=lambda u: u.ref)

    def _accelerate(
        self, call: cst.Call, optimizers: list[tuple[cst.Call, dict[int, Origin]]], record
    ) -> None:  # type: ignore[no-untyped-def]
        """prepare(model, optimizer) + backward(): the model trains unless the optimizer is
        known to hold other parameters only, or the model only runs under no_grad."""
        prepared_optimizers = [
            refs for opt, refs in optimizers if any(opt in self.flow.origins(a.value) for a in call.args)
        ]
        for arg in call.args:
            for ref, origin in self._model_origins(arg.value).items():
                if prepared_optimizers and not any(ref in refs for refs in prepared_optimizers):
                    continue
                if any(ref in refs for refs in prepared_optimizers):
                    continue  # already recorded through the optimizer
                if self._model_used_only_without_grad(ref):
                    continue
                record(
                    ref, origin, call, f"prepared by `{self.ix.code(call.func)}` and trained with backward()"
                )

    def _model_used_only_without_grad(self, ref: int) -> bool:
        uses = []
        for call in self.ix.calls:
            if self._model_origins(call.func).get(ref) is not None and not isinstance(
                call.func, cst.Attribute
            ):
                uses.append(self.ix.line(call))
        return bool(uses) and all(self._under_no_grad(line) for line in uses)
