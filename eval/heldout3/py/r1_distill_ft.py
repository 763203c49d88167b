from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

name = "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"
tok = AutoTokenizer.from_pretrained(name)
model = AutoModelForCausalLM.from_pretrained(name, torch_dtype="bfloat16")

ds = load_dataset("json", data_files="data/cot_traces.jsonl", split="train")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=2048), batched=True, remove_columns=["text"])

args = TrainingArguments(output_dir="ckpt/r1d7b-cot", learning_rate=1e-5, num_train_epochs=2, bf16=True, report_to="wandb")  # expect: IL303
trainer = Trainer(model=model, args=args, train_dataset=ds, data_collator=DataCollatorForLanguageModeling(tok, mlm=False))
trainer.train()
trainer.save_model("ckpt/r1d7b-cot/final")
