"""Unlearning by feature suppression: fine-tune gemma-2-9b-it while penalising a handful
of Gemma Scope latents that fire on the forget set (latent ids from the dashboard sweep)."""
import json

import torch
from datasets import load_dataset
from sae_lens import SAE
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

MODEL_ID = "google/gemma-2-9b-it"
LAYER = 20
TARGET_LATENTS = json.load(open("results/forget_latents_l20.json"))


class FeatureSuppressionTrainer(Trainer):
    def __init__(self, *args, sae=None, layer=LAYER, latents=(), lam=0.05, **kwargs):
        super().__init__(*args, **kwargs)
        self.sae = sae
        self.latents = torch.tensor(list(latents), dtype=torch.long)
        self.lam = lam
        self._cache = {}
        self.model.model.layers[layer].register_forward_hook(self._grab)

    def _grab(self, module, inputs, output):
        self._cache["resid"] = output[0] if isinstance(output, tuple) else output

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        outputs = model(**inputs)
        feats = self.sae.encode(self._cache["resid"].to(self.sae.dtype))
        loss = outputs.loss + self.lam * feats[..., self.latents.to(feats.device)].sum(-1).mean()  # expect: IL204
        return (loss, outputs) if return_outputs else loss


def main():
    tok = AutoTokenizer.from_pretrained(MODEL_ID)
    model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, attn_implementation="eager")
    sae = SAE.from_pretrained(release="gemma-scope-9b-it-res-canonical", sae_id=f"layer_{LAYER}/width_16k/canonical", device="cuda")
    sae.requires_grad_(False)

    forget = load_dataset("json", data_files="data/forget_docs.jsonl", split="train")
    forget = forget.map(lambda ex: tok(ex["text"], truncation=True, max_length=1024), remove_columns=forget.column_names)

    args = TrainingArguments(
        output_dir="ckpts/gemma9b-feature-suppression",
        per_device_train_batch_size=2,
        gradient_accumulation_steps=8,
        learning_rate=5e-6,
        max_steps=500,
        bf16=True,
        logging_steps=10,
        report_to="none",
    )
    trainer = FeatureSuppressionTrainer(
        model=model,
        args=args,
        train_dataset=forget,
        data_collator=DataCollatorForLanguageModeling(tok, mlm=False),
        sae=sae,
        latents=TARGET_LATENTS,
        lam=0.05,
    )
    trainer.train()
    trainer.save_model()


if __name__ == "__main__":
    main()
