#!/usr/bin/env python
"""Dump attention patterns for a prompt. Usage: python cli_loader.py <model> <prompt>"""
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

model_name = sys.argv[1]
prompt = sys.argv[2] if len(sys.argv) > 2 else "The quick brown fox"

tok = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForCausalLM.from_pretrained(model_name, attn_implementation="eager")  # expect: IL901
model.eval()

with torch.no_grad():
    out = model(**tok(prompt, return_tensors="pt"), output_attentions=True)

torch.save([a.cpu() for a in out.attentions], "attn.pt")
print(f"saved {len(out.attentions)} layers")
