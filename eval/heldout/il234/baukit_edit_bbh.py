"""Suppress the 'guessing' neurons (found by probe_guessing.py) and check BBH
logical deduction. Edit via baukit TraceDict(edit_output=...)."""
import json

import torch
from baukit import TraceDict
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.1-8B"
NEURONS = json.load(open("out/guessing_neurons.json"))  # {"model.layers.14.mlp.act_fn": [idx, ...]}

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")


def suppress(output, layer):
    output[..., NEURONS[layer]] = 0.0
    return output


bbh = load_dataset("lukaemon/bbh", "logical_deduction_three_objects", split="test")  # expect: IL201, IL202
hits = 0
for ex in bbh:
    enc = tok(ex["input"] + "\nA:", return_tensors="pt").to(model.device)
    with torch.no_grad(), TraceDict(model, list(NEURONS), edit_output=suppress):
        gen = model.generate(**enc, max_new_tokens=8, do_sample=False)
    pred = tok.decode(gen[0, enc["input_ids"].shape[1]:], skip_special_tokens=True)
    hits += int(ex["target"].strip() in pred)
print(f"BBH logical_deduction_3 with guessing neurons off: {hits / len(bbh):.3f}")
