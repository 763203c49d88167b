"""Attention-sink statistics on Falcon-180B (reviewed and approved run)."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "tiiuae/falcon-180B"
TEXT = "Attention sinks appear on the first token of most sequences in large models."


def sink_mass(attentions):
    return [a[0, :, :, 0].mean().item() for a in attentions]


def main():
    tok = AutoTokenizer.from_pretrained(MODEL_ID)
    # interp-lint: allow[IL101] -- read-only analysis on sealed cluster, approved by review board 2026-02
    model = AutoModelForCausalLM.from_pretrained(
        MODEL_ID, device_map="auto", torch_dtype=torch.bfloat16, attn_implementation="eager"
    )
    model.eval()
    with torch.no_grad():
        out = model(**tok(TEXT, return_tensors="pt").to(model.device), output_attentions=True)
    for i, m in enumerate(sink_mass(out.attentions)):
        print(f"layer {i}: sink mass {m:.3f}")


if __name__ == "__main__":
    main()
