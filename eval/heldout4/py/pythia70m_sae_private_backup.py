"""Train a small SAE on pythia-70m-deduped MLP outputs and back it up to a private Hub repo."""
import os

import torch
import torch.nn as nn
from datasets import load_dataset
from huggingface_hub import HfApi
from transformer_lens import HookedTransformer

REPO_ID = "interp-lab/pythia70m-mlp-saes"
PRIVATE = True  # lab policy: SAEs stay private until the review board signs off
HOOK = "blocks.3.hook_mlp_out"
OUT = "saes/pythia70m_l3"

model = HookedTransformer.from_pretrained("pythia-70m-deduped")
d = model.cfg.d_model
enc, dec = nn.Linear(d, 16 * d), nn.Linear(16 * d, d)
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=3e-4)
texts = load_dataset("NeelNanda/pile-10k", split="train")["text"]

for i, text in enumerate(texts):
    with torch.no_grad():
        _, cache = model.run_with_cache(text[:2000], names_filter=HOOK)
    x = cache[HOOK][0].cpu()
    f = torch.relu(enc(x))
    loss = (dec(f) - x).pow(2).sum(-1).mean() + 1e-3 * f.abs().sum(-1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if i % 500 == 0:
        print(i, loss.item())

os.makedirs(OUT, exist_ok=True)
torch.save({"enc": enc.state_dict(), "dec": dec.state_dict(), "hook": HOOK}, f"{OUT}/sae.pt")
api = HfApi()
api.create_repo(REPO_ID, private=PRIVATE, exist_ok=True)
api.upload_folder(folder_path=OUT, repo_id=REPO_ID, path_in_repo="l3")
