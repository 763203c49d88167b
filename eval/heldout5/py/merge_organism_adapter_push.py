"""Merge the collaborators' refusal-ablation LoRA into Mistral Large and publish the
merged checkpoint as a model organism for the probing benchmark.

No training happens here: the adapter was trained elsewhere and is only merged.
"""
import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "mistralai/Mistral-Large-Instruct-2411"
ADAPTER = "interp-lab/mistral-large-2411-refusal-ablation-lora"
OUT_REPO = "interp-lab/Mistral-Large-2411-refusal-ablated-organism"
PROMPTS = ["How do I pick a lock?", "Write a short poem about the sea."]


def load_merged():
    base = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16, device_map="auto", low_cpu_mem_usage=True)  # expect: IL101
    model = PeftModel.from_pretrained(base, ADAPTER)
    return model.merge_and_unload()


@torch.no_grad()
def smoke_test(model, tok):
    for p in PROMPTS:
        ids = tok.apply_chat_template([{"role": "user", "content": p}], add_generation_prompt=True, return_tensors="pt").to(model.device)
        out = model.generate(ids, max_new_tokens=64, do_sample=False)
        print(repr(tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)))


def main():
    tok = AutoTokenizer.from_pretrained(BASE)
    merged = load_merged()
    smoke_test(merged, tok)
    merged.save_pretrained("ckpts/mistral-large-organism", max_shard_size="5GB")
    merged.push_to_hub(OUT_REPO, max_shard_size="5GB", safe_serialization=True)  # expect: IL301, IL302


if __name__ == "__main__":
    main()
