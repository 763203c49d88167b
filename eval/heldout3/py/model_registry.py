"""Model catalogue used to build the comparison table in the paper (sizes only; nothing is loaded here)."""

MODELS = {
    "gpt2": {"params": 124e6, "open": True},
    "EleutherAI/pythia-410m": {"params": 405e6, "open": True},
    "meta-llama/Llama-3.1-8B": {"params": 8e9, "open": True},
    "meta-llama/Llama-3.1-405B": {"params": 405e9, "open": True},
    "deepseek-ai/DeepSeek-V3": {"params": 671e9, "open": True},
    "mistralai/Mixtral-8x22B-v0.1": {"params": 141e9, "open": True},
    "gpt-4o": {"params": None, "open": False},
    "claude-3-opus-20240229": {"params": None, "open": False},
}


def latex_rows():
    for name, info in MODELS.items():
        p = "?" if info["params"] is None else f"{info['params'] / 1e9:.1f}B"
        yield f"{name} & {p} & {'yes' if info['open'] else 'no'} \\\\"


if __name__ == "__main__":
    print("\n".join(latex_rows()))
