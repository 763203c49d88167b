"""Train a ~2.8B GPT-NeoX from scratch with HF Trainer (Pythia-style suite replication)."""
import os

from datasets import load_dataset
from transformers import (AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          GPTNeoXConfig, Trainer, TrainingArguments)

TOKENIZER = "EleutherAI/gpt-neox-20b"
OUTPUT = os.environ.get("RUN_DIR", "./runs/neox-2p8b")

NEOX_KW = dict(
    vocab_size=50304,
    hidden_size=2560,
    intermediate_size=10240,
    num_hidden_layers=32,
    num_attention_heads=32,
    rotary_pct=0.25,
)


def main():
    tok = AutoTokenizer.from_pretrained(TOKENIZER)
    tok.pad_token = tok.eos_token
    config = GPTNeoXConfig(**NEOX_KW)
    model = AutoModelForCausalLM.from_config(config)  # expect: IL103
    ds = load_dataset("monology/pile-uncopyrighted", split="train", streaming=True)
    ds = ds.map(lambda ex: tok(ex["text"], truncation=True, max_length=2048), remove_columns=["text", "meta"])
    args = TrainingArguments(
        output_dir=OUTPUT,
        per_device_train_batch_size=8,
        max_steps=143000,
        learning_rate=1.6e-4,
        bf16=True,
        save_steps=1000,
    )
    trainer = Trainer(model=model, args=args, train_dataset=ds,
                      data_collator=DataCollatorForLanguageModeling(tok, mlm=False))
    trainer.train()


if __name__ == "__main__":
    main()
