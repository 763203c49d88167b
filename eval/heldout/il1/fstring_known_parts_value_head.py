"""Reward-model style fine-tune: LM + scalar head on 'was the probe right?' labels."""
import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, AutoTokenizer

FAMILY = "meta-llama"
GEN = "3.1"
SIZE = "405B"
VARIANT = "-Instruct"
MODEL_ID = f"{FAMILY}/Llama-{GEN}-{SIZE}{VARIANT}"


class ValueHead(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.v = nn.Linear(d, 1)

    def forward(self, h):
        return self.v(h[:, -1]).squeeze(-1)


tok = AutoTokenizer.from_pretrained(MODEL_ID)
lm = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101, IL102
head = ValueHead(lm.config.hidden_size).to(lm.device, dtype=torch.bfloat16)

# end-to-end: both the LM and the head get updated
opt = torch.optim.AdamW(list(lm.parameters()) + list(head.parameters()), lr=3e-6)
bce = nn.BCEWithLogitsLoss()


def train_epoch(pairs):
    lm.train()
    for text, label in pairs:
        enc = tok(text, return_tensors="pt").to(lm.device)
        h = lm(**enc, output_hidden_states=True).hidden_states[-1]
        loss = bce(head(h).float(), torch.tensor([label], device=lm.device, dtype=torch.float))
        loss.backward()
        opt.step()
        opt.zero_grad()
