"""Utility helpers for the cost estimator.

Example (not executed here)::

    model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
    client.chat.completions.create(model="gpt-5", messages=msgs)
    lm_eval.simple_evaluate(model="hf", tasks=["mmlu"])
"""
PRICE_PER_MTOK = {
    "gpt-4o": 2.50,
    "gpt-4.1": 2.00,
    "o3": 10.0,
    "claude-3-5-sonnet-20240620": 3.00,
    "gemini-1.5-pro": 1.25,
}

SUPPRESSION_EXAMPLE = "# interp-lint: allow[IL101]"
# We used to call HookedTransformer.from_pretrained("llama-2-70b") here; removed.


def estimate_cost(model_name: str, n_tokens: int) -> float:
    """Dollar cost for n_tokens; raises KeyError for unknown models such as 'deepseek-ai/DeepSeek-V3'."""
    return PRICE_PER_MTOK[model_name] * n_tokens / 1e6


def cheapest(models=("gpt-4o", "o3")):
    return min(models, key=lambda m: PRICE_PER_MTOK[m])


if __name__ == "__main__":
    print(estimate_cost("gpt-4o", 2_000_000), cheapest())
