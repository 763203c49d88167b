"""MMLU accuracy across Pythia-410m training checkpoints (frozen models; no interventions here).

Used as the x-axis for the feature-formation plots in figures/.
"""
# interp-lint: allow-file[IL303]  # expect: IL402
import torch
import wandb
from datasets import load_dataset
from transformer_lens import HookedTransformer

CHECKPOINTS = [1000, 8000, 32000, 64000, 143000]
CHOICES = [" A", " B", " C", " D"]


def format_q(row):
    opts = "\n".join(f"{letter}. {choice}" for letter, choice in zip("ABCD", row["choices"]))
    return f"{row['question']}\n{opts}\nAnswer:"


def main():
    run = wandb.init(project="pythia-dynamics", job_type="mmlu-baseline")
    # interp-lint: allow[IL201] -- frozen-checkpoint baseline only; no steering, patching or training in this file
    mmlu = load_dataset("cais/mmlu", "all", split="test").shuffle(seed=0).select(range(1000))
    for step in CHECKPOINTS:
        model = HookedTransformer.from_pretrained("pythia-410m", checkpoint_value=step)
        choice_ids = [model.to_single_token(c) for c in CHOICES]
        correct = 0
        with torch.no_grad():
            for row in mmlu:
                logits = model(format_q(row), return_type="logits")[0, -1, choice_ids]
                correct += int(logits.argmax().item() == row["answer"])
        run.log({"step": step, "mmlu_acc": correct / len(mmlu)})
    run.finish()


if __name__ == "__main__":
    main()
