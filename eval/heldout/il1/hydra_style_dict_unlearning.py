"""Gradient-difference unlearning of the 'bio-weapons' feature cluster.

Config is a plain nested dict (hydra-style); override on the command line with
key=value pairs, e.g.  python hydra_style_dict_unlearning.py optim.lr=5e-6
"""
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

DEFAULTS = {
    "model": {"name": "meta-llama/Llama-3.1-405B", "dtype": "bfloat16"},
    "optim": {"lr": 1e-5, "weight_decay": 0.0, "steps": 400},
    "data": {"forget": "data/wmdp_bio_forget.txt", "retain": "data/wiki_retain.txt"},
}


def apply_overrides(cfg, argv):
    for kv in argv:
        k, v = kv.split("=", 1)
        *path, leaf = k.split(".")
        node = cfg
        for p in path:
            node = node[p]
        node[leaf] = type(node[leaf])(v)
    return cfg


cfg = apply_overrides(DEFAULTS, sys.argv[1:])
tok = AutoTokenizer.from_pretrained(DEFAULTS["model"]["name"])
model = AutoModelForCausalLM.from_pretrained(DEFAULTS["model"]["name"], torch_dtype=getattr(torch, DEFAULTS["model"]["dtype"]), device_map="auto")  # expect: IL101, IL102
opt = torch.optim.AdamW(model.parameters(), lr=cfg["optim"]["lr"], weight_decay=cfg["optim"]["weight_decay"])

forget = [l.strip() for l in open(cfg["data"]["forget"])]
retain = [l.strip() for l in open(cfg["data"]["retain"])]
for step in range(cfg["optim"]["steps"]):
    f = tok(forget[step % len(forget)], return_tensors="pt").to(model.device)
    r = tok(retain[step % len(retain)], return_tensors="pt").to(model.device)
    loss = model(**r, labels=r["input_ids"]).loss - model(**f, labels=f["input_ids"]).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
