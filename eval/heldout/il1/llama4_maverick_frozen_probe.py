"""Does the MoE router encode 'this is an eval'? Probe on router logits, model frozen.

Maverick: 17B active params, 128 experts.
"""
import torch
from sklearn.linear_model import LogisticRegression
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-4-Maverick-17B-128E-Instruct"
LAYERS = (10, 20, 30, 40)

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101

rows = [l.rstrip("\n").split("\t") for l in open("data/eval_vs_deploy.tsv")]
feats, ys = [], []
with torch.inference_mode():
    for text, label in rows:
        enc = tok(text, return_tensors="pt").to(model.device)
        out = model(**enc, output_router_logits=True)
        # router_logits: tuple over MoE layers of [tokens, n_experts]
        vec = torch.cat([out.router_logits[L].float().mean(0) for L in LAYERS])
        feats.append(vec.cpu().numpy())
        ys.append(int(label))

clf = LogisticRegression(max_iter=2000).fit(feats[: len(feats) // 2], ys[: len(ys) // 2])
print("held-out acc", clf.score(feats[len(feats) // 2 :], ys[len(ys) // 2 :]))
