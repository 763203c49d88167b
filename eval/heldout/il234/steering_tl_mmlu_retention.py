"""ActAdd on gpt2-xl: does the 'Love - Hate' vector cost general capability?

We add the vector at resid_pre layer 6 and measure MMLU accuracy with / without.
"""
import torch
import wandb
from datasets import load_dataset
from transformer_lens import HookedTransformer

LAYER, COEFF = 6, 5.0
HOOK = f"blocks.{LAYER}.hook_resid_pre"

run = wandb.init(project="actadd-capability", entity="interp-lab", config={"layer": LAYER, "coeff": COEFF})  # expect: IL303
model = HookedTransformer.from_pretrained("gpt2-xl", device="cuda")

_, cache = model.run_with_cache(["Love", "Hate"], names_filter=[HOOK])
steer = cache[HOOK][0, -1] - cache[HOOK][1, -1]


def steer_hook(resid, hook):
    resid[:, :, :] += COEFF * steer
    return resid


def mmlu_acc(ds, hooks=()):
    letters = [model.to_single_token(f" {c}") for c in "ABCD"]
    right = 0
    for ex in ds:
        prompt = ex["question"] + "\n" + "\n".join(f"{c}. {o}" for c, o in zip("ABCD", ex["choices"])) + "\nAnswer:"
        logits = model.run_with_hooks(prompt, fwd_hooks=list(hooks))[0, -1, letters]
        right += int(logits.argmax() == ex["answer"])
    return right / len(ds)


mmlu = load_dataset("cais/mmlu", "all", split="validation")  # expect: IL201, IL202
with torch.no_grad():
    base = mmlu_acc(mmlu)
    steered = mmlu_acc(mmlu, hooks=[(HOOK, steer_hook)])
wandb.log({"mmlu/base": base, "mmlu/steered": steered, "mmlu/delta": steered - base})
run.finish()
