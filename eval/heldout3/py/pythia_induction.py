"""Induction-head scores across Pythia checkpoints.

We originally wanted to run this on meta-llama/Llama-3.1-405B and gpt-4o-style
models, but stick to pythia for the paper.
"""
import torch
from transformer_lens import HookedTransformer

# TODO(later): HookedTransformer.from_pretrained("llama-3.1-405b") once we have the nodes
model = HookedTransformer.from_pretrained("pythia-70m", checkpoint_index=100)
seq = torch.randint(1000, 20000, (8, 50))
rep = torch.cat([seq, seq], dim=1)

_, cache = model.run_with_cache(rep)
scores = torch.zeros(model.cfg.n_layers, model.cfg.n_heads)
for layer in range(model.cfg.n_layers):
    pat = cache["pattern", layer]
    stripe = pat.diagonal(offset=-49, dim1=-2, dim2=-1)[..., 1:]
    scores[layer] = stripe.mean((0, -1))
print(scores)
