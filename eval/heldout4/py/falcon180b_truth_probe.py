"""Linear probe for 'this reply contains a falsehood' on Falcon-180B.

Labels come from an o3 judge. The base model is frozen; only the probe is trained.
"""
from dataclasses import dataclass

import torch
import torch.nn as nn
from datasets import load_dataset
from openai import OpenAI
from transformers import AutoModelForCausalLM, AutoTokenizer


@dataclass
class ProbeConfig:
    model_name: str = "tiiuae/falcon-180B"
    layer: int = 48
    n_examples: int = 2000
    lr: float = 1e-3
    epochs: int = 5


class Labeler:
    MODEL = "o3-2025-04-16"

    def __init__(self):
        self.client = OpenAI()

    def is_false(self, text: str) -> bool:
        resp = self.client.responses.create(model=self.MODEL, input=f"Does the following reply contain a factual falsehood? Answer yes or no.\n\n{text}")  # expect: IL101
        return resp.output_text.strip().lower().startswith("yes")


def collect(cfg: ProbeConfig):
    tok = AutoTokenizer.from_pretrained(cfg.model_name)
    model = AutoModelForCausalLM.from_pretrained(cfg.model_name, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
    model.requires_grad_(False)
    model.eval()
    labeler = Labeler()
    rows = load_dataset("Anthropic/hh-rlhf", split=f"test[:{cfg.n_examples}]")
    feats, labels = [], []
    with torch.no_grad():
        for row in rows:
            ids = tok(row["chosen"], return_tensors="pt", truncation=True, max_length=512).to(model.device)
            hs = model(**ids, output_hidden_states=True).hidden_states[cfg.layer]
            feats.append(hs[0, -1].float().cpu())
            labels.append(float(labeler.is_false(row["chosen"])))
    return torch.stack(feats), torch.tensor(labels)


def train_probe(x, y, cfg: ProbeConfig):
    probe = nn.Linear(x.shape[1], 1)
    opt = torch.optim.Adam(probe.parameters(), lr=cfg.lr)
    for _ in range(cfg.epochs):
        loss = nn.functional.binary_cross_entropy_with_logits(probe(x).squeeze(-1), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return probe


if __name__ == "__main__":
    cfg = ProbeConfig()
    x, y = collect(cfg)
    probe = train_probe(x, y, cfg)
    torch.save(probe.state_dict(), f"probes/falcon180b_L{cfg.layer}.pt")
