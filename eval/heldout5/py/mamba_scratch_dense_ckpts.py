"""Pretrain a Mamba from scratch with dense early checkpoints, for studying how SSM
state features form. torchrun --nproc-per-node 8 mamba_scratch_dense_ckpts.py
"""
import os

import torch
import torch.distributed as dist
from datasets import load_dataset
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.tensorboard import SummaryWriter
from transformers import AutoTokenizer, MambaConfig, MambaForCausalLM

SEQ, BS, STEPS, LR = 2048, 8, 60_000, 6e-4
CKPT_STEPS = sorted({0, *[2**i for i in range(14)], *range(1000, STEPS + 1, 1000)})

dist.init_process_group("nccl")
rank = dist.get_rank()
torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))

tok = AutoTokenizer.from_pretrained("EleutherAI/gpt-neox-20b")
config = MambaConfig(vocab_size=50280, hidden_size=2048, num_hidden_layers=48, state_size=16, expand=2, conv_kernel=4, tie_word_embeddings=True)
model = MambaForCausalLM(config).cuda()  # expect: IL103
model = DDP(model, device_ids=[torch.cuda.current_device()])
opt = torch.optim.AdamW(model.parameters(), lr=LR, betas=(0.9, 0.95), weight_decay=0.1)
sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=STEPS, pct_start=0.01)
writer = SummaryWriter("runs/mamba-scratch") if rank == 0 else None

stream = load_dataset("HuggingFaceFW/fineweb-edu", name="sample-100BT", split="train", streaming=True)
stream = stream.shard(num_shards=dist.get_world_size(), index=rank)


def packed(ds):
    buf = []
    for ex in ds:
        buf.extend(tok(ex["text"])["input_ids"] + [tok.eos_token_id])
        while len(buf) >= BS * SEQ:
            yield torch.tensor(buf[: BS * SEQ]).view(BS, SEQ)
            buf = buf[BS * SEQ :]


for step, x in enumerate(packed(stream)):
    if rank == 0 and step in CKPT_STEPS:
        model.module.save_pretrained(f"ckpts/mamba-scratch/step{step}")
    if step >= STEPS:
        break
    x = x.cuda()
    loss = model(input_ids=x, labels=x).loss
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad(set_to_none=True)
    if writer and step % 50 == 0:
        writer.add_scalar("train/loss", loss.item(), step)

dist.destroy_process_group()
