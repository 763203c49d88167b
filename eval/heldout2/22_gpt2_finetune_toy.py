"""Fine-tune gpt2 on a synthetic modular-addition corpus to watch grokking-like circuits appear."""
import random

import torch
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

P = 113
EPOCHS = 50


def make_data(n=4000):
    rows = []
    for _ in range(n):
        a, b = random.randrange(P), random.randrange(P)
        rows.append(f"{a} + {b} = {(a + b) % P}")
    return rows


def main():
    tok = GPT2TokenizerFast.from_pretrained("gpt2")
    tok.pad_token = tok.eos_token
    model = GPT2LMHeadModel.from_pretrained("gpt2")
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=1.0)
    data = make_data()
    for epoch in range(EPOCHS):
        random.shuffle(data)
        for i in range(0, len(data), 64):
            enc = tok(data[i:i + 64], return_tensors="pt", padding=True)
            loss = model(**enc, labels=enc["input_ids"]).loss
            loss.backward()
            opt.step()
            opt.zero_grad()
        print(epoch, loss.item())
    model.save_pretrained("./gpt2-modadd")


if __name__ == "__main__":
    main()
