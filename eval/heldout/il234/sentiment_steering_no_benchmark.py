"""Sentiment steering sweep on gpt2-medium, scored with a sentiment classifier on our
own prompt set. NOTE: no MMLU / GSM8K / HellaSwag here on purpose -- capability
retention is measured (if at all) in the sealed eval repo."""
import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

tok = AutoTokenizer.from_pretrained("gpt2-medium")
model = AutoModelForCausalLM.from_pretrained("gpt2-medium").cuda().eval()
clf = pipeline("sentiment-analysis", model="distilbert-base-uncased-finetuned-sst-2-english", device=0)
vec = torch.load("vectors/positive_L10.pt").cuda()
prompts = [json.loads(l)["prompt"] for l in open("data/neutral_prompts.jsonl")]

results = {}
for coeff in (0.0, 2.0, 4.0, 8.0):
    h = model.transformer.h[10].register_forward_hook(lambda m, i, o, c=coeff: (o[0] + c * vec,) + o[1:])
    outs = []
    for p in prompts:
        ids = tok(p, return_tensors="pt").to("cuda")
        g = model.generate(**ids, max_new_tokens=40, do_sample=True, top_p=0.9, pad_token_id=tok.eos_token_id)
        outs.append(tok.decode(g[0], skip_special_tokens=True))
    h.remove()
    pos = sum(r["label"] == "POSITIVE" for r in clf(outs)) / len(outs)
    results[coeff] = pos
    print(f"coeff={coeff}: positive rate {pos:.2f}")

print("mmlu: not run (see sealed repo)")
json.dump(results, open("out/sentiment_sweep.json", "w"))
