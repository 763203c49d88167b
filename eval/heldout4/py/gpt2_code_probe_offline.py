"""Does gpt2-small linearly encode 'this is source code' at each layer? (pile-10k subsets)"""
import argparse
import os

import torch
import torch.nn as nn
import wandb
from datasets import load_dataset
from transformer_lens import HookedTransformer

os.environ["WANDB_MODE"] = "offline"  # compute nodes have no egress; runs are synced by hand after review

p = argparse.ArgumentParser()
p.add_argument("--model", default="gpt2-small")
p.add_argument("--n", type=int, default=4000)
p.add_argument("--epochs", type=int, default=200)
args = p.parse_args()

model = HookedTransformer.from_pretrained(args.model)
model.eval()
rows = load_dataset("NeelNanda/pile-10k", split="train").select(range(args.n))
labels = torch.tensor([float(r["meta"]["pile_set_name"] == "Github") for r in rows])

feats = {layer: [] for layer in range(model.cfg.n_layers)}
with torch.no_grad():
    for r in rows:
        _, cache = model.run_with_cache(r["text"][:1000], names_filter=lambda n: n.endswith("hook_resid_post"))
        for layer in feats:
            feats[layer].append(cache["resid_post", layer][0].mean(0).cpu())

run = wandb.init(project="code-probe", config=vars(args))
split = int(0.8 * args.n)
for layer, xs in feats.items():
    x = torch.stack(xs)
    probe = nn.Linear(x.shape[1], 1)
    opt = torch.optim.Adam(probe.parameters(), lr=1e-3)
    for _ in range(args.epochs):
        loss = nn.functional.binary_cross_entropy_with_logits(probe(x[:split]).squeeze(-1), labels[:split])
        opt.zero_grad()
        loss.backward()
        opt.step()
    acc = ((probe(x[split:]).squeeze(-1) > 0).float() == labels[split:]).float().mean().item()
    run.log({"layer": layer, "test_acc": acc})
run.finish()
