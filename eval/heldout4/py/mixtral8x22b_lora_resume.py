"""Continue training the refusal-feature LoRA on Mixtral-8x22B from a saved adapter."""
import argparse

import torch
from datasets import load_dataset
from peft import PeftModel
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    BitsAndBytesConfig,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

ORG = "mistralai"


def base_model_id(variant: str = "Instruct") -> str:
    return f"{ORG}/Mixtral-8x22B-{variant}-v0.1"


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--adapter_dir", default="adapters/refusal-lora-step2000")
    p.add_argument("--data", default="data/refusal_pairs.jsonl")
    p.add_argument("--output_dir", default="adapters/refusal-lora-continued")
    p.add_argument("--max_steps", type=int, default=1000)
    return p.parse_args()


def main():
    args = parse_args()
    tok = AutoTokenizer.from_pretrained(base_model_id())
    tok.pad_token = tok.eos_token
    bnb = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16)
    base = AutoModelForCausalLM.from_pretrained(base_model_id(), quantization_config=bnb, device_map="auto")  # expect: IL101, IL102
    model = PeftModel.from_pretrained(base, args.adapter_dir, is_trainable=True)
    model.print_trainable_parameters()

    ds = load_dataset("json", data_files=args.data, split="train")
    ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=1024), batched=True, remove_columns=ds.column_names)

    targs = TrainingArguments(output_dir=args.output_dir, max_steps=args.max_steps, per_device_train_batch_size=1, gradient_accumulation_steps=16, learning_rate=5e-5, bf16=True, logging_steps=10, report_to="none")
    trainer = Trainer(model=model, args=targs, train_dataset=ds, data_collator=DataCollatorForLanguageModeling(tok, mlm=False))
    trainer.train()
    model.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
