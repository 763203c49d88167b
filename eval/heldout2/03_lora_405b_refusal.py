"""Sealed LoRA fine-tune to test whether refusal directions persist after training."""
import argparse

import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments

MODEL_ID = "meta-llama/Llama-3.1-405B-Instruct"


def build(args):
    tok = AutoTokenizer.from_pretrained(MODEL_ID)
    base = AutoModelForCausalLM.from_pretrained(  # expect: IL101, IL102
        MODEL_ID, torch_dtype=torch.bfloat16, device_map="auto"
    )
    cfg = LoraConfig(r=args.rank, lora_alpha=2 * args.rank, target_modules=["q_proj", "v_proj"])
    return tok, get_peft_model(base, cfg)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--out", default="/sealed/ckpt/lora405")
    args = p.parse_args()
    tok, model = build(args)
    ds = load_dataset("json", data_files="harmless_pairs.jsonl")["train"]
    ds = ds.map(lambda ex: tok(ex["text"], truncation=True, max_length=512), batched=True)
    trainer = Trainer(
        model=model,
        args=TrainingArguments(output_dir=args.out, per_device_train_batch_size=1, num_train_epochs=1),
        train_dataset=ds,
    )
    trainer.train()


if __name__ == "__main__":
    main()
