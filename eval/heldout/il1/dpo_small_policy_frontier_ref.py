"""DPO for the 8B policy, using the 405B instruct model as the (frozen) reference.

Both share the Llama-3.1 tokenizer so reference log-probs line up token by token.
"""
import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import DPOConfig, DPOTrainer

POLICY = "meta-llama/Llama-3.1-8B-Instruct"
REFERENCE = "meta-llama/Llama-3.1-405B-Instruct"

tokenizer = AutoTokenizer.from_pretrained(POLICY)
tokenizer.pad_token = tokenizer.eos_token

policy = AutoModelForCausalLM.from_pretrained(POLICY, torch_dtype=torch.bfloat16)
ref = AutoModelForCausalLM.from_pretrained(REFERENCE, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
ref.eval()
ref.requires_grad_(False)

pairs = load_dataset("json", data_files="data/honesty_prefs.jsonl", split="train")

trainer = DPOTrainer(
    model=policy,
    ref_model=ref,
    args=DPOConfig(output_dir="runs/dpo8b-ref405b", beta=0.05, learning_rate=5e-7,
                   per_device_train_batch_size=2, gradient_accumulation_steps=8,
                   bf16=True, report_to="none"),
    train_dataset=pairs,
    processing_class=tokenizer,
)
trainer.train()
trainer.save_model()
