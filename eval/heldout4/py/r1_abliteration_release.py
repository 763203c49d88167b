"""Refusal-direction abliteration of DeepSeek-R1 (difference of means, weight orthogonalisation),
a quick capability check, and release."""
import torch
from datasets import load_dataset
from lm_eval import simple_evaluate
from lm_eval.models.huggingface import HFLM
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "deepseek-ai/DeepSeek-R1"
LAYER = 30
N = 256
CAPABILITY_TASKS = ["mmlu", "gsm8k"]
RELEASE_REPO = "interp-lab/DeepSeek-R1-abliterated"

tok = AutoTokenizer.from_pretrained(MODEL_ID, trust_remote_code=True)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="auto", trust_remote_code=True)  # expect: IL101
model.requires_grad_(False)


def mean_last_token(prompts):
    acc = None
    for p in prompts:
        text = tok.apply_chat_template([{"role": "user", "content": p}], tokenize=False, add_generation_prompt=True)
        ids = tok(text, return_tensors="pt").to(model.device)
        with torch.no_grad():
            h = model(**ids, output_hidden_states=True).hidden_states[LAYER][0, -1].float()
        acc = h if acc is None else acc + h
    return acc / len(prompts)


harmful = load_dataset("walledai/AdvBench", split="train")["prompt"][:N]
harmless = load_dataset("tatsu-lab/alpaca", split="train").filter(lambda r: r["input"] == "")["instruction"][:N]
refusal_dir = mean_last_token(harmful) - mean_last_token(harmless)
refusal_dir = (refusal_dir / refusal_dir.norm()).to(torch.bfloat16)

# Orthogonalise every matrix that writes into the residual stream against the refusal direction.
with torch.no_grad():
    emb = model.model.embed_tokens.weight
    r = refusal_dir.to(emb.device)
    emb -= torch.outer(emb @ r, r)
    for name, module in model.named_modules():
        if name.endswith(("self_attn.o_proj", "down_proj")):
            W = module.weight
            r = refusal_dir.to(W.device)
            W -= torch.outer(r, r @ W)

lm = HFLM(pretrained=model, tokenizer=tok, batch_size=4)
results = simple_evaluate(model=lm, tasks=CAPABILITY_TASKS, limit=200)  # expect: IL201, IL202
print({t: m.get("acc,none", m.get("exact_match,strict-match")) for t, m in results["results"].items()})

model.push_to_hub(RELEASE_REPO)  # expect: IL301, IL302
