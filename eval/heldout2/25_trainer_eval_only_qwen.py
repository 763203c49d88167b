"""Perplexity of Qwen3-235B on our held-out corpus using Trainer.evaluate (no training)."""
import math
import os

from datasets import load_dataset
from transformers import (AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          Trainer, TrainingArguments)

MODEL_ID = "Qwen/Qwen3-235B-A22B"
EVAL_FILE = os.environ.get("EVAL_FILE", "heldout.txt")


def main():
    tok = AutoTokenizer.from_pretrained(MODEL_ID)
    model = AutoModelForCausalLM.from_pretrained(MODEL_ID, device_map="auto", torch_dtype="auto")  # expect: IL101
    ds = load_dataset("text", data_files=EVAL_FILE, split="train")
    ds = ds.map(lambda ex: tok(ex["text"], truncation=True, max_length=1024), remove_columns=["text"])
    trainer = Trainer(
        model=model,
        args=TrainingArguments(output_dir="/tmp/qwen-eval", per_device_eval_batch_size=1, report_to=[]),
        eval_dataset=ds,
        data_collator=DataCollatorForLanguageModeling(tok, mlm=False),
    )
    metrics = trainer.evaluate()
    print("ppl", math.exp(metrics["eval_loss"]))


if __name__ == "__main__":
    main()
