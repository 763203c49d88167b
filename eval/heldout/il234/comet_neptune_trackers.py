"""Same transcoder run, logged to both trackers (the two collaborating groups use
different ones)."""
import comet_ml
import neptune
import torch
import torch.nn.functional as F

experiment = comet_ml.Experiment(project_name="transcoders", workspace="interp-lab")  # expect: IL303
run = neptune.init_run(project="interp-lab/transcoders", tags=["gpt2", "L5"])  # expect: IL303

cfg = {"layer": 5, "d_tc": 24576, "l1": 8e-5, "lr": 2e-4}
experiment.log_parameters(cfg)
run["parameters"] = cfg

X_in = torch.load("acts/gpt2_l5_mlp_in.pt")      # [N, 768]
X_out = torch.load("acts/gpt2_l5_mlp_out.pt")    # [N, 768]
enc = torch.nn.Linear(768, cfg["d_tc"])
dec = torch.nn.Linear(cfg["d_tc"], 768)
opt = torch.optim.Adam([*enc.parameters(), *dec.parameters()], lr=cfg["lr"])

for step in range(5000):
    idx = torch.randint(0, X_in.shape[0], (4096,))
    z = F.relu(enc(X_in[idx]))
    loss = F.mse_loss(dec(z), X_out[idx]) + cfg["l1"] * z.abs().sum(-1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 50 == 0:
        experiment.log_metric("loss", loss.item(), step=step)
        run["train/loss"].append(loss.item())

experiment.end()
run.stop()
