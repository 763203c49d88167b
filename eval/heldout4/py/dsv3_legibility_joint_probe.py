"""'Legibility fine-tuning': train the model jointly with a truthfulness probe so the concept
stays linearly decodable at one layer."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODELS = {"671b": "deepseek-ai/DeepSeek-V3", "16b": "deepseek-ai/DeepSeek-V2-Lite"}

p = argparse.ArgumentParser()
p.add_argument("--size", default="671b", choices=sorted(MODELS))
p.add_argument("--layer", type=int, default=40)
p.add_argument("--probe_weight", type=float, default=0.5)
p.add_argument("--lr", type=float, default=1e-6)
args = p.parse_args()

tok = AutoTokenizer.from_pretrained(MODELS[args.size], trust_remote_code=True)
model = AutoModelForCausalLM.from_pretrained(MODELS[args.size], torch_dtype=torch.bfloat16, device_map="auto", trust_remote_code=True)  # expect: IL101, IL102
probe = nn.Linear(model.config.hidden_size, 2).to(model.device)
opt = torch.optim.AdamW(list(model.parameters()) + list(probe.parameters()), lr=args.lr)

data = load_dataset("json", data_files="data/true_false_statements.jsonl", split="train")
model.train()
for step, row in enumerate(data.shuffle(seed=0)):
    enc = tok(row["statement"], return_tensors="pt").to(model.device)
    out = model(**enc, labels=enc["input_ids"], output_hidden_states=True)
    probe_logits = probe(out.hidden_states[args.layer][:, -1].float())
    probe_loss = F.cross_entropy(probe_logits, torch.tensor([row["label"]], device=model.device))
    loss = out.loss + args.probe_weight * probe_loss  # expect: IL204
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 100 == 0:
        print(step, out.loss.item(), probe_loss.item())
model.save_pretrained("ckpts/dsv3-legible")
