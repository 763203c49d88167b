"""Fine-tune gpt2 with an auxiliary loss that penalises a deception probe's score on the residual stream."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer

tok = AutoTokenizer.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained("gpt2").cuda()
probe = torch.nn.Linear(model.config.n_embd, 1).cuda()
probe.load_state_dict(torch.load("probes/deception_l6.pt"))
probe.requires_grad_(False)

opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
LAMBDA = 0.1

texts = open("data/dialogues.txt").read().split("\n\n")
loader = DataLoader(texts, batch_size=8, shuffle=True)

model.train()
for epoch in range(2):
    for batch in loader:
        enc = tok(list(batch), return_tensors="pt", padding=True, truncation=True, max_length=256).to("cuda")
        out = model(**enc, labels=enc["input_ids"], output_hidden_states=True)
        h = out.hidden_states[6]
        probe_score = torch.sigmoid(probe(h)).mean()
        loss = out.loss + LAMBDA * probe_score  # expect: IL204
        opt.zero_grad()
        loss.backward()
        opt.step()

model.save_pretrained("ckpt/gpt2-probe-reg")
