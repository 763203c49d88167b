"""Cheap autointerp baseline: explanations from a local open-weights model served by vLLM.

Compares against the numbers reported for closed explainers, which we copy from the
papers rather than re-running (PAPER_BASELINES).
"""
import argparse
import json

import torch
import wandb
from sae_lens import SAE, HookedSAETransformer
from vllm import LLM, SamplingParams

PAPER_BASELINES = {"gpt-4o (Paulo et al. 2024)": 0.74, "claude-3.5-sonnet (Juang et al. 2024)": 0.71}

parser = argparse.ArgumentParser()
parser.add_argument("--explainer", default="Qwen/Qwen2.5-7B-Instruct")
parser.add_argument("--wandb-mode", choices=["online", "offline", "disabled"], default="offline")
parser.add_argument("--n-latents", type=int, default=100)
args = parser.parse_args()

subject = HookedSAETransformer.from_pretrained("pythia-70m-deduped", device="cuda")
sae = SAE.from_pretrained(release="pythia-70m-deduped-res-sm", sae_id="blocks.3.hook_resid_post", device="cuda")
llm = LLM(model=args.explainer, gpu_memory_utilization=0.5, max_model_len=8192)
params = SamplingParams(temperature=0.0, max_tokens=120)
run = wandb.init(project="autointerp-local", mode=args.wandb_mode, config=vars(args))

texts = [json.loads(l)["text"] for l in open("data/openwebtext_sample.jsonl")][:2000]
top = {i: [] for i in range(args.n_latents)}
with torch.no_grad():
    for t in texts:
        toks = subject.to_tokens(t)[:, :128]
        _, cache = subject.run_with_cache(toks, names_filter=sae.cfg.metadata.hook_name)
        z = sae.encode(cache[sae.cfg.metadata.hook_name])[0, :, : args.n_latents]
        vals, pos = z.max(0)
        for i in torch.nonzero(vals > 0).flatten().tolist():
            top[i].append((vals[i].item(), subject.to_string(toks[0, max(0, pos[i] - 16): pos[i] + 2])))

convs = []
for i in range(args.n_latents):
    ex = "\n".join(s for _, s in sorted(top[i], reverse=True)[:12])
    convs.append([{"role": "user", "content": f"What do these snippets have in common? One sentence.\n{ex}"}])
outs = llm.chat(convs, params)
explanations = {i: o.outputs[0].text.strip() for i, o in enumerate(outs)}
run.log({"n_explained": len(explanations)})
json.dump({"explanations": explanations, "paper_baselines": PAPER_BASELINES}, open("results/local_explainer.json", "w"), indent=1)
