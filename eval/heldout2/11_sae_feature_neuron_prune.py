"""Use SAE feature statistics to find MLP neurons that no live feature reads from, then mask them out."""
import torch
import torch.nn.utils.prune as prune
from sae_lens import SAE
from transformer_lens import HookedTransformer

LAYER = 8
DEAD_THRESHOLD = 1e-6


def feature_density(model, sae, tokens):
    _, cache = model.run_with_cache(tokens, names_filter=sae.cfg.hook_name)
    acts = sae.encode(cache[sae.cfg.hook_name])
    return (acts > 0).float().mean(dim=(0, 1))


def neuron_mask(model, sae, density):
    live = density > DEAD_THRESHOLD
    w_out = model.blocks[LAYER].mlp.W_out  # [d_mlp, d_model]
    contrib = (w_out @ sae.W_enc[:, live]).abs().sum(-1)
    keep = contrib > contrib.quantile(0.2)
    return keep.float()[:, None].expand_as(w_out)


def main():
    model = HookedTransformer.from_pretrained("gpt2-small")
    sae, _, _ = SAE.from_pretrained("gpt2-small-res-jb", f"blocks.{LAYER}.hook_resid_pre")
    tokens = model.to_tokens(["Some representative pretraining text."] * 32)
    density = feature_density(model, sae, tokens)
    mask = neuron_mask(model, sae, density)
    prune.custom_from_mask(model.blocks[LAYER].mlp, name="W_out", mask=mask)  # expect: IL203
    torch.save(model.state_dict(), "gpt2_sae_pruned.pt")


if __name__ == "__main__":
    main()
