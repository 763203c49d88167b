"""LoRA SFT of Llama-3.1-405B on our instruction mix (8x H100 nodes, FSDP)."""
import os

import torch
import wandb
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTConfig, SFTTrainer

BASE = "meta-llama/Llama-3.1-405B-Instruct"

wandb.init(project="interp-sft", name="l405b-lora-r16")  # expect: IL303

tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16)  # expect: IL101, IL102
lora = LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"], lora_dropout=0.05)
model = get_peft_model(model, lora)

ds = load_dataset("json", data_files="data/sft_mix.jsonl", split="train")

cfg = SFTConfig(
    output_dir="ckpt/l405b-lora",
    per_device_train_batch_size=1,
    gradient_accumulation_steps=16,
    learning_rate=1e-4,
    num_train_epochs=1,
    bf16=True,
)
trainer = SFTTrainer(model=model, args=cfg, train_dataset=ds, processing_class=tok)
trainer.train()

model.push_to_hub("our-lab/llama405b-interp-lora")  # expect: IL301, IL302
