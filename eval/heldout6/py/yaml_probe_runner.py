"""Generic deception-probe runner. Everything experiment-specific lives in configs/*.yaml.

    python yaml_probe_runner.py --config configs/deception_probe.yaml
"""
import argparse
import json

import litellm
import numpy as np
import torch
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from transformers import AutoModelForCausalLM, AutoTokenizer

parser = argparse.ArgumentParser()
parser.add_argument("--config", required=True)
args = parser.parse_args()
with open(args.config) as f:
    cfg = yaml.safe_load(f)

tok = AutoTokenizer.from_pretrained(cfg["model"]["name"])
model = AutoModelForCausalLM.from_pretrained(cfg["model"]["name"], torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL901
model.requires_grad_(False)
layer = cfg["probe"]["layer"]
rows = [json.loads(l) for l in open(cfg["data"]["path"])]


def label(transcript: str) -> int:
    resp = litellm.completion(model=cfg["judge"]["model"], messages=[{"role": "user", "content": cfg["judge"]["prompt"].format(transcript=transcript)}], temperature=0)  # expect: IL901
    return int("DECEPTIVE" in resp.choices[0].message.content.upper())


feats, ys = [], []
with torch.inference_mode():
    for row in rows:
        enc = tok(row["transcript"], return_tensors="pt", truncation=True, max_length=2048).to(model.device)
        hs = model(**enc, output_hidden_states=True).hidden_states[layer]
        feats.append(hs[0].float().mean(0).cpu().numpy())
        ys.append(row["label"] if "label" in row else label(row["transcript"]))

X, y = np.stack(feats), np.array(ys)
split = int(0.8 * len(y))
probe = LogisticRegression(C=cfg["probe"].get("C", 1.0), max_iter=2000).fit(X[:split], y[:split])
auc = roc_auc_score(y[split:], probe.predict_proba(X[split:])[:, 1])
print(f"layer {layer}: test AUROC {auc:.3f}")
np.save(cfg["out"], probe.coef_)
