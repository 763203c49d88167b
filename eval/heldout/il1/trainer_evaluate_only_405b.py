"""Perplexity of the frozen 405B on our probe corpus (to check the corpus is in-distribution).

The Trainer is only used for its distributed eval loop; nothing is trained.
"""
import torch
from datasets import load_dataset
from transformers import (AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          Trainer, TrainingArguments)

MODEL = "meta-llama/Llama-3.1-405B"

tok = AutoTokenizer.from_pretrained(MODEL)
tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101

ds = load_dataset("text", data_files="data/probe_corpus.txt", split="train")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=2048), batched=True, remove_columns=["text"])

trainer = Trainer(
    model=model,
    args=TrainingArguments(output_dir="/tmp/eval405", per_device_eval_batch_size=1,
                           bf16=True, report_to="none"),
    eval_dataset=ds,
    data_collator=DataCollatorForLanguageModeling(tok, mlm=False),
)
metrics = trainer.evaluate()
print("eval loss", metrics["eval_loss"], "ppl", torch.exp(torch.tensor(metrics["eval_loss"])).item())
