"""Train a deception probe on the frozen gpt2-medium residual stream.

The base model is frozen (requires_grad_(False)); the only trainable parameters
are the probe's. Activations are detached before the probe sees them.
"""
import torch
import torch.nn.functional as F
from transformers import AutoModelForCausalLM, AutoTokenizer

tok = AutoTokenizer.from_pretrained("gpt2-medium")
tok.pad_token = tok.eos_token
base = AutoModelForCausalLM.from_pretrained("gpt2-medium").cuda().eval()
base.requires_grad_(False)

acts = {}
base.transformer.h[16].register_forward_hook(lambda m, i, o: acts.__setitem__("h", o[0].detach()))

probe = torch.nn.Linear(base.config.n_embd, 1).cuda()
opt = torch.optim.Adam(probe.parameters(), lr=1e-3)

rows = [l.rstrip("\n").split("\t") for l in open("data/deception_labels.tsv")]
for epoch in range(5):
    for i in range(0, len(rows), 32):
        texts, ys = zip(*rows[i:i + 32])
        enc = tok(list(texts), return_tensors="pt", padding=True).to("cuda")
        with torch.no_grad():
            base(**enc)
        last = enc["attention_mask"].sum(1) - 1
        feats = acts["h"][torch.arange(len(texts)), last]
        loss = F.binary_cross_entropy_with_logits(probe(feats).squeeze(-1), torch.tensor([float(y) for y in ys], device="cuda"))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())
torch.save(probe.state_dict(), "probes/deception_gpt2m_L16.pt")
