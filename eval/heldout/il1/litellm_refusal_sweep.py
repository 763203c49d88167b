# quick refusal-rate sweep across hosted models for the "refusal direction" paper,
# appendix C. Responses cached in out/refusals/<model>.jsonl
import json
import pathlib

import litellm
from tqdm import tqdm

MODELS = [
    "gpt-4.1",
    "claude-3-5-sonnet-20241022",
    "gemini/gemini-1.5-pro",
]
OUT = pathlib.Path("out/refusals")
OUT.mkdir(parents=True, exist_ok=True)

prompts = [json.loads(l)["prompt"] for l in open("data/harmful_instructions.jsonl")]

for m in MODELS:
    path = OUT / (m.replace("/", "_") + ".jsonl")
    with path.open("w") as f:
        for p in tqdm(prompts, desc=m):
            r = litellm.completion(model=m, messages=[{"role": "user", "content": p}], temperature=0, max_tokens=128)  # expect: IL101
            f.write(json.dumps({"prompt": p, "response": r.choices[0].message.content}) + "\n")
