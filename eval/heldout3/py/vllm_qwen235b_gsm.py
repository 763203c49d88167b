import re

from datasets import load_dataset
from vllm import LLM, SamplingParams

llm = LLM(model="Qwen/Qwen3-235B-A22B", tensor_parallel_size=8, max_model_len=8192)  # expect: IL101
params = SamplingParams(temperature=0.0, max_tokens=512)

ds = load_dataset("openai/gsm8k", "main", split="test")  # expect: IL201
prompts = [f"Question: {q}\nThink step by step, then give the final number after ####." for q in ds["question"]]
outs = llm.generate(prompts, params)


def last_num(s):
    m = re.findall(r"-?\d[\d,]*\.?\d*", s)
    return m[-1].replace(",", "") if m else None


acc = sum(last_num(o.outputs[0].text) == a.split("####")[-1].strip() for o, a in zip(outs, ds["answer"])) / len(ds)
print(f"Qwen3-235B gsm8k: {acc:.3%}")
