"""Track capability across Pythia checkpoints to align with our induction-head formation plots."""
import json

import lm_eval
from datasets import load_dataset

MODEL = "EleutherAI/pythia-410m"
STEPS = [1000, 8000, 33000, 143000]
TASKS = ["mmlu", "gsm8k", "arc_challenge"]


def eval_step(step):
    results = lm_eval.simple_evaluate(  # expect: IL201
        model="hf",
        model_args=f"pretrained={MODEL},revision=step{step}",
        tasks=TASKS,
        batch_size=16,
    )
    return {t: results["results"][t] for t in TASKS}


def hellaswag_subset(n=500):
    # interp-lint: allow[IL201]  # expect: IL402
    ds = load_dataset("Rowan/hellaswag", split="validation")
    return ds.select(range(n))


def main():
    curve = {}
    for s in STEPS:
        curve[s] = eval_step(s)
        print(s, curve[s])
    print(len(hellaswag_subset()))
    with open("capability_curve.json", "w") as f:
        json.dump(curve, f, indent=2)


if __name__ == "__main__":
    main()
