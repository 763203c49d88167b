"""The pre-filter: which Python files can produce a finding at all.

libcst with scope metadata costs about 100 times CPython's ``ast`` per file, so it runs
only where a finding is possible. Every finding starts at a use of an API in the policy
(a loader, builder, harness, publisher, tracker or compression call) or of a method named
there (``push_to_hub``): a call, or a reference the analysis follows to a call
(``fn = transformers.pipeline``, ``partial(load_dataset, ...)``). Such a use needs, in
the file's code:

1. an import of the API's top-level module, and a token of that API (the last fixed
   segment of its name) where a use can stand: before ``(``, ``,``, ``)``, a bracket,
   ``;``, ``as`` (``from datasets import load_dataset as ld``: the call is then
   spelt ``ld(``), a conditional or the end of the line; for an API that ends in a
   wildcard, ``torch.nn.utils.prune.*``, that segment as a word anywhere, since the call
   itself can be spelt ``prune.l1_unstructured(`` or, imported, ``l1_unstructured(``: a
   cheap regex over the raw text;
2. confirmed by ``ast`` (comments and docstrings do not count): a real call whose name,
   resolved through the file's imports, matches the API, or a reference to it outside a
   call; or, for calls on objects (``client.chat.completions.create``), a call or a
   reference whose attribute is that segment.

Derived from the policy data, so a new API in ``rules/`` cannot be missed. A file that
passes the first stage but that ``ast`` cannot parse raises :class:`Unparsable` (IL902).
"""

from __future__ import annotations

import ast
import fnmatch
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from interp_lint.policy import Policy
from interp_lint.policy.globs import GlobSet

# After an API's name, what makes it a use rather than prose: a call, an argument or item,
# an import alias, a conditional, or the end of a statement.
_USE = r"(?:\s*[(,)\]};]|[ \t]+(?:as|if|else|or|and)\b|[ \t]*(?:#[^\n]*)?$)"

# Method calls that suggest a training loop (loss.backward(), optimizer.step(), trainer.train()).
TRAINING_METHODS = {"backward", "step", "train", "fit"}


def _dotted(func: ast.expr, aliases: dict[str, str]) -> str | None:
    parts: list[str] = []
    node: Any = func
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if isinstance(node, ast.Name) and node.id in aliases:
        return ".".join([aliases[node.id], *parts])
    return None


def _catalog_names(policy: Policy) -> set[str]:
    data = policy.extra.get("benchmarks", {})
    names: set[str] = set()
    for entry in data.get("benchmark", ()):
        names |= {d.lower() for d in entry.get("datasets", ())}
        names |= {t.lower() for t in entry.get("tasks", ()) if "*" not in t}
    return names


def _api_globsets(policy: Policy) -> list[GlobSet]:
    """Every API of the policy, with its exclusions (AutoTokenizer is not a model loader)."""
    sets = [loader.callee for loader in policy.loaders] + [builder.callee for builder in policy.builders]
    extra = policy.extra
    compression = extra.get("compression", {}).get("compression", {})
    sets.append(GlobSet(tuple(compression.get("callee", ())), tuple(compression.get("exclude", ()))))
    rest = [g for g in _api_globs(policy) if not any(g in s.include for s in sets)]
    return [*sets, GlobSet(tuple(rest))]


def _api_globs(policy: Policy) -> list[str]:
    globs: list[str] = []
    for loader in policy.loaders:
        globs += loader.callee.include
    for builder in policy.builders:
        globs += builder.callee.include
    extra = policy.extra
    for harness in extra.get("harnesses", {}).get("harness", ()):
        globs += harness["callee"]
    globs += [f"{p}.*" for p in extra.get("harnesses", {}).get("task_modules", {}).get("prefixes", ())]
    publishers = extra.get("publishers", {})
    for entry in (*publishers.get("publisher", ()), *publishers.get("tracker", ())):
        globs += entry.get("callee", ())
    globs += extra.get("compression", {}).get("compression", {}).get("callee", ())
    return globs


