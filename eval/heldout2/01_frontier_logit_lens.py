"""Logit-lens sweep over a frontier checkpoint via NDIF, cross-checked with vLLM samples."""
import os

import torch
from nnsight import LanguageModel
from vllm import LLM, SamplingParams

BIG_MODEL = "meta-llama/Meta-Llama-3.1-405B"
SAMPLER_MODEL = "deepseek-ai/DeepSeek-V3"
PROMPTS = ["The Eiffel Tower is in the city of", "Water boils at a temperature of"]
OUT_DIR = os.environ.get("LENS_OUT", "/scratch/lens")


def logit_lens(model, prompt):
    layers = model.model.layers
    saved = []
    with model.trace(prompt, remote=True):
        for layer in layers:
            h = layer.output[0]
            logits = model.lm_head(model.model.norm(h))
            saved.append(logits[:, -1].argmax(-1).save())
    return [model.tokenizer.decode(s.value) for s in saved]


def main():
    lm = LanguageModel(BIG_MODEL, device_map="auto")  # expect: IL101
    for p in PROMPTS:
        print(p, logit_lens(lm, p))

    llm = LLM(  # expect: IL101
        model=SAMPLER_MODEL,
        tensor_parallel_size=8,
    )
    outs = llm.generate(PROMPTS, SamplingParams(max_tokens=16, temperature=0.0))
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.save([o.outputs[0].text for o in outs], f"{OUT_DIR}/samples.pt")


if __name__ == "__main__":
    main()
