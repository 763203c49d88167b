"""Baseline for the sparsity section: plain global magnitude pruning of gpt2.

Nothing interpretability-driven here: weights are ranked by |w| only.
"""
import math

import torch
import torch.nn.utils.prune as prune
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

tok = GPT2TokenizerFast.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2").cuda().eval()

params = []
for block in model.transformer.h:
    params += [(block.attn.c_attn, "weight"), (block.mlp.c_fc, "weight"), (block.mlp.c_proj, "weight")]

text = open("data/heldout_web.txt").read()[:200_000]
ids = tok(text, return_tensors="pt").input_ids[:, :8192].cuda()


@torch.no_grad()
def ppl():
    nll = [model(ids[:, i:i + 1024], labels=ids[:, i:i + 1024]).loss.item() for i in range(0, ids.shape[1], 1024)]
    return math.exp(sum(nll) / len(nll))


print("dense ppl", ppl())
for amount in (0.2, 0.4, 0.6):
    prune.global_unstructured(params, pruning_method=prune.L1Unstructured, amount=amount)
    print(f"global L1 {amount:.0%}: ppl {ppl():.2f}")
for m, n in params:
    prune.remove(m, n)
