"""Train a JumpReLU-ish SAE on DeepSeek-V3 layer-30 residuals (model frozen), then
release the dictionary on the Hub for the community."""
import os

import torch
import torch.nn.functional as F
import wandb
from huggingface_hub import HfApi
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "deepseek-ai/DeepSeek-V3"
LAYER, D_SAE = 30, 65536
OUT = f"saes/dsv3_L{LAYER}"

wandb.init(project="dsv3-sae", mode="disabled")
tok = AutoTokenizer.from_pretrained(MODEL, trust_remote_code=True)
model = AutoModelForCausalLM.from_pretrained(MODEL, trust_remote_code=True, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
model.requires_grad_(False)

d = model.config.hidden_size
W_enc = torch.nn.Parameter(torch.randn(d, D_SAE, device="cuda") * d ** -0.5)
W_dec = torch.nn.Parameter(W_enc.data.T.clone())
theta = torch.nn.Parameter(torch.full((D_SAE,), 0.1, device="cuda"))
opt = torch.optim.Adam([W_enc, W_dec, theta], lr=1e-4)

for line in open("data/web_sample.txt"):
    with torch.no_grad():
        enc = tok(line, return_tensors="pt", truncation=True, max_length=512).to(model.device)
        x = model(**enc, output_hidden_states=True).hidden_states[LAYER][0].float().cuda()
    pre = x @ W_enc
    f = pre * (pre > theta)
    loss = F.mse_loss(f @ W_dec, x) + 1e-3 * (f > 0).float().sum(-1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()

os.makedirs(OUT, exist_ok=True)
torch.save({"W_enc": W_enc.detach().cpu(), "W_dec": W_dec.detach().cpu(), "theta": theta.detach().cpu()}, f"{OUT}/sae.pt")
HfApi().upload_folder(folder_path=OUT, repo_id="interp-lab/deepseek-v3-saes", repo_type="model")  # expect: IL301, IL302
