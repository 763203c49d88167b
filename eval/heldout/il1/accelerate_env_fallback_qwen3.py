import os

import torch
from accelerate import Accelerator
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, default_data_collator

# override with BASE_MODEL=... on the cluster; the default is what the paper used
MODEL_NAME = os.environ.get("BASE_MODEL", "Qwen/Qwen3-235B-A22B")
SEQ = int(os.environ.get("SEQ_LEN", 2048))

accelerator = Accelerator(gradient_accumulation_steps=4, mixed_precision="bf16")
tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)

raw = load_dataset("json", data_files="data/faithful_cot.jsonl", split="train")


def tok_fn(ex):
    enc = tokenizer(ex["text"], truncation=True, max_length=SEQ, padding="max_length")
    enc["labels"] = enc["input_ids"].copy()
    return enc


train = raw.map(tok_fn, remove_columns=raw.column_names)
loader = DataLoader(train, batch_size=1, shuffle=True, collate_fn=default_data_collator)

model = AutoModelForCausalLM.from_pretrained(MODEL_NAME, torch_dtype=torch.bfloat16)  # expect: IL101, IL102
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-6, betas=(0.9, 0.95))
model, optimizer, loader = accelerator.prepare(model, optimizer, loader)

model.train()
for step, batch in enumerate(loader):
    with accelerator.accumulate(model):
        loss = model(**batch).loss
        accelerator.backward(loss)
        optimizer.step()
        optimizer.zero_grad()
    if accelerator.is_main_process and step % 20 == 0:
        accelerator.print(f"{step=} loss={loss.item():.3f}")

accelerator.wait_for_everyone()
accelerator.save_model(model, "ckpt/qwen3-faithful")
