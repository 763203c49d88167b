"""Collect MLP activations on code prompts to find 'code neurons' in pythia-410m.

HumanEval prompts are just a convenient source of Python text here.
"""
import numpy as np
import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "EleutherAI/pythia-410m"
LAYER = 12

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL).eval().cuda()

# interp-lint: allow[IL201] -- HumanEval prompts used as a code text corpus only; no scoring, no generation
humaneval = load_dataset("openai_humaneval", split="test")
mbpp = load_dataset("mbpp", "sanitized", split="test")  # expect: IL201

acts = []
hook = model.gpt_neox.layers[LAYER].mlp.act.register_forward_hook(lambda m, i, o: acts.append(o[0].detach().cpu()))
with torch.no_grad():
    for text in list(humaneval["prompt"]) + list(mbpp["prompt"]):
        model(**tok(text, return_tensors="pt", truncation=True, max_length=512).to("cuda"))
hook.remove()

A = torch.cat(acts).float().numpy()
mean_act = A.mean(0)
top = np.argsort(-mean_act)[:50]
np.save("out/code_neurons_l12.npy", top)
print("top code neurons:", top[:10].tolist())
