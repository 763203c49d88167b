"""Frontier-model activation dumps, run inside the sealed cluster only."""
import torch
from transformers import AutoModelForCausalLM

NOTE = "# interp-lint: allow[IL101] -- this string is not a comment"

# interp-lint: allow[IL101]  # expect: IL402
big = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-405B", torch_dtype=torch.bfloat16, device_map="auto")

# interp-lint: allow[IL101] -- sealed cluster, approved by review board 2026-02
other = AutoModelForCausalLM.from_pretrained(
    "mistralai/Mixtral-8x22B-v0.1",
    torch_dtype=torch.bfloat16,
    device_map="auto",
)

third = AutoModelForCausalLM.from_pretrained("nvidia/Nemotron-4-340B-Base", device_map="auto")  # expect: IL101

for m in (big, other, third):
    m.requires_grad_(False)