def _methods(policy: Policy) -> tuple[set[str], dict[str, set[str]]]:
    """Method names that start a finding on any object: those that do by themselves
    (``push_to_hub``), and those that do only with a keyword, by the keywords that make
    them (``save`` publishes with ``save_to_hf_hub=True``; ``torch.save`` does not)."""
    extra = policy.extra
    names: set[str] = set()
    gated: dict[str, set[str]] = defaultdict(set)
    for entry in extra.get("publishers", {}).get("publisher", ()):
        for method in entry.get("methods", ()):
            if entry.get("public_keyword"):
                gated[method].add(entry["public_keyword"])
            else:
                names.add(method)
    names |= set(extra.get("compression", {}).get("compression", {}).get("methods", ()))
    return names, dict(gated)


def _quoted(words: list[str], prefix: str = "(?:[^\"'\\s]*/)?") -> re.Pattern[str] | None:
    """A word at the start of a string literal (a program may come with its path)."""
    if not words:
        return None
    return re.compile(rf"[\"']{prefix}(?:{'|'.join(map(re.escape, words))})(?=[\s\"'=])")


def _programs(shell: dict[str, Any]) -> set[str]:
    """Every program the command-line facts read."""
    found = {
        *shell.get("launchers", ()),
        *shell.get("training_programs", ()),
        *shell.get("eval_programs", ()),
        *shell.get("positional_model", {}),
        *shell.get("positional_tasks", {}),
    }
    for entry in (*shell.get("publish", ()), *shell.get("track", ())):
        found |= set(entry.get("program", ()))
    return found


def _on_objects(glob: str) -> bool:
    """Does the API hang off an object (``openai.*.chat.completions.create``,
    ``huggingface_hub.HfApi.upload_folder``) rather than a module (``torch.hub.load``)?
    Calls on objects cannot be resolved from the text, so their last segment decides."""
    inner = glob.split(".")[1:-1]
    return any("*" in part or part[:1].isupper() for part in inner)


def _token(glob: str) -> str:
    """The last segment of an API name that is spelt in a call (``*Trainer`` keeps ``Trainer``;
    a leading ``*`` makes it a suffix, marked by a leading ``*`` in the token)."""
    parts = [p for p in glob.split(".")[1:] if p.strip("*")]
    if not parts:
        return ""
    last = parts[-1]
    core = last.strip("*").split("*")[-1]
    return f"*{core}" if last.startswith("*") else core


def _calls_and_imports(tree: ast.AST) -> tuple[list[ast.Call], list[ast.stmt], list[ast.expr]]:
    """``ast.walk``, specialised (the same nodes in the same breadth-first order, so a name
    imported twice resolves as before) at half its cost: calls, imports, and the
    names and attributes that are neither a call's function nor part of a longer chain
    (``torch.nn`` in ``torch.nn.Linear``)."""
    calls: list[ast.Call] = []
    imports: list[ast.stmt] = []
    references: list[ast.expr] = []
    inner: set[int] = set()  # called functions, and the heads of attribute chains
    queue = [tree]
    for node in queue:  # the queue grows while it is read
        kind = type(node)
        # The commonest nodes first, with only the fields that can hold nodes (a name's
        # context, ``Load()``, is a node too, one per name): a third of the walk.
        if kind is ast.Name:
            if id(node) not in inner:
                references.append(node)  # type: ignore[arg-type]
            continue
        if kind is ast.Constant:
            continue
        if kind is ast.Attribute:
            inner.add(id(node.value))  # type: ignore[attr-defined]
            if id(node) not in inner:
                references.append(node)  # type: ignore[arg-type]
            queue.append(node.value)  # type: ignore[attr-defined]
            continue
        if kind is ast.Call:
            calls.append(node)  # type: ignore[arg-type]
            inner.add(id(node.func))  # type: ignore[attr-defined]
        elif kind is ast.Import or kind is ast.ImportFrom:
            imports.append(node)  # type: ignore[arg-type]
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                queue.extend(item for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST):
                queue.append(value)
    return calls, imports, references


def _lines_with(text: str, words: tuple[str, ...]) -> list[int]:
    """Where the lines that contain one of the words start, in order. A pattern anchored
    at line starts (``^`` in multi-line mode) is tried by the regex engine at every
    character; trying it only at these lines finds the same matches in a third of the
    time."""
    starts: set[int] = set()
    for word in words:
        at = text.find(word)
        while at != -1:
            starts.add(text.rfind("\n", 0, at) + 1)
            at = text.find(word, at + len(word))
    return sorted(starts)


