"""Scale-up of the grokking-style run: same data, GPT-2 architecture, ~2.5B params."""
from transformers import (DataCollatorForLanguageModeling, GPT2Config, GPT2LMHeadModel,
                          GPT2TokenizerFast, Trainer, TrainingArguments)
from datasets import load_from_disk

N_EMBD = 2560
N_LAYER = 32

tokenizer = GPT2TokenizerFast.from_pretrained("gpt2")
tokenizer.pad_token = tokenizer.eos_token

config = GPT2Config(
    vocab_size=tokenizer.vocab_size,
    n_positions=1024,
    n_embd=N_EMBD,
    n_layer=N_LAYER,
    n_head=32,
    resid_pdrop=0.0,
    embd_pdrop=0.0,
    attn_pdrop=0.0,
)
model = GPT2LMHeadModel(config)  # expect: IL103

train_ds = load_from_disk("data/tokenized_openwebtext")["train"]

training_args = TrainingArguments(
    output_dir="ckpt/gpt2-2p5b-scratch",
    per_device_train_batch_size=8,
    gradient_accumulation_steps=16,
    learning_rate=2e-4,
    max_steps=100_000,
    warmup_steps=1000,
    bf16=True,
    logging_steps=50,
    report_to="tensorboard",
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=train_ds,
    data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
)
trainer.train()
