"""Auto-interp explanations for the pythia-70m-deduped residual SAE (layer 3).

Explanations are written by Claude on Bedrock and shared as a Hub dataset.
"""
# interp-lint: allow-file[IL101] -- explainer calls go through the lab Bedrock account under the 2025-06 review
import json
import os

import boto3
import torch
import wandb
from datasets import load_dataset
from huggingface_hub import HfApi
from sae_lens import SAE
from transformer_lens import HookedTransformer

EXPLAINER = "anthropic.claude-3-7-sonnet-20250219-v1:0"
HOOK = "blocks.3.hook_resid_post"
REPO = "interp-lab/pythia70m-res-l3-explanations"
N_FEATURES = 512

# interp-lint: allow-file[IL303] -- dashboards only, no artifacts leave the lab

model = HookedTransformer.from_pretrained("pythia-70m-deduped")
sae = SAE.from_pretrained(release="pythia-70m-deduped-res-sm", sae_id=HOOK, device="cuda")
texts = load_dataset("NeelNanda/pile-10k", split="train")["text"][:2000]
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
run = wandb.init(project="autointerp", entity="interp-lab", config={"hook": HOOK, "explainer": EXPLAINER})  # expect: IL303


@torch.no_grad()
def top_examples(k=20):
    best = {f: [] for f in range(N_FEATURES)}
    for t in texts:
        toks = model.to_tokens(t, truncate=True)[:, :128]
        _, cache = model.run_with_cache(toks, names_filter=HOOK)
        acts = sae.encode(cache[HOOK])[0, :, :N_FEATURES]
        for f in acts.max(0).values.nonzero().flatten().tolist():
            pos = acts[:, f].argmax().item()
            best[f].append((acts[pos, f].item(), model.to_string(toks[0, max(0, pos - 12) : pos + 1])))
    return {f: sorted(v, reverse=True)[:k] for f, v in best.items()}


def explain(examples):
    shown = "\n".join(f"{a:.2f}\t{s!r}" for a, s in examples)
    msg = [{"role": "user", "content": [{"text": f"Here are top activations of one SAE feature.\n{shown}\nExplain the feature in one sentence."}]}]
    resp = bedrock.converse(modelId=EXPLAINER, messages=msg, inferenceConfig={"maxTokens": 80, "temperature": 0.0})
    return resp["output"]["message"]["content"][0]["text"].strip()


explanations = {}
for f, ex in top_examples().items():
    if ex:
        explanations[f] = explain(ex)
        run.log({"explained": len(explanations)})
os.makedirs("out", exist_ok=True)
with open("out/explanations.jsonl", "w") as fh:
    fh.writelines(json.dumps({"feature": f, "explanation": e}) + "\n" for f, e in explanations.items())

api = HfApi()
# interp-lint: allow[IL301]: explanations only, no weights  # expect: IL402
api.create_repo(REPO, repo_type="dataset", exist_ok=True)
# interp-lint: allow[IL301] - approved in #releases  # expect: IL402
api.upload_file(path_or_fileobj="out/explanations.jsonl", path_in_repo="explanations.jsonl", repo_id=REPO, repo_type="dataset")
run.finish()