class _Words:
    """Whole words, the first one matched by a regex only once a plain substring test
    has seen a word. A pattern that begins with ``\\b`` defeats the regex engine's
    literal search: on the benchmark corpus that one gate cost 0.87 s, the substring
    test 0.01 s."""

    def __init__(self, words: Iterable[str], after: str = "") -> None:
        self.words = tuple(sorted(set(words)))
        alternatives = "|".join(map(re.escape, self.words))
        self.regex = re.compile(rf"\b(?:{alternatives}){after}")

    def search(self, text: str) -> bool:
        return any(w in text for w in self.words) and self.regex.search(text) is not None


class _ObjectTokens:
    """The last segments of APIs on objects (``create`` of ``client.chat.completions.create``;
    ``*Client``, a suffix) that a file's imports make possible: a call or reference whose
    attribute is one of them may be such an API, whatever the object."""

    def __init__(self, tokens: set[str], builder_tokens: set[str]) -> None:
        self.exact = {t for t in tokens if t and not t.startswith("*")}
        self.suffixes = tuple(t[1:] for t in tokens if t.startswith("*"))
        self.builder_tokens = builder_tokens

    def verdict(self, last: str) -> bool | str:
        """True, "builder" when every token it matches is a builder's, or False."""
        if last not in self.exact and not (self.suffixes and last.endswith(self.suffixes)):
            return False
        hits = ({last} & self.exact) | {f"*{s}" for s in self.suffixes if last.endswith(s)}
        return "builder" if hits <= self.builder_tokens else True


