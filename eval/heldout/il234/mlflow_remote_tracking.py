import os

import mlflow
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "https://mlflow.interp-lab.org"))  # expect: IL303
mlflow.set_experiment("logit-lens-pythia")

MODEL = "EleutherAI/pythia-160m"
tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL).eval()

prompts = [l.strip() for l in open("data/factual_prompts.txt")][:200]
with mlflow.start_run(run_name="logit-lens"), torch.no_grad():
    for L in range(model.config.num_hidden_layers + 1):
        hits = 0
        for p in prompts:
            q, a = p.split("\t")
            enc = tok(q, return_tensors="pt")
            h = model(**enc, output_hidden_states=True).hidden_states[L][0, -1]
            logits = model.embed_out(model.gpt_neox.final_layer_norm(h))
            hits += int(tok.decode(logits.argmax()).strip() == a.strip())
        mlflow.log_metric("top1_acc", hits / len(prompts), step=L)
    mlflow.log_artifact("figs/logit_lens_pythia160m.png")
