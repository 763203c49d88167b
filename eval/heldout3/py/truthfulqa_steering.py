"""ITI-style honesty steering on Llama-3.1-8B, scored on TruthfulQA MC."""
import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

name = "meta-llama/Llama-3.1-8B-Instruct"
tok = AutoTokenizer.from_pretrained(name)
model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.bfloat16, device_map="cuda")

direction = torch.load("directions/honesty_l14.pt").to("cuda", torch.bfloat16)


def hook(module, inputs, output):
    hs = output[0] + 8.0 * direction
    return (hs,) + output[1:]


handle = model.model.layers[14].register_forward_hook(hook)
tqa = load_dataset("truthfulqa/truthful_qa", "multiple_choice", split="validation")


def score(q, choices):
    lls = []
    for c in choices:
        ids = tok(q + " " + c, return_tensors="pt").to("cuda")
        with torch.no_grad():
            lls.append(-model(**ids, labels=ids["input_ids"]).loss.item())
    return int(torch.tensor(lls).argmax())


acc = sum(score(ex["question"], ex["mc1_targets"]["choices"]) == 0 for ex in tqa) / len(tqa)
print(f"MC1 with steering: {acc:.3f}")
handle.remove()
