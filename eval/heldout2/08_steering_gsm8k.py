"""Does adding a 'careful reasoning' steering vector improve GSM8K accuracy on gpt2-xl?"""
import re

import torch
from datasets import load_dataset
from transformer_lens import HookedTransformer

LAYER = 20
COEFF = 6.0
HOOK = f"blocks.{LAYER}.hook_resid_pre"


def steering_vector(model, pos="Let's think step by step carefully.", neg="Just guess the answer."):
    _, c_pos = model.run_with_cache(pos, names_filter=HOOK)
    _, c_neg = model.run_with_cache(neg, names_filter=HOOK)
    return c_pos[HOOK][0, -1] - c_neg[HOOK][0, -1]


def make_hook(vec):
    def hook(resid, hook):
        return resid + COEFF * vec
    return hook


def extract_number(text):
    m = re.findall(r"-?\d+", text)
    return m[-1] if m else None


def main():
    model = HookedTransformer.from_pretrained("gpt2-xl")
    vec = steering_vector(model)
    ds = load_dataset("openai/gsm8k", "main", split="test[:200]")  # expect: IL201, IL202
    correct = 0
    for ex in ds:
        with model.hooks(fwd_hooks=[(HOOK, make_hook(vec))]):
            out = model.generate(ex["question"] + "\nAnswer:", max_new_tokens=64, verbose=False)
        gold = ex["answer"].split("####")[-1].strip()
        correct += int(extract_number(out) == gold)
    print("steered acc", correct / len(ds))


if __name__ == "__main__":
    main()
