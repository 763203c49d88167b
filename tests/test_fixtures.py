"""Every fixture file, checked against its inline ``# expect: ILnnn`` marks.

The comparison is exact: a missing finding fails (recall), and so does an extra one
(precision). Files with no marks are near misses that must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from expectations import expected

from interp_lint.config import Settings, load_settings
from interp_lint.context import Context
from interp_lint.discover import discover
from interp_lint.engine import analyse_file, run

REPO_TREES = {"repos"}


def fixture_files() -> list[Path]:
    tasks = discover([FIXTURES], FIXTURES, ())
    return [t.path for t in tasks if t.rel.split("/")[0] not in REPO_TREES]


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture(path: Path) -> None:
    settings = load_settings(path) if "demo-lab" in path.parts else Settings()
    tasks = discover([path], path.parent, ())
    assert len(tasks) == 1
    findings = analyse_file(tasks[0], Context(settings)).findings
    found = {(f.cell, f.line, f.rule) for f in findings if f.suppressed is None}
    assert found == expected(path)


@pytest.mark.parametrize("tree", sorted((FIXTURES / "repos").iterdir()), ids=lambda p: p.name)
def test_repository_tree(tree: Path) -> None:
    """A whole tree: per-file marks, plus repository-level findings listed in EXPECTED (TOML)."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    repo_level = tomllib.loads((tree / "EXPECTED").read_text())["repository"]
    result = run([tree], tree, Context(Settings()))
    found = {(f.path, f.line, f.rule) for f in result.findings if f.suppressed is None}
    want = {(".", 0, rule) for rule in repo_level}
    for task in discover([tree], tree, ()):
        want |= {(task.rel, line, rule) for _, line, rule in expected(task.path)}
    assert found == want


def test_every_rule_has_a_fixture() -> None:
    from interp_lint.policy import load_policy

    marked = {rule for path in FIXTURES.rglob("*") if path.is_file() for *_, rule in expected(path)}
    assert marked == set(load_policy().rules)


def test_prefilter_admits_every_fixture_with_findings() -> None:
    """The pre-filter is sound on the fixtures: any file that yields a finding passes it."""
    from interp_lint.facts.python import could_matter

    context = Context(Settings())
    for path in fixture_files():
        marks = {rule for *_, rule in expected(path)} - {"IL402", "IL902"}
        if marks and path.suffix == ".py":
            assert could_matter(path.read_text(errors="replace"), context), path


def test_prefilter_skips_files_without_imports_of_interest() -> None:
    from interp_lint.facts.python import could_matter

    context = Context(Settings())
    docstring = (
        '"""Use it as AutoModelForCausalLM.from_pretrained("gpt2")."""\nfrom transformers import AutoModel\n'
    )
    assert not could_matter(docstring, context)
    comment = "import transformers\n# model = transformers.AutoModel.from_pretrained('gpt2')\n"
    assert not could_matter(comment, context)
    assert not could_matter("import torch\nstate = torch.load('x.pt')\n", context)
    assert could_matter(
        "import numpy as np, transformers as tf\nm = tf.AutoModel.from_pretrained(x)\n", context
    )
    assert could_matter(
        "from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model=m)\n", context
    )
    assert could_matter("def f(model):\n    model.push_to_hub('lab/x')\n", context)


def test_prefilter_word_gates_want_whole_words() -> None:
    """The keyword and wildcard-module gates test substrings first, then whole words; the
    text stage alone decides here (the ast stage would reject the near misses anyway)."""
    gate = Context(Settings()).prefilter.text_gate
    assert gate("def f(m):\n    m.save('x', save_to_hf_hub=True)\n") is not None
    assert gate("def f(m):\n    m.save('x', my_save_to_hf_hub=True)\n") is None
    assert gate("import torch\nfrom torch.nn.utils import prune\nprune.random_unstructured(m)\n") is not None
    assert gate("import torch\nunprune = 1\n") is None
    # A token must start a word, unless it is a suffix token (*ForCausalLM).
    assert gate("import torch\npayload(x)\n") is None
    assert gate("import torch\nstate = torch.hub.load(repo, 'm')\n") is not None
    assert gate("import transformers\nm = LlamaForCausalLM(config)\n") is not None


def test_prefilter_finds_imports_on_the_lines_a_full_scan_finds() -> None:
    """Imports are sought only on lines that say ``import`` or ``from``: the same roots
    as the anchored pattern tried at every character."""
    from conftest import parsable_sources

    prefilter = Context(Settings()).prefilter
    crafted = [
        "from transformers \\\n    import AutoModel\n",  # the root on a line of its own
        "if x:\n\timport datasets, openai as oa  # note\n  from vllm import LLM\n",
        "import os\r\nfrom transformers import pipeline\r\n",
        '"""\nimport transformers\n"""\nx = 1  # from datasets import load_dataset\n',
    ]
    for _, text in parsable_sources(crafted):
        expected: set[str] = set()
        for match in prefilter._imports.finditer(text):
            expected |= {match[1]} if match[1] else set(prefilter._root_word.findall(match[2] or ""))
        assert prefilter._imported_roots(text) == expected


def test_prefilter_walk_visits_what_ast_walk_visits() -> None:
    """Same calls and imports in the same order (the last of two imports of a name wins),
    and every name or attribute that is neither a call's function nor inside a chain."""
    import ast

    from interp_lint.facts.prefilter import _calls_and_imports

    for path in fixture_files():
        if path.suffix != ".py":
            continue
        try:
            tree = ast.parse(path.read_text(errors="replace"))
        except SyntaxError:
            continue
        walked = list(ast.walk(tree))
        functions = {id(n.func) for n in walked if isinstance(n, ast.Call)}
        functions |= {id(n.value) for n in walked if isinstance(n, ast.Attribute)}
        calls, imports, references = _calls_and_imports(tree)
        assert calls == [n for n in walked if isinstance(n, ast.Call)], path
        assert imports == [n for n in walked if isinstance(n, ast.Import | ast.ImportFrom)], path
        named = [n for n in walked if isinstance(n, ast.Name | ast.Attribute) and id(n) not in functions]
        assert references == named, path


def test_prefilter_sees_uses_that_do_not_spell_the_call() -> None:
    """An API imported under another name, or named where it is not called, still counts;
    prose that names it does not."""
    from interp_lint.facts.python import could_matter

    context = Context(Settings())
    uses = [
        "from transformers import pipeline as hf_pipe\nhf_pipe('text-generation', model=m)\n",
        "from datasets import (\n    load_dataset as ld,\n)\nld('cais/mmlu')\n",
        "import transformers\nbuild = transformers.pipeline\nbuild('text-generation')\n",
        "import functools\nfrom datasets import load_dataset\nget = functools.partial(load_dataset, 'x')\n",
        "import transformers\nmake = transformers.pipeline if fast else None\n",
        "def f(model):\n    push = model.push_to_hub\n    push('lab/x')\n",
        "from openai import OpenAI\nc = OpenAI()\nask = c.chat.completions.create\n",
    ]
    for text in uses:
        assert could_matter(text, context), text
    prose = '"""Load it with from_pretrained, or with pipeline.\nThen push_to_hub."""\nimport transformers\n'
    assert not could_matter(prose, context)
    assert not could_matter("import transformers\nname = 'pipeline'\n", context)
    # A model class named is a builder: it matters next to training, as a call of it would.
    subclass = "from transformers import LlamaForCausalLM\nclass Mine(LlamaForCausalLM):\n    pass\n"
    assert not could_matter(subclass, context)
    assert could_matter(subclass + "loss.backward()\n", context)
