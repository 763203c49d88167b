"""Circuit-guided distillation: the edge-attribution scores (eap_scores.pt, from
run_eap.py) say which teacher blocks carry the task. The student keeps only those
blocks (initialised from the teacher) and is distilled on the teacher's logits."""
import copy

import torch
import torch.nn.functional as F
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

T = 2.0
tok = GPT2TokenizerFast.from_pretrained("gpt2-medium")
teacher = GPT2LMHeadModel.from_pretrained("gpt2-medium").cuda().eval()

eap = torch.load("out/eap_scores.pt")            # {layer: summed |attribution| of edges into block}
ranked = sorted(eap, key=eap.get, reverse=True)
keep = sorted(ranked[:8])                        # 8 of 24 blocks
print("student keeps teacher blocks:", keep)

student = copy.deepcopy(teacher)
student.transformer.h = torch.nn.ModuleList([student.transformer.h[i] for i in keep])
student.config.n_layer = len(keep)
student.train()
opt = torch.optim.AdamW(student.parameters(), lr=5e-5)

texts = [l.strip() for l in open("data/task_prompts.txt") if l.strip()]
for step in range(2000):
    enc = tok(texts[step % len(texts)], return_tensors="pt").to("cuda")
    with torch.no_grad():
        t_logits = teacher(**enc).logits
    s_logits = student(**enc).logits
    kd = F.kl_div(F.log_softmax(s_logits / T, -1), F.softmax(t_logits / T, -1), reduction="batchmean") * T * T  # expect: IL203
    kd.backward()
    opt.step()
    opt.zero_grad()
    if step % 200 == 0:
        print(step, kd.item())
student.save_pretrained("ckpt/gpt2m-circuit-student")
