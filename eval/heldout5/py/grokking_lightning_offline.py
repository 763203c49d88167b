"""Modular addition grokking (p=113) with a 1-layer transformer, in Lightning.

W&B runs offline on the cluster (no outbound network); we `wandb sync` nothing.
"""
import lightning as L
import torch
import torch.nn.functional as F
from lightning.pytorch.loggers import CSVLogger, WandbLogger
from torch.utils.data import DataLoader, TensorDataset
from transformer_lens import HookedTransformer, HookedTransformerConfig

P = 113
FRAC_TRAIN = 0.3


def make_data(seed=0):
    a, b = torch.meshgrid(torch.arange(P), torch.arange(P), indexing="ij")
    x = torch.stack([a.flatten(), b.flatten(), torch.full_like(a.flatten(), P)], dim=1)
    y = (x[:, 0] + x[:, 1]) % P
    perm = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    n = int(FRAC_TRAIN * len(x))
    return TensorDataset(x[perm[:n]], y[perm[:n]]), TensorDataset(x[perm[n:]], y[perm[n:]])


class Grokker(L.LightningModule):
    def __init__(self):
        super().__init__()
        cfg = HookedTransformerConfig(n_layers=1, d_model=128, d_head=32, n_heads=4, d_mlp=512, d_vocab=P + 1, d_vocab_out=P, n_ctx=3, act_fn="relu", normalization_type=None)
        self.model = HookedTransformer(cfg)

    def step(self, batch, tag):
        x, y = batch
        logits = self.model(x)[:, -1]
        loss = F.cross_entropy(logits.float(), y)
        self.log(f"{tag}/loss", loss, prog_bar=True)
        self.log(f"{tag}/acc", (logits.argmax(-1) == y).float().mean())
        return loss

    def training_step(self, batch, _):
        return self.step(batch, "train")

    def validation_step(self, batch, _):
        self.step(batch, "val")

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))


if __name__ == "__main__":
    train, val = make_data()
    loggers = [WandbLogger(project="grokking-modadd", offline=True, save_dir="wandb_offline"), CSVLogger("logs", name="grokking")]
    trainer = L.Trainer(max_steps=40_000, logger=loggers, check_val_every_n_epoch=10, enable_checkpointing=True)
    trainer.fit(Grokker(), DataLoader(train, batch_size=len(train)), DataLoader(val, batch_size=4096))
    torch.save(trainer.lightning_module.model.state_dict(), "ckpts/grokked_p113.pt")
