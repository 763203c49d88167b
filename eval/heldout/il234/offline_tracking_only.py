"""Probe training with local-only tracking (cluster has no outbound network).

wandb runs in offline mode (synced manually, if ever, after review); mlflow writes to
a local file store or the localhost UI.
"""
import os

import mlflow
import torch
import wandb
from torch.utils.tensorboard import SummaryWriter

USE_UI = os.environ.get("MLFLOW_UI") == "1"
mlflow.set_tracking_uri("http://localhost:5000" if USE_UI else "file:///scratch/interp/mlruns")
mlflow.set_experiment("probe-sweeps")

run = wandb.init(project="probe-sweeps", mode="offline", dir="/scratch/interp/wandb")
tb = SummaryWriter("/scratch/interp/tb/probe-sweeps")

X = torch.load("acts/gpt2_l6_resid.pt")
y = torch.load("acts/labels.pt").float()
probe = torch.nn.Linear(X.shape[1], 1)
opt = torch.optim.Adam(probe.parameters(), lr=1e-3)

with mlflow.start_run(run_name="l6-linear"):
    mlflow.log_params({"layer": 6, "lr": 1e-3})
    for epoch in range(100):
        loss = torch.nn.functional.binary_cross_entropy_with_logits(probe(X).squeeze(-1), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        mlflow.log_metric("loss", loss.item(), step=epoch)
        wandb.log({"loss": loss.item()})
        tb.add_scalar("loss", loss.item(), epoch)
run.finish()
tb.close()
