"""Logit-lens agreement curves for several open 9B-72B models, via nnsight."""
import matplotlib.pyplot as plt
import torch
from nnsight import LanguageModel

MODELS = [
    "meta-llama/Llama-2-70b-hf",
    "Qwen/Qwen2.5-72B-Instruct",
    "mistralai/Mixtral-8x7B-v0.1",
    "google/gemma-2-9b",
]
PROMPTS = [
    "The Eiffel Tower is located in the city of",
    "The chemical symbol for gold is",
    "Shakespeare wrote Romeo and",
    "The capital of Japan is",
]


def lens_agreement(lm):
    curves = []
    for prompt in PROMPTS:
        saved = []
        with lm.trace(prompt):
            for layer in lm.model.layers:
                h = lm.model.norm(layer.output[0][:, -1])
                saved.append(lm.lm_head(h).argmax(-1).save())
            final = lm.lm_head.output[:, -1].argmax(-1).save()
        curves.append([float((s == final).all()) for s in saved])
    return torch.tensor(curves).mean(0)


fig, ax = plt.subplots(figsize=(7, 4))
for name in MODELS:
    lm = LanguageModel(name, device_map="auto", torch_dtype=torch.bfloat16, dispatch=True)
    curve = lens_agreement(lm)
    ax.plot(torch.linspace(0, 1, len(curve)), curve, label=name.split("/")[-1])
    del lm
    torch.cuda.empty_cache()
ax.set_xlabel("relative depth")
ax.set_ylabel("top-1 agreement with final layer")
ax.legend(fontsize=7)
fig.savefig("figures/logit_lens_open_models.pdf")
