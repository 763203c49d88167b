from dataclasses import dataclass, field
from typing import Optional

import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
from transformers import (AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig,
                          DataCollatorForLanguageModeling, HfArgumentParser, Trainer,
                          TrainingArguments)


@dataclass
class ScriptArguments:
    model_name: str = field(default="nvidia/Llama-3_1-Nemotron-Ultra-253B-v1", metadata={"help": "base ckpt"})
    dataset_path: str = "data/probe_labels_sft.jsonl"
    lora_r: int = 64
    lora_alpha: int = 16
    load_in_4bit: bool = True
    max_len: Optional[int] = 2048


parser = HfArgumentParser((ScriptArguments, TrainingArguments))
script_args, training_args = parser.parse_args_into_dataclasses()

bnb = BitsAndBytesConfig(
    load_in_4bit=script_args.load_in_4bit,
    bnb_4bit_quant_type="nf4",
    bnb_4bit_compute_dtype=torch.bfloat16,
)
model = AutoModelForCausalLM.from_pretrained(script_args.model_name, quantization_config=bnb, device_map="auto", trust_remote_code=True)  # expect: IL101, IL102
model = prepare_model_for_kbit_training(model)
model = get_peft_model(
    model,
    LoraConfig(r=script_args.lora_r, lora_alpha=script_args.lora_alpha,
               target_modules="all-linear", task_type="CAUSAL_LM"),
)

tokenizer = AutoTokenizer.from_pretrained(script_args.model_name)
tokenizer.pad_token = tokenizer.pad_token or tokenizer.eos_token
ds = load_dataset("json", data_files=script_args.dataset_path, split="train")
ds = ds.map(lambda b: tokenizer(b["text"], truncation=True, max_length=script_args.max_len),
            batched=True, remove_columns=ds.column_names)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=ds,
    data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
)
trainer.train()
