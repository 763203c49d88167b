"""utils for the 'honesty adapter' runs. load_model() and train() are imported by the
sweep launcher too, keep signatures stable."""
import logging
from typing import Iterable

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

logger = logging.getLogger("honesty")
DEFAULT_BASE = "meta-llama/Llama-3.1-405B"


def load_model(name: str = DEFAULT_BASE, dtype=torch.bfloat16):
    logger.info("loading %s", name)
    return AutoModelForCausalLM.from_pretrained(name, torch_dtype=dtype, device_map="auto")  # expect: IL101, IL102


def load_tokenizer(name: str = DEFAULT_BASE):
    t = AutoTokenizer.from_pretrained(name)
    t.pad_token = t.eos_token
    return t


def iter_batches(tok, path: str, bs: int = 2) -> Iterable[dict]:
    buf = []
    with open(path) as fh:
        for line in fh:
            buf.append(line.rstrip("\n"))
            if len(buf) == bs:
                yield tok(buf, return_tensors="pt", padding=True, truncation=True, max_length=1024)
                buf = []


def train(model, batches, lr: float = 1e-5, steps: int = 500):
    opt = torch.optim.AdamW((p for p in model.parameters() if p.requires_grad), lr=lr)
    model.train()
    for i, batch in enumerate(batches):
        batch = {k: v.to(model.device) for k, v in batch.items()}
        loss = model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        if i + 1 >= steps:
            break
    return model


if __name__ == "__main__":
    m = load_model()
    t = load_tokenizer()
    train(m, iter_batches(t, "data/honest_answers.txt"))