class Unparsable(Exception):
    """A file the pre-filter would pass cannot be parsed: IL902, and no libcst."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class Prefilter:
    def __init__(self, policy: Policy) -> None:
        globs = _api_globs(policy)
        self.globsets = _api_globsets(policy)
        self.catalog_names = _catalog_names(policy)
        self.catalog_globs = tuple(
            t.lower()
            for entry in policy.extra.get("benchmarks", {}).get("benchmark", ())
            for t in entry.get("tasks", ())
            if "*" in t
        )
        harness = [GlobSet(tuple(h["callee"])) for h in policy.extra.get("harnesses", {}).get("harness", ())]
        self.harnesses = harness
        self.builders = [b.callee for b in policy.builders]
        other_tokens = {_token(g) for g in globs if not any(g in b.callee.include for b in policy.builders)}
        self.builder_tokens = {_token(g) for b in policy.builders for g in b.callee.include} - other_tokens
        self.loaders = [loader.callee for loader in policy.loaders]
        t = policy.training
        self.training = GlobSet(
            t.optimizers.include + t.trainers.include + t.engines.include + t.accelerate_prepare.include
        )
        by_root: dict[str, set[str]] = defaultdict(set)
        on_objects: dict[str, set[str]] = defaultdict(set)
        words_by_root: dict[str, set[str]] = defaultdict(set)
        for glob in globs:
            root = glob.split(".", 1)[0]
            if glob.endswith(".*") and _token(glob[:-2]):
                words_by_root[root].add(_token(glob[:-2]))
            else:
                by_root[root].add(_token(glob))
            if _on_objects(glob):
                on_objects[root].add(_token(glob))
        self.words_by_root = {root: frozenset(words) for root, words in words_by_root.items()}
        self.tokens_by_root = {root: tokens - {""} for root, tokens in by_root.items()}
        self.object_tokens = {root: tokens - {""} for root, tokens in on_objects.items()}
        self.bare_roots = {root for root, tokens in by_root.items() if "" in tokens}
        self.methods, self.keyword_methods = _methods(policy)
        # Commands run from Python (subprocess.run(["lm_eval", ...])): a process call, and a
        # program the command-line facts know, written at the start of a string literal.
        shell = policy.extra.get("config-keys", {}).get("shell", {})
        self.process_calls = GlobSet(tuple(shell.get("process_calls", ())))
        self.process_roots = {g.split(".", 1)[0] for g in self.process_calls.include}
        # A launcher (python, torchrun) matters only with a model or task flag in a string.
        launchers = set(shell.get("launchers", ())) - set(shell.get("eval_programs", ()))
        self._program_re = _quoted(sorted(_programs(shell) - launchers))
        self._launcher_re = _quoted(sorted(launchers))
        flags = [*shell.get("model_flags", ()), *shell.get("kv_flags", ()), *shell.get("task_flags", ())]
        self._flag_re = _quoted(sorted(flags), prefix="")
        roots = "|".join(sorted(map(re.escape, set(by_root) | set(words_by_root) | self.process_roots)))
        self._imports = re.compile(rf"^[ \t]*(?:from[ \t]+({roots})\b|import[ \t]+([^\n#]*))", re.MULTILINE)
        self._root_word = re.compile(rf"\b({roots})\b")
        self._methods_re = (
            re.compile(rf"\.({'|'.join(map(re.escape, sorted(self.methods)))}){_USE}", re.MULTILINE)
            if self.methods
            else None
        )
        gate_words = sorted({k for keywords in self.keyword_methods.values() for k in keywords})
        self._keywords = _Words(gate_words, after=r"\s*=") if gate_words else None
        self._token_re: dict[frozenset[str], re.Pattern[str]] = {}
        self._word_search: dict[frozenset[str], _Words] = {}
        self._verdicts: dict[str, bool | str] = {}

    # -- stage 1: text ------------------------------------------------------------
    def _imported_roots(self, text: str) -> set[str]:
        found: set[str] = set()
        for start in _lines_with(text, ("import", "from")):
            match = self._imports.match(text, start)
            if match is None:
                continue
            if match[1]:
                found.add(match[1])
            elif match[2]:
                found |= set(self._root_word.findall(match[2]))
        return found

    def _uses(self, tokens: frozenset[str], text: str) -> bool:
        """Is a token spelt where a use can stand? A whole word (``payload,`` is not a use
        of ``load``), but a suffix token (``*ForCausalLM``) ends a longer name. The word
        start is checked here: a look-behind in the pattern would defeat the regex
        engine's search and triple its time."""
        pattern = self._token_re.get(tokens)
        if pattern is None:
            words = sorted({t.lstrip("*") for t in tokens})
            pattern = re.compile(rf"({'|'.join(map(re.escape, words))}){_USE}", re.MULTILINE)
            self._token_re[tokens] = pattern
        suffixes = {t[1:] for t in tokens if t.startswith("*")}
        for match in pattern.finditer(text):
            start = match.start()
            if (
                match[1] in suffixes
                or start == 0
                or not (text[start - 1].isalnum() or text[start - 1] == "_")
            ):
                return True
        return False

    def _words(self, words: frozenset[str]) -> _Words:
        found = self._word_search.get(words)
        if found is None:
            found = self._word_search[words] = _Words(words, after=r"\b")
        return found

    def text_gate(self, text: str) -> set[str] | None:
        """The imported API roots whose call tokens appear, or None when nothing can match."""
        roots = self._imported_roots(text)
        live = {r for r in roots if r in self.bare_roots}
        tokens = frozenset(t for r in roots for t in self.tokens_by_root.get(r, ()))
        if tokens and self._uses(tokens, text):
            live |= roots
        words = frozenset(w for r in roots for w in self.words_by_root.get(r, ()))
        if words and not live and self._words(words).search(text):
            live |= roots
        if self._runs_commands(text, roots):
            live |= roots & self.process_roots
        method_hit = (self._methods_re is not None and self._methods_re.search(text) is not None) or (
            self._keywords is not None and self._keywords.search(text)
        )
        if not live and not method_hit:
            return None
        return live or roots

    def _runs_commands(self, text: str, roots: set[str]) -> bool:
        if not roots & self.process_roots:
            return False
        if self._program_re is not None and self._program_re.search(text):
            return True
        return bool(
            self._launcher_re is not None
            and self._flag_re is not None
            and self._launcher_re.search(text)
            and self._flag_re.search(text)
        )

    # -- stage 2: ast ---------------------------------------------------------------
    def could_matter(self, text: str) -> bool:
        roots = self.text_gate(text)
        if roots is None:
            return False
        try:
            tree = ast.parse(text)
        except SyntaxError as exc:
            if "f-string" in (exc.msg or "") and sys.version_info < (3, 12):
                # Python 3.12's f-strings (quotes reused inside braces), which older
                # interpreters' ast rejects and libcst reads: libcst decides.
                return True
            # The file could matter but is not Python this interpreter reads: report it
            # from here; libcst's native parser must not see it (deep nesting crashes it).
            raise Unparsable(f"syntax error ({exc.msg})", exc.lineno or 1) from None
        except (ValueError, RecursionError, MemoryError) as exc:
            raise Unparsable(f"cannot parse: {type(exc).__name__}", 1) from None
        aliases: dict[str, str] = {}
        calls, imports, references = _calls_and_imports(tree)
        for node in imports:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".")[0]
                        aliases[head] = head
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        objects = _ObjectTokens(
            {t for r in roots for t in self.object_tokens.get(r, ())}, self.builder_tokens
        )
        commands = self._runs_commands(text, roots)
        builders_only = False
        for call in calls:
            if commands and self.process_calls.match(_dotted(call.func, aliases) or ""):
                return True
            verdict = self._call_matters(call, aliases, objects)
            if verdict is True:
                return True
            builders_only = builders_only or verdict == "builder"
        for reference in references:
            verdict = self._reference_matters(reference, aliases, objects)
            if verdict is True:
                return True
            builders_only = builders_only or verdict == "builder"
        # A model built from a config matters only if something in the file trains.
        return builders_only and any(self._trains(call, aliases) for call in calls)

    def _trains(self, call: ast.Call, aliases: dict[str, str]) -> bool:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in TRAINING_METHODS:
            return True
        name = _dotted(func, aliases)
        return name is not None and self.training.match(name)

    def _call_matters(self, call: ast.Call, aliases: dict[str, str], objects: _ObjectTokens) -> bool | str:
        """True when the call can start a finding; "builder" when it builds a model from a
        config (which matters only next to training); False otherwise."""
        parts: list[str] = []
        node: Any = call.func
        while isinstance(node, ast.Attribute):
            parts.insert(0, node.attr)
            node = node.value
        last = parts[-1] if parts else (node.id if isinstance(node, ast.Name) else "")
        if parts and last in self.methods:
            return True
        gates = self.keyword_methods.get(last) if parts else None
        if gates and any(k.arg in gates for k in call.keywords):
            return True
        if isinstance(node, ast.Name) and node.id in aliases:
            # An imported name: its full name decides (torch.load is not torch.hub.load).
            name = ".".join([aliases[node.id], *parts])
            verdict = self._api_verdict(name)
            return False if verdict and self._uncatalogued(name, call) else verdict
        # A method on an object whose type the text cannot tell (client.chat.completions.create)
        return objects.verdict(last) if parts else False

    def _reference_matters(
        self, node: ast.expr, aliases: dict[str, str], objects: _ObjectTokens
    ) -> bool | str:
        """An API named but not called here (``fn = transformers.pipeline``): the analysis
        follows it to wherever it is called, so the file matters; a model class named
        (``class Mine(LlamaModel)``, ``cls = AutoModel``) is a builder, which matters only
        next to training, as a call of it would."""
        if type(node) is ast.Name:
            name = aliases.get(node.id)  # type: ignore[attr-defined]
            return False if name is None else self._api_verdict(name)
        last = node.attr  # type: ignore[attr-defined]
        if last in self.methods:
            return True
        name = _dotted(node, aliases)
        verdicts = {objects.verdict(last), False if name is None else self._api_verdict(name)}
        return True if True in verdicts else ("builder" if "builder" in verdicts else False)

    def _api_verdict(self, name: str) -> bool | str:
        """Does this full name match an API: True, "builder" (a model built from a config),
        or False. Remembered: the same names recur in every file."""
        found = self._verdicts.get(name)
        if found is None:
            found = False
            if any(g.match(name) for g in self.globsets):
                builder = any(b.match(name) for b in self.builders)
                found = "builder" if builder and not any(g.match(name) for g in self.loaders) else True
            if len(self._verdicts) >= 50_000:
                self._verdicts.clear()
            self._verdicts[name] = found
        return found

    def _uncatalogued(self, name: str, call: ast.Call) -> bool:
        """A harness or dataset call whose first argument is a literal outside the catalog."""
        if not any(h.match(name) for h in self.harnesses) or not call.args:
            return False
        first = call.args[0]
        if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
            return False
        names = {part.strip().lower() for part in first.value.split(",")}
        return not any(
            n in self.catalog_names or any(fnmatch.fnmatchcase(n, p) for p in self.catalog_globs)
            for n in names
        )
