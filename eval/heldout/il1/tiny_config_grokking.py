# 1-layer transformer on (a + b) mod p, Nanda et al. style. Train to grokking, then
# look at the Fourier structure of W_E.
import torch
import torch.nn.functional as F
from transformer_lens import HookedTransformer, HookedTransformerConfig

P = 113
FRAC_TRAIN = 0.3
torch.manual_seed(0)

cfg = HookedTransformerConfig(
    n_layers=1, n_heads=4, d_model=128, d_head=32, d_mlp=512,
    act_fn="relu", normalization_type=None, d_vocab=P + 1, d_vocab_out=P,
    n_ctx=3, init_weights=True, device="cuda", seed=999,
)
model = HookedTransformer(cfg)

a, b = torch.meshgrid(torch.arange(P), torch.arange(P), indexing="ij")
data = torch.stack([a.flatten(), b.flatten(), torch.full((P * P,), P)], dim=1).cuda()
labels = (data[:, 0] + data[:, 1]) % P
perm = torch.randperm(P * P)
n = int(FRAC_TRAIN * P * P)
tr, te = perm[:n], perm[n:]

opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))
for epoch in range(25_000):
    logits = model(data[tr])[:, -1]
    loss = F.cross_entropy(logits, labels[tr])
    loss.backward()
    opt.step()
    opt.zero_grad()
    if epoch % 1000 == 0:
        with torch.no_grad():
            test_loss = F.cross_entropy(model(data[te])[:, -1], labels[te])
        print(epoch, loss.item(), test_loss.item())
torch.save(model.state_dict(), "grok_mod113.pt")
