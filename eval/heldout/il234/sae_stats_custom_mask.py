"""Prune MLP neurons that no live SAE feature reads from.

For each MLP neuron we sum |W_dec . W_out[neuron]| over features whose firing
frequency is > 1e-5 (from the sae_lens sparsity log). Neurons with negligible
contribution get masked.
"""
import torch
import torch.nn.utils.prune as prune
from sae_lens import SAE
from transformers import GPT2LMHeadModel

LAYER = 6
model = GPT2LMHeadModel.from_pretrained("gpt2")
sae, _, log_sparsity = SAE.from_pretrained("gpt2-small-mlp-out-v5-32k", f"blocks.{LAYER}.hook_mlp_out")

live = log_sparsity > -5
W_out = model.transformer.h[LAYER].mlp.c_proj.weight.detach()         # [d_mlp, d_model]
contrib = (W_out @ sae.W_dec[live].T.detach()).abs().sum(-1)           # [d_mlp]
threshold = contrib.quantile(0.3)
neuron_mask = (contrib > threshold).float()

mask_fc = neuron_mask.expand_as(model.transformer.h[LAYER].mlp.c_fc.weight).clone()
prune.custom_from_mask(model.transformer.h[LAYER].mlp.c_fc, name="weight", mask=mask_fc)  # expect: IL203
prune.remove(model.transformer.h[LAYER].mlp.c_fc, "weight")

print(f"kept {int(neuron_mask.sum())}/{neuron_mask.numel()} neurons in layer {LAYER}")
model.save_pretrained(f"ckpt/gpt2-sae-pruned-L{LAYER}")
