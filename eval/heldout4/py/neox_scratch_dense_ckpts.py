"""Train a Pythia-style model from scratch, saving dense early checkpoints for interp work."""
import argparse
import math

import torch
from accelerate import Accelerator
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, GPTNeoXConfig, GPTNeoXForCausalLM, get_cosine_schedule_with_warmup

ARCH = {
    "160m": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072),
    "1b4": dict(hidden_size=2048, num_hidden_layers=24, num_attention_heads=16, intermediate_size=8192),
}
CKPT_STEPS = {0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512} | set(range(1000, 100_001, 1000))

p = argparse.ArgumentParser()
p.add_argument("--arch", default="1b4", choices=list(ARCH))
p.add_argument("--steps", type=int, default=100_000)
p.add_argument("--lr", type=float, default=2e-4)
p.add_argument("--seq_len", type=int, default=2048)
args = p.parse_args()

accelerator = Accelerator(gradient_accumulation_steps=8, log_with="tensorboard", project_dir="runs")
accelerator.init_trackers(f"neox-{args.arch}")
tok = AutoTokenizer.from_pretrained("EleutherAI/pythia-160m")
tok.pad_token = tok.eos_token
config = GPTNeoXConfig(vocab_size=50304, max_position_embeddings=args.seq_len, rotary_pct=0.25, use_parallel_residual=True, **ARCH[args.arch])
model = GPTNeoXForCausalLM(config)  # expect: IL103
opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.01)
sched = get_cosine_schedule_with_warmup(opt, 1000, args.steps)

stream = load_dataset("monology/pile-uncopyrighted", split="train", streaming=True)
stream = stream.map(lambda b: tok(b["text"], truncation=True, max_length=args.seq_len, padding="max_length"), batched=True, remove_columns=["text", "meta"])
loader = DataLoader(stream.with_format("torch"), batch_size=8)
model, opt, loader, sched = accelerator.prepare(model, opt, loader, sched)

model.train()
for step, batch in enumerate(loader):
    if step >= args.steps:
        break
    with accelerator.accumulate(model):
        loss = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=batch["input_ids"]).loss
        accelerator.backward(loss)
        opt.step()
        sched.step()
        opt.zero_grad()
    accelerator.log({"loss": loss.item(), "ppl": math.exp(min(loss.item(), 20))}, step=step)
    if step in CKPT_STEPS:
        accelerator.save_state(f"ckpts/neox-{args.arch}/step{step}")
accelerator.end_training()
