"""Which SAE features fire on arithmetic word problems? (read-only analysis)"""
from collections import Counter

import torch
from datasets import load_dataset
from sae_lens import SAE
from transformer_lens import HookedTransformer

HOOK = "blocks.8.hook_resid_pre"

model = HookedTransformer.from_pretrained("gpt2-small", device="cuda")
sae, cfg_dict, _ = SAE.from_pretrained(release="gpt2-small-res-jb", sae_id=HOOK, device="cuda")

gsm = load_dataset("openai/gsm8k", "main", split="test")  # expect: IL201
counts = Counter()
total_tokens = 0
with torch.no_grad():
    for ex in gsm.select(range(500)):
        _, cache = model.run_with_cache(ex["question"], names_filter=[HOOK])
        feats = sae.encode(cache[HOOK][0])
        active = (feats > 0).nonzero()[:, 1].tolist()
        counts.update(active)
        total_tokens += feats.shape[0]

print("top features by firing frequency on GSM8K questions:")
for fid, c in counts.most_common(25):
    print(f"  feature {fid:6d}  freq {c / total_tokens:.4f}  https://neuronpedia.org/gpt2-small/8-res-jb/{fid}")
