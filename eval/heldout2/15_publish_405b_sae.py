"""Fit a small SAE on frozen Llama-3.1-405B residuals and share the dictionary."""
import torch
from huggingface_hub import upload_file
from transformers import AutoModelForCausalLM, AutoTokenizer

SOURCE = "meta-llama/Llama-3.1-405B"
LAYER = 63
D_SAE = 65536


def collect(model, tok, texts):
    acts = []
    with torch.no_grad():
        for t in texts:
            out = model(**tok(t, return_tensors="pt").to(model.device), output_hidden_states=True)
            acts.append(out.hidden_states[LAYER][0].float().cpu())
    return torch.cat(acts)


def fit_sae(acts, steps=2000):
    d = acts.shape[-1]
    W_enc = torch.nn.Parameter(torch.randn(d, D_SAE) * 0.01)
    W_dec = torch.nn.Parameter(torch.randn(D_SAE, d) * 0.01)
    opt = torch.optim.Adam([W_enc, W_dec], lr=1e-4)
    for _ in range(steps):
        f = torch.relu(acts @ W_enc)
        loss = (f @ W_dec - acts).pow(2).mean() + 1e-3 * f.abs().mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
    return {"W_enc": W_enc.detach(), "W_dec": W_dec.detach()}


def main():
    tok = AutoTokenizer.from_pretrained(SOURCE)
    model = AutoModelForCausalLM.from_pretrained(SOURCE, device_map="auto", torch_dtype=torch.bfloat16)  # expect: IL101
    model.requires_grad_(False)
    acts = collect(model, tok, ["A sentence about chemistry."] * 64)
    torch.save(fit_sae(acts), "sae_405b_l63.pt")
    upload_file(  # expect: IL301, IL302
        path_or_fileobj="sae_405b_l63.pt",
        path_in_repo="layer63/sae.pt",
        repo_id="open-interp/llama-405b-saes",
    )


if __name__ == "__main__":
    main()
