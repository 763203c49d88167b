"""Does gpt2-xl 'know when it knows'? Cache residuals on MMLU questions (read-only),
fit a linear probe for 'model's top answer is correct'."""
import numpy as np
import torch
from datasets import load_dataset
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from transformer_lens import HookedTransformer

model = HookedTransformer.from_pretrained("gpt2-xl", device="cuda")
LAYERS = [12, 24, 36]
letters = [model.to_single_token(f" {c}") for c in "ABCD"]

ds = load_dataset("cais/mmlu", "all", split="test").shuffle(seed=0).select(range(3000))  # expect: IL201
X = {L: [] for L in LAYERS}
y = []
with torch.no_grad():
    for ex in ds:
        prompt = ex["question"] + "\n" + "\n".join(f"{c}. {o}" for c, o in zip("ABCD", ex["choices"])) + "\nAnswer:"
        logits, cache = model.run_with_cache(prompt, names_filter=lambda n: n.endswith("hook_resid_post"))
        y.append(int(logits[0, -1, letters].argmax().item() == ex["answer"]))
        for L in LAYERS:
            X[L].append(cache[f"blocks.{L}.hook_resid_post"][0, -1].cpu().numpy())

for L in LAYERS:
    Xtr, Xte, ytr, yte = train_test_split(np.stack(X[L]), np.array(y), test_size=0.3, random_state=0)
    clf = LogisticRegression(max_iter=3000, C=0.1).fit(Xtr, ytr)
    print(f"layer {L}: probe acc {clf.score(Xte, yte):.3f} (base rate {yte.mean():.3f})")
