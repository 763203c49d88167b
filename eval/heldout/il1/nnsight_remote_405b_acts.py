"""Pull residual-stream activations for the honesty contrast set from the 405B on NDIF.

No gradients anywhere; the saved tensors feed fit_probe.py (sklearn).
"""
import torch
from nnsight import LanguageModel

# NDIF key is read from ~/.config/nnsight by the client, nothing here
LAYERS = [40, 63, 90, 110]

llm = LanguageModel("meta-llama/Meta-Llama-3.1-405B-Instruct")  # expect: IL101

with open("data/honesty_contrast.txt") as fh:
    prompts = [l.strip() for l in fh if l.strip()]

saved = {}
for i in range(0, len(prompts), 16):
    chunk = prompts[i : i + 16]
    with llm.trace(chunk, remote=True):
        for L in LAYERS:
            saved.setdefault(L, []).append(llm.model.layers[L].output[0][:, -1, :].save())

acts = {L: torch.cat([t.value.float().cpu() for t in v]) for L, v in saved.items()}
torch.save(acts, "acts/405b_honesty_last_tok.pt")
print({L: tuple(a.shape) for L, a in acts.items()})
