"""Capability sanity check across Pythia checkpoints (do our probe results track ability?)."""
import json
import pathlib

import lm_eval

TASKS = ["hellaswag", "arc_easy", "arc_challenge", "winogrande", "piqa"]
REVISIONS = ["step33000", "step66000", "step143000"]
OUT = pathlib.Path("results/pythia_capability")


def run(pretrained="EleutherAI/pythia-1.4b", revision="step143000", limit=None):
    res = lm_eval.simple_evaluate(  # expect: IL201
        model="hf",
        model_args=f"pretrained={pretrained},revision={revision},dtype=float16",
        tasks=TASKS,
        num_fewshot=0,
        batch_size=16,
        limit=limit,
    )
    return res["results"]


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for rev in REVISIONS:
        r = run(revision=rev)
        (OUT / f"{rev}.json").write_text(json.dumps(r, indent=1))
        print(rev, {t: round(v.get("acc,none", float("nan")), 3) for t, v in r.items()})
