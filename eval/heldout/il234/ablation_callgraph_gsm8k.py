"""Does the 'carry' circuit matter for multi-step arithmetic? Zero-ablate its heads,
re-run GSM8K. Helper functions are split so the notebook can import them."""
import re

from datasets import load_dataset
from transformer_lens import HookedTransformer

CIRCUIT_HEADS = [(9, 3), (11, 7), (14, 0), (14, 12), (17, 5)]


def zero_ablate_heads(model, heads):
    for layer, head in heads:
        def hook(z, hook, head=head):
            z[:, :, head, :] = 0.0
            return z
        model.add_hook(f"blocks.{layer}.attn.hook_z", hook)


def gsm8k_accuracy(model, n=250):
    ds = load_dataset("gsm8k", "main", split=f"test[:{n}]")  # expect: IL201, IL202
    ok = 0
    for ex in ds:
        out = model.generate(f"Q: {ex['question']}\nA:", max_new_tokens=200, temperature=0.0, verbose=False)
        nums = re.findall(r"-?\d+", out.split("A:", 1)[-1])
        ok += int(bool(nums) and nums[-1] == ex["answer"].split("####")[-1].strip().replace(",", ""))
    return ok / len(ds)


def main():
    model = HookedTransformer.from_pretrained("Qwen/Qwen2.5-1.5B-Instruct", device="cuda")
    base = gsm8k_accuracy(model)
    zero_ablate_heads(model, CIRCUIT_HEADS)
    ablated = gsm8k_accuracy(model)
    model.reset_hooks()
    print(f"GSM8K base={base:.3f} ablated={ablated:.3f}")


if __name__ == "__main__":
    main()
