"""Probe sweep with offline-only experiment tracking (air-gapped node)."""
import os

import mlflow
import torch
import wandb
from transformer_lens import HookedTransformer

os.environ.setdefault("WANDB_DIR", "/scratch/wandb")


def probe_acc(model, layer):
    toks = model.to_tokens(["yes", "no"] * 16)
    _, cache = model.run_with_cache(toks, names_filter=f"blocks.{layer}.hook_resid_post")
    x = cache[f"blocks.{layer}.hook_resid_post"][:, -1]
    y = torch.tensor([1, 0] * 16).float()
    w = torch.linalg.lstsq(x, y[:, None]).solution
    return (((x @ w).squeeze() > 0.5).float() == y).float().mean().item()


def main():
    run = wandb.init(project="probe-sweep", mode="offline")
    mlflow.set_tracking_uri("file:./mlruns")
    model = HookedTransformer.from_pretrained("pythia-70m")
    with mlflow.start_run():
        for layer in range(model.cfg.n_layers):
            acc = probe_acc(model, layer)
            run.log({"layer": layer, "acc": acc})
            mlflow.log_metric("acc", acc, step=layer)
    run.finish()


if __name__ == "__main__":
    main()
