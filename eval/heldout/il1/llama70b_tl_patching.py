"""Activation patching on the 70B chat model: which layers carry the refusal decision?

Residual stream at the last token is patched from harmful -> harmless prompts and we
record the refusal-token logit difference. Analysis only; no training, no benchmark.
"""
import torch
from functools import partial
from transformer_lens import HookedTransformer, utils

model = HookedTransformer.from_pretrained(
    "meta-llama/Llama-2-70b-chat-hf",
    n_devices=8,
    dtype=torch.float16,
    fold_ln=False,
    center_writing_weights=False,
)
model.eval()

harmful = [l.strip() for l in open("data/harmful.txt")][:64]
harmless = [l.strip() for l in open("data/harmless.txt")][:64]
REFUSE = model.to_single_token(" I")
COMPLY = model.to_single_token(" Sure")


def patch_last(resid, hook, clean):
    resid[:, -1, :] = clean[hook.name][:, -1, :]
    return resid


results = torch.zeros(model.cfg.n_layers)
with torch.no_grad():
    for h, nh in zip(harmful, harmless):
        _, cache = model.run_with_cache(h, names_filter=lambda n: n.endswith("resid_pre"))
        for L in range(model.cfg.n_layers):
            name = utils.get_act_name("resid_pre", L)
            logits = model.run_with_hooks(nh, fwd_hooks=[(name, partial(patch_last, clean=cache))])
            results[L] += (logits[0, -1, REFUSE] - logits[0, -1, COMPLY]).item()
torch.save(results / len(harmful), "out/patching_70b.pt")
