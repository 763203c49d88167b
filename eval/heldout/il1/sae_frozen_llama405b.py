"""TopK SAE on the residual stream of the 405B at layer 63. Base model frozen.

Activations are streamed: forward under no_grad -> buffer -> SAE step.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "meta-llama/Llama-3.1-405B"
LAYER, D_SAE, K = 63, 131072, 64


class TopKSAE(nn.Module):
    def __init__(self, d_in, d_sae, k):
        super().__init__()
        self.k = k
        self.W_enc = nn.Parameter(torch.randn(d_in, d_sae) * d_in ** -0.5)
        self.b_enc = nn.Parameter(torch.zeros(d_sae))
        self.W_dec = nn.Parameter(self.W_enc.data.T.clone())
        self.b_dec = nn.Parameter(torch.zeros(d_in))

    def forward(self, x):
        pre = (x - self.b_dec) @ self.W_enc + self.b_enc
        vals, idx = pre.topk(self.k, dim=-1)
        z = torch.zeros_like(pre).scatter_(-1, idx, F.relu(vals))
        return z @ self.W_dec + self.b_dec, z


tok = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
model.requires_grad_(False)
model.eval()

buf = {}
model.model.layers[LAYER].register_forward_hook(lambda m, i, o: buf.__setitem__("x", o[0].detach()))

sae = TopKSAE(model.config.hidden_size, D_SAE, K).cuda()
opt = torch.optim.Adam(sae.parameters(), lr=2e-4)

for step, line in enumerate(open("data/fineweb_sample.txt")):
    enc = tok(line, return_tensors="pt", truncation=True, max_length=1024).to(model.device)
    with torch.no_grad():
        model(**enc)
    x = buf["x"].flatten(0, 1).float().cuda()
    recon, z = sae(x)
    loss = F.mse_loss(recon, x)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 100 == 0:
        print(step, loss.item(), (z > 0).float().sum(-1).mean().item())
torch.save(sae.state_dict(), f"saes/405b_L{LAYER}_topk{K}.pt")
