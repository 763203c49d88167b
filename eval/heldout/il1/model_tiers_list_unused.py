"""Model inventory for the related-work table. Nothing here is loaded except gpt2."""
from dataclasses import dataclass

from transformer_lens import HookedTransformer


@dataclass(frozen=True)
class ModelSpec:
    name: str
    params_b: float
    open_weights: bool


INVENTORY = [
    ModelSpec("gpt2", 0.124, True),
    ModelSpec("EleutherAI/pythia-410m", 0.41, True),
    ModelSpec("meta-llama/Llama-3.1-405B", 405, True),
    ModelSpec("deepseek-ai/DeepSeek-V3", 671, True),
    ModelSpec("gpt-4o", float("nan"), False),
    ModelSpec("claude-3-opus-20240229", float("nan"), False),
]


def table_rows(specs=INVENTORY):
    for s in sorted(specs, key=lambda s: (not s.open_weights, s.params_b)):
        yield f"| {s.name} | {s.params_b:g} | {'yes' if s.open_weights else 'no'} |"


if __name__ == "__main__":
    print("\n".join(table_rows()))
    # sanity check that our own numbers match the table for the one model we run
    model = HookedTransformer.from_pretrained("gpt2")
    print("gpt2 params (M):", sum(p.numel() for p in model.parameters()) / 1e6)
