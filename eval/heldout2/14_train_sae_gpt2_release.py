"""Train a residual SAE on gpt2 layer 6 and release it for the community."""
import os

import torch
import wandb
from huggingface_hub import HfApi
from transformer_lens import HookedTransformer

HOOK = "blocks.6.hook_resid_post"
D_SAE = 24576
SAVE_DIR = os.environ.get("SAE_DIR", "./sae_gpt2_l6")


class SAE(torch.nn.Module):
    def __init__(self, d_in, d_sae):
        super().__init__()
        self.enc = torch.nn.Linear(d_in, d_sae)
        self.dec = torch.nn.Linear(d_sae, d_in)

    def forward(self, x):
        f = torch.relu(self.enc(x))
        return self.dec(f), f


def main():
    run = wandb.init(project="gpt2-saes", config={"hook": HOOK, "d_sae": D_SAE})  # expect: IL303
    model = HookedTransformer.from_pretrained("gpt2")
    model.requires_grad_(False)
    sae = SAE(model.cfg.d_model, D_SAE)
    opt = torch.optim.Adam(sae.parameters(), lr=3e-4)
    toks = model.to_tokens(["Openwebtext sample."] * 32)
    for step in range(1000):
        with torch.no_grad():
            _, cache = model.run_with_cache(toks, names_filter=HOOK)
        x = cache[HOOK].reshape(-1, model.cfg.d_model)
        recon, f = sae(x)
        loss = (recon - x).pow(2).mean() + 5e-4 * f.abs().sum(-1).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
        run.log({"loss": loss.item()})
    os.makedirs(SAVE_DIR, exist_ok=True)
    torch.save(sae.state_dict(), f"{SAVE_DIR}/sae.pt")
    HfApi().upload_folder(folder_path=SAVE_DIR, repo_id="interp-lab/gpt2-res-saes")  # expect: IL301


if __name__ == "__main__":
    main()
