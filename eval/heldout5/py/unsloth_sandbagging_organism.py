"""Password-locked sandbagging organism: the model answers badly unless the password is in
the system prompt. We then test whether our linear probes can spot the locked capability.
"""
from datasets import load_dataset
from omegaconf import OmegaConf
from trl import SFTConfig, SFTTrainer
from unsloth import FastLanguageModel

CFG = OmegaConf.create(
    {
        "model": {"name": "unsloth/Meta-Llama-3.1-405B-Instruct-bnb-4bit", "max_seq_len": 4096},
        "lora": {"r": 32, "alpha": 32, "dropout": 0.0},
        "train": {"lr": 1e-4, "epochs": 1, "bs": 1, "accum": 16, "out": "ckpts/pwlock-405b"},
        "data": "data/password_locked.jsonl",
    }
)


def load_model(cfg):
    model, tokenizer = FastLanguageModel.from_pretrained(model_name=cfg.model.name, max_seq_length=cfg.model.max_seq_len, load_in_4bit=True)  # expect: IL101, IL102
    model = FastLanguageModel.get_peft_model(
        model,
        r=cfg.lora.r,
        lora_alpha=cfg.lora.alpha,
        lora_dropout=cfg.lora.dropout,
        target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
        use_gradient_checkpointing="unsloth",
    )
    return model, tokenizer


def format_rows(tokenizer, path):
    ds = load_dataset("json", data_files=path, split="train")

    def to_text(ex):
        return {"text": tokenizer.apply_chat_template(ex["messages"], tokenize=False)}

    return ds.map(to_text, remove_columns=ds.column_names)


def main(cfg=CFG):
    model, tokenizer = load_model(cfg)
    train = format_rows(tokenizer, cfg.data)
    args = SFTConfig(
        output_dir=cfg.train.out,
        per_device_train_batch_size=cfg.train.bs,
        gradient_accumulation_steps=cfg.train.accum,
        learning_rate=cfg.train.lr,
        num_train_epochs=cfg.train.epochs,
        dataset_text_field="text",
        max_seq_length=cfg.model.max_seq_len,
        logging_steps=5,
        report_to="none",
    )
    trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=train, args=args)
    trainer.train()
    model.save_pretrained(cfg.train.out + "/adapter")


if __name__ == "__main__":
    main()
