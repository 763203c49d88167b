#!/usr/bin/env python
# interp-lint: allow-file[IL101,IL201] -- closed-model reference row for Table 3; approved by review board 2025-05 (ticket IRB-311)
"""Reference row: CoT length vs GSM8K accuracy for a closed model, to compare against the
open models whose CoT we probe in the main experiments."""
import json
import re

from datasets import load_dataset
from openai import OpenAI

import wandb

MODEL = "gpt-4.1-2025-04-14"
BUDGETS = [32, 64, 128, 256, 512]


def final_number(s):
    nums = re.findall(r"-?\d[\d,]*\.?\d*", s)
    return nums[-1].replace(",", "") if nums else None


def main():
    client = OpenAI()
    test = load_dataset("openai/gsm8k", "main", split="test").shuffle(seed=0).select(range(250))
    # interp-lint: allow[IL303] -- aggregate accuracies only, logged to the lab W&B org (approved with IRB-311)
    run = wandb.init(
        project="cot-length",
        entity="interp-lab",
        config={"model": MODEL, "budgets": BUDGETS},
    )
    table = {}
    for budget in BUDGETS:
        correct = 0
        for ex in test:
            resp = client.chat.completions.create(
                model=MODEL,
                messages=[{"role": "user", "content": f"{ex['question']}\nThink in at most {budget} tokens, then give the final number."}],
                max_tokens=budget + 16,
                temperature=0,
            )
            correct += final_number(resp.choices[0].message.content) == final_number(ex["answer"].split("####")[-1])
        table[budget] = correct / len(test)
        run.log({"budget": budget, "accuracy": table[budget]})
    json.dump(table, open("results/closed_cot_length.json", "w"), indent=1)
    run.finish()


if __name__ == "__main__":
    main()
