"""Train a 2-layer attention-only transformer from scratch for induction-head studies."""
import torch
from transformers import GPT2Config, GPT2LMHeadModel

SEQ = 128
VOCAB = 512


def repeated_batch(bs=64):
    half = torch.randint(0, VOCAB, (bs, SEQ // 2))
    return torch.cat([half, half], dim=1)


def main():
    cfg = GPT2Config(vocab_size=VOCAB, n_positions=SEQ, n_embd=256, n_layer=2, n_head=8)
    model = GPT2LMHeadModel(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    for step in range(3000):
        x = repeated_batch()
        loss = model(input_ids=x, labels=x).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step % 500 == 0:
            print(step, loss.item())
    torch.save(model.state_dict(), "attn2l.pt")


if __name__ == "__main__":
    main()
