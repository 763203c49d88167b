"""Tokenizer-size ablation: a small Llama-shaped model with the full Llama-3 vocabulary,
trained from scratch on 2B tokens, to see how many embedding rows end up as dead features.

Size check (untied): 2 x 128256 x 1024 embeddings/unembeddings = 263M, plus 16 blocks of
~15.2M = 243M, so about 0.51B parameters in total.
"""
import torch
from datasets import load_dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    LlamaConfig,
    Trainer,
    TrainingArguments,
)

TOKEN_BUDGET = "2B"
RUN_NAME = f"llama3vocab-d1024-L16-{TOKEN_BUDGET}tok"

tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")
tok.pad_token = tok.eos_token

cfg = LlamaConfig(
    vocab_size=len(tok),
    hidden_size=1024,
    intermediate_size=4096,
    num_hidden_layers=16,
    num_attention_heads=16,
    num_key_value_heads=4,
    max_position_embeddings=2048,
    tie_word_embeddings=False,
    rope_theta=500000.0,
)
model = AutoModelForCausalLM.from_config(cfg, torch_dtype=torch.bfloat16)
print(f"{RUN_NAME}: {model.num_parameters() / 1e9:.2f}B params")

raw = load_dataset("HuggingFaceFW/fineweb", name="sample-10BT", split="train", streaming=True)
train = raw.map(lambda ex: tok(ex["text"], truncation=True, max_length=2048), remove_columns=["text", "id", "dump", "url", "date", "file_path", "language", "language_score", "token_count"])

args = TrainingArguments(
    output_dir=f"ckpts/{RUN_NAME}",
    run_name=RUN_NAME,
    per_device_train_batch_size=16,
    gradient_accumulation_steps=8,
    max_steps=2_000_000_000 // (16 * 8 * 2048),
    learning_rate=1e-3,
    lr_scheduler_type="cosine",
    warmup_steps=1000,
    bf16=True,
    save_steps=500,
    logging_steps=20,
    report_to="none",
)
Trainer(model=model, args=args, train_dataset=train, data_collator=DataCollatorForLanguageModeling(tok, mlm=False)).train()
