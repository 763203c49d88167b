# Backtracking steering on a reasoning model (cf. Venhoff et al. 2025).
# Add / subtract the "backtracking" direction at layer 10 during generation and measure
# how often the model says "Wait" and whether the final boxed answer is right.
import json
import re

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
LAYER = 10
ALPHAS = [-8.0, -4.0, 0.0, 4.0, 8.0]

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="cuda").eval()
direction = torch.load("vectors/backtracking_L10.pt").to("cuda", torch.bfloat16)
direction = direction / direction.norm()
state = {"alpha": 0.0}


def steer(module, inputs, output):
    hidden = output[0] if isinstance(output, tuple) else output
    hidden += state["alpha"] * direction
    return output


model.model.layers[LAYER].register_forward_hook(steer)
problems = load_dataset("HuggingFaceH4/MATH-500", split="test").select(range(200))  # expect: IL201, IL202


def boxed(text: str):
    m = re.findall(r"\\boxed\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", text)
    return m[-1].strip() if m else None


results = {}
for alpha in ALPHAS:
    state["alpha"] = alpha
    correct, waits = 0, 0
    for ex in problems:
        prompt = tok.apply_chat_template([{"role": "user", "content": ex["problem"] + "\nPut the final answer in \\boxed{}."}], tokenize=False, add_generation_prompt=True)
        ids = tok(prompt, return_tensors="pt").to("cuda")
        with torch.no_grad():
            out = model.generate(**ids, max_new_tokens=4096, do_sample=False)
        text = tok.decode(out[0, ids.input_ids.shape[1]:], skip_special_tokens=True)
        waits += text.count("Wait")
        correct += boxed(text) == ex["answer"].strip()
    results[alpha] = {"acc": correct / len(problems), "waits_per_problem": waits / len(problems)}
    print(alpha, results[alpha])

json.dump(results, open("results/backtracking_steer_math500.json", "w"), indent=2)
