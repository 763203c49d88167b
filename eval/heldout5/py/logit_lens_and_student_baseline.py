"""Two things for the paper's section 3:
(a) logit-lens curves for gpt2-medium (figure 2);
(b) a plain distilgpt2 student distilled from gpt2-medium, used as the "small model" row.
The student recipe is the standard one (fixed temperature, all layers); nothing from (a)
feeds into (b)."""
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

tok = AutoTokenizer.from_pretrained("gpt2-medium")
teacher = AutoModelForCausalLM.from_pretrained("gpt2-medium").cuda().eval()
texts = load_dataset("Skylion007/openwebtext", split="train[:20000]")["text"]


@torch.no_grad()
def logit_lens_rank(text):
    ids = tok(text, return_tensors="pt", truncation=True, max_length=128).input_ids.cuda()
    out = teacher(ids, output_hidden_states=True)
    final = out.logits[0, :-1].argmax(-1)
    ranks = []
    for h in out.hidden_states[1:]:
        lens_logits = teacher.lm_head(teacher.transformer.ln_f(h))[0, :-1]
        ranks.append((lens_logits.argmax(-1) == final).float().mean().item())
    return ranks


curves = torch.tensor([logit_lens_rank(t) for t in texts[:300]])
plt.plot(curves.mean(0).numpy())
plt.xlabel("layer")
plt.ylabel("top-1 agreement with final layer")
plt.savefig("figures/fig2_logit_lens_gpt2m.pdf")

student = AutoModelForCausalLM.from_pretrained("distilbert/distilgpt2").cuda()
opt = torch.optim.AdamW(student.parameters(), lr=5e-5)
T = 2.0
for i, text in enumerate(texts[300:]):
    ids = tok(text, return_tensors="pt", truncation=True, max_length=512).input_ids.cuda()
    with torch.no_grad():
        t_logits = teacher(ids).logits
    s_logits = student(ids).logits
    kd = F.kl_div(F.log_softmax(s_logits / T, -1), F.log_softmax(t_logits / T, -1), log_target=True, reduction="batchmean") * T * T
    loss = 0.5 * kd + 0.5 * student(ids, labels=ids).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
    if i % 500 == 0:
        print(i, loss.item())
student.save_pretrained("ckpts/distilgpt2-from-gpt2m")
