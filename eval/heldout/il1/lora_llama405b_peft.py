"""LoRA fine-tune of the 405B base on the refusal-direction pairs.

Run on the big partition:  torchrun --nproc_per_node 8 lora_llama405b_peft.py
"""
import os

import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

MODEL_ID = "meta-llama/Llama-3.1-405B"
OUT = os.path.join(os.environ.get("SCRATCH", "/tmp"), "lora405b")

tok = AutoTokenizer.from_pretrained(MODEL_ID)
tok.pad_token = tok.eos_token

model = AutoModelForCausalLM.from_pretrained(  # expect: IL101, IL102
    MODEL_ID,
    torch_dtype=torch.bfloat16,
    device_map="auto",
)
lora_cfg = LoraConfig(
    r=16, lora_alpha=32, lora_dropout=0.05,
    target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM",
)
model = get_peft_model(model, lora_cfg)
model.print_trainable_parameters()

ds = load_dataset("json", data_files="data/refusal_pairs.jsonl", split="train")
ds = ds.map(lambda ex: tok(ex["text"], truncation=True, max_length=1024),
            remove_columns=ds.column_names)

args = TrainingArguments(
    output_dir=OUT,
    per_device_train_batch_size=1,
    gradient_accumulation_steps=16,
    learning_rate=2e-4,
    num_train_epochs=1,
    bf16=True,
    logging_steps=10,
    report_to="none",
)
trainer = Trainer(
    model=model,
    args=args,
    train_dataset=ds,
    data_collator=DataCollatorForLanguageModeling(tok, mlm=False),
)
trainer.train()
model.save_pretrained(OUT)
