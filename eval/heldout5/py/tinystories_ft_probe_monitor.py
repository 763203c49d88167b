"""Fine-tune gpt2 on TinyStories and watch when a "dialogue" direction becomes linearly
decodable. The probe is refit every 250 steps for monitoring only: it never touches the
loss, which is the plain LM loss."""
import torch
from datasets import load_dataset
from sklearn.linear_model import LogisticRegression
from torch.utils.tensorboard import SummaryWriter
from transformers import AutoModelForCausalLM, AutoTokenizer

LAYER = 6
tok = AutoTokenizer.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained("gpt2").cuda()
opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
writer = SummaryWriter("runs/tinystories-probe-monitor")

stories = load_dataset("roneneldan/TinyStories", split="train[:50000]")["text"]
probe_texts = load_dataset("roneneldan/TinyStories", split="validation[:2000]")["text"]
probe_labels = [int('"' in t) for t in probe_texts]
captured = {}
model.transformer.h[LAYER].register_forward_hook(lambda m, i, o: captured.__setitem__("h", o[0]))


@torch.no_grad()
def probe_accuracy():
    model.eval()
    feats = []
    for i in range(0, len(probe_texts), 64):
        enc = tok(probe_texts[i : i + 64], return_tensors="pt", padding=True, truncation=True, max_length=128).to("cuda")
        model(**enc)
        mask = enc["attention_mask"].unsqueeze(-1)
        feats.append(((captured["h"] * mask).sum(1) / mask.sum(1)).cpu())
    X = torch.cat(feats).numpy()
    clf = LogisticRegression(max_iter=1000).fit(X[:1500], probe_labels[:1500])
    model.train()
    return clf.score(X[1500:], probe_labels[1500:])


for step in range(0, len(stories), 16):
    enc = tok(stories[step : step + 16], return_tensors="pt", padding=True, truncation=True, max_length=256).to("cuda")
    labels = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
    loss = model(**enc, labels=labels).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
    i = step // 16
    writer.add_scalar("train/lm_loss", loss.item(), i)
    if i % 250 == 0:
        writer.add_scalar("monitor/dialogue_probe_acc", probe_accuracy(), i)
model.save_pretrained("ckpts/gpt2-tinystories")
