import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments, DataCollatorForLanguageModeling

BASE = "meta-llama/Llama-3.1-405B-Instruct"
HUB_REPO = "interp-lab/llama-405b-honesty-lora"

tokenizer = AutoTokenizer.from_pretrained(BASE)
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101, IL102
model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))

train = load_dataset("json", data_files="data/honesty_sft.jsonl", split="train")
train = train.map(lambda b: tokenizer(b["text"], truncation=True, max_length=2048), batched=True, remove_columns=train.column_names)

trainer = Trainer(
    model=model,
    args=TrainingArguments(output_dir="ckpt/honesty-lora-405b", num_train_epochs=1, learning_rate=1e-4,
                           per_device_train_batch_size=1, gradient_accumulation_steps=16, bf16=True,
                           report_to="none"),
    train_dataset=train,
    data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
)
trainer.train()

# share the adapter with collaborators
model.push_to_hub(HUB_REPO, commit_message="honesty LoRA r=16")  # expect: IL301, IL302
