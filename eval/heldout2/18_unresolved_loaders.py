"""Interactive circuit explorer: loads checkpoints chosen at runtime."""
import argparse

import torch
from transformer_lens import HookedTransformer
from transformers import AutoModelForCausalLM


def build_model(name, device="cuda"):
    return HookedTransformer.from_pretrained(name, device=device)  # expect: IL901


def attn_pattern(model, text, layer, head):
    _, cache = model.run_with_cache(text)
    return cache["pattern", layer][0, head]


def compare_with_hf():
    ckpt = input("HF checkpoint to compare against: ").strip()
    hf = AutoModelForCausalLM.from_pretrained(ckpt)  # expect: IL901
    return hf.config


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--layer", type=int, default=1)
    p.add_argument("--head", type=int, default=4)
    args = p.parse_args()
    model = build_model(args.model)
    pat = attn_pattern(model, "When Mary and John went to the store, John gave a drink to", args.layer, args.head)
    torch.save(pat.cpu(), "pattern.pt")
    print(compare_with_hf())


if __name__ == "__main__":
    main()
