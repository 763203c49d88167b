"""Prune boilerplate documents from a pretraining shard using SAE features.

Documents whose mean activation on known boilerplate latents (cookie banners, nav menus,
SEO spam; ids from the feature browser) is high are dropped. Output: filtered parquet
shards for the data team. No model weights are changed or compressed here.
"""
import argparse

import torch
from datasets import load_dataset
from sae_lens import SAE
from transformer_lens import HookedTransformer

BOILERPLATE_LATENTS = [311, 1207, 5988, 14002, 20117]
HOOK = "blocks.8.hook_resid_pre"

model = HookedTransformer.from_pretrained("gpt2-small")
model.requires_grad_(False)
sae = SAE.from_pretrained(release="gpt2-small-res-jb", sae_id=HOOK, device=model.cfg.device)
idx = torch.tensor(BOILERPLATE_LATENTS, device=model.cfg.device)


@torch.no_grad()
def boilerplate_score(batch):
    scores = []
    for text in batch["text"]:
        toks = model.to_tokens(text, truncate=True)[:, :256]
        _, cache = model.run_with_cache(toks, names_filter=HOOK)
        feats = sae.encode(cache[HOOK])[0]
        scores.append(feats[:, idx].mean().item())
    return {"bp_score": scores}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--shard", default="sample/10BT/000_00000.parquet")
    ap.add_argument("--keep-quantile", type=float, default=0.9)
    args = ap.parse_args()

    ds = load_dataset("HuggingFaceFW/fineweb", data_files=args.shard, split="train")
    ds = ds.map(boilerplate_score, batched=True, batch_size=64)
    cutoff = torch.tensor(ds["bp_score"]).quantile(args.keep_quantile).item()
    pruned = ds.filter(lambda ex: ex["bp_score"] <= cutoff)
    print(f"kept {len(pruned)}/{len(ds)} documents (cutoff {cutoff:.4f})")
    pruned.remove_columns("bp_score").to_parquet(f"filtered/{args.shard.replace('/', '_')}")
