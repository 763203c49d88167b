import torch
from datasets import load_dataset
from transformer_lens import HookedTransformer

model = HookedTransformer.from_pretrained("gpt2-medium")
LAYER = 6
ALPHA = 4.0

pos = model.run_with_cache("Let's think step by step carefully.")[1][f"blocks.{LAYER}.hook_resid_post"].mean(1)
neg = model.run_with_cache("Answer immediately without thinking.")[1][f"blocks.{LAYER}.hook_resid_post"].mean(1)
steer = (pos - neg).squeeze(0)


def add_steer(resid, hook):
    return resid + ALPHA * steer


gsm = load_dataset("openai/gsm8k", "main", split="test[:200]")  # expect: IL201, IL202

correct = 0
for ex in gsm:
    prompt = f"Q: {ex['question']}\nA:"
    with model.hooks(fwd_hooks=[(f"blocks.{LAYER}.hook_resid_post", add_steer)]):
        out = model.generate(prompt, max_new_tokens=128, verbose=False)
    gold = ex["answer"].split("####")[-1].strip()
    correct += gold in out
print("steered acc", correct / len(gsm))
