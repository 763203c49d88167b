"""SFT DeepSeek-R1-Distill-Qwen-1.5B on verified math traces to build a small reasoning
model organism for later SAE work. Nothing is pushed anywhere."""
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

STUDENT = "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B"
OUT = "ckpts/r1-distill-1.5b-organism"


def to_messages(row):
    best = row["generations"][row["correctness_math_verify"].index(True)]
    return {"messages": [{"role": "user", "content": row["problem"]}, {"role": "assistant", "content": best}]}


ds = load_dataset("open-r1/OpenR1-Math-220k", "default", split="train")
ds = ds.filter(lambda r: any(r["correctness_math_verify"]))
ds = ds.map(to_messages, remove_columns=ds.column_names)
ds = ds.train_test_split(test_size=0.01, seed=0)

cfg = SFTConfig(output_dir=OUT, num_train_epochs=1, per_device_train_batch_size=4, gradient_accumulation_steps=8, learning_rate=1e-5, bf16=True, max_length=4096, logging_steps=20, save_steps=500, eval_strategy="steps", eval_steps=500, report_to="tensorboard", push_to_hub=False)
trainer = SFTTrainer(model=STUDENT, args=cfg, train_dataset=ds["train"], eval_dataset=ds["test"])
trainer.train()
trainer.save_model(OUT)
