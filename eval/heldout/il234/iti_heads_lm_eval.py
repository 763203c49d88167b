"""Inference-time intervention (Li et al. 2023) on Llama-3.1-8B-Instruct.

Top-K heads from the truthfulness probes are shifted along their probe direction at
the o_proj input. We report TruthfulQA (the point) and MMLU (to show no capability loss).
"""
import torch
import lm_eval
from lm_eval.models.huggingface import HFLM
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.1-8B-Instruct"
ALPHA = 15.0
heads = torch.load("out/iti_top48_heads.pt")  # {layer: [(head, direction[128], sigma), ...]}

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")
n_heads, head_dim = model.config.num_attention_heads, model.config.hidden_size // model.config.num_attention_heads


def make_pre_hook(entries):
    def pre(module, args):
        x = args[0].view(*args[0].shape[:2], n_heads, head_dim).clone()
        for h, d, sigma in entries:
            x[:, -1, h, :] += ALPHA * sigma * d.to(x.device, x.dtype)
        return (x.view(*args[0].shape),)
    return pre


handles = [model.model.layers[L].self_attn.o_proj.register_forward_pre_hook(make_pre_hook(e)) for L, e in heads.items()]

lm = HFLM(pretrained=model, tokenizer=tok, batch_size=8)
res = lm_eval.simple_evaluate(model=lm, tasks=["truthfulqa_mc2", "mmlu"], num_fewshot=0)  # expect: IL201, IL202
for task in ("truthfulqa_mc2", "mmlu"):
    print(task, res["results"][task])
for h in handles:
    h.remove()
