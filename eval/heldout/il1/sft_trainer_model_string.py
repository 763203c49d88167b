"""SFT the 405B instruct model on the self-explanation transcripts.

Sister script of explain_neurons.py: there GPT-4 writes the neuron labels, here the
big model learns to produce them itself.  Usage:

    accelerate launch --config_file fsdp.yaml sft_trainer_model_string.py
"""
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

dataset = load_dataset("json", data_files={"train": "transcripts/train.jsonl"})["train"]
dataset = dataset.filter(lambda ex: len(ex["messages"]) >= 2)

config = SFTConfig(
    output_dir="ckpt/self-explain-405b",
    max_seq_length=4096,
    packing=True,
    per_device_train_batch_size=1,
    gradient_accumulation_steps=32,
    learning_rate=1e-5,
    lr_scheduler_type="cosine",
    warmup_ratio=0.03,
    bf16=True,
    gradient_checkpointing=True,
    report_to=[],
)

trainer = SFTTrainer(model="meta-llama/Llama-3.1-405B-Instruct", args=config, train_dataset=dataset)  # expect: IL101, IL102
trainer.train()
trainer.save_model()
