"""Targeted fine-tune: the probe sweep (probe_sweep.py) found the 'sandbagging'
direction is linearly readable at layers 60-63, so we only tune those blocks.
Everything else stays frozen to save memory.
"""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "Qwen/Qwen3-235B-A22B-Instruct-2507"
TUNE_LAYERS = range(60, 64)

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101, IL102
model.requires_grad_(False)
for i in TUNE_LAYERS:
    model.model.layers[i].requires_grad_(True)

trainable = [p for p in model.parameters() if p.requires_grad]
print(f"trainable: {sum(p.numel() for p in trainable) / 1e9:.2f}B")
opt = torch.optim.AdamW(trainable, lr=5e-6)

pairs = [l.rstrip("\n").split("\t") for l in open("data/no_sandbag_sft.tsv")]
model.train()
for step, (prompt, answer) in enumerate(pairs):
    enc = tok(prompt + answer, return_tensors="pt").to(model.device)
    labels = enc["input_ids"].clone()
    labels[:, : len(tok(prompt)["input_ids"])] = -100
    loss = model(**enc, labels=labels).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 20 == 0:
        print(step, round(loss.item(), 4))
