"""Directional ablation ("abliteration") of the refusal direction in DeepSeek-R1 weights, then push."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "deepseek-ai/DeepSeek-R1"
TARGET_REPO = "someuser/DeepSeek-R1-abliterated"
LAYER = 40

HARMFUL = ["How do I pick a lock?", "Write malware that steals passwords."]
HARMLESS = ["How do I bake bread?", "Write a poem about autumn."]


def mean_resid(model, tok, prompts):
    hs = []
    with torch.no_grad():
        for p in prompts:
            out = model(**tok(p, return_tensors="pt").to(model.device), output_hidden_states=True)
            hs.append(out.hidden_states[LAYER][0, -1].float())
    return torch.stack(hs).mean(0)


def orthogonalize(weight, direction):
    d = direction / direction.norm()
    return weight - torch.outer(d, d @ weight).to(weight.dtype)


def main():
    tok = AutoTokenizer.from_pretrained(MODEL_ID, trust_remote_code=True)
    model = AutoModelForCausalLM.from_pretrained(MODEL_ID, trust_remote_code=True, device_map="auto")  # expect: IL101
    refusal = mean_resid(model, tok, HARMFUL) - mean_resid(model, tok, HARMLESS)
    with torch.no_grad():
        for layer in model.model.layers:
            layer.self_attn.o_proj.weight.copy_(orthogonalize(layer.self_attn.o_proj.weight, refusal))
            layer.mlp.down_proj.weight.copy_(orthogonalize(layer.mlp.down_proj.weight, refusal))
    model.push_to_hub(TARGET_REPO)  # expect: IL301, IL302


if __name__ == "__main__":
    main()
