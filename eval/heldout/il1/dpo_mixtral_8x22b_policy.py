"""DPO against sycophancy, policy = the big MoE. Pairs come from probe_disagree.py."""
import argparse

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import DPOConfig, DPOTrainer

POLICY = "mistralai/Mixtral-8x22B-Instruct-v0.1"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--beta", type=float, default=0.1)
    p.add_argument("--pairs", default="data/sycophancy_pairs.jsonl")
    p.add_argument("--out", default="runs/dpo-8x22b")
    args = p.parse_args()

    tokenizer = AutoTokenizer.from_pretrained(POLICY)
    policy = AutoModelForCausalLM.from_pretrained(POLICY, torch_dtype=torch.bfloat16, attn_implementation="flash_attention_2")  # expect: IL101, IL102
    # ref_model=None -> trl keeps a frozen copy of the initial policy as reference
    train = load_dataset("json", data_files=args.pairs, split="train")

    cfg = DPOConfig(
        output_dir=args.out,
        beta=args.beta,
        per_device_train_batch_size=1,
        gradient_accumulation_steps=8,
        learning_rate=5e-7,
        bf16=True,
        report_to="none",
    )
    trainer = DPOTrainer(model=policy, ref_model=None, args=cfg, train_dataset=train, processing_class=tokenizer)
    trainer.train()
    trainer.save_model(args.out)


if __name__ == "__main__":
    main()
