"""Facts from configuration documents (YAML, JSON, TOML): training recipes, evaluation
task lists, publication settings, and the shell steps of CI workflows.

Every document is flattened into :class:`Entry` records (key, value, line) by a reader
that keeps positions: YAML node marks; for JSON, the C parser plus a scan of the text's
string tokens for key offsets; and key lines found in the TOML text.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from interp_lint.facts.model import (
    BenchmarkUse,
    Publication,
    Signal,
    Step,
    TrainingUse,
    UnitFacts,
)
from interp_lint.facts.shell import ALTERNATIVES, ShellFacts, unresolved

if TYPE_CHECKING:
    from interp_lint.context import Context

# libyaml's safe loader when PyYAML has it (about 10x faster), else the pure-Python one.
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INTERPOLATION = re.compile(r"\$\{[^}]*\}|\{\{[^}]*\}\}")
# ${oc.env:VAR,default} (OmegaConf) and ${VAR:-default} (compose): the default when unset.
_DEFAULTED = re.compile(r"\$\{(?:oc\.env:[^,}]+,|[A-Za-z_][A-Za-z0-9_]*:-)([^}]*)\}")


class Entry(NamedTuple):
    """One key of a document (a tuple: data files hold hundreds of thousands)."""

    path: tuple[str, ...]
    key: str
    value: Any
    line: int
    column: int
    block: bool = False  # a YAML block scalar: its text starts on the next line
    item: bool = False  # one item of a list (the list itself is also an entry)


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag.endswith(":bool"):
        return node.value.lower() in {"true", "yes", "on"}
    if node.tag.endswith(":int"):
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return node.value
    if node.tag.endswith(":float"):
        try:
            return float(node.value)
        except ValueError:
            return node.value
    if node.tag.endswith(":null"):
        return None
    return node.value


def yaml_entries(text: str) -> list[Entry]:
    """Entries of every document in a YAML (or JSON) text. Safe loading only.

    Aliases share their anchor's node: each node is converted and walked once, so a
    document of nested aliases (a "billion laughs") costs its size, not its expansion.
    """
    out: list[Entry] = []
    plain_of: dict[int, Any] = {}
    walked: set[int] = set()

    def plain(node: yaml.Node) -> Any:
        known = plain_of.get(id(node), plain_of)
        if known is not plain_of:
            return known
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            plain_of[id(node)] = items  # before the items: an alias may point back here
            items.extend(plain(n) for n in node.value)
            return items
        if isinstance(node, yaml.MappingNode):
            table: dict[str, Any] = {}
            plain_of[id(node)] = table
            for k, v in node.value:
                table[str(plain(k))] = plain(v)
            return table
        value = plain_of[id(node)] = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        return value

    def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
        if id(node) in walked:
            return
        walked.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(plain(key_node))
                mark = key_node.start_mark
                if isinstance(value_node, yaml.ScalarNode) and value_node.style in {"|", ">"}:
                    line = value_node.start_mark.line + 1
                    out.append(Entry(path, key, value_node.value, line, mark.column + 1, True))
                else:
                    out.append(Entry(path, key, plain(value_node), mark.line + 1, mark.column + 1))
                walk(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, str(i)))
                if isinstance(item, yaml.ScalarNode) and path:
                    m = item.start_mark
                    block = item.style in {"|", ">"}
                    out.append(
                        Entry(path, path[-1], _scalar(item), m.line + 1, m.column + 1, block, item=True)
                    )

    for document in yaml.compose_all(text, Loader=SAFE_LOADER):
        if document is not None:
            walk(document, ())
    return out


def _keys(
    value: Any, path: tuple[str, ...], pairs: Callable[[Any], Iterable[tuple[str, Any]]]
) -> Iterator[tuple[tuple[str, ...], str, Any]]:
    """(path, key, value) of every key of nested tables and lists, depth first, in
    document order; list items add their index to the path."""
    if isinstance(value, dict):
        for key, inner in pairs(value):
            yield path, key, inner
            if isinstance(inner, dict | list):
                yield from _keys(inner, (*path, key), pairs)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict | list):
                yield from _keys(item, (*path, str(i)), pairs)


# A JSON string token. Outside strings JSON has no quotes, so scanning tokens from the
# start never starts inside a string; a token followed by ``:`` is a key.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?')


class _Pairs(dict[str, Any]):
    """A JSON object that also keeps its pairs in order, duplicates included."""

    pairs: list[tuple[str, Any]]


def _pairs(items: list[tuple[str, Any]]) -> _Pairs:
    obj = _Pairs(items)
    obj.pairs = items
    return obj


def json_entries(text: str) -> list[Entry]:
    """Entries of a JSON document: parsed by the C decoder (composing multi-megabyte data
    files as YAML nodes took seconds), positioned by the textual order of keys, which is
    the order a depth-first walk of the parsed objects meets them."""
    data = json.loads(text, object_pairs_hook=_pairs)
    keys = (m.start() for m in _JSON_STRING.finditer(text) if m[1])
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out: list[Entry] = []
    for path, key, inner in _keys(data, (), lambda obj: obj.pairs):
        offset = next(keys, 0)
        line = bisect_right(line_starts, offset)
        out.append(Entry(path, key, inner, line, offset - line_starts[line - 1] + 1))
    return out


def toml_entries(text: str, data: dict[str, Any]) -> list[Entry]:
    """Entries of a parsed TOML document, each with the line its key is written on."""
    lines = text.splitlines()
    table_lines: dict[tuple[str, ...], int] = {(): 0}
    for number, raw in enumerate(lines):
        header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", raw)
        if header:
            path = tuple(p.strip().strip('"') for p in header[1].split("."))
            table_lines.setdefault(path, number)
    out: list[Entry] = []

    def key_line(path: tuple[str, ...], key: str) -> int:
        if path and path not in table_lines:
            return key_line(path[:-1], path[-1])  # a key of an inline table: its table's line
        start = table_lines.get(path, 0)
        pattern = re.compile(rf'^\s*(?:"{re.escape(key)}"|{re.escape(key)})\s*=')
        for number in range(start, len(lines)):
            if pattern.match(lines[number]):
                return number + 1
        return start + 1

    for path, key, inner in _keys(data, (), dict.items):
        if not isinstance(inner, dict):
            out.append(Entry(path, key, inner, key_line(path, key), 1))
    return out


def _strings(value: Any, limit: int = 10_000) -> list[str]:
    """The comma-separated strings of a value and its nested lists, in order; a list
    shared through aliases is read once."""
    out: list[str] = []
    seen: set[int] = set()
    stack = [value]
    while stack and len(out) < limit:
        item = stack.pop()
        if isinstance(item, str):
            out.extend(part.strip() for part in item.split(",") if part.strip())
        elif isinstance(item, list) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(reversed(item))
    return out


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "", "false", "False", "no", "none", "None", [])


class ConfigFacts:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.keys: dict[str, Any] = context.policy.extra.get("config-keys", {}).get("config", {})
        self._sets: dict[str, frozenset[str]] = {}
        self._gate: re.Pattern[str] | None = None

    def _set(self, name: str) -> frozenset[str]:
        found = self._sets.get(name)
        if found is None:
            found = self._sets[name] = frozenset(self.keys.get(name, ()))
        return found

    def could_matter(self, text: str) -> bool:
        """A document can only yield facts through one of the policy's keys, spelt as a
        key (followed by ``:`` or ``=``); data files without any are not parsed."""
        if self._gate is None:
            names: set[str] = set()
            for group in (
                "model_keys",
                "task_keys",
                "dataset_keys",
                "push_keys",
                "hub_keys",
                "tracker_keys",
                "tracker_switch_keys",
                "component_keys",
                "intervention_keys",
                "shell_keys",
            ):
                names |= self._set(group)
            names |= {"model_args", "uses", "command", "entrypoint"}
            names |= {table.rsplit(".", 1)[-1] for table in self.keys.get("command_tables", ())}
            words = "|".join(sorted(map(re.escape, names)))
            key = rf"(?:^|[\s{{,\[\"'])(?:{words})[\"']?\s*[:=]"
            table = rf"^\s*\[\[?[^\]\n]*\b(?:{words})\s*\]"  # TOML: [model]
            self._gate = re.compile(f"{key}|{table}", re.MULTILINE)
        return self._gate.search(text) is not None

    def extract(self, all_entries: list[Entry], workflow: bool) -> UnitFacts:
        facts = UnitFacts()
        entries = [e for e in all_entries if not e.item]
        top = {e.key for e in entries if not e.path}
        if any(top >= set(marker) for marker in self.keys.get("output_documents", ())):
            return facts  # a results file echoes configs; it runs nothing
        # Data files hold hundreds of thousands of entries: each pass below runs only if
        # the keys it looks for are present.
        present = {e.key for e in entries}
        model_keys = self._set("model_keys") - self._set("not_model_keys")
        frozen_keys = {"teacher_model", "teacher_model_name_or_path", "reward_model", "ref_model"}
        section_keys = self._set("model_section_keys")
        training_keys, freeze_keys = self._set("training_keys"), self._set("freeze_keys")
        trainable: list[int] = []
        for e in entries if present & (model_keys | section_keys | {"model_args"}) else ():
            if e.key == "model_args" and isinstance(e.value, str):
                for pair in e.value.split(","):
                    k, _, v = pair.partition("=")
                    if k.strip() in {"pretrained", "model"} and v.strip():
                        self._model(facts, e, v.strip())
            elif (
                (e.key in model_keys or (e.path and e.path[-1] in model_keys and e.key in section_keys))
                and isinstance(e.value, str)
                and e.value.strip()
                and not any(part.isdigit() for part in e.path)  # an item of a list: a registry
            ):
                index = self._model(facts, e, e.value.strip())
                if e.key not in frozen_keys and not (e.path and e.path[-1] in frozen_keys):
                    trainable.append(index)
        trains = bool(present & training_keys) and any(
            e.key in training_keys and _truthy(e.value) for e in entries
        )
        # freeze: true at the top or in the model's section (a frozen probe freezes the probe)
        frozen = bool(present & freeze_keys) and any(
            e.key in freeze_keys and e.value is True and (not e.path or e.path[-1] in model_keys | {"model"})
            for e in entries
        )
        scratch_keys = self._set("scratch_keys")
        scratch = bool(present & scratch_keys) and any(
            e.key in scratch_keys and e.value in (None, "") for e in entries
        )
        if trains and not frozen:
            signal = next(e for e in entries if e.key in training_keys and _truthy(e.value))
            for index in trainable:
                ref = facts.models[index]
                if scratch:
                    ref.kind = "built"  # the architecture by name, random weights
                step = Step(
                    signal.line, signal.column, f"training setting `{signal.key}` in the same document"
                )
                facts.training.append(TrainingUse(index, "training recipe", ref.line, ref.column, (step,)))
        if trains and not frozen and trainable:
            self._internals_losses(facts, entries)
        self._task_commands(facts, entries)
        if "services" in top:
            self._compose_services(facts, entries)
        if present & (self._set("task_keys") | self._set("dataset_keys")):
            self._benchmarks(facts, entries, [e for e in all_entries if e.item])
        if present & self._set("intervention_keys"):
            self._interventions(facts, entries)
        if present & (self._set("push_keys") | self._set("hub_keys")):  # what a publication names
            self._publications(facts, entries)
        tracking = ("tracker_switch_keys", "component_keys", "tracker_keys")
        if present & frozenset().union(*map(self._set, tracking)):
            self._trackers(facts, entries)
        if workflow:
            self._workflow_steps(facts, all_entries)
        return facts

    def _internals_losses(self, facts: UnitFacts, entries: list[Entry]) -> None:
        """A loss section of a training config with a term named for, or computed from, the
        model's internals (``probe_evasion = { source = "probe" }``): IL204."""
        sections, words = self._set("loss_sections"), self._set("internals_words")
        terms: dict[str, tuple[Entry, list[str]]] = {}  # term -> (where it starts, its words)
        for e in entries:
            if not e.path or e.path[0] not in sections or len(e.path) > 2:
                continue
            term = e.key if len(e.path) == 1 else e.path[1]
            values = e.value.values() if isinstance(e.value, dict) else [e.value]
            texts = [term, e.key, *(v for v in values if isinstance(v, str))]
            first, seen = terms.get(term, (e, []))
            terms[term] = (min(first, e, key=lambda x: x.line), seen + texts)
        for term, (where, texts) in terms.items():
            parts = {w for text in texts for w in re.split(r"[^a-z0-9]+", text.lower())}
            hit = next((w for w in sorted(words) if w in parts or f"{w}s" in parts), None)
            if hit is not None:
                facts.internals_losses.append(
                    Signal(where.line, where.column, f"{term} term ({hit})", where.line)
                )

    def _compose_services(self, facts: UnitFacts, entries: list[Entry]) -> None:
        """Docker Compose services: a service's ``command`` runs in its image, so a serving
        image's arguments (``vllm/vllm-openai`` with ``command: --model M``) load M."""
        images: dict[str, str] = self.keys.get("serving_images", {})
        services = {
            e.path[1]: e.value
            for e in entries
            if len(e.path) == 2 and e.path[0] == "services" and e.key == "image"
        }
        if not services:
            return
        shell = ShellFacts(self.context)
        for e in entries:
            if len(e.path) != 2 or e.path[0] != "services" or e.key not in {"command", "entrypoint"}:
                continue
            words = e.value if isinstance(e.value, list) else None
            text = " ".join(shlex.quote(str(w)) for w in words) if words else str(e.value)
            image = str(services.get(e.path[1], "")).split(":")[0]
            if text.lstrip().startswith("-") and image in images:
                text = f"{images[image]} {text}"  # arguments to the image's own server
            found = shell.extract(text, [e.line] * max(1, len(text.splitlines())))
            found.comments, found.suppressions = [], []
            facts.merge(found)

    def _task_commands(self, facts: UnitFacts, entries: list[Entry]) -> None:
        """Commands of task runners (``[tool.poe.tasks] bench = "lm_eval ..."``), read as
        shell command lines."""
        tables = tuple(self.keys.get("command_tables", ()))
        if not tables:
            return
        command_keys = set(self.keys.get("command_keys", ()))
        heads = {t.split(".", 1)[0] for t in tables}
        shell: ShellFacts | None = None
        for e in entries:
            if not e.path or e.path[0] not in heads:
                continue  # most keys of a data file: not under a task table
            table = ".".join(e.path)
            if not any(fnmatch.fnmatchcase(table, t) for t in tables):
                parent = ".".join(e.path[:-1])
                if e.key not in command_keys or not any(fnmatch.fnmatchcase(parent, t) for t in tables):
                    continue
            for command in [e.value] if isinstance(e.value, str) else _strings_only(e.value):
                shell = shell or ShellFacts(self.context)
                found = shell.extract(command, [e.line] * max(1, len(command.splitlines())))
                found.comments, found.suppressions = [], []  # read once, from the whole file
                facts.merge(found)

    def _interventions(self, facts: UnitFacts, entries: list[Entry]) -> None:
        keys = self._set("intervention_keys")
        for e in entries:
            if e.key in keys and _truthy(e.value) and e.value != {}:
                facts.interventions.append(Signal(e.line, e.column, f"`{e.key}` section", e.line))

    def _model(self, facts: UnitFacts, entry: Entry, value: str) -> int:
        api = f"config key `{entry.key}`"
        value = _DEFAULTED.sub(lambda m: m[1].strip(), value)
        resolved = not _INTERPOLATION.search(value)
        facts.models.append(
            self.context.tiers.literal_ref(entry.line, entry.column, api, value, resolved, value)
        )
        return len(facts.models) - 1

    def _benchmarks(self, facts: UnitFacts, entries: list[Entry], items: list[Entry]) -> None:
        """One finding per benchmark per document, on the list item that names it when
        the reader knows items' lines (YAML), else on the key."""
        catalog = self.context.catalog
        seen: set[str] = set()
        task_keys, dataset_keys = self._set("task_keys"), self._set("dataset_keys")
        items_of: dict[tuple[str, ...], list[Entry]] = {}
        for item in items:
            items_of.setdefault(item.path, []).append(item)
        for entry in entries:
            how = "tasks" if entry.key in task_keys else "datasets" if entry.key in dataset_keys else None
            if how is None:
                continue
            # Items first (their own lines), then the key for what items do not hold.
            placed = items_of.get((*entry.path, entry.key), []) if isinstance(entry.value, list) else []
            for e in (*placed, entry):
                for name in _strings(e.value):
                    bench = catalog.lookup(name, how)
                    if bench is not None and bench.name not in seen:
                        seen.add(bench.name)
                        via = f"`{e.key}: {name}`"
                        facts.benchmarks.append(
                            BenchmarkUse(e.line, e.column, bench.name, bench.tag, via, e.line)
                        )

    def _publications(self, facts: UnitFacts, entries: list[Entry]) -> None:
        private_keys, push_keys, hub_keys = (self._set(n) for n in ("private_keys", "push_keys", "hub_keys"))
        if any(e.key in private_keys and e.value is True for e in entries):
            return
        frontier = next((m.model for m in facts.models if m.tier == "frontier"), None)
        push = [e for e in entries if e.key in push_keys]
        hubs = [e for e in entries if e.key in hub_keys and isinstance(e.value, str) and e.value]
        if push and not any(e.value is True for e in push):
            return  # push_to_hub: false
        if not push and not any(e.key in self._set("hub_push_markers") for e in entries):
            public = any(e.key in private_keys and e.value is False for e in entries)
            sections = self._set("hub_push_sections")
            hubs = [  # a repository named for later, not pushed
                e
                for e in hubs
                if public or e.key in self._set("hub_keys_that_push") or sections & {str(p) for p in e.path}
            ]
        target = next((e for e in push if e.value is True), None) or (hubs[0] if hubs else None)
        if target is not None:
            facts.publications.append(
                Publication(target.line, target.column, f"`{target.key}`", frontier, target.line)
            )

    def _trackers(self, facts: UnitFacts, entries: list[Entry]) -> None:
        offline_keys, offline_values = self._set("offline_keys"), self._set("offline_values")
        if any(e.key in offline_keys and str(e.value).lower() in offline_values for e in entries):
            return
        remote, tracker_keys = self._set("tracker_values"), self._set("tracker_keys")
        switch_keys = self._set("tracker_switch_keys")
        switches = [e for e in entries if e.key in switch_keys]
        if switches and not any(e.value is True for e in switches):
            return  # log_to_wandb: false
        components, classes = self._set("component_keys"), tuple(self._set("tracker_components"))
        offline_sections = {e.path for e in entries if e.key == "offline" and e.value is True}
        for e in entries:
            if e.key in switch_keys and e.value is True:
                facts.trackers.append(Signal(e.line, e.column, f"`{e.key}`", e.line))
                return
            if (
                e.key in components
                and isinstance(e.value, str)
                and e.value.endswith(classes)
                and e.path not in offline_sections
            ):
                facts.trackers.append(Signal(e.line, e.column, f"`{e.value.rsplit('.', 1)[-1]}`", e.line))
                return
            if e.key not in tracker_keys:
                continue
            values = {s.lower() for s in _strings(e.value)}
            if (e.key == "wandb_project" and e.value) or values & remote:
                facts.trackers.append(Signal(e.line, e.column, f"`{e.key}`", e.line))
                return

    def _workflow_steps(self, facts: UnitFacts, entries: list[Entry]) -> None:
        shell = ShellFacts(self.context, ci=True)
        releases = tuple(self.keys.get("release_actions", ()))
        shell_keys = self._set("shell_keys")
        # Variables a step's commands see: `env:` (GitHub) and `variables:` (GitLab) of the
        # workflow, the job and the step, the nearer one winning; YAML merges (`<<`) included.
        scopes = [(e.path, _environment(e.value)) for e in entries if e.key in {"env", "variables"}]
        # on: workflow_call / workflow_dispatch inputs: ${{ inputs.X }} is X's default
        defaults = {
            f"inputs.{e.path[-1]}": str(e.value)
            for e in entries
            if e.key == "default"
            and len(e.path) == 4
            and str(e.path[0]) in {"on", "True"}
            and e.path[2] == "inputs"
            and isinstance(e.value, str | int | float)
        }
        scopes.insert(0, ((), defaults))
        for e in entries:
            if e.key == "matrix" and e.path and e.path[-1] in {"strategy", "parallel"}:
                scopes.append((e.path[:-1], _matrix(e.value)))  # one job per entry
        scopes.sort(key=lambda scope: len(scope[0]))
        release_keys = self._set("release_keys")
        runs: list[tuple[str, list[int], dict[str, str]]] = []
        for e in entries:
            if e.key in release_keys and isinstance(e.value, dict) and "tag_name" in e.value:
                facts.publications.append(Publication(e.line, e.column, f"`{e.key}:` job", None, e.line))
            if e.key == "uses" and isinstance(e.value, str) and e.value.split("@")[0] in releases:
                facts.publications.append(
                    Publication(e.line, e.column, f"release step `{e.value}`", None, e.line)
                )
            if e.key in shell_keys and isinstance(e.value, str):
                first = e.line + (1 if e.block else 0)
                env: dict[str, str] = {}
                for path, values in scopes:
                    if e.path[: len(path)] == path:
                        env.update(values)
                text = _EXPRESSION.sub(partial(_expression, env=env), e.value)
                count = len(e.value.splitlines()) or 1
                runs.append((text, [first + i for i in range(count)], env))
        # A later step (or job) may publish what an earlier one made from a frontier model.
        found = [shell.extract(text, numbers, env=env) for text, numbers, env in runs]
        frontier = next(
            (m.model for step in found for m in step.models if m.tier == "frontier" and m.kind != "hosted"),
            None,
        )
        for i, (text, numbers, env) in enumerate(runs):
            steps = found[i]
            if frontier is not None and steps.publications:
                steps = shell.extract(text, numbers, env=env, frontier=frontier)
            steps.comments, steps.suppressions = [], []  # read once, from the whole file
            facts.merge(steps)


