"""Clamp Gemma Scope feature 'attention to detail' (L12/16k #8851) and score HellaSwag."""
import torch
from datasets import load_dataset
from sae_lens import SAE, HookedSAETransformer

FEATURE, VALUE = 8851, 12.0
HOOK = "blocks.12.hook_resid_post"

model = HookedSAETransformer.from_pretrained("gemma-2-2b", device="cuda")
sae, _, _ = SAE.from_pretrained("gemma-scope-2b-pt-res-canonical", "layer_12/width_16k/canonical", device="cuda")


def clamp_hook(resid, hook):
    feats = sae.encode(resid)
    err = resid - sae.decode(feats)
    feats[..., FEATURE] = VALUE
    return sae.decode(feats) + err


def ending_logprob(ctx, ending):
    toks = model.to_tokens(ctx + " " + ending)
    n_ctx = model.to_tokens(ctx).shape[1]
    logits = model.run_with_hooks(toks, fwd_hooks=[(HOOK, clamp_hook)])
    lp = logits.log_softmax(-1)[0, n_ctx - 1 : -1]
    return lp.gather(-1, toks[0, n_ctx:].unsqueeze(-1)).mean().item()


hs = load_dataset("Rowan/hellaswag", split="validation")  # expect: IL201, IL202
hits = 0
with torch.no_grad():
    for ex in hs.select(range(1000)):
        scores = [ending_logprob(ex["ctx"], e) for e in ex["endings"]]
        hits += int(max(range(4), key=scores.__getitem__) == int(ex["label"]))
print(f"HellaSwag acc, feature {FEATURE} clamped to {VALUE}: {hits / 1000:.3f}")
