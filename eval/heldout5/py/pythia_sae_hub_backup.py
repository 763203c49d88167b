"""Back up a pythia-70m-deduped residual SAE to the Hub for the team.

Private unless --public is passed explicitly (for the camera-ready release only).
"""
import argparse

import torch
import torch.nn as nn
from huggingface_hub import HfApi, PyTorchModelHubMixin
from transformer_lens import HookedTransformer
from datasets import load_dataset


class ReluSAE(nn.Module, PyTorchModelHubMixin, library_name="interp-lab-sae"):
    def __init__(self, d_in: int = 512, d_sae: int = 4096):
        super().__init__()
        self.W_enc = nn.Parameter(torch.randn(d_in, d_sae) * 0.01)
        self.W_dec = nn.Parameter(self.W_enc.data.T.clone())
        self.b_enc = nn.Parameter(torch.zeros(d_sae))
        self.b_dec = nn.Parameter(torch.zeros(d_in))

    def forward(self, x):
        f = torch.relu((x - self.b_dec) @ self.W_enc + self.b_enc)
        return f @ self.W_dec + self.b_dec, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo-id", default="interp-lab/pythia70m-res4-sae")
    ap.add_argument("--public", action="store_true")
    ap.add_argument("--steps", type=int, default=5000)
    args = ap.parse_args()

    model = HookedTransformer.from_pretrained("pythia-70m-deduped")
    hook = "blocks.4.hook_resid_post"
    texts = load_dataset("NeelNanda/pile-10k", split="train")["text"]
    sae = ReluSAE()
    opt = torch.optim.Adam(sae.parameters(), lr=3e-4)
    for step in range(args.steps):
        with torch.no_grad():
            _, cache = model.run_with_cache(model.to_tokens(texts[step % len(texts)], truncate=True)[:, :256], names_filter=hook)
        x = cache[hook][0].cpu()
        recon, f = sae(x)
        loss = (recon - x).pow(2).sum(-1).mean() + 5e-4 * f.sum(-1).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()

    api = HfApi()
    api.create_repo(args.repo_id, private=not args.public, exist_ok=True)
    sae.push_to_hub(args.repo_id, private=not args.public, commit_message=f"SAE after {args.steps} steps")


if __name__ == "__main__":
    main()
