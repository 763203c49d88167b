"""Logit-lens KL-to-final curves across the small Pythia suite (toy models only).

    python fire_pythia_logit_lens_sweep.py --prompt_file=data/facts.txt
    python fire_pythia_logit_lens_sweep.py single --model_name=EleutherAI/pythia-160m
"""
import fire
import matplotlib.pyplot as plt
import torch
from transformer_lens import HookedTransformer

SUITE = {
    "70m": "pythia-70m-deduped",
    "160m": "pythia-160m-deduped",
    "410m": "pythia-410m-deduped",
}


@torch.no_grad()
def lens_curve(model, prompts):
    kls = torch.zeros(model.cfg.n_layers)
    for p in prompts:
        toks = model.to_tokens(p)
        logits, cache = model.run_with_cache(toks, names_filter=lambda n: n.endswith("hook_resid_post"))
        final = logits[0, -1].log_softmax(-1)
        for l in range(model.cfg.n_layers):
            lens = model.unembed(model.ln_final(cache[f"blocks.{l}.hook_resid_post"]))[0, -1].log_softmax(-1)
            kls[l] += torch.sum(final.exp() * (final - lens))
    return kls / len(prompts)


def single(model_name: str = "EleutherAI/pythia-160m", prompt_file: str = "data/facts.txt"):
    prompts = [l.strip() for l in open(prompt_file) if l.strip()]
    model = HookedTransformer.from_pretrained(model_name)
    return lens_curve(model, prompts).tolist()


def sweep(prompt_file: str = "data/facts.txt", out: str = "figs/logit_lens_pythia.pdf"):
    prompts = [l.strip() for l in open(prompt_file) if l.strip()]
    for size, name in SUITE.items():
        model = HookedTransformer.from_pretrained(name, device="cuda")
        kls = lens_curve(model, prompts)
        depth = torch.arange(len(kls)) / (len(kls) - 1)
        plt.plot(depth, kls, label=size)
        del model
    plt.xlabel("relative depth"); plt.ylabel("KL(final || lens)"); plt.legend()
    plt.savefig(out, bbox_inches="tight")


if __name__ == "__main__":
    fire.Fire({"sweep": sweep, "single": single})
