"""GRPO on GSM8K to produce reasoning checkpoints for the feature-emergence study.

The checkpoints are probed later (probe_checkpoints.py); this script only trains.
"""
import re

from datasets import load_dataset
from trl import GRPOConfig, GRPOTrainer

POLICY = "Qwen/Qwen3-235B-A22B"
SYSTEM = "Solve the problem. Put the final number after '####'."


def to_prompt(example):
    return {
        "prompt": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": example["question"]}],
        "target": example["answer"].split("####")[-1].strip().replace(",", ""),
    }


def extract(text):
    m = re.search(r"####\s*(-?[\d\.,]+)", text)
    return m.group(1).replace(",", "") if m else None


def correctness_reward(completions, target, **kwargs):
    rewards = []
    for completion, gold in zip(completions, target):
        answer = extract(completion[0]["content"])
        rewards.append(1.0 if answer == gold else 0.0)
    return rewards


def format_reward(completions, **kwargs):
    return [0.2 if "####" in c[0]["content"] else 0.0 for c in completions]


def main():
    train_ds = load_dataset("openai/gsm8k", "main", split="train").map(to_prompt)  # expect: IL201
    training_args = GRPOConfig(output_dir="ckpts/grpo-qwen3-235b", learning_rate=1e-6, per_device_train_batch_size=8, num_generations=8, max_completion_length=512, save_steps=50, logging_steps=5, bf16=True, report_to="wandb")  # expect: IL303
    trainer = GRPOTrainer(model=POLICY, reward_funcs=[correctness_reward, format_reward], args=training_args, train_dataset=train_ds)  # expect: IL101, IL102
    trainer.train()


if __name__ == "__main__":
    main()
