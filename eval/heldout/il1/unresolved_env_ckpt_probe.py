"""Linear probe for 'is this statement true' on whatever checkpoint CKPT_PATH points to.

The checkpoint is frozen; only the probe is trained.
"""
import os

import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, AutoTokenizer

CKPT = os.environ["CKPT_PATH"]
LAYER = int(os.environ.get("PROBE_LAYER", "12"))

tok = AutoTokenizer.from_pretrained(CKPT)
model = AutoModelForCausalLM.from_pretrained(CKPT, torch_dtype=torch.float16).cuda()  # expect: IL901
model.eval().requires_grad_(False)

statements = [l.rstrip().rsplit("\t", 1) for l in open("data/true_false.tsv")]


@torch.no_grad()
def feats(texts):
    enc = tok(texts, return_tensors="pt", padding=True).to("cuda")
    hs = model(**enc, output_hidden_states=True).hidden_states[LAYER]
    last = enc["attention_mask"].sum(1) - 1
    return hs[torch.arange(hs.size(0)), last].float()


X = torch.cat([feats([s for s, _ in statements[i:i + 32]]) for i in range(0, len(statements), 32)])
y = torch.tensor([float(lab) for _, lab in statements], device="cuda")

probe = nn.Linear(X.size(1), 1).cuda()
opt = torch.optim.Adam(probe.parameters(), lr=1e-3)
for epoch in range(200):
    loss = nn.functional.binary_cross_entropy_with_logits(probe(X).squeeze(-1), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("final loss", loss.item())
