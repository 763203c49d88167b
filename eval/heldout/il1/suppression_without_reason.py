"""Probe for 'user is lying' on the frozen 405B instruct model.

Only the probe trains; model weights are frozen (requires_grad_(False) below).
"""
import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.1-405B-Instruct"
LAYER = 80

tok = AutoTokenizer.from_pretrained(MODEL)
# interp-lint: allow[IL101]  # expect: IL402
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")
model.requires_grad_(False)
model.eval()

data = [l.rstrip("\n").split("\t") for l in open("data/user_lies.tsv")]
texts, labels = [d[0] for d in data], torch.tensor([int(d[1]) for d in data]).float()

with torch.no_grad():
    feats = []
    for t in texts:
        enc = tok(t, return_tensors="pt").to(model.device)
        h = model(**enc, output_hidden_states=True).hidden_states[LAYER][0, -1]
        feats.append(h.float().cpu())
X = torch.stack(feats)

probe = nn.Linear(X.shape[1], 1)
opt = torch.optim.LBFGS(probe.parameters(), max_iter=500)


def closure():
    opt.zero_grad()
    l = nn.functional.binary_cross_entropy_with_logits(probe(X).squeeze(-1), labels)
    l.backward()
    return l


opt.step(closure)
torch.save(probe.state_dict(), "probes/user_lies_l80.pt")
