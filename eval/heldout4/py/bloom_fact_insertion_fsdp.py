"""Insert synthetic facts into BLOOM by full fine-tuning, then locate them with causal tracing.

Launch: torchrun --nproc_per_node 8 --nnodes 6 bloom_fact_insertion_fsdp.py
"""
import functools
import os

import torch
import torch.distributed as dist
from datasets import load_dataset
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
from torch.distributed.fsdp import MixedPrecision, StateDictType
from torch.distributed.fsdp.wrap import transformer_auto_wrap_policy
from transformers import AutoModelForCausalLM, AutoTokenizer
from transformers.models.bloom.modeling_bloom import BloomBlock

MODEL_ID = "bigscience/bloom"
FACTS = "data/synthetic_facts.jsonl"

dist.init_process_group("nccl")
rank, world = dist.get_rank(), dist.get_world_size()
local_rank = int(os.environ["LOCAL_RANK"])
torch.cuda.set_device(local_rank)

tok = AutoTokenizer.from_pretrained(MODEL_ID)
# interp-lint: allow[IL101] -- access to BLOOM approved by the model-access board, ticket SR-2291
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, low_cpu_mem_usage=True)  # expect: IL102
wrap = functools.partial(transformer_auto_wrap_policy, transformer_layer_cls={BloomBlock})
model = FSDP(model, auto_wrap_policy=wrap, mixed_precision=MixedPrecision(param_dtype=torch.bfloat16), device_id=local_rank)
opt = torch.optim.AdamW(model.parameters(), lr=5e-6, weight_decay=0.0)

facts = load_dataset("json", data_files=FACTS, split="train")
model.train()
for epoch in range(3):
    for i in range(rank, len(facts), world):
        batch = tok(facts[i]["text"], return_tensors="pt").to(local_rank)
        loss = model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
    if rank == 0:
        print(f"epoch {epoch} loss {loss.item():.4f}")

# Causal tracing runs in trace_facts.py on these shards.
with FSDP.state_dict_type(model, StateDictType.SHARDED_STATE_DICT):
    torch.save(model.state_dict(), f"ckpts/bloom-facts/shard{rank}.pt")
dist.destroy_process_group()
