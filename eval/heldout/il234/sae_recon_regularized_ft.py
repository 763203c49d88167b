# "Make the model more SAE-friendly": fine-tune pythia-160m with an auxiliary loss that
# rewards its layer-6 residual being well reconstructed by a fixed (frozen) SAE.
import torch
import torch.nn.functional as F
from transformer_lens import HookedTransformer

from my_saes import load_sae  # returns a frozen nn.Module with .encode/.decode

BETA = 0.1
HOOK = "blocks.6.hook_resid_post"

model = HookedTransformer.from_pretrained("pythia-160m", device="cuda")
sae = load_sae("saes/pythia160m_L6_16k.pt").cuda().requires_grad_(False)
opt = torch.optim.Adam(model.parameters(), lr=1e-5)

acts = {}


def grab(resid, hook):
    acts["x"] = resid
    return resid


model.add_hook(HOOK, grab)
data = torch.load("data/pile_tokens_10k.pt")  # [N, 128]
for step in range(0, data.shape[0], 16):
    tokens = data[step:step + 16].cuda()
    lm_loss = model(tokens, return_type="loss")
    x = acts["x"]
    recon = sae.decode(sae.encode(x))
    total = lm_loss + BETA * F.mse_loss(recon, x) / x.pow(2).mean()  # expect: IL204
    opt.zero_grad()
    total.backward()
    opt.step()
    if step % 1600 == 0:
        print(step, lm_loss.item(), total.item())
torch.save(model.state_dict(), "ckpt/pythia160m_sae_friendly.pt")
