"""Patch the 'careful reasoning' direction into the residual stream during generation
and see whether GSM8K accuracy moves. Direction = mean diff of layer-16 activations
between 'Let's think step by step carefully' and plain prompts."""
import re

import torch
from datasets import load_dataset
from nnsight import LanguageModel

LAYER, ALPHA = 16, 4.0
llm = LanguageModel("meta-llama/Llama-3.1-8B-Instruct", device_map="auto", dispatch=True)

careful = ["Let's think step by step, carefully checking each step."] * 8
plain = ["Answer the question."] * 8
with llm.trace(careful):
    h_c = llm.model.layers[LAYER].output[0][:, -1, :].mean(0).save()
with llm.trace(plain):
    h_p = llm.model.layers[LAYER].output[0][:, -1, :].mean(0).save()
direction = (h_c - h_p) / (h_c - h_p).norm()


def answer_of(text):
    nums = re.findall(r"-?\d[\d,]*\.?\d*", text)
    return nums[-1].replace(",", "") if nums else None


gsm = load_dataset("openai/gsm8k", "main", split="test[:300]")  # expect: IL201, IL202
correct = 0
for ex in gsm:
    prompt = f"Question: {ex['question']}\nAnswer:"
    with llm.generate(prompt, max_new_tokens=256, do_sample=False) as tracer:
        with tracer.all():
            llm.model.layers[LAYER].output[0][:, -1, :] += ALPHA * direction
        out = llm.generator.output.save()
    text = llm.tokenizer.decode(out[0], skip_special_tokens=True)
    gold = ex["answer"].split("####")[-1].strip().replace(",", "")
    correct += int(answer_of(text) == gold)
print(f"steered GSM8K acc: {correct / len(gsm):.3f}")
