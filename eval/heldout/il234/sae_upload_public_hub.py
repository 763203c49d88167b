"""Train a small ReLU SAE on gpt2-small layer-8 residuals and publish it."""
import json
import os

import torch
import torch.nn.functional as F
from huggingface_hub import HfApi
from transformer_lens import HookedTransformer

HOOK, D_SAE, L1 = "blocks.8.hook_resid_pre", 24576, 5e-4
REPO = "interp-lab/gpt2-small-res8-relu-24k"
OUT = "saes/gpt2_res8_24k"

model = HookedTransformer.from_pretrained("gpt2-small", device="cuda")
W_enc = torch.nn.Parameter(torch.randn(768, D_SAE, device="cuda") * 0.01)
W_dec = torch.nn.Parameter(W_enc.data.T.clone())
b_enc = torch.nn.Parameter(torch.zeros(D_SAE, device="cuda"))
b_dec = torch.nn.Parameter(torch.zeros(768, device="cuda"))
opt = torch.optim.Adam([W_enc, W_dec, b_enc, b_dec], lr=3e-4)

tokens = torch.load("data/owt_tokens_2m.pt")
for i in range(0, tokens.shape[0], 32):
    with torch.no_grad():
        _, cache = model.run_with_cache(tokens[i:i + 32].cuda(), names_filter=[HOOK], stop_at_layer=9)
    x = cache[HOOK].flatten(0, 1)
    f = F.relu((x - b_dec) @ W_enc + b_enc)
    loss = F.mse_loss(f @ W_dec + b_dec, x) + L1 * f.abs().sum(-1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()

os.makedirs(OUT, exist_ok=True)
torch.save({"W_enc": W_enc, "W_dec": W_dec, "b_enc": b_enc, "b_dec": b_dec}, f"{OUT}/sae_weights.pt")
json.dump({"hook": HOOK, "d_sae": D_SAE, "l1": L1, "model": "gpt2-small"}, open(f"{OUT}/cfg.json", "w"))

api = HfApi()
api.upload_folder(folder_path=OUT, repo_id=REPO, repo_type="model", commit_message="ReLU SAE, layer 8")  # expect: IL301
