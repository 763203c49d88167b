# End-to-end SAE (Braun et al. 2024) on gemma-2-2b layer 12: the SAE reconstruction is
# spliced into the forward pass and the SAE is trained to keep the model's output
# distribution (KL to the clean logits) plus an L1 sparsity penalty. Gemma stays frozen.
import itertools

import torch
import torch.nn.functional as F
from datasets import load_dataset
from transformer_lens import HookedTransformer

HOOK = "blocks.12.hook_resid_post"
D_SAE, L1, LR, STEPS = 16384, 3e-4, 3e-4, 20_000

model = HookedTransformer.from_pretrained("gemma-2-2b", dtype=torch.bfloat16, device="cuda")
model.requires_grad_(False)
d_model = model.cfg.d_model


class SAE(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.W_enc = torch.nn.Parameter(torch.nn.init.kaiming_uniform_(torch.empty(d_model, D_SAE)))
        self.W_dec = torch.nn.Parameter(self.W_enc.detach().T.clone())
        self.b_enc = torch.nn.Parameter(torch.zeros(D_SAE))
        self.b_dec = torch.nn.Parameter(torch.zeros(d_model))

    def forward(self, x):
        z = F.relu((x - self.b_dec) @ self.W_enc + self.b_enc)
        return z @ self.W_dec + self.b_dec, z


sae = SAE().cuda()
opt = torch.optim.Adam(sae.parameters(), lr=LR)
store = {}


def splice(resid, hook):
    recon, z = sae(resid.float())
    store["z"] = z
    return recon.to(resid.dtype)


data = load_dataset("NeelNanda/pile-10k", split="train")
for step, ex in zip(range(STEPS), itertools.cycle(data.shuffle(seed=0))):
    toks = model.to_tokens(ex["text"], truncate=True)[:, :256]
    with torch.no_grad():
        clean_logp = model(toks).float().log_softmax(-1)
    spliced_logp = model.run_with_hooks(toks, fwd_hooks=[(HOOK, splice)]).float().log_softmax(-1)
    kl = F.kl_div(spliced_logp, clean_logp, log_target=True, reduction="none").sum(-1).mean()
    sparsity = store["z"].abs().sum(-1).mean()
    loss = kl + L1 * sparsity
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 250 == 0:
        print(step, f"kl={kl.item():.4f}", f"l0={(store['z'] > 0).sum(-1).float().mean().item():.1f}")

torch.save(sae.state_dict(), "ckpts/e2e_sae_gemma2b_L12.pt")
