import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODELS = {
    "70m": "EleutherAI/pythia-70m-deduped",
    "160m": "EleutherAI/pythia-160m-deduped",
    "410m": "EleutherAI/pythia-410m-deduped",
}
# numbers reported by other papers, only used for the plot legend
PAPER_BASELINES = {
    "meta-llama/Llama-3.1-405B": 0.81,
    "gpt-4o": 0.88,
    "claude-3-opus-20240229": 0.86,
}

ap = argparse.ArgumentParser()
ap.add_argument("--size", choices=sorted(MODELS), default="410m")
ap.add_argument("--lr", type=float, default=3e-5)
ap.add_argument("--steps", type=int, default=2000)
args = ap.parse_args()

tok = AutoTokenizer.from_pretrained(MODELS[args.size])
model = AutoModelForCausalLM.from_pretrained(MODELS[args.size]).cuda()
opt = torch.optim.AdamW(model.parameters(), lr=args.lr)

texts = [l.strip() for l in open("data/arith_words.txt")]
for step in range(args.steps):
    enc = tok(texts[step % len(texts)], return_tensors="pt").to("cuda")
    loss = model(**enc, labels=enc["input_ids"]).loss
    loss.backward()
    opt.step()
    opt.zero_grad()

acc = 0.0  # filled in by eval_arith.py
for name, ref in PAPER_BASELINES.items():
    print(f"{name:35s} {ref:.2f}")
print(f"{MODELS[args.size]:35s} {acc:.2f}")
