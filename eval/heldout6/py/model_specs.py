"""Static shapes of the models we plan SAE budgets for. Pure arithmetic, no downloads.

Used by planning/budget.ipynb and the grant appendix to estimate activation-cache disk
and SAE parameter counts before anyone asks for GPUs. Numbers copied from the model cards.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    hf_id: str
    n_layers: int
    d_model: int
    total_params_b: float
    open_weights: bool = True


SPECS = {
    "llama-405b": Spec("meta-llama/Llama-3.1-405B-Instruct", 126, 16384, 405.0),
    "deepseek-v3": Spec("deepseek-ai/DeepSeek-V3", 61, 7168, 671.0),
    "qwen3-235b": Spec("Qwen/Qwen3-235B-A22B-Instruct-2507", 94, 4096, 235.0),
    "gpt-oss-120b": Spec("openai/gpt-oss-120b", 36, 2880, 117.0),
    "gemma-2-9b": Spec("google/gemma-2-9b", 42, 3584, 9.2),
    "gpt2-small": Spec("openai-community/gpt2", 12, 768, 0.124),
}
CLOSED_REFERENCE = ["gpt-5", "claude-opus-4-1-20250805", "gemini-2.5-pro"]  # for the related-work table only


def cache_tb(key: str, n_tokens: float, layers_per_model: int = 4, bytes_per: int = 2) -> float:
    """Disk needed to cache residual activations at `layers_per_model` layers."""
    s = SPECS[key]
    return n_tokens * layers_per_model * s.d_model * bytes_per / 1e12


def sae_params_m(key: str, expansion: int = 16) -> float:
    s = SPECS[key]
    return 2 * s.d_model * s.d_model * expansion / 1e6


def budget_table(n_tokens: float = 1e9) -> str:
    rows = ["model | layers | d_model | cache (TB) | SAE x16 (M params)", "--- | --- | --- | --- | ---"]
    for key, s in SPECS.items():
        rows.append(f"{s.hf_id} | {s.n_layers} | {s.d_model} | {cache_tb(key, n_tokens):.1f} | {sae_params_m(key):.0f}")
    return "\n".join(rows)


if __name__ == "__main__":
    print(budget_table())
