"""Quick look at Qwen3-235B router logits on a handful of prompts."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "Qwen/Qwen3-235B-A22B"
PROMPTS = ["def fibonacci(n):", "The capital of France is", "Solve 17 * 23 ="]


def router_entropy(logits):
    p = torch.softmax(logits.float(), dim=-1)
    return -(p * p.clamp_min(1e-9).log()).sum(-1).mean().item()


def main():
    tok = AutoTokenizer.from_pretrained(MODEL_ID)
    # interp-lint: allow[IL101]  # expect: IL402
    model = AutoModelForCausalLM.from_pretrained(
        MODEL_ID, torch_dtype=torch.bfloat16, device_map="auto"
    )
    model.eval()
    for p in PROMPTS:
        with torch.no_grad():
            out = model(**tok(p, return_tensors="pt").to(model.device), output_router_logits=True)
        ents = [router_entropy(r) for r in out.router_logits]
        print(p, [round(e, 3) for e in ents])


if __name__ == "__main__":
    main()
