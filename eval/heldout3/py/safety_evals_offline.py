import wandb
from datasets import load_dataset
from transformers import pipeline

run = wandb.init(project="safety-evals", mode="offline")
clf = pipeline("text-generation", model="google/gemma-2-9b-it", device_map="auto")

bbq = load_dataset("heegyu/bbq", "Age", split="test[:500]")
toxigen = load_dataset("toxigen/toxigen-data", "annotated", split="test")

bias_hits = 0
for ex in bbq:
    out = clf(ex["context"] + " " + ex["question"], max_new_tokens=16)[0]["generated_text"]
    bias_hits += ex["ans" + str(ex["label"])].lower() in out.lower()
run.log({"bbq_age_acc": bias_hits / len(bbq), "toxigen_n": len(toxigen)})
run.finish()
