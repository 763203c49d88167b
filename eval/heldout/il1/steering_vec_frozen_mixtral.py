"""Optimise a single steering vector (BiPO-style) on the frozen 8x22B.

Gradients flow *through* the model into `vec`; the model's own weights never get
an optimizer or a grad (requires_grad_(False)).
"""
import torch
import torch.nn.functional as F
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "mistralai/Mixtral-8x22B-Instruct-v0.1"
LAYER = 28

tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
model.requires_grad_(False)

vec = torch.nn.Parameter(torch.zeros(model.config.hidden_size, device=model.device, dtype=torch.float32))
model.model.layers[LAYER].register_forward_hook(lambda m, i, o: (o[0] + vec.to(o[0].dtype),) + tuple(o[1:]))
opt = torch.optim.Adam([vec], lr=5e-3)


def seq_logprob(prompt, completion):
    enc = tok(prompt + completion, return_tensors="pt").to(model.device)
    n_prompt = len(tok(prompt)["input_ids"])
    logits = model(**enc).logits[:, n_prompt - 1 : -1]
    tgt = enc["input_ids"][:, n_prompt:]
    return torch.gather(F.log_softmax(logits.float(), -1), 2, tgt.unsqueeze(-1)).sum()


pairs = [l.rstrip("\n").split("\t") for l in open("data/corrigible_pairs.tsv")]
for epoch in range(3):
    for prompt, good, bad in pairs:
        loss = -F.logsigmoid(seq_logprob(prompt, good) - seq_logprob(prompt, bad))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item(), vec.norm().item())
torch.save(vec.detach().cpu(), "vectors/corrigible_L28.pt")
