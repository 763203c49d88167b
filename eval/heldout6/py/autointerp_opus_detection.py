"""Autointerp for gpt2-small residual SAE latents: explain with Claude, then detection-score.

Follows the explain -> detect protocol (Paulo et al. 2024). Explainer and scorer are the
same hosted model so that scores are comparable across latents.
"""
import json
import random

import anthropic
import torch
import wandb
from datasets import load_dataset
from sae_lens import SAE, HookedSAETransformer

EXPLAINER = "claude-opus-4-1-20250805"
HOOK = "blocks.8.hook_resid_pre"
N_LATENTS, TOP_K, N_DECOYS = 200, 20, 20

model = HookedSAETransformer.from_pretrained("gpt2-small", device="cuda")
sae = SAE.from_pretrained(release="gpt2-small-res-jb", sae_id=HOOK, device="cuda")
client = anthropic.Anthropic()
run = wandb.init(project="autointerp", entity="interp-lab", config={"explainer": EXPLAINER, "hook": HOOK})  # expect: IL303

texts = load_dataset("NeelNanda/pile-10k", split="train")["text"][:4000]
records = []  # (latent, activation, snippet)
with torch.no_grad():
    for text in texts:
        toks = model.to_tokens(text, truncate=True)[:, :128]
        _, cache = model.run_with_cache(toks, names_filter=HOOK)
        feats = sae.encode(cache[HOOK])[0]  # [pos, d_sae]
        acts, pos = feats[:, :N_LATENTS].max(dim=0)
        for lat in torch.nonzero(acts > 0).flatten().tolist():
            p = pos[lat].item()
            snippet = model.to_string(toks[0, max(0, p - 24): p + 4])
            records.append((lat, acts[lat].item(), snippet))


def ask(prompt: str) -> str:
    msg = client.messages.create(model=EXPLAINER, max_tokens=400, messages=[{"role": "user", "content": prompt}])  # expect: IL101
    return msg.content[0].text


results = {}
for lat in range(N_LATENTS):
    mine = sorted((r for r in records if r[0] == lat), key=lambda r: -r[1])[:TOP_K]
    if len(mine) < 5:
        continue
    examples = "\n".join(f"<<{s}>> ({a:.1f})" for _, a, s in mine)
    explanation = ask(f"These text snippets all activate one feature of a language model.\n{examples}\nDescribe the feature in one sentence.")
    decoys = random.sample([r[2] for r in records if r[0] != lat], N_DECOYS)
    pool = [(s, 1) for _, _, s in mine] + [(s, 0) for s in decoys]
    random.shuffle(pool)
    listing = "\n".join(f"{i}. {s}" for i, (s, _) in enumerate(pool))
    reply = ask(f"Feature: {explanation}\nWhich of these snippets activate it? Reply with a JSON list of indices.\n{listing}")
    picked = set(json.loads(reply[reply.index("["): reply.rindex("]") + 1]))
    correct = sum((i in picked) == bool(y) for i, (_, y) in enumerate(pool))
    results[lat] = {"explanation": explanation, "detection_acc": correct / len(pool)}
    run.log({"latent": lat, "detection_acc": results[lat]["detection_acc"]})

with open("results/autointerp_gpt2_l8.json", "w") as f:
    json.dump(results, f, indent=1)
run.finish()
