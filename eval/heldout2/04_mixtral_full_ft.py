"""Full fine-tune of a large MoE to study expert specialisation drift."""
from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer


@dataclass
class TrainConfig:
    model_id: str = "mistralai/Mixtral-8x22B-v0.1"
    lr: float = 1e-5
    steps: int = 200
    batch_size: int = 2


def collate(tok, batch):
    enc = tok([b["text"] for b in batch], return_tensors="pt", padding=True, truncation=True)
    enc["labels"] = enc["input_ids"].clone()
    return enc


def train(cfg: TrainConfig, texts):
    tok = AutoTokenizer.from_pretrained(cfg.model_id)
    tok.pad_token = tok.eos_token
    model = AutoModelForCausalLM.from_pretrained(cfg.model_id, torch_dtype=torch.bfloat16)  # expect: IL101, IL102
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
    loader = DataLoader([{"text": t} for t in texts], batch_size=cfg.batch_size,
                        collate_fn=lambda b: collate(tok, b))
    for step, batch in enumerate(loader):
        loss = model(**batch).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step >= cfg.steps:
            break
    return model


if __name__ == "__main__":
    train(TrainConfig(), ["hello world"] * 64)
