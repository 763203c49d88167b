"""Mean-ablate each attention head in gpt2-small on IOI and plot the logit-diff drop.
Figure 3 of the draft. Nothing is pruned or saved except the figure."""
import matplotlib.pyplot as plt
import torch
from transformer_lens import HookedTransformer

from ioi_data import make_ioi_prompts

model = HookedTransformer.from_pretrained("gpt2-small", device="cuda")
prompts, io_tok, s_tok = make_ioi_prompts(model.tokenizer, n=100)
tokens = model.to_tokens(prompts)

_, cache = model.run_with_cache(tokens, names_filter=lambda n: n.endswith("hook_z"))
means = {n: cache[n].mean(0, keepdim=True) for n in cache.keys()}


def logit_diff(logits):
    last = logits[:, -1]
    return (last[range(len(io_tok)), io_tok] - last[range(len(s_tok)), s_tok]).mean().item()


base = logit_diff(model(tokens))
drop = torch.zeros(model.cfg.n_layers, model.cfg.n_heads)
for L in range(model.cfg.n_layers):
    name = f"blocks.{L}.attn.hook_z"
    for H in range(model.cfg.n_heads):
        def ablate(z, hook, H=H):
            z[:, :, H] = means[hook.name][:, :, H]
            return z
        drop[L, H] = base - logit_diff(model.run_with_hooks(tokens, fwd_hooks=[(name, ablate)]))

plt.imshow(drop, cmap="RdBu", vmin=-drop.abs().max(), vmax=drop.abs().max())
plt.xlabel("head"); plt.ylabel("layer"); plt.colorbar(label="logit diff drop")
plt.savefig("figs/ioi_head_ablation.pdf", bbox_inches="tight")
