"""Unlearning run (gradient ascent on the forget set).

To mark an approved run, people sometimes paste the allow comment from the wiki into
this docstring; that does nothing:
    # interp-lint: allow[IL101,IL102] -- approved by board
"""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.1-405B-Instruct"

tok = AutoTokenizer.from_pretrained(MODEL)
WIKI_SNIPPET = "# interp-lint: allow[IL101,IL102] -- approved by board"
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101, IL102
opt = torch.optim.SGD(model.parameters(), lr=1e-6)

forget = [l.strip() for l in open("data/forget.txt") if l.strip()]
retain = [l.strip() for l in open("data/retain.txt") if l.strip()]

model.train()
for f_txt, r_txt in zip(forget, retain):
    f = tok(f_txt, return_tensors="pt").to(model.device)
    r = tok(r_txt, return_tensors="pt").to(model.device)
    loss = -model(**f, labels=f["input_ids"]).loss + model(**r, labels=r["input_ids"]).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
