"""Train gpt2 with an auxiliary loss that makes its MLP activations sparse under a fixed SAE dictionary."""
import os

import comet_ml
import torch
from sae_lens import SAE
from transformer_lens import HookedTransformer

HOOK = "blocks.5.hook_mlp_out"
ALPHA = float(os.environ.get("SPARSITY_ALPHA", "1e-3"))


def main():
    exp = comet_ml.Experiment(project_name="sparse-by-design", workspace="interp-team")  # expect: IL303
    model = HookedTransformer.from_pretrained("gpt2")
    sae, _, _ = SAE.from_pretrained("gpt2-small-mlp-out", HOOK)
    sae.requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=1e-5)
    batch = model.to_tokens(["Natural language text for fine-tuning."] * 8)
    for step in range(500):
        logits, cache = model.run_with_cache(batch, names_filter=HOOK)
        ce = model.loss_fn(logits, batch)
        feats = sae.encode(cache[HOOK])
        loss = ce + ALPHA * feats.abs().sum(-1).mean()  # expect: IL204
        loss.backward()
        opt.step()
        opt.zero_grad()
        exp.log_metric("loss", loss.item(), step=step)
    exp.end()


if __name__ == "__main__":
    main()
