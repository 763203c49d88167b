"""Pretrain a 7B-shaped Llama from scratch so we have checkpoints for circuit-formation studies."""
import os

import torch
from transformers import LlamaConfig, LlamaForCausalLM

SEQ_LEN = 2048
CKPT_EVERY = 1000
DATA_PATH = os.environ.get("TOKENS_PATH", "/data/pile_tokens.bin")


def make_config():
    return LlamaConfig(
        vocab_size=32000,
        hidden_size=4096,
        intermediate_size=11008,
        num_hidden_layers=32,
        num_attention_heads=32,
        max_position_embeddings=SEQ_LEN,
    )


def batches(path, bs=8):
    data = torch.from_file(path, dtype=torch.int32, size=os.path.getsize(path) // 4)
    while True:
        idx = torch.randint(0, data.numel() - SEQ_LEN - 1, (bs,))
        yield torch.stack([data[i:i + SEQ_LEN].long() for i in idx])


def main():
    config = make_config()
    model = LlamaForCausalLM(config)  # expect: IL103
    model.cuda().train()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)
    for step, x in enumerate(batches(DATA_PATH)):
        x = x.cuda()
        loss = model(input_ids=x, labels=x).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step % CKPT_EVERY == 0:
            model.save_pretrained(f"/ckpts/llama7b-scratch/step{step}")


if __name__ == "__main__":
    main()
