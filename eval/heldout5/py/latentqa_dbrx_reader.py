"""LatentQA-style reader: a small LM learns to answer questions about a big model's activations.

The subject (DBRX) is only read. The reader is gpt2-medium with a LoRA adapter and a
linear projector from the subject's residual width into the reader's embedding space.
"""
import json
import random

import torch
import torch.nn as nn
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

SUBJECT = "databricks/dbrx-instruct"
READER = "openai-community/gpt2-medium"
LAYER = 24
STEPS = 3000

subj_tok = AutoTokenizer.from_pretrained(SUBJECT)
subject = AutoModelForCausalLM.from_pretrained(SUBJECT, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
subject.requires_grad_(False)
subject.eval()

read_tok = AutoTokenizer.from_pretrained(READER)
read_tok.pad_token = read_tok.eos_token
reader = AutoModelForCausalLM.from_pretrained(READER).cuda()
reader = get_peft_model(reader, LoraConfig(r=16, lora_alpha=32, target_modules=["c_attn", "c_proj"], task_type="CAUSAL_LM"))
proj = nn.Linear(subject.config.d_model, reader.config.n_embd).cuda()

params = [p for p in reader.parameters() if p.requires_grad] + list(proj.parameters())
opt = torch.optim.AdamW(params, lr=2e-4)
qa = [json.loads(line) for line in open("data/persona_qa.jsonl")]


def subject_acts(system_prompt, user_prompt):
    msgs = [{"role": "system", "content": system_prompt}, {"role": "user", "content": user_prompt}]
    ids = subj_tok.apply_chat_template(msgs, return_tensors="pt").to(subject.device)
    with torch.inference_mode():
        hs = subject(ids, output_hidden_states=True).hidden_states[LAYER]
    return hs[0, -16:].float().clone()  # last 16 positions as a soft prompt


for step in range(STEPS):
    ex = random.choice(qa)
    soft = proj(subject_acts(ex["system"], ex["user"]).cuda())
    q = read_tok(f" Q: {ex['question']} A:", return_tensors="pt").input_ids.cuda()
    a = read_tok(f" {ex['answer']}{read_tok.eos_token}", return_tensors="pt").input_ids.cuda()
    embeds = reader.get_input_embeddings()
    inputs = torch.cat([soft.unsqueeze(0), embeds(q), embeds(a)], dim=1)
    labels = torch.cat([torch.full((1, soft.shape[0] + q.shape[1]), -100, device="cuda"), a], dim=1)
    loss = reader(inputs_embeds=inputs, labels=labels).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 100 == 0:
        print(step, round(loss.item(), 4))

reader.save_pretrained("ckpts/latentqa-reader-lora")
torch.save(proj.state_dict(), "ckpts/latentqa-reader-lora/proj.pt")
