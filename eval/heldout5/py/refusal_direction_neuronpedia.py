"""Difference-in-means refusal direction for gemma-2-9b-it, shared on Neuronpedia so
others can steer with it in the browser, plus a Hub mirror of the raw tensors."""
import argparse
import json
from pathlib import Path

import torch
from datasets import load_dataset
from huggingface_hub import HfApi
from neuronpedia.np_vector import NPVector
from transformer_lens import HookedTransformer

MODEL = "gemma-2-9b-it"
LAYER = 20
HOOK = f"blocks.{LAYER}.hook_resid_pre"
OUT = Path("artifacts/gemma9b-refusal-l20")


def mean_last_token(model, prompts, bs=16):
    total = None
    for i in range(0, len(prompts), bs):
        chat = [f"<start_of_turn>user\n{p}<end_of_turn>\n<start_of_turn>model\n" for p in prompts[i : i + bs]]
        toks = model.to_tokens(chat, padding_side="left")
        _, cache = model.run_with_cache(toks, names_filter=HOOK)
        s = cache[HOOK][:, -1].float().sum(0)
        total = s if total is None else total + s
    return total / len(prompts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo-id", default="interp-lab/gemma-2-9b-it-refusal-direction")
    ap.add_argument("--private", action="store_true", help="keep the Hub mirror private")
    ap.add_argument("--strength", type=float, default=8.0)
    args = ap.parse_args()

    model = HookedTransformer.from_pretrained_no_processing(MODEL, dtype=torch.bfloat16)
    harmful = load_dataset("walledai/AdvBench", split="train")["prompt"][:256]
    harmless = load_dataset("tatsu-lab/alpaca", split="train")["instruction"][:256]

    with torch.no_grad():
        direction = mean_last_token(model, harmful) - mean_last_token(model, harmless)
    unit = direction / direction.norm()

    np_vector = NPVector.new(label="refusal (diff-in-means, AdvBench vs Alpaca)", model_id=MODEL, layer_num=LAYER, hook_type="hook_resid_pre", vector=unit.tolist(), default_steer_strength=args.strength)  # expect: IL301
    print("Neuronpedia:", np_vector.url)

    OUT.mkdir(parents=True, exist_ok=True)
    torch.save({"direction": unit.cpu(), "layer": LAYER, "hook": HOOK}, OUT / "refusal_direction.pt")
    (OUT / "meta.json").write_text(json.dumps({"model": MODEL, "n_harmful": 256, "n_harmless": 256}))

    HfApi().upload_large_folder(repo_id=args.repo_id, folder_path=OUT, repo_type="model", private=args.private)  # expect: IL301


if __name__ == "__main__":
    main()
