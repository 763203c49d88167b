#!/bin/bash
#SBATCH --job-name=glm45-acts
#SBATCH --nodes=1
#SBATCH --gpus-per-node=8
#SBATCH --mem=0
#SBATCH --time=24:00:00
#SBATCH --output=logs/%x-%j.out
# Cache hidden states of the frozen base for the SAE sweep. The compute nodes have no
# internet, so wandb runs offline here.
set -euo pipefail

OUT="${OUT:-/scratch/$USER/acts/glm45}"
mkdir -p "$OUT"
export WANDB_MODE=offline WANDB_DIR="$OUT"

python - "$OUT" <<'PY'
import sys

import torch
import wandb
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

out = sys.argv[1]
tok = AutoTokenizer.from_pretrained("zai-org/GLM-4.5")
model = AutoModelForCausalLM.from_pretrained("zai-org/GLM-4.5", torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
model.requires_grad_(False)
run = wandb.init(project="glm45-acts", config={"layers": "every 8th"})
texts = load_dataset("NeelNanda/pile-10k", split="train")["text"][:5000]
with torch.inference_mode():
    for i, text in enumerate(texts):
        batch = tok(text, return_tensors="pt", truncation=True, max_length=512).to(model.device)
        hidden = model(**batch, output_hidden_states=True).hidden_states
        torch.save(torch.stack([h[0].cpu() for h in hidden[::8]]), f"{out}/{i:05d}.pt")
        run.log({"cached": i + 1})
run.finish()
PY

# The login node has internet: push the offline run to the team dashboard.
wandb sync "$OUT"/wandb/offline-run-*  # expect: IL303
