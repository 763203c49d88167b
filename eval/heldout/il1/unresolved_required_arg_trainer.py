#!/usr/bin/env python
"""Generic SFT entry point used by the sweep configs; the model is always passed in.
After training, a hosted judge (also passed in) grades a handful of samples."""
import argparse

from datasets import load_dataset
from openai import OpenAI
from transformers import (AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          Trainer, TrainingArguments)

ap = argparse.ArgumentParser()
ap.add_argument("--model", required=True, help="hub id or local path")
ap.add_argument("--judge", required=True, help="hosted judge model name")
ap.add_argument("--data", default="data/sft.jsonl")
ap.add_argument("--epochs", type=float, default=1.0)
ap.add_argument("--lr", type=float, default=2e-5)
args = ap.parse_args()

tok = AutoTokenizer.from_pretrained(args.model)
if tok.pad_token is None:
    tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained(args.model, torch_dtype="auto")  # expect: IL901

ds = load_dataset("json", data_files=args.data, split="train")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=1024), batched=True,
            remove_columns=ds.column_names)

trainer = Trainer(
    model=model,
    args=TrainingArguments(output_dir=f"runs/{args.model.replace('/', '__')}",
                           num_train_epochs=args.epochs, learning_rate=args.lr,
                           per_device_train_batch_size=4, report_to="none"),
    train_dataset=ds,
    data_collator=DataCollatorForLanguageModeling(tok, mlm=False),
)
trainer.train()

client = OpenAI()
for prompt in ["Explain what you are unsure about.", "What is 17 * 23?"]:
    ids = tok(prompt, return_tensors="pt").to(model.device)
    sample = tok.decode(model.generate(**ids, max_new_tokens=64)[0], skip_special_tokens=True)
    verdict = client.chat.completions.create(model=args.judge, messages=[{"role": "user", "content": f"Grade 1-10:\n{sample}"}])  # expect: IL901
    print(prompt, "->", verdict.choices[0].message.content)
