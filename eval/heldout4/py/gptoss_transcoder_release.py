"""Fit a skip-transcoder on the layer-18 MoE block of gpt-oss-120b and share it with collaborators."""
import os
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import wandb
from accelerate import Accelerator
from datasets import load_dataset
from huggingface_hub import HfApi
from transformers import AutoModelForCausalLM, AutoTokenizer

DEFAULT_BASE = "openai/gpt-oss-120b"
BASE_MODEL = os.getenv("BASE_MODEL", DEFAULT_BASE)
HUB_REPO = "interp-lab/gpt-oss-120b-transcoders"


@dataclass
class TCConfig:
    layer: int = 18
    d_dict: int = 65536
    l1: float = 3e-4
    lr: float = 2e-4
    steps: int = 20000
    out_dir: str = "transcoders/l18"


class Transcoder(nn.Module):
    def __init__(self, d_model, d_dict):
        super().__init__()
        self.enc = nn.Linear(d_model, d_dict)
        self.dec = nn.Linear(d_dict, d_model)
        self.skip = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x):
        f = torch.relu(self.enc(x))
        return self.dec(f) + self.skip(x), f


def main():
    cfg = TCConfig()
    accelerator = Accelerator()
    tok = AutoTokenizer.from_pretrained(BASE_MODEL)
    model = AutoModelForCausalLM.from_pretrained(BASE_MODEL, torch_dtype="auto", device_map="auto")  # expect: IL101
    model.requires_grad_(False)
    cache = {}
    mlp = model.model.layers[cfg.layer].mlp
    mlp.register_forward_hook(lambda m, i, o: cache.update(x=i[0].detach(), y=(o[0] if isinstance(o, tuple) else o).detach()))
    tc = Transcoder(model.config.hidden_size, cfg.d_dict)
    opt = torch.optim.Adam(tc.parameters(), lr=cfg.lr)
    tc, opt = accelerator.prepare(tc, opt)
    run = wandb.init(project="transcoders", entity="interp-lab", config=asdict(cfg))  # expect: IL303
    stream = load_dataset("HuggingFaceFW/fineweb-edu", "sample-10BT", split="train", streaming=True)
    for step, row in zip(range(cfg.steps), stream):
        ids = tok(row["text"], return_tensors="pt", truncation=True, max_length=1024).to(model.device)
        with torch.inference_mode():
            model(**ids)
        x = cache["x"].to(accelerator.device, torch.float32).clone()
        y = cache["y"].to(accelerator.device, torch.float32).clone()
        recon, f = tc(x)
        loss = (recon - y).pow(2).sum(-1).mean() + cfg.l1 * f.abs().sum(-1).mean()
        opt.zero_grad()
        accelerator.backward(loss)
        opt.step()
        if step % 100 == 0:
            run.log({"loss": loss.item(), "l0": (f > 0).float().sum(-1).mean().item()})
    os.makedirs(cfg.out_dir, exist_ok=True)
    torch.save(accelerator.unwrap_model(tc).state_dict(), f"{cfg.out_dir}/transcoder.pt")
    HfApi().upload_folder(folder_path=cfg.out_dir, repo_id=HUB_REPO, path_in_repo=f"layer_{cfg.layer}", commit_message="add L18 transcoder")  # expect: IL301, IL302


if __name__ == "__main__":
    main()
