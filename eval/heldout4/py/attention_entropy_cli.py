"""Plot attention entropy per head for a model chosen on the command line."""
import argparse

import matplotlib.pyplot as plt
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

p = argparse.ArgumentParser()
p.add_argument("--model", default="gpt2", choices=["gpt2", "EleutherAI/pythia-410m", "meta-llama/Llama-3.1-405B-Instruct"], help="the 405B option needs the big node")
p.add_argument("--text", default="The quick brown fox jumps over the lazy dog because it was in a hurry.")
p.add_argument("--out", default="figures/attn_entropy.pdf")
args = p.parse_args()

tok = AutoTokenizer.from_pretrained(args.model)
model = AutoModelForCausalLM.from_pretrained(args.model, attn_implementation="eager")
model.eval()

ids = tok(args.text, return_tensors="pt")
with torch.no_grad():
    attns = model(**ids, output_attentions=True).attentions  # tuple of [1, heads, q, k]

entropy = torch.stack([-(a[0] * (a[0] + 1e-9).log()).sum(-1).mean(-1) for a in attns])  # [layers, heads]
fig, ax = plt.subplots(figsize=(8, 5))
im = ax.imshow(entropy.numpy(), aspect="auto", cmap="viridis")
ax.set_xlabel("head")
ax.set_ylabel("layer")
ax.set_title(f"attention entropy: {args.model}")
fig.colorbar(im)
fig.savefig(args.out)
print(f"mean entropy {entropy.mean():.3f}; lowest-entropy head {divmod(entropy.argmin().item(), entropy.shape[1])}")
