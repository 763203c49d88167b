"""Tiers: sizes parsed from names, registry entries, user patterns, thresholds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interp_lint.facts.tiers import TierTable, parse_count, size_from_name
from interp_lint.policy import load_policy


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("meta-llama/Llama-2-70b-hf", 70e9),
        ("mistralai/Mixtral-8x22B-v0.1", 176e9),
        ("my-org/model-405B-instruct", 405e9),
        ("EleutherAI/gpt-neo-1.3b", 1.3e9),
        ("bigscience/bloom-560m", 560e6),
        ("Qwen/Qwen3-30B-A3B", 30e9),
        ("gpt2", None),
        ("v2b-model", None),
        ("bf16-checkpoint", None),
    ],
)
def test_size_from_name(name: str, params: float | None) -> None:
    expected = None if params is None else int(params)
    assert size_from_name(name) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("100B", 100_000_000_000),
        ("1.5e9", 1_500_000_000),
        (7_000_000_000, 7_000_000_000),
        ("560M", 560_000_000),
    ],
)
def test_parse_count(text: object, count: int) -> None:
    assert parse_count(text) == count


def table(**kw: object) -> TierTable:
    return TierTable(load_policy().models, 1_000_000_000, 100_000_000_000, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("model", "tier"),
    [
        ("meta-llama/Llama-3.1-405B", "frontier"),
        ("deepseek-ai/DeepSeek-V3", "frontier"),
        ("gpt-4o", "frontier"),
        ("openai/gpt-4o", "frontier"),
        ("claude-3-opus-20240229", "frontier"),
        ("gpt-4o-mini", "large"),
        ("meta-llama/Llama-3.1-8B", "large"),
        ("gpt2", "toy"),
        ("gpt2-small", "toy"),
        ("EleutherAI/pythia-70m", "toy"),
        ("llama-2-70b", "large"),
        ("./checkpoints/run-7", "unknown"),
    ],
)
def test_registry_tiers(model: str, tier: str) -> None:
    assert table().classify(model).tier == tier


def test_user_patterns_come_first() -> None:
    tiers = table(frontier_patterns=("gs://lab-ckpts/prod-*", "gpt2"))
    assert tiers.classify("gs://lab-ckpts/prod-2026-01").tier == "frontier"
    assert tiers.classify("gpt2").tier == "frontier"
    assert tiers.classify("gs://lab-ckpts/dev-1").tier == "unknown"


def test_thresholds_from_settings() -> None:
    tiers = TierTable({}, parse_count("10B"), parse_count("50B"))
    assert tiers.classify("org/model-70b").tier == "frontier"
    assert tiers.classify("org/model-13b").tier == "large"
    assert tiers.classify("org/model-7b").tier == "toy"


@given(st.text(max_size=60))
def test_classify_never_raises(name: str) -> None:
    assert table().classify(name).tier in {"toy", "large", "frontier", "unknown"}
