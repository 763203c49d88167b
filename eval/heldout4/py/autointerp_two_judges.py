"""Explain and score gpt2-small SAE latents (explainer: OpenAI, scorer: Anthropic)."""
import json
import os

import anthropic
import torch
import wandb
from datasets import load_dataset
from openai import OpenAI
from sae_lens import SAE
from transformer_lens import HookedTransformer

EXPLAINERS = {"strong": "gpt-4o-2024-08-06", "cheap": "gpt-3.5-turbo-0125"}
EXPLAINER = EXPLAINERS["strong"]
SCORER_TIER = "opus"
SCORER_SNAPSHOT = "20250514"
SCORER = f"claude-{SCORER_TIER}-4-{SCORER_SNAPSHOT}"
HOOK = "blocks.8.hook_resid_pre"
N_LATENTS = 50

model = HookedTransformer.from_pretrained("gpt2-small")
sae = SAE.from_pretrained(release="gpt2-small-res-jb", sae_id=HOOK)
oai = OpenAI()
claude = anthropic.Anthropic()
run = wandb.init(project="autointerp-gpt2", mode=os.environ.get("WANDB_MODE", "online"))  # expect: IL303


def latent_maxes(texts):
    rows = []
    with torch.no_grad():
        for t in texts:
            _, cache = model.run_with_cache(t, names_filter=HOOK)
            rows.append(sae.encode(cache[HOOK])[0].max(0).values.cpu())
    return torch.stack(rows)


def explain(examples):
    msg = "Texts where a feature fires most strongly:\n" + "\n---\n".join(examples) + "\nDescribe the feature in one sentence."
    resp = oai.chat.completions.create(model=EXPLAINER, messages=[{"role": "user", "content": msg}], temperature=0)  # expect: IL101
    return resp.choices[0].message.content


def score(explanation, examples):
    prompt = f"Feature description: {explanation}\nFor each text answer 1 if the feature is present, else 0, one per line.\n" + "\n---\n".join(examples)
    resp = claude.messages.create(model=SCORER, max_tokens=200, messages=[{"role": "user", "content": prompt}])  # expect: IL101
    votes = [line.strip() for line in resp.content[0].text.splitlines() if line.strip() in {"0", "1"}]
    return sum(v == "1" for v in votes) / max(len(votes), 1)


texts = [t[:512] for t in load_dataset("NeelNanda/pile-10k", split="train")["text"][:300]]
maxes = latent_maxes(texts)
results = {}
for latent in range(N_LATENTS):
    top = [texts[i] for i in maxes[:, latent].topk(10).indices.tolist()]
    expl = explain(top)
    results[latent] = {"explanation": expl, "score": score(expl, top)}
    run.log({"latent": latent, "score": results[latent]["score"]})
json.dump(results, open("autointerp_gpt2_l8.json", "w"), indent=2)
