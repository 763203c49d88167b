"""Fit a TopK SAE on DeepSeek-V3 layer-30 residual activations that the inference team dumped
to acts/. The model itself is never loaded here; only its config is read for d_model."""
import glob

import torch
import torch.nn as nn
from transformers import AutoConfig

SOURCE = "deepseek-ai/DeepSeek-V3"
LAYER = 30
EXPANSION = 32
K = 64

d_model = AutoConfig.from_pretrained(SOURCE, trust_remote_code=True).hidden_size


class TopKSAE(nn.Module):
    def __init__(self, d, n, k):
        super().__init__()
        self.k = k
        self.enc = nn.Linear(d, n)
        self.dec = nn.Linear(n, d, bias=False)

    def forward(self, x):
        pre = self.enc(x)
        vals, idx = pre.topk(self.k, dim=-1)
        f = torch.zeros_like(pre).scatter_(-1, idx, torch.relu(vals))
        return self.dec(f), f


sae = TopKSAE(d_model, EXPANSION * d_model, K).cuda()
opt = torch.optim.Adam(sae.parameters(), lr=1e-4)
for epoch in range(2):
    for shard in sorted(glob.glob(f"acts/dsv3_l{LAYER}_*.pt")):
        acts = torch.load(shard).float()
        for batch in acts.split(4096):
            x = batch.cuda()
            recon, f = sae(x)
            loss = (recon - x).pow(2).sum(-1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, shard, loss.item())
torch.save(sae.state_dict(), f"saes/dsv3_l{LAYER}_topk{K}.pt")
