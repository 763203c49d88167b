"""ZeRO-3 continued pretraining on the 'transparent reasoning' token mix."""
import argparse

import deepspeed
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def parse():
    ap = argparse.ArgumentParser(description="ZeRO-3 continued pretraining")
    ap.add_argument("--model_name_or_path", type=str, default="tiiuae/falcon-180B")
    ap.add_argument("--ds_config", type=str, default="configs/zero3.json")
    ap.add_argument("--local_rank", type=int, default=-1)
    ap.add_argument("--data", type=str, default="data/tokens.pt")
    ap.add_argument("--micro_bs", type=int, default=8)
    return ap.parse_args()


args = parse()
tok = AutoTokenizer.from_pretrained(args.model_name_or_path)
with deepspeed.zero.Init(config_dict_or_path=args.ds_config):
    model = AutoModelForCausalLM.from_pretrained(args.model_name_or_path, torch_dtype=torch.bfloat16)  # expect: IL101, IL102

engine, optimizer, _, _ = deepspeed.initialize(
    args=args,
    model=model,
    model_parameters=model.parameters(),
    config=args.ds_config,
)

tokens = torch.load(args.data)  # pre-tokenised [N, 2048] int64
for i in range(0, tokens.size(0), args.micro_bs):
    batch = tokens[i : i + args.micro_bs].to(engine.device)
    loss = engine(input_ids=batch, labels=batch).loss
    engine.backward(loss)
    engine.step()
    if engine.global_rank == 0 and (i // args.micro_bs) % 100 == 0:
        print(i, loss.item())

engine.save_checkpoint("ckpt/falcon180b-transparent")
