"""SAE L1 sweep on pythia-70m MLP outputs, logged to the team W&B project."""
import argparse

import torch
import torch.nn.functional as F
import wandb
from transformer_lens import HookedTransformer

ap = argparse.ArgumentParser()
ap.add_argument("--layer", type=int, default=3)
ap.add_argument("--l1", type=float, default=1e-3)
ap.add_argument("--expansion", type=int, default=16)
ap.add_argument("--steps", type=int, default=20_000)
args = ap.parse_args()

wandb.init(project="pythia70m-mlp-saes", entity="interp-lab", config=vars(args), tags=["sweep", "l1"])  # expect: IL303

model = HookedTransformer.from_pretrained("pythia-70m-deduped", device="cuda")
hook = f"blocks.{args.layer}.hook_mlp_out"
d = model.cfg.d_model
enc = torch.nn.Linear(d, d * args.expansion).cuda()
dec = torch.nn.Linear(d * args.expansion, d).cuda()
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-4)
tokens = torch.load("data/pile10k_tokens.pt")

for step in range(args.steps):
    batch = tokens[torch.randint(0, tokens.shape[0], (16,))].cuda()
    with torch.no_grad():
        _, cache = model.run_with_cache(batch, names_filter=[hook])
    x = cache[hook].flatten(0, 1)
    f = F.relu(enc(x))
    mse = F.mse_loss(dec(f), x)
    loss = mse + args.l1 * f.abs().sum(-1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 100 == 0:
        wandb.log({"mse": mse.item(), "l0": (f > 0).float().sum(-1).mean().item()}, step=step)
wandb.finish()
