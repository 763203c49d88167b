"""Train a TopK SAE on layer-30 residual stream of DeepSeek-V3 (frozen).

The base model is never updated; only the SAE parameters go into the optimizer.
"""
import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "deepseek-ai/DeepSeek-V3"
LAYER = 30
D_SAE = 65536
K = 64

tok = AutoTokenizer.from_pretrained(MODEL_ID, trust_remote_code=True)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="auto", trust_remote_code=True)  # expect: IL101
model.requires_grad_(False)
model.eval()


class TopKSAE(nn.Module):
    def __init__(self, d_model, d_sae, k):
        super().__init__()
        self.enc = nn.Linear(d_model, d_sae)
        self.dec = nn.Linear(d_sae, d_model, bias=False)
        self.k = k

    def forward(self, x):
        pre = self.enc(x)
        vals, idx = pre.topk(self.k, dim=-1)
        z = torch.zeros_like(pre).scatter_(-1, idx, torch.relu(vals))
        return self.dec(z), z


sae = TopKSAE(model.config.hidden_size, D_SAE, K).cuda()
opt = torch.optim.Adam(sae.parameters(), lr=2e-4)

acts = {}


def grab(_mod, _inp, out):
    acts["x"] = out[0].detach().float()


model.model.layers[LAYER].register_forward_hook(grab)

texts = [l.strip() for l in open("data/pile_sample.txt") if l.strip()]
for step in range(0, len(texts), 8):
    batch = tok(texts[step:step + 8], return_tensors="pt", padding=True, truncation=True, max_length=512).to("cuda")
    with torch.no_grad():
        model(**batch)
    x = acts["x"].reshape(-1, acts["x"].shape[-1])
    recon, z = sae(x)
    loss = (recon - x).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()

torch.save(sae.state_dict(), "/scratch/sae/dsv3_l30_topk.pt")
