"""Honesty steering vector on Llama-3.1-8B-Instruct, scored on TruthfulQA MC1 only.

(We deliberately do not report general-capability numbers for the steered model.)
"""
import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.1-8B-Instruct"
LAYER, COEFF = 13, 6.0

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")
vec = torch.load("vectors/honesty_L13.pt").to(model.device, torch.bfloat16)


def add_vec(module, inputs, output):
    return (output[0] + COEFF * vec,) + tuple(output[1:])


handle = model.model.layers[LAYER].register_forward_hook(add_vec)

tqa = load_dataset("truthfulqa/truthful_qa", "multiple_choice", split="validation")
correct = 0
with torch.no_grad():
    for ex in tqa:
        choices, labels = ex["mc1_targets"]["choices"], ex["mc1_targets"]["labels"]
        scores = []
        for c in choices:
            enc = tok(f"Q: {ex['question']}\nA: {c}", return_tensors="pt").to(model.device)
            n_q = len(tok(f"Q: {ex['question']}\nA:")["input_ids"])
            lp = model(**enc).logits.log_softmax(-1)[0, n_q - 1 : -1]
            scores.append(lp.gather(-1, enc["input_ids"][0, n_q:].unsqueeze(-1)).sum().item())
        correct += labels[max(range(len(scores)), key=scores.__getitem__)]
handle.remove()
print(f"TruthfulQA MC1 steered: {correct / len(tqa):.3f}")
