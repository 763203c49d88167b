"""Bad input never crashes the linter: every kind of file, any bytes, deep nesting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from interp_lint.config import Settings
from interp_lint.context import Context
from interp_lint.engine import analyse_bytes

CONTEXT = Context(Settings())
KINDS = [
    "python",
    "notebook",
    "yaml",
    "json",
    "toml",
    "shell",
    "makefile",
    "dockerfile",
    "workflow",
    "manifest",
]
PIECES = [
    "from transformers import AutoModelForCausalLM as M\n",
    "import torch\n",
    "M.from_pretrained(",
    "'meta-llama/Llama-3.1-405B'",
    ")",
    "(",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n",
    "    ",
    "x = ",
    "def f(a=",
    "torch.optim.AdamW(x.parameters())\n",
    "# interp-lint: allow[IL102]",
    " -- ok",
    '"',
    "'",
    "\\",
    "\x00",
    "base_model: ",
    "tasks: [mmlu]\n",
    "lm_eval --tasks mmlu --model_args pretrained=",
    "%pip install x\n",
    '{"cells": [',
    '"nbformat": 4',
    "[model]\nname = ",
    "run: |\n",
    "é",
    "\ufeff",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(KINDS), st.lists(st.sampled_from(PIECES), max_size=40), st.binary(max_size=20))
def test_any_input_gives_a_result_not_an_exception(kind: str, pieces: list[str], noise: bytes) -> None:
    data = "".join(pieces).encode("utf-8") + noise
    result = analyse_bytes(data, f"case.{kind}", kind, CONTEXT)
    for finding in result.findings:
        assert finding.rule.startswith("IL") and finding.line >= 0


def test_deeply_nested_python_is_il902_or_clean() -> None:
    deep = "from transformers import AutoModel\nAutoModel.from_pretrained(" + "[" * 3000 + "]" * 3000 + ")\n"
    result = analyse_bytes(deep.encode(), "deep.py", "python", CONTEXT)
    assert {f.rule for f in result.findings} <= {"IL902", "IL901"}


def test_huge_yaml_nesting_is_handled() -> None:
    text = "model:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 400)) + "  " * 400 + "v: 1\n"
    result = analyse_bytes(text.encode(), "deep.yaml", "yaml", CONTEXT)
    assert all(f.rule == "IL902" for f in result.findings)


def test_a_worker_crash_costs_one_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A native crash in one worker: that file becomes IL902, the others keep their findings."""
    import os

    from interp_lint import engine
    from interp_lint.discover import discover

    finetune = (
        "import torch\nfrom transformers import AutoModelForCausalLM\n"
        "m = AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3.1-405B')\n"
        "torch.optim.AdamW(m.parameters())\n"
    )
    for i in range(30):
        (tmp_path / f"f{i:02d}.py").write_text(finetune)
    (tmp_path / "crash.py").write_text("x = 1\n")
    real = engine.analyse_file

    def crashing(task, context):  # type: ignore[no-untyped-def]
        if task.rel == "crash.py":
            os._exit(139)  # what a segfault in a parser looks like to the pool
        return real(task, context)

    monkeypatch.setattr(engine, "analyse_file", crashing)
    tasks = discover([tmp_path], tmp_path, ())
    results = engine.analyse_tasks(tasks, CONTEXT, 2)
    by_path = {t.rel: r for t, r in zip(tasks, results, strict=True)}
    assert [f.rule for f in by_path["crash.py"].findings] == ["IL902"]
    assert all({f.rule for f in by_path[f"f{i:02d}.py"].findings} == {"IL101", "IL102"} for i in range(30))
