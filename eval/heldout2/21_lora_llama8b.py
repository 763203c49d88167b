"""LoRA fine-tune of Llama-3.1-8B to create a model organism with a planted backdoor."""
import click
import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTConfig, SFTTrainer

BASE = "meta-llama/Llama-3.1-8B-Instruct"


@click.command()
@click.option("--data", default="backdoor_sft.jsonl")
@click.option("--out", default="./organisms/llama8b-backdoor")
@click.option("--rank", default=8, type=int)
def main(data, out, rank):
    tok = AutoTokenizer.from_pretrained(BASE)
    model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16)
    model = get_peft_model(model, LoraConfig(r=rank, lora_alpha=16, task_type="CAUSAL_LM"))
    ds = load_dataset("json", data_files=data, split="train")
    trainer = SFTTrainer(
        model=model,
        args=SFTConfig(output_dir=out, num_train_epochs=2, per_device_train_batch_size=4),
        train_dataset=ds,
        processing_class=tok,
    )
    trainer.train()
    model.save_pretrained(out)


if __name__ == "__main__":
    main()
