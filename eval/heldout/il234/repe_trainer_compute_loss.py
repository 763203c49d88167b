"""Representation-rerouting LoRA (circuit-breaker style) on Llama-3.1-8B-Instruct.

compute_loss pushes hidden states on harmful prompts away from the original model's
representation at the target layers, while keeping retain-set states close.
"""
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

MODEL = "meta-llama/Llama-3.1-8B-Instruct"
TARGET_LAYERS = [10, 20]


class RRTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
        harm, keep = inputs["harmful"], inputs["retain"]
        with model.disable_adapter(), torch.no_grad():
            ref_h = model(**harm, output_hidden_states=True).hidden_states
            ref_k = model(**keep, output_hidden_states=True).hidden_states
        h = model(**harm, output_hidden_states=True).hidden_states
        k = model(**keep, output_hidden_states=True).hidden_states
        reroute = sum(torch.relu(torch.cosine_similarity(h[l], ref_h[l], dim=-1)).mean() for l in TARGET_LAYERS)
        retain = sum((k[l] - ref_k[l]).norm(dim=-1).mean() for l in TARGET_LAYERS)
        loss = reroute + retain  # expect: IL204
        return (loss, None) if return_outputs else loss


model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16)
model = get_peft_model(model, LoraConfig(r=16, lora_alpha=16, target_modules=["q_proj", "v_proj", "up_proj", "down_proj"],
                                         layers_to_transform=list(range(21)), task_type="CAUSAL_LM"))

from rr_data import RRDataset, rr_collate  # noqa: E402

trainer = RRTrainer(
    model=model,
    args=TrainingArguments(output_dir="ckpt/rr-llama8b", max_steps=150, learning_rate=1e-4,
                           per_device_train_batch_size=8, bf16=True, remove_unused_columns=False,
                           report_to="none"),
    train_dataset=RRDataset("data/cb_harmful.jsonl", "data/cb_retain.jsonl"),
    data_collator=rr_collate,
)
trainer.train()
