"""Token budget for the distillation corpus, counted with the 405B tokenizer so the
numbers match the paper we compare against. The model we train is gpt2."""
import json

import torch
from transformers import AutoTokenizer, GPT2LMHeadModel, GPT2TokenizerFast

ref_tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-405B")
rows = [json.loads(l)["text"] for l in open("data/distill_corpus.jsonl")]
n_ref = sum(len(ref_tok(t)["input_ids"]) for t in rows)
print(f"{len(rows)} docs, {n_ref / 1e6:.1f}M llama-3.1 tokens")

tok = GPT2TokenizerFast.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
model = GPT2LMHeadModel.from_pretrained("gpt2").cuda()
opt = torch.optim.AdamW(model.parameters(), lr=5e-5)

model.train()
for i in range(0, len(rows), 8):
    enc = tok(rows[i:i + 8], return_tensors="pt", padding=True, truncation=True, max_length=512).to("cuda")
    labels = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
    loss = model(**enc, labels=labels).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
print("done, last loss", loss.item())
