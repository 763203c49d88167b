"""Train a 2-layer attention-only transformer from scratch on synthetic modular addition."""
import torch
from torch.utils.tensorboard import SummaryWriter
from transformer_lens import HookedTransformer, HookedTransformerConfig

cfg = HookedTransformerConfig(
    n_layers=2, d_model=128, n_heads=4, d_head=32, d_mlp=None, attn_only=True,
    n_ctx=3, d_vocab=114, act_fn=None, normalization_type=None,
)
model = HookedTransformer(cfg).cuda()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1.0)
writer = SummaryWriter("runs/modadd")

P = 113
a, b = torch.meshgrid(torch.arange(P), torch.arange(P), indexing="ij")
x = torch.stack([a.flatten(), b.flatten(), torch.full_like(a.flatten(), P)], 1).cuda()
y = ((a + b) % P).flatten().cuda()

for step in range(20000):
    logits = model(x)[:, -1]
    loss = torch.nn.functional.cross_entropy(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 100 == 0:
        writer.add_scalar("loss", loss.item(), step)
torch.save(model.state_dict(), "ckpt/modadd.pt")
