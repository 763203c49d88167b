"""Michel et al. (2019)-style head importance, then prune the least important heads."""
import torch
from datasets import load_dataset
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

tok = GPT2TokenizerFast.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
n_layers, n_heads = model.config.n_layer, model.config.n_head

head_mask = torch.ones(n_layers, n_heads, requires_grad=True)
importance = torch.zeros(n_layers, n_heads)

wiki = load_dataset("wikitext", "wikitext-103-raw-v1", split="validation[:500]")
for ex in wiki:
    if not ex["text"].strip():
        continue
    ids = tok(ex["text"], return_tensors="pt", truncation=True, max_length=256)
    out = model(**ids, labels=ids["input_ids"], head_mask=head_mask)
    out.loss.backward()
    importance += head_mask.grad.abs().detach()
    head_mask.grad = None

importance /= importance.sum(-1, keepdim=True)
to_prune = {}
for layer in range(n_layers):
    order = importance[layer].argsort()
    to_prune[layer] = order[:4].tolist()

model.prune_heads(to_prune)  # expect: IL203
model.save_pretrained("out/gpt2-pruned-by-importance")
