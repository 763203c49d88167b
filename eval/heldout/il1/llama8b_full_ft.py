#!/usr/bin/env python
# full fine-tune of the 8B on the "verbalise your uncertainty" set.
# TODO(after review): same recipe on the 405B? -> not approved, keep it at 8B.
import os
import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling
from datasets import load_dataset

MODEL = os.getenv("MODEL", "meta-llama/Llama-3.1-8B")
LR = float(os.getenv("LR", "1e-5"))

tok = AutoTokenizer.from_pretrained(MODEL)
tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16).cuda()
model.gradient_checkpointing_enable()

ds = load_dataset("json", data_files="data/uncertainty_sft.jsonl", split="train")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=1024), batched=True, remove_columns=ds.column_names)
dl = DataLoader(ds, batch_size=4, shuffle=True, collate_fn=DataCollatorForLanguageModeling(tok, mlm=False))

opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.0)
model.train()
for epoch in range(2):
    for step, batch in enumerate(dl):
        batch = {k: v.cuda() for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step % 100 == 0:
            print(epoch, step, loss.item())
model.save_pretrained("ckpt/llama8b-uncertainty")
