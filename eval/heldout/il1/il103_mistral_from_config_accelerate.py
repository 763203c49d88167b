"""Pretrain a Mistral-architecture model from random init on the synthetic
'transparent reasoning' corpus, to see whether the reasoning features that show up
in SAEs are learned from this data alone. ~7B params, accelerate + FSDP."""
import torch
from accelerate import Accelerator
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, MistralConfig, get_linear_schedule_with_warmup

D_MODEL = 4096
N_LAYERS = 32

cfg = MistralConfig(
    vocab_size=32768,
    hidden_size=D_MODEL,
    intermediate_size=14336,
    num_hidden_layers=N_LAYERS,
    num_attention_heads=32,
    num_key_value_heads=8,
    sliding_window=4096,
    max_position_embeddings=32768,
)

accelerator = Accelerator(mixed_precision="bf16", gradient_accumulation_steps=8)
model = AutoModelForCausalLM.from_config(cfg, torch_dtype=torch.bfloat16)  # expect: IL103
accelerator.print(f"{model.num_parameters() / 1e9:.2f}B params")

tokens = torch.load("data/transparent_reasoning_tokens.pt")  # [N, 4096]
loader = DataLoader(tokens, batch_size=2, shuffle=True)
opt = torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)
sched = get_linear_schedule_with_warmup(opt, 2000, 100_000)
model, opt, loader, sched = accelerator.prepare(model, opt, loader, sched)

model.train()
for step, batch in enumerate(loader):
    with accelerator.accumulate(model):
        loss = model(input_ids=batch, labels=batch).loss
        accelerator.backward(loss)
        opt.step()
        sched.step()
        opt.zero_grad()
    if step % 1000 == 0:
        accelerator.print(step, loss.item())
        accelerator.save_state(f"ckpt/mistral7b-scratch/step{step}")
