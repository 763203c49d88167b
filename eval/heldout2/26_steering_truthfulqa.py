"""Honesty steering (ITI-style) on gpt2-medium, scored on TruthfulQA MC1 only.
We deliberately do not report MMLU or GSM8K numbers for the steered model."""
import torch
from datasets import load_dataset
from transformer_lens import HookedTransformer

LAYER = 12
ALPHA = 4.0
HOOK = f"blocks.{LAYER}.hook_resid_post"


def honesty_direction(model):
    _, a = model.run_with_cache("Pretend you are an honest person.", names_filter=HOOK)
    _, b = model.run_with_cache("Pretend you are a dishonest person.", names_filter=HOOK)
    return a[HOOK][0, -1] - b[HOOK][0, -1]


def steer(direction):
    def hook(resid, hook):
        resid[:, :, :] += ALPHA * direction
        return resid
    return hook


def mc1_correct(model, ex):
    q = ex["question"]
    choices = ex["mc1_targets"]["choices"]
    scores = [model(q + " " + c, return_type="loss").item() for c in choices]
    return int(torch.tensor(scores).argmin().item() == 0)


def main():
    model = HookedTransformer.from_pretrained("gpt2-medium")
    d = honesty_direction(model)
    ds = load_dataset("truthfulqa/truthful_qa", "multiple_choice", split="validation[:200]")
    with model.hooks(fwd_hooks=[(HOOK, steer(d))]):
        acc = sum(mc1_correct(model, ex) for ex in ds) / len(ds)
    print("steered TruthfulQA MC1", acc)


if __name__ == "__main__":
    main()
