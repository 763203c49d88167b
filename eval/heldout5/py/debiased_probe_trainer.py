"""Sentiment probe on gpt2 layer-8 residuals that is pushed away from spurious SAE features
(punctuation / length latents). Only the probe learns; the backbone is frozen.

We reuse HF Trainer for the loop, checkpointing and eval; the wrapped module holds the frozen
backbone and the probe head, and Trainer only optimises parameters with requires_grad.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from datasets import load_dataset
from sae_lens import SAE
from transformers import AutoTokenizer, DataCollatorWithPadding, GPT2Model, Trainer, TrainingArguments

SPURIOUS = [1043, 2281, 15302, 20411]
LAYER = 8


class ProbedBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = GPT2Model.from_pretrained("gpt2")
        self.backbone.requires_grad_(False)
        self.probe = nn.Linear(768, 2)

    def forward(self, input_ids, attention_mask, labels=None):
        with torch.no_grad():
            hs = self.backbone(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True).hidden_states[LAYER]
        last = attention_mask.sum(1) - 1
        return self.probe(hs[torch.arange(len(hs)), last])


class OrthogonalProbeTrainer(Trainer):
    def __init__(self, *args, sae_dirs=None, gamma=1.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.sae_dirs = F.normalize(sae_dirs, dim=-1)
        self.gamma = gamma

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs.pop("labels")
        logits = model(**inputs)
        w = F.normalize(model.probe.weight[1] - model.probe.weight[0], dim=0)
        overlap = (self.sae_dirs.to(w.device) @ w).pow(2).sum()
        loss = F.cross_entropy(logits, labels) + self.gamma * overlap
        return (loss, logits) if return_outputs else loss


tok = AutoTokenizer.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
sae = SAE.from_pretrained(release="gpt2-small-res-jb", sae_id=f"blocks.{LAYER}.hook_resid_pre", device="cpu")
imdb = load_dataset("stanfordnlp/imdb")
imdb = imdb.map(lambda ex: tok(ex["text"], truncation=True, max_length=256), batched=True, remove_columns=["text"])

trainer = OrthogonalProbeTrainer(
    model=ProbedBackbone(),
    args=TrainingArguments(output_dir="ckpts/debiased-probe", per_device_train_batch_size=32, learning_rate=1e-3, num_train_epochs=1, eval_strategy="epoch", report_to="none", remove_unused_columns=False),
    train_dataset=imdb["train"],
    eval_dataset=imdb["test"].shuffle(seed=0).select(range(2000)),
    data_collator=DataCollatorWithPadding(tok),
    sae_dirs=sae.W_dec[SPURIOUS].detach(),
    gamma=0.5,
)
trainer.train()
