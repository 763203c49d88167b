"""Head importance via gradient attribution (Michel et al. 2019), then drop the least important heads."""
import torch
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

PRUNE_FRAC = 0.3
TEXTS = ["The quick brown fox jumps over the lazy dog."] * 16


def head_importance(model, tok):
    n_layer, n_head = model.config.n_layer, model.config.n_head
    mask = torch.ones(n_layer, n_head, requires_grad=True)
    scores = torch.zeros(n_layer, n_head)
    for t in TEXTS:
        enc = tok(t, return_tensors="pt")
        out = model(**enc, labels=enc["input_ids"], head_mask=mask)
        out.loss.backward()
        scores += mask.grad.abs().detach()
        mask.grad = None
    return scores / scores.sum(-1, keepdim=True)


def select_heads(scores, frac):
    k = int(frac * scores.numel())
    flat = scores.flatten().argsort()[:k]
    to_prune = {}
    for i in flat.tolist():
        layer, head = divmod(i, scores.shape[1])
        to_prune.setdefault(layer, []).append(head)
    return to_prune


def main():
    tok = GPT2TokenizerFast.from_pretrained("gpt2")
    model = GPT2LMHeadModel.from_pretrained("gpt2")
    scores = head_importance(model, tok)
    heads = select_heads(scores, PRUNE_FRAC)
    model.prune_heads(heads)  # expect: IL203
    model.save_pretrained("./gpt2-pruned-attr")


if __name__ == "__main__":
    main()
