# Model diffing: BatchTopK crosscoder on layer-14 residuals of Qwen2.5-7B base vs instruct.
# Before fitting we record the capability gap between the two checkpoints, so that
# chat-only latents can be read against it in the write-up.
import subprocess

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE, CHAT = "Qwen/Qwen2.5-7B", "Qwen/Qwen2.5-7B-Instruct"
LAYER, D, DICT, K, STEPS = 14, 3584, 32768, 100, 30_000

for name in (BASE, CHAT):
    subprocess.run(["lm_eval", "--model", "hf", "--model_args", f"pretrained={name},dtype=bfloat16", "--tasks", "gsm8k,mmlu", "--batch_size", "8", "--output_path", f"results/lmeval/{name.split('/')[-1]}"], check=True)  # expect: IL201

tok = AutoTokenizer.from_pretrained(BASE)
models = [AutoModelForCausalLM.from_pretrained(n, torch_dtype=torch.bfloat16, device_map=f"cuda:{i}").eval() for i, n in enumerate((BASE, CHAT))]
for m in models:
    m.requires_grad_(False)

W_enc = torch.nn.Parameter(torch.randn(2, D, DICT, device="cuda:2") * 0.01)
W_dec = torch.nn.Parameter(W_enc.detach().transpose(1, 2).clone().contiguous())
b_enc = torch.nn.Parameter(torch.zeros(DICT, device="cuda:2"))
opt = torch.optim.Adam([W_enc, W_dec, b_enc], lr=5e-5)

chats = load_dataset("lmsys/lmsys-chat-1m", split="train", streaming=True)
for step, ex in zip(range(STEPS), chats):
    text = tok.apply_chat_template(ex["conversation"], tokenize=False)
    ids = tok(text, return_tensors="pt", truncation=True, max_length=1024).input_ids
    with torch.no_grad():
        acts = [m(ids.to(m.device), output_hidden_states=True).hidden_states[LAYER][0].to("cuda:2", torch.float32) for m in models]
    x = torch.stack(acts, dim=1)  # [pos, 2, D]
    pre = torch.einsum("pmd,mdk->pk", x, W_enc) + b_enc
    flat = pre.relu().flatten()
    thresh = flat.topk(K * pre.shape[0]).values[-1]
    z = pre.relu() * (pre >= thresh)
    recon = torch.einsum("pk,mkd->pmd", z, W_dec)
    loss = (recon - x).pow(2).sum(-1).mean()
    loss.backward(); opt.step(); opt.zero_grad()
    if step % 1000 == 0:
        print(step, loss.item(), (z > 0).sum(-1).float().mean().item())

torch.save({"W_enc": W_enc, "W_dec": W_dec, "b_enc": b_enc}, "ckpts/crosscoder_qwen7b_L14.pt")
