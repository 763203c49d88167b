"""Zero-shot MMLU baseline for the small model we probe. Numbers go in table 1."""
import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "gpt2-medium"
CHOICES = ["A", "B", "C", "D"]


def format_q(ex):
    opts = "\n".join(f"{c}. {t}" for c, t in zip(CHOICES, ex["choices"]))
    return f"{ex['question'].strip()}\n{opts}\nAnswer:"


@torch.no_grad()
def score(model, tok, ds, device="cuda"):
    letter_ids = [tok.encode(" " + c)[0] for c in CHOICES]
    correct = 0
    for ex in ds:
        ids = tok(format_q(ex), return_tensors="pt").input_ids[:, -1000:].to(device)
        logits = model(ids).logits[0, -1, letter_ids]
        correct += int(logits.argmax().item() == ex["answer"])
    return correct / len(ds)


if __name__ == "__main__":
    mmlu = load_dataset("cais/mmlu", "all", split="test")  # expect: IL201
    tok = AutoTokenizer.from_pretrained(MODEL)
    model = AutoModelForCausalLM.from_pretrained(MODEL).cuda().eval()
    acc = score(model, tok, mmlu)
    print(f"{MODEL}: MMLU 0-shot acc = {acc:.3f} (chance 0.25)")
