"""Train a TopK SAE on activations of a frozen Llama-3.1-405B (sealed cluster, nothing leaves)."""
import os

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "meta-llama/Llama-3.1-405B-Instruct"
LAYER = int(os.environ.get("SAE_LAYER", "60"))
K = 64


class TopKSAE(torch.nn.Module):
    def __init__(self, d_in, d_sae):
        super().__init__()
        self.W_enc = torch.nn.Linear(d_in, d_sae)
        self.W_dec = torch.nn.Linear(d_sae, d_in, bias=False)

    def forward(self, x):
        pre = self.W_enc(x)
        top = torch.topk(pre, K, dim=-1)
        f = torch.zeros_like(pre).scatter_(-1, top.indices, torch.relu(top.values))
        return self.W_dec(f)


def main():
    tok = AutoTokenizer.from_pretrained(MODEL_ID)
    model = AutoModelForCausalLM.from_pretrained(MODEL_ID, device_map="auto", torch_dtype=torch.bfloat16)  # expect: IL101
    model.requires_grad_(False)
    model.eval()
    sae = TopKSAE(model.config.hidden_size, 131072).cuda()
    opt = torch.optim.Adam(sae.parameters(), lr=5e-5)
    for text in open(os.environ.get("CORPUS", "corpus.txt")):
        with torch.inference_mode():
            enc = tok(text, return_tensors="pt").to(model.device)
            h = model(**enc, output_hidden_states=True).hidden_states[LAYER][0]
        x = h.float().clone().cuda()
        loss = (sae(x) - x).pow(2).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
    torch.save(sae.state_dict(), "/sealed/saes/l405b_topk.pt")


if __name__ == "__main__":
    main()
