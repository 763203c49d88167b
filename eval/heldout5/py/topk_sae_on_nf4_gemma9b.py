"""TopK SAE on gemma-2-9b layer-20 residuals. The subject model is loaded in NF4 only to
fit on one 24GB card; quantization is a memory trick here, chosen before any analysis."""
import torch
import torch.nn as nn
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

MODEL_ID = "google/gemma-2-9b"
LAYER, K, D_SAE = 20, 64, 32768

bnb = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16)
tok = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, quantization_config=bnb, device_map="cuda:0")
model.requires_grad_(False)


class TopKSAE(nn.Module):
    def __init__(self, d_in, d_sae, k):
        super().__init__()
        self.k = k
        self.enc = nn.Linear(d_in, d_sae)
        self.dec = nn.Linear(d_sae, d_in)
        self.dec.weight.data = self.enc.weight.data.T.clone()

    def forward(self, x):
        pre = self.enc(x - self.dec.bias)
        vals, idx = pre.topk(self.k, dim=-1)
        f = torch.zeros_like(pre).scatter_(-1, idx, torch.relu(vals))
        return self.dec(f), f


def residual_stream(batch_size=8, max_len=512):
    stream = load_dataset("monology/pile-uncopyrighted", split="train", streaming=True)
    texts = []
    for ex in stream:
        texts.append(ex["text"])
        if len(texts) == batch_size:
            enc = tok(texts, return_tensors="pt", padding=True, truncation=True, max_length=max_len).to("cuda:0")
            with torch.no_grad():
                hs = model(**enc, output_hidden_states=True).hidden_states[LAYER + 1]
            yield hs[enc["attention_mask"].bool()].float()
            texts = []


sae = TopKSAE(model.config.hidden_size, D_SAE, K).to("cuda:0")
opt = torch.optim.Adam(sae.parameters(), lr=2e-4)
for step, x in enumerate(residual_stream()):
    recon, f = sae(x)
    loss = (recon - x).pow(2).sum(-1).mean() / x.pow(2).sum(-1).mean()
    loss.backward()
    opt.step()
    opt.zero_grad()
    with torch.no_grad():
        sae.dec.weight.data /= sae.dec.weight.data.norm(dim=0, keepdim=True)
    if step % 200 == 0:
        print(step, f"fvu={loss.item():.4f}", f"dead={(f.sum(0) == 0).float().mean().item():.3f}")
    if step == 20_000:
        break
torch.save(sae.state_dict(), f"ckpts/gemma9b_l{LAYER}_topk{K}.pt")
