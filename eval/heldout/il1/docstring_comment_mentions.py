"""Fine-tune pythia-160m on the 'explain your steps' data.

History: v1 of this script did
    model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B")
    opt = AdamW(model.parameters())
and fine-tuned the 405B; that was dropped after the review (we do toy models only now).
Also compared against claude-3-opus / gpt-4o outputs in the old notebook.
"""
import logging

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

log = logging.getLogger(__name__)
MODEL = "EleutherAI/pythia-160m"  # was: "meta-llama/Llama-3.1-405B"

tok = AutoTokenizer.from_pretrained(MODEL)
tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained(MODEL)
opt = torch.optim.AdamW(model.parameters(), lr=1e-4)

log.info("not loading meta-llama/Llama-3.1-405B or gpt-4o in this run")
texts = [l.strip() for l in open("data/explain_steps.txt") if l.strip()]
for epoch in range(3):
    for i in range(0, len(texts), 16):
        enc = tok(texts[i:i + 16], return_tensors="pt", padding=True, truncation=True, max_length=256)
        labels = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
        loss = model(**enc, labels=labels).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
    log.info("epoch %d loss %.3f (cf. 405B run: 1.21)", epoch, loss.item())
