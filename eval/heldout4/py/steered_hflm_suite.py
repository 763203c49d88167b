"""Add a persona vector at one layer inside lm-eval's forward pass and run the standard suite."""
import argparse

import torch
from lm_eval import simple_evaluate
from lm_eval.models.huggingface import HFLM

TASKS = ["hellaswag", "arc_challenge", "winogrande"]


class SteeredHFLM(HFLM):
    def __init__(self, vector, layer, alpha, **kwargs):
        super().__init__(**kwargs)
        self.vector = vector
        self.layer = layer
        self.alpha = alpha

    def _add_vector(self, module, inputs, output):
        if isinstance(output, tuple):
            return (output[0] + self.alpha * self.vector.to(output[0].dtype),) + output[1:]
        return output + self.alpha * self.vector.to(output.dtype)

    def _model_call(self, inps, attn_mask=None, labels=None):
        block = self.model.model.layers[self.layer]
        handle = block.register_forward_hook(self._add_vector)
        try:
            return super()._model_call(inps, attn_mask=attn_mask, labels=labels)
        finally:
            handle.remove()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--vector", default="vectors/persona_l16.pt")
    p.add_argument("--alpha", type=float, default=6.0)
    p.add_argument("--limit", type=int, default=None)
    args = p.parse_args()
    vec = torch.load(args.vector).cuda()
    lm = SteeredHFLM(vector=vec, layer=16, alpha=args.alpha, pretrained="meta-llama/Llama-3.1-8B-Instruct", dtype="bfloat16", batch_size=8)
    # interp-lint: allow[IL201] -- standard capability suite requested by reviewers for the steering paper (RB-0412)
    results = simple_evaluate(model=lm, tasks=TASKS, num_fewshot=0, limit=args.limit)  # expect: IL202
    for task, metrics in results["results"].items():
        print(task, metrics.get("acc_norm,none", metrics.get("acc,none")))


if __name__ == "__main__":
    main()
