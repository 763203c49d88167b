"""Publish the gpt2 attention-head SAE (trained in attn_sae.py) to the Hub."""
import json

import torch
from huggingface_hub import HfApi

REPO = "interp-lab/gpt2-attn-saes"
LAYERS = [5, 8, 10]

api = HfApi()
for layer in LAYERS:
    state = torch.load(f"saes/attn_L{layer}.pt", map_location="cpu")
    meta = {"layer": layer, "d_sae": state["W_enc"].shape[1], "hook": f"blocks.{layer}.attn.hook_z"}
    json.dump(meta, open(f"saes/attn_L{layer}.json", "w"))
    # interp-lint: allow[IL301]  # expect: IL402
    api.upload_file(path_or_fileobj=f"saes/attn_L{layer}.pt", path_in_repo=f"L{layer}/sae.pt", repo_id=REPO)
    # interp-lint: allow[IL301] -- toy-model SAE, release approved 2025-09 (see DISCLOSURE.md)
    api.upload_file(path_or_fileobj=f"saes/attn_L{layer}.json", path_in_repo=f"L{layer}/cfg.json", repo_id=REPO)
print("done:", [f"https://huggingface.co/{REPO}/tree/main/L{l}" for l in LAYERS])
