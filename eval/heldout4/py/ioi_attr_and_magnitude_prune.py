"""Two appendix items: (a) IOI head attributions (attribution patching) as a heatmap;
(b) a structured magnitude-pruning baseline for the compression comparison table.
The pruning deliberately does not use the attributions."""
import matplotlib.pyplot as plt
import torch
import torch.nn.utils.prune as prune
from transformer_lens import HookedTransformer

model = HookedTransformer.from_pretrained("pythia-160m")
clean = ["When Mary and John went to the store, John gave a drink to"] * 8
corrupt = ["When Mary and John went to the store, Mary gave a drink to"] * 8
io_tok, s_tok = model.to_single_token(" Mary"), model.to_single_token(" John")
is_z = lambda name: name.endswith("hook_z")


def logit_diff(logits):
    return (logits[:, -1, io_tok] - logits[:, -1, s_tok]).mean()


_, corrupt_cache = model.run_with_cache(corrupt, names_filter=is_z)
clean_acts, grads = {}, {}


def save_act(t, hook):
    clean_acts[hook.name] = t.detach()


def save_grad(t, hook):
    grads[hook.name] = t.detach()


model.reset_hooks()
model.add_hook(is_z, save_act, "fwd")
model.add_hook(is_z, save_grad, "bwd")
logit_diff(model(clean)).backward()
model.reset_hooks()

keys = sorted(clean_acts, key=lambda k: int(k.split(".")[1]))
attr = torch.stack([((corrupt_cache[k] - clean_acts[k]) * grads[k]).sum((0, 1, 3)) for k in keys]).cpu()
plt.imshow(attr, cmap="RdBu", vmin=-attr.abs().max(), vmax=attr.abs().max())
plt.xlabel("head")
plt.ylabel("layer")
plt.colorbar()
plt.savefig("figures/ioi_attr_heads.pdf")

# (b) magnitude baseline: drop 30% of each MLP's neurons by L2 norm of their output weights
for block in model.blocks:
    prune.ln_structured(block.mlp, "W_out", amount=0.3, n=2, dim=0)
    prune.remove(block.mlp, "W_out")
torch.save(model.state_dict(), "ckpts/pythia160m_mag_pruned30.pt")
