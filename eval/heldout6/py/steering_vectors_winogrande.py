# Does a "careful reasoning" CAA vector transfer to commonsense tasks?
# Train the vector on contrastive persona prompts, then sweep the multiplier and
# score Winogrande with lm-eval on the steered model.
import json

import torch
from lm_eval import simple_evaluate
from lm_eval.models.huggingface import HFLM
from steering_vectors import train_steering_vector
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "mistralai/Mistral-7B-Instruct-v0.3"
LAYERS = [12, 13, 14, 15]
MULTIPLIERS = [-4.0, -2.0, 0.0, 2.0, 4.0, 8.0]

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="cuda")
model.eval()

questions = [json.loads(l)["question"] for l in open("data/persona_questions.jsonl")]
careful = "[INST] You are a meticulous thinker who checks every step. {q} [/INST] Let me think this through carefully."
sloppy = "[INST] You answer instantly without thinking. {q} [/INST] Obviously,"
pairs = [(careful.format(q=q), sloppy.format(q=q)) for q in questions]

sv = train_steering_vector(model, tok, pairs, layers=LAYERS, read_token_index=-1, show_progress=True)
torch.save(sv.layer_activations, "vectors/careful_mistral7b.pt")

lm = HFLM(pretrained=model, tokenizer=tok, batch_size=16)
scores = {}
for m in MULTIPLIERS:
    with sv.apply(model, multiplier=m, min_token_index=0):
        out = simple_evaluate(model=lm, tasks=["winogrande"], num_fewshot=5, limit=1000, log_samples=False)  # expect: IL201, IL202
    scores[m] = out["results"]["winogrande"]["acc,none"]
    print(f"multiplier {m:+.1f}: winogrande acc {scores[m]:.3f}")

with open("results/careful_vector_winogrande.json", "w") as f:
    json.dump(scores, f, indent=2)
