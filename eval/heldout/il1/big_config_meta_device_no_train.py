"""How big would a 405B-shaped SAE host model be? Memory planning only, no weights
are materialised (meta device) and nothing is trained."""
import torch
from accelerate import init_empty_weights
from transformers import LlamaConfig, LlamaForCausalLM

cfg = LlamaConfig(
    vocab_size=128256,
    hidden_size=16384,
    intermediate_size=53248,
    num_hidden_layers=126,
    num_attention_heads=128,
    num_key_value_heads=8,
    max_position_embeddings=131072,
)

with init_empty_weights():
    model = LlamaForCausalLM(cfg)

n = sum(p.numel() for p in model.parameters())
print(f"params: {n / 1e9:.1f}B")
for dtype, nbytes in [("bf16", 2), ("fp8", 1), ("int4", 0.5)]:
    print(f"{dtype}: {n * nbytes / 2**30:.0f} GiB weights")

# activation buffer for one layer's residual at 4k ctx, batch 32
resid = 32 * 4096 * cfg.hidden_size * 2
print(f"resid buffer per layer: {resid / 2**30:.1f} GiB")
print("layers we'd cache:", [i for i in range(0, cfg.num_hidden_layers, 16)])
