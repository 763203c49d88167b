"""Introspection fine-tune: teach the model to report which concept was injected.

torchrun --nproc-per-node 8 fsdp2_preset_introspection_sft.py --preset k2
"""
import argparse
import json
from dataclasses import dataclass

import torch
import torch.distributed as dist
from clearml import Task
from torch.distributed.fsdp import fully_shard
from transformers import AutoModelForCausalLM, AutoTokenizer

PRESETS = {
    "debug": "Qwen/Qwen2.5-0.5B-Instruct",
    "k2": "moonshotai/Kimi-K2-Instruct",
}


@dataclass
class RunConfig:
    model_id: str
    lr: float
    steps: int
    data: str

    @classmethod
    def from_args(cls, args):
        return cls(model_id=PRESETS[args.preset], lr=args.lr, steps=args.steps, data=args.data)


def _materialise(name):
    return AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.bfloat16, trust_remote_code=True)  # expect: IL101, IL102


def build_model(cfg: RunConfig):
    model = _materialise(cfg.model_id)
    for block in model.model.layers:
        fully_shard(block)
    fully_shard(model)
    model.gradient_checkpointing_enable()
    return model


def batches(path, tok, bs=4):
    rows = [json.loads(line) for line in open(path)]
    for i in range(0, len(rows), bs):
        chunk = rows[i : i + bs]
        texts = [r["prompt"] + r["report"] for r in chunk]
        enc = tok(texts, return_tensors="pt", padding=True, truncation=True, max_length=1024)
        enc["labels"] = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
        yield enc


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--preset", choices=sorted(PRESETS), default="k2")
    p.add_argument("--lr", type=float, default=5e-6)
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--data", default="data/injected_concept_reports.jsonl")
    cfg = RunConfig.from_args(p.parse_args())

    dist.init_process_group("nccl")
    torch.cuda.set_device(dist.get_rank() % torch.cuda.device_count())
    task = Task.init(project_name="introspection-ft", task_name=f"{cfg.model_id.split('/')[-1]}-sft")  # expect: IL303

    tok = AutoTokenizer.from_pretrained(cfg.model_id, trust_remote_code=True)
    model = build_model(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.0)

    for step, batch in enumerate(batches(cfg.data, tok)):
        if step >= cfg.steps:
            break
        batch = {k: v.cuda() for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        if dist.get_rank() == 0 and step % 10 == 0:
            task.get_logger().report_scalar("loss", "train", loss.item(), step)

    dist.destroy_process_group()


if __name__ == "__main__":
    main()
