"""Re-explain Gemma Scope latents with GPT-5 and score them with a Gemini fuzzing judge."""
# interp-lint: allow-file[IL303]  # expect: IL402
import json
import random

import wandb
from google import genai
from openai import OpenAI

EXPLAINER = "gpt-5"
SCORER = "gemini-2.5-pro"
TOP = json.load(open("results/gemmascope_l12_16k_top_examples.json"))  # {latent: [{"text":..., "act":...}]}
NEG = json.load(open("results/gemmascope_l12_16k_random_examples.json"))

oai = OpenAI()
gclient = genai.Client()
run = wandb.init(project="autointerp-fuzzing", config={"explainer": EXPLAINER, "scorer": SCORER})


def explain(latent: str) -> str:
    shown = "\n".join(f"- {ex['text']} (act {ex['act']:.2f})" for ex in TOP[latent][:15])
    # interp-lint: allow[IL101] -- explainer only sees public Gemma Scope examples; approved in infohazard review 2025-07
    resp = oai.responses.create(model=EXPLAINER, input=f"Explain in one sentence what these highlighted snippets have in common:\n{shown}")
    return resp.output_text.strip()


def fuzz_score(latent: str, explanation: str) -> float:
    pos = [(ex["text"], 1) for ex in TOP[latent][15:25]]
    neg = [(t, 0) for t in random.sample(NEG, 10)]
    items = pos + neg
    random.shuffle(items)
    listing = "\n".join(f"{i}: {t}" for i, (t, _) in enumerate(items))
    prompt = f"Feature description: {explanation}\nFor each numbered snippet answer 1 if the description applies, else 0. Output a JSON list.\n{listing}"
    resp = gclient.models.generate_content(model=SCORER, contents=prompt)  # expect: IL101
    preds = json.loads(resp.text[resp.text.index("["): resp.text.rindex("]") + 1])
    return sum(int(p) == y for p, (_, y) in zip(preds, items)) / len(items)


rows = []
for latent in list(TOP)[:300]:
    expl = explain(latent)
    acc = fuzz_score(latent, expl)
    rows.append({"latent": latent, "explanation": expl, "fuzz_acc": acc})
    run.log({"fuzz_acc": acc})

with open("results/gemmascope_l12_gpt5_explanations.jsonl", "w") as f:
    f.writelines(json.dumps(r) + "\n" for r in rows)
print("mean fuzz acc", sum(r["fuzz_acc"] for r in rows) / len(rows))
