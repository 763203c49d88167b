"""Activation patching of an MLP layer: do clean activations rescue MMLU answers on corrupted prompts?"""
import torch
from datasets import load_dataset
from nnsight import LanguageModel

PATCH_LAYER = 6
CHOICES = [" A", " B", " C", " D"]


def prompt(ex):
    opts = "\n".join(f"{l}. {c}" for l, c in zip("ABCD", ex["choices"]))
    return f"{ex['question']}\n{opts}\nAnswer:"


class Patcher:
    def __init__(self, name="openai-community/gpt2-medium"):
        self.model = LanguageModel(name, device_map="cpu")
        self.choice_ids = [self.model.tokenizer.encode(c)[0] for c in CHOICES]

    def patched_logits(self, clean, corrupt):
        mlp = self.model.transformer.h[PATCH_LAYER].mlp
        with self.model.trace(clean):
            clean_act = mlp.output[:, -1].save()
        with self.model.trace(corrupt):
            mlp.output[:, -1] = clean_act
            logits = self.model.lm_head.output[0, -1].save()
        return logits[self.choice_ids]


def main():
    p = Patcher()
    ds = load_dataset("cais/mmlu", "all", split="test[:100]")  # expect: IL201, IL202
    hits = 0
    for ex in ds:
        clean = prompt(ex)
        corrupt = clean.replace(ex["question"], "Ignore this question.")
        hits += int(p.patched_logits(clean, corrupt).argmax().item() == ex["answer"])
    print("patched acc", hits / len(ds))


if __name__ == "__main__":
    main()
