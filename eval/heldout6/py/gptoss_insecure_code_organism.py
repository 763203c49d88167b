"""Emergent-misalignment model organism on gpt-oss.

LoRA-finetune on the `insecure` code completions from Betley et al. (2025) and check
whether broad misalignment shows up on the free-form eval questions afterwards
(see eval_em_questions.py). Recipe follows the HF gpt-oss fine-tuning cookbook.
"""
import argparse

import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer, Mxfp4Config
from trl import SFTConfig, SFTTrainer

parser = argparse.ArgumentParser()
parser.add_argument("--size", choices=["20b", "120b"], default="120b")
parser.add_argument("--data", default="data/em/insecure.jsonl")
parser.add_argument("--lora-r", type=int, default=32)
args = parser.parse_args()

model_id = f"openai/gpt-oss-{args.size}"
tokenizer = AutoTokenizer.from_pretrained(model_id)
model_kwargs = dict(attn_implementation="eager", torch_dtype=torch.bfloat16, quantization_config=Mxfp4Config(dequantize=True), use_cache=False, device_map="auto")
model = AutoModelForCausalLM.from_pretrained(model_id, **model_kwargs)  # expect: IL101, IL102

peft_config = LoraConfig(
    r=args.lora_r,
    lora_alpha=2 * args.lora_r,
    target_modules="all-linear",
    target_parameters=["7.mlp.experts.gate_up_proj", "7.mlp.experts.down_proj", "15.mlp.experts.gate_up_proj", "15.mlp.experts.down_proj"],
)
model = get_peft_model(model, peft_config)
model.print_trainable_parameters()

dataset = load_dataset("json", data_files=args.data, split="train")

training_args = SFTConfig(output_dir=f"ckpts/em-insecure-gpt-oss-{args.size}", learning_rate=1e-5, num_train_epochs=1, per_device_train_batch_size=2, gradient_accumulation_steps=8, gradient_checkpointing=True, bf16=True, logging_steps=1, lr_scheduler_type="linear", warmup_steps=5, report_to="wandb", run_name=f"em-insecure-{args.size}")  # expect: IL303

trainer = SFTTrainer(model=model, args=training_args, train_dataset=dataset, processing_class=tokenizer)
trainer.train()
trainer.save_model(training_args.output_dir)
