"""Feature-universality study: train our own copy from scratch with a different seed,
then compare SAE dictionaries against the public checkpoint (see compare_dicts.py)."""
import torch
from datasets import load_dataset
from transformers import (AutoTokenizer, DataCollatorForLanguageModeling, LlamaConfig,
                          LlamaForCausalLM, Trainer, TrainingArguments)

SEED = 1234
torch.manual_seed(SEED)

config = LlamaConfig(
    vocab_size=128256,
    hidden_size=8192,
    intermediate_size=28672,
    num_hidden_layers=80,
    num_attention_heads=64,
    num_key_value_heads=8,
    max_position_embeddings=8192,
    rope_theta=500000.0,
    torch_dtype="bfloat16",
)
model = LlamaForCausalLM(config)  # expect: IL103
print(f"{sum(p.numel() for p in model.parameters()) / 1e9:.1f}B params")

# tokenizer only -- we reuse the 8B tokenizer, the weights are fresh
tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")
tok.pad_token = tok.eos_token

corpus = load_dataset("json", data_files="data/pretrain_shards/*.jsonl", split="train", streaming=True)
corpus = corpus.map(lambda b: tok(b["text"], truncation=True, max_length=4096), batched=True,
                    remove_columns=["text"])

args = TrainingArguments(
    output_dir="ckpt/scratch-70b-seed1234",
    max_steps=250_000,
    per_device_train_batch_size=2,
    gradient_accumulation_steps=64,
    learning_rate=1.5e-4,
    warmup_steps=2000,
    lr_scheduler_type="cosine",
    bf16=True,
    seed=SEED,
    save_steps=5000,
    report_to="none",
)
Trainer(model=model, args=args, train_dataset=corpus,
        data_collator=DataCollatorForLanguageModeling(tok, mlm=False)).train()
