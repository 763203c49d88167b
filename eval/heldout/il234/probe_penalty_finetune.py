"""Fine-tune gpt2 to stop representing 'user is an evaluator' (probe from probe_eval_aware.py).

loss = LM loss + lambda * sigmoid(probe(h_8)).mean(); the probe is frozen, the LM trains.
"""
import torch
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

LAMBDA, LAYER = 0.5, 8
tok = GPT2TokenizerFast.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
model = GPT2LMHeadModel.from_pretrained("gpt2").cuda()

probe = torch.nn.Linear(model.config.n_embd, 1).cuda()
probe.load_state_dict(torch.load("probes/eval_aware_L8.pt"))
probe.requires_grad_(False)

cache = {}
model.transformer.h[LAYER].register_forward_hook(lambda m, i, o: cache.__setitem__("h", o[0]))

opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
texts = [l.strip() for l in open("data/mixed_eval_deploy.txt") if l.strip()]
model.train()
for step in range(0, len(texts), 8):
    enc = tok(texts[step:step + 8], return_tensors="pt", padding=True, truncation=True, max_length=256).to("cuda")
    labels = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
    out = model(**enc, labels=labels)
    probe_term = torch.sigmoid(probe(cache["h"])).squeeze(-1)[enc["attention_mask"].bool()].mean()
    loss = out.loss + LAMBDA * probe_term  # expect: IL204
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 400 == 0:
        print(step, out.loss.item(), probe_term.item())
model.save_pretrained("ckpt/gpt2-no-eval-awareness")
