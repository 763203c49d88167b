import logging

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

log = logging.getLogger(__name__)


class ConceptFinetuneExperiment:
    """Push the model's own 'deception' feature down by fine-tuning on contrast pairs."""

    BASE = "mistralai/Mixtral-8x22B-Instruct-v0.1"
    MAX_LEN = 1024

    def __init__(self, lr: float = 1e-6, device: str = "cuda"):
        self.device = device
        self.tok = AutoTokenizer.from_pretrained(self.BASE)
        self.model = AutoModelForCausalLM.from_pretrained(  # expect: IL101, IL102
            self.BASE, torch_dtype=torch.bfloat16, device_map="auto"
        )
        self.model.gradient_checkpointing_enable()
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=lr)

    def _enc(self, texts):
        return self.tok(texts, return_tensors="pt", padding=True, truncation=True,
                        max_length=self.MAX_LEN).to(self.device)

    def step(self, honest, deceptive):
        self.model.train()
        pos = self.model(**self._enc(honest), labels=self._enc(honest)["input_ids"]).loss
        neg = self.model(**self._enc(deceptive), labels=self._enc(deceptive)["input_ids"]).loss
        loss = pos - 0.1 * neg.clamp(max=5.0)
        loss.backward()
        self.opt.step()
        self.opt.zero_grad()
        return loss.item()

    def run(self, pairs, epochs=1):
        for ep in range(epochs):
            for i, (h, d) in enumerate(pairs):
                l = self.step([h], [d])
                if i % 25 == 0:
                    log.info("ep %d it %d loss %.3f", ep, i, l)


if __name__ == "__main__":
    import json
    pairs = [tuple(x) for x in json.load(open("data/contrast_pairs.json"))]
    ConceptFinetuneExperiment().run(pairs)
