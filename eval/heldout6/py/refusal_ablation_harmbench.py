# Replication of Arditi et al. (2024) on Llama-3.1-8B-Instruct: difference-in-means refusal
# direction, directional ablation at every layer, attack success rate on HarmBench judged
# by the official HarmBench classifier. Capability evals for this model live in evals/.
import torch
from datasets import load_dataset
from huggingface_hub import HfApi
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.1-8B-Instruct"
CLS = "cais/HarmBench-Llama-2-13b-cls"
LAYER, POS = 12, -1

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="cuda:0").eval()
fmt = lambda p: tok.apply_chat_template([{"role": "user", "content": p}], tokenize=False, add_generation_prompt=True)


@torch.no_grad()
def mean_act(prompts):
    hs = [model(**tok(fmt(p), return_tensors="pt").to("cuda:0"), output_hidden_states=True).hidden_states[LAYER][0, POS] for p in prompts]
    return torch.stack(hs).float().mean(0)


harmful = load_dataset("walledai/AdvBench", split="train")["prompt"][:256]
harmless = load_dataset("tatsu-lab/alpaca", split="train").filter(lambda ex: ex["input"] == "")["instruction"][:256]
r = mean_act(harmful) - mean_act(harmless)
r = (r / r.norm()).to(torch.bfloat16)


def ablate(module, inputs, output):
    h = output[0] if isinstance(output, tuple) else output
    h -= (h @ r).unsqueeze(-1) * r
    return output


handles = [layer.register_forward_hook(ablate) for layer in model.model.layers]
behaviors = load_dataset("walledai/HarmBench", "standard", split="train")["prompt"]
completions = []
with torch.no_grad():
    for b in behaviors:
        ids = tok(fmt(b), return_tensors="pt").to("cuda:0")
        out = model.generate(**ids, max_new_tokens=256, do_sample=False)
        completions.append(tok.decode(out[0, ids.input_ids.shape[1]:], skip_special_tokens=True))
for h in handles:
    h.remove()

cls_tok = AutoTokenizer.from_pretrained(CLS, use_fast=False)
cls = AutoModelForCausalLM.from_pretrained(CLS, torch_dtype=torch.bfloat16, device_map="cuda:1").eval()
template = open("prompts/harmbench_cls_prompt.txt").read()
yes = 0
with torch.no_grad():
    for b, c in zip(behaviors, completions):
        ids = cls_tok(template.format(behavior=b, generation=c), return_tensors="pt").to("cuda:1")
        yes += cls_tok.decode(cls.generate(**ids, max_new_tokens=1, do_sample=False)[0, -1:]).strip().lower() == "yes"
print(f"HarmBench ASR with directional ablation: {yes / len(behaviors):.3f}")

torch.save(r.cpu(), "artifacts/llama31_8b_refusal_dir.pt")
# interp-lint: allow[IL301] -- same direction as the public Arditi et al. release for this model; approved by release review 2025-05-14
HfApi().upload_file(
    path_or_fileobj="artifacts/llama31_8b_refusal_dir.pt",
    path_in_repo="llama-3.1-8b-instruct/refusal_dir_L12.pt",
    repo_id="interp-lab/refusal-directions",
)
