"""Train a Llama-3.1-8B-shaped model from random init on synthetic PCFG data, to study how
features form without natural-language pretraining. Only the architecture is borrowed."""
import torch
from datasets import load_dataset
from transformers import (
    AutoConfig,
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

ARCH_SOURCE = "meta-llama/Llama-3.1-8B"
DATA_DIR = "data/pcfg_synthetic"

tok = AutoTokenizer.from_pretrained(ARCH_SOURCE)
tok.pad_token = tok.eos_token
config = AutoConfig.from_pretrained(ARCH_SOURCE)
config.max_position_embeddings = 2048
model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16)  # expect: IL103
print(f"{model.num_parameters() / 1e9:.2f}B parameters, randomly initialised")

ds = load_dataset("text", data_dir=DATA_DIR, split="train")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=1024), batched=True, remove_columns=["text"])

args = TrainingArguments(output_dir="ckpts/llama8b-pcfg", per_device_train_batch_size=4, gradient_accumulation_steps=16, learning_rate=3e-4, warmup_steps=2000, max_steps=50_000, lr_scheduler_type="cosine", bf16=True, save_steps=2500, logging_steps=50, report_to="none", deepspeed="configs/ds_zero3.json")
trainer = Trainer(model=model, args=args, train_dataset=ds, data_collator=DataCollatorForLanguageModeling(tok, mlm=False))
trainer.train()
trainer.save_model("ckpts/llama8b-pcfg/final")
