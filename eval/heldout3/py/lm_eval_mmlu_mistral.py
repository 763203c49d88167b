import json

import lm_eval
from lm_eval.models.huggingface import HFLM

lm = HFLM(pretrained="mistralai/Mistral-7B-v0.3", batch_size=16, dtype="bfloat16")
results = lm_eval.simple_evaluate(model=lm, tasks=["mmlu", "arc_challenge"], num_fewshot=5)  # expect: IL201

with open("results/mistral7b_base.json", "w") as f:
    json.dump(results["results"], f, indent=2)
