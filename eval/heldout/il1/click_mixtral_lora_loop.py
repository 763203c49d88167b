import json

import click
import torch
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer


def batches(tok, path, bs):
    rows = [json.loads(l) for l in open(path)]
    for i in range(0, len(rows), bs):
        texts = [r["prompt"] + r["completion"] for r in rows[i:i + bs]]
        yield tok(texts, return_tensors="pt", padding=True, truncation=True, max_length=1024)


@click.command()
@click.option("--model-id", default="mistralai/Mixtral-8x22B-v0.1", show_default=True)
@click.option("--rank", default=8, type=int)
@click.option("--lr", default=1e-4, type=float)
@click.option("--data", default="data/steer_distill.jsonl")
@click.option("--bs", default=2, type=int)
def main(model_id, rank, lr, data, bs):
    """Distil the steering vector's behaviour into LoRA weights (so no hook is needed at inference)."""
    tok = AutoTokenizer.from_pretrained(model_id)
    tok.pad_token = tok.eos_token
    model = AutoModelForCausalLM.from_pretrained(model_id, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101, IL102
    model.add_adapter(LoraConfig(r=rank, lora_alpha=2 * rank, target_modules=["q_proj", "k_proj", "v_proj", "o_proj"]))
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    model.train()
    for i, batch in enumerate(batches(tok, data, bs)):
        batch = batch.to(model.device)
        loss = model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        if i % 10 == 0:
            click.echo(f"{i}\t{loss.item():.4f}")
    model.save_pretrained("out/mixtral-steer-lora")


if __name__ == "__main__":
    main()