# GitHub expressions in run steps: ${{ env.X }} is the step's variable, anything else
# (inputs, matrix, secrets) is only known when the workflow runs.
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _expression(match: re.Match[str], env: dict[str, str]) -> str:
    expr = match[1]
    name = expr.removeprefix("env.")
    if name != expr and name in env:
        return env[name]
    expr = expr.removeprefix("github.event.")  # github.event.inputs.X, as inputs.X
    unknown = unresolved(match[0].replace(" ", ""))  # shown as written: ${{inputs.model}}
    return env.get(expr, unknown) if expr.startswith(("matrix.", "inputs.")) else unknown


def _matrix(value: Any) -> dict[str, str]:
    """A CI matrix as variables whose value is any of the entries: GitHub's
    ``strategy.matrix`` (read as ``${{ matrix.X }}``), GitLab's ``parallel.matrix``."""
    options: dict[str, list[str]] = {}
    if isinstance(value, dict):  # GitHub
        for key, items in value.items():
            if key not in {"include", "exclude"}:
                for item in items if isinstance(items, list) else [items]:
                    options.setdefault(f"matrix.{key}", []).append(str(item))
    elif isinstance(value, list):  # GitLab
        for entry in value:
            for key, items in entry.items() if isinstance(entry, dict) else ():
                for item in items if isinstance(items, list) else [items]:
                    options.setdefault(key, []).append(str(item))
    return {key: ALTERNATIVES.join(items) for key, items in options.items()}


def _environment(value: Any) -> dict[str, str]:
    """A mapping of variables, with YAML merge keys (``<<: *anchor``) applied first."""
    if not isinstance(value, dict):
        return {}
    out: dict[str, str] = {}
    merged = value.get("<<")
    for base in merged if isinstance(merged, list) else [merged]:
        out.update(_environment(base))
    for key, inner in value.items():
        if key != "<<" and isinstance(inner, str | int | float | bool):
            out[key] = str(inner)
    return out


def _strings_only(value: Any) -> list[str]:
    """The strings of a list value (a composite task: several commands)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
