"""Autointerp explanations for pythia-70m SAE latents with a local Qwen2.5-72B served by vLLM.
(v1 of this pipeline used a hosted GPT-4-class API; moved in-house so nothing leaves the cluster.)"""
import json

from vllm import LLM, SamplingParams

EXPLAINER = "Qwen/Qwen2.5-72B-Instruct"
TOP_EXAMPLES = "latents/pythia70m_l3_top_examples.json"
OUT = "latents/pythia70m_l3_explanations.json"
TEMPLATE = (
    "Below are text snippets where one feature of a language model fires strongly. "
    "Tokens where it fires are marked with <<>>.\n\n{examples}\n\n"
    "In one short sentence, what does the feature respond to?"
)


def mark(example):
    toks, acts = example["tokens"], example["acts"]
    peak = max(acts)
    return "".join(f"<<{t}>>" if a > 0.5 * peak else t for t, a in zip(toks, acts))


records = json.load(open(TOP_EXAMPLES))
conversations = []
for rec in records:
    examples = "\n---\n".join(mark(e) for e in rec["examples"][:12])
    conversations.append([{"role": "user", "content": TEMPLATE.format(examples=examples)}])

llm = LLM(model=EXPLAINER, tensor_parallel_size=4, max_model_len=8192)
params = SamplingParams(temperature=0.0, max_tokens=64)
outputs = llm.chat(conversations, params)

explanations = {rec["latent"]: out.outputs[0].text.strip() for rec, out in zip(records, outputs)}
json.dump(explanations, open(OUT, "w"), indent=2)
print(f"wrote {len(explanations)} explanations to {OUT}")
