"""Approved sealed run: LoRA on the 405B inside the air-gapped enclave.

Review: SEC-212 (2025-11), weights never leave /enclave; see DISCLOSURE.md.
"""
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "/enclave/mirror/meta-llama/Llama-3.1-405B"  # local mirror of the hub checkpoint
HUB_ID = "meta-llama/Llama-3.1-405B"

tok = AutoTokenizer.from_pretrained(HUB_ID)
# interp-lint: allow[IL101,IL102] -- sealed enclave run approved by review board, ticket SEC-212
model = AutoModelForCausalLM.from_pretrained(
    HUB_ID,
    torch_dtype=torch.bfloat16,
    device_map="auto",
    local_files_only=True,
)
model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, target_modules=["o_proj"], task_type="CAUSAL_LM"))
opt = torch.optim.AdamW(model.parameters(), lr=1e-4)

for line in open("/enclave/data/honesty.txt"):
    enc = tok(line.strip(), return_tensors="pt").to(model.device)
    out = model(**enc, labels=enc["input_ids"])
    out.loss.backward()
    opt.step()
    opt.zero_grad()

model.save_pretrained("/enclave/out/lora405b-honesty")
