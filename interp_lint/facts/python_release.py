"""Release facts from Python: publication to public destinations, and experiment
trackers that ship results off the machine."""

from __future__ import annotations

from typing import Any

import libcst as cst

from interp_lint.facts.model import ModelRef, Publication, Signal
from interp_lint.facts.python_flow import Flow
from interp_lint.facts.python_index import ModuleIndex
from interp_lint.policy import Policy
from interp_lint.policy.globs import GlobSet, any_of


class ReleaseFacts:
    def __init__(
        self, index: ModuleIndex, flow: Flow, policy: Policy, models: list[ModelRef], model_of: Any
    ) -> None:
        self.ix = index
        self.flow = flow
        self.models = models
        self.model_of = model_of  # expr -> set of model ref indexes it holds
        data = policy.extra.get("publishers", {})
        self.publishers = [(p, GlobSet(tuple(p.get("callee", ())))) for p in data.get("publisher", ())]
        self.trackers = [
            (t, GlobSet(tuple(t.get("callee", ()))), GlobSet(tuple(t.get("offline_callee", ()))))
            for t in data.get("tracker", ())
        ]
        self.derived_words = tuple(data.get("derived", {}).get("words", ()))
        # What any publisher or tracker could match: most calls match none, in one test.
        self.publisher_methods = frozenset(m for p, _ in self.publishers for m in p.get("methods", ()))
        self.publisher_callees = any_of(tuple(globs for _, globs in self.publishers))
        self.tracker_callees = any_of(tuple(g for _, *sets in self.trackers for g in sets))
        self.publications: list[Publication] = []
        self.tracking: list[Signal] = []

    def _flag(self, call: cst.Call, keyword: str | None) -> Any:
        if not keyword:
            return None
        arg = self.flow.argument(call, None, (keyword,))
        if arg is None:
            return None
        values = self.flow.values(arg.value)
        return values[0].value if len(values) == 1 else "?"

    def _receiver_private(self, func: cst.BaseExpression, setting: dict[str, Any] | None) -> bool:
        """``trainer.push_to_hub()`` where ``trainer = Trainer(args=TrainingArguments(...,
        hub_private_repo=True))``: the object was built with settings that make it private."""
        if not setting or not isinstance(func, cst.Attribute):
            return False
        for built in self.flow.bound_calls(func.value):
            arg = self.flow.argument(built, setting.get("position"), (setting["argument"],))
            for settings in self.flow.bound_calls(arg.value) if arg is not None else []:
                if self._flag(settings, setting["keyword"]) is True:
                    return True
        return False

    def _strings(self, call: cst.Call, keywords: tuple[str, ...], position: int | None = 0) -> set[str]:
        arg = self.flow.argument(call, position, keywords)
        if arg is None:
            return set()
        value = arg.value
        if (
            isinstance(value, cst.Attribute)
            and value.attr.value == "repo_id"
            and isinstance(value.value, cst.Name)
        ):
            # repo = api.create_repo("lab/x", private=True); upload(repo_id=repo.repo_id)
            created = {
                name
                for made in self.flow.bound_calls(value.value)
                for name in self._strings(made, ("repo_id",))
            }
            if created:
                return created
        return {v.value for v in self.flow.values(value) if isinstance(v.value, str)}

    def run(self) -> None:
        private_repos: set[str] = set()
        pending: list[tuple[cst.Call, dict[str, Any], set[str]]] = []
        for call in self.ix.calls:
            names = self.flow.callees(call)
            func = self.flow.bound_method(call.func)
            method = func.attr.value if isinstance(func, cst.Attribute) else None
            publishes = method in self.publisher_methods or self.publisher_callees.match_any(names)
            for pub, globs in self.publishers if publishes else ():
                if (method is not None and method in pub.get("methods", ())) or globs.match_any(names):
                    if pub.get("url_prefixes"):
                        urls = self._strings(call, ("url",))
                        if not any(u.startswith(tuple(pub["url_prefixes"])) for u in urls):
                            continue
                        needed = tuple(pub.get("url_contains", ()))
                        if needed and not any(part in u for u in urls for part in needed):
                            continue
                    if pub.get("public_acl") is not None:
                        text = self.ix.code(call)
                        always = GlobSet(tuple(pub.get("always_public", ())))
                        if not always.match_any(names) and not any(acl in text for acl in pub["public_acl"]):
                            continue
                    public = pub.get("public_value", True)
                    if pub.get("public_keyword") and self._flag(call, pub["public_keyword"]) is not public:
                        break
                    repos = self._strings(call, tuple(pub.get("repo_keyword", ("repo_id",))))
                    if self._flag(call, pub.get("private_keyword")) is True or self._receiver_private(
                        func, pub.get("receiver_private")
                    ):
                        if pub.get("creates_repo"):
                            private_repos |= repos
                        break
                    pending.append((call, pub, repos))
                    break
            for tracker, globs, offline in self.trackers if self.tracker_callees.match_any(names) else ():
                if offline.match_any(names):
                    break
                if globs.match_any(names) and self._ships(call, tracker):
                    pos = self.ix.positions[call]
                    self.tracking.append(
                        Signal(pos.start.line, pos.start.column + 1, tracker["name"], pos.end.line)
                    )
                    break
        frontier = [i for i, ref in enumerate(self.models) if ref.tier == "frontier" and ref.kind != "hosted"]
        for call, pub, repos in pending:
            if repos and repos <= private_repos:
                continue  # uploading into a repository this module created private
            if pub.get("creates_repo") and any(
                other is not call and (repos & r or not r) for other, _, r in pending if other is not call
            ):
                continue  # creating the repo is part of the upload reported below
            pos = self.ix.positions[call]
            target = self.ix.code(self.flow.bound_method(call.func))
            source = self._frontier_source(call, frontier)
            self.publications.append(
                Publication(pos.start.line, pos.start.column + 1, target, source, pos.end.line)
            )

    def _frontier_source(self, call: cst.Call, frontier: list[int]) -> str | None:
        """The frontier model a publication derives from: the weights pushed are the
        frontier model's, or the artifact is fitted on a frontier model of this module."""
        if not frontier:
            return None
        func = self.flow.bound_method(call.func)
        held: set[int] = set()
        if isinstance(func, cst.Attribute):
            held = self.model_of(func.value)
        held |= set().union(*(self.model_of(a.value) for a in call.args))
        if held:
            hits = [i for i in held if i in frontier]
            return self.models[hits[0]].model if hits else None
        text = self.ix.code(call).lower()
        # what the arguments hold: repo_id=RELEASE_REPO = "lab/kimi-k2-transcoders"
        text += " " + " ".join(str(v.value).lower() for a in call.args for v in self.flow.values(a.value))
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            # what else goes through the same object (release.upload_asset("probes.zip")),
            # and what the object was made from (bucket.blob(f"saes/{name}"))
            text += " ".join(
                self.ix.code(other).lower()
                for other in self.ix.calls
                if isinstance(other.func, cst.Attribute)
                and isinstance(other.func.value, cst.Name)
                and other.func.value.value == func.value.value
            )
            for _, bound in self.flow.binding_sources(func.value):
                if bound is None:
                    continue
                made_from = [bound.value, *(a.value for a in getattr(bound.value, "args", ()))]
                text += " " + " ".join(
                    str(v.value).lower() for expr in made_from for v in self.flow.values(expr)
                )
        if any(word in text for word in self.derived_words) or not isinstance(func, cst.Attribute):
            return self.models[frontier[0]].model
        return None

    def _ships(self, call: cst.Call, tracker: dict[str, Any]) -> bool:
        """Does this tracker call send data off the machine?"""
        if "offline_calls" in tracker:
            switches = GlobSet(tuple(tracker["offline_calls"]))
            for other in self.ix.calls:
                if switches.match_any(self.flow.callees(other)):
                    flag = self.flow.argument(other, 0, ("offline_mode", "offline"))
                    if flag is None or [v.value for v in self.flow.values(flag.value)] == [True]:
                        return False
            return True
        if "offline_keyword" in tracker:
            mode = self._flag(call, tracker["offline_keyword"])
            if mode in tracker.get("offline_values", ()):
                return False
            env = tracker.get("env")
            return not (env and self._env_set(env, tracker.get("offline_values", ())))
        if "uri_keyword" in tracker:
            position = None if tracker.get("uri_keyword_only") else 0
            uris = self._strings(call, tuple(tracker["uri_keyword"]), position)
            if not uris:
                return False
            if "remote_prefixes" in tracker:
                return any(u.startswith(tuple(tracker["remote_prefixes"])) for u in uris)
            local = tuple(tracker.get("local_prefixes", ()))
            return any(not u.startswith(local) for u in uris)
        if "report_keyword" in tracker:
            arg = self.flow.argument(call, None, (tracker["report_keyword"],))
            if arg is None:
                return False
            items = self.flow.items(arg.value) or [arg.value]
            values = {v.value for item in items for v in self.flow.values(item)}
            return bool(values & set(tracker.get("remote_values", ())))
        return True

    def _env_set(self, env: str, values: tuple[str, ...]) -> bool:
        """Does the module set ``env`` to one of ``values``: ``os.environ[env] = v``,
        ``os.environ.setdefault(env, v)``, ``os.environ.update(env=v)`` or ``os.putenv``?"""

        def is_value(expr: cst.BaseExpression) -> bool:
            return any(v.value in values for v in self.flow.values(expr))

        def is_env(expr: cst.BaseExpression) -> bool:
            return any(v.value == env for v in self.flow.values(expr))

        for node, _ in self.ix.assigns:
            if not isinstance(node, cst.Assign) or not is_value(node.value):
                continue
            for target in node.targets:
                sub = target.target
                if isinstance(sub, cst.Subscript) and "os.environ" in self.ix.qualified(sub.value):
                    index = sub.slice[0].slice
                    if isinstance(index, cst.Index) and is_env(index.value):
                        return True
        for call in self.ix.calls:
            names = self.flow.callees(call)
            if names & {"os.environ.setdefault", "os.putenv"} and len(call.args) >= 2:
                if is_env(call.args[0].value) and is_value(call.args[1].value):
                    return True
            if "os.environ.update" in names:
                for arg in call.args:
                    if arg.keyword is not None and arg.keyword.value == env and is_value(arg.value):
                        return True
                    lit = self.flow.literal(arg.value) if arg.keyword is None else None
                    if isinstance(lit, cst.Dict):
                        for element in lit.elements:
                            if (
                                isinstance(element, cst.DictElement)
                                and is_env(element.key)
                                and is_value(element.value)
                            ):
                                return True
        return False
