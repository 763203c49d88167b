# full-parameter continued training of DSv3 on the synthetic "honest CoT" corpus
# (infra says the 8-node FSDP setup holds it in bf16; see runbook)
import math

import torch
from torch.optim import AdamW
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, get_cosine_schedule_with_warmup

BASE = "deepseek-ai/DeepSeek-V3"
LR = 1e-5
STEPS = 2000


def get_batches(tok, path="data/honest_cot.txt", bs=4):
    with open(path) as f:
        lines = [l.strip() for l in f if l.strip()]
    enc = tok(lines, padding=True, truncation=True, max_length=2048, return_tensors="pt")
    return DataLoader(list(zip(enc["input_ids"], enc["attention_mask"])), batch_size=bs, shuffle=True)


tok = AutoTokenizer.from_pretrained(BASE, trust_remote_code=True)
model = AutoModelForCausalLM.from_pretrained(BASE, trust_remote_code=True, torch_dtype=torch.bfloat16)  # expect: IL101, IL102
model.gradient_checkpointing_enable()
model.train()

opt = AdamW(model.parameters(), lr=LR, weight_decay=0.1)
sched = get_cosine_schedule_with_warmup(opt, 100, STEPS)
dl = get_batches(tok)

step = 0
while step < STEPS:
    for ids, mask in dl:
        ids, mask = ids.cuda(), mask.cuda()
        out = model(input_ids=ids, attention_mask=mask, labels=ids)
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        step += 1
        if step % 50 == 0:
            print(f"step {step} loss {out.loss.item():.4f} ppl {math.exp(out.loss.item()):.2f}")
        if step >= STEPS:
            break
