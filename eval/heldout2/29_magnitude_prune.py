"""Baseline: global L1 magnitude pruning of gpt2 MLPs (no interpretability signal involved)."""
import torch
import torch.nn.utils.prune as prune
from transformers import GPT2LMHeadModel

AMOUNT = 0.4


def mlp_params(model):
    return [(blk.mlp.c_fc, "weight") for blk in model.transformer.h] + \
           [(blk.mlp.c_proj, "weight") for blk in model.transformer.h]


def sparsity(model):
    zeros = total = 0
    for mod, name in mlp_params(model):
        w = getattr(mod, name)
        zeros += (w == 0).sum().item()
        total += w.numel()
    return zeros / total


def main():
    model = GPT2LMHeadModel.from_pretrained("gpt2")
    prune.global_unstructured(mlp_params(model), pruning_method=prune.L1Unstructured, amount=AMOUNT)
    for mod, name in mlp_params(model):
        prune.remove(mod, name)
    print("sparsity", sparsity(model))
    torch.save(model.state_dict(), "gpt2_l1_pruned.pt")


if __name__ == "__main__":
    main()
