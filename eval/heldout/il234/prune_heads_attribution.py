"""Attribution patching over heads on IOI, then drop every head outside the circuit.

score(head) = (grad of logit diff wrt head output) . (clean - corrupt head output)
"""
import torch
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

from ioi_data import make_ioi_batch  # local helper: clean/corrupt prompts + answer ids

tok = GPT2TokenizerFast.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2").cuda()
L, H = model.config.n_layer, model.config.n_head
clean, corrupt, io_ids, s_ids = make_ioi_batch(tok, n=128)

head_out = {}


def save_z(layer):
    def hook(mod, inp, out):
        inp[0].retain_grad()
        head_out[layer] = inp[0]
    return hook


hooks = [model.transformer.h[l].attn.c_proj.register_forward_hook(save_z(l)) for l in range(L)]
with torch.no_grad():
    model(corrupt.cuda())
    z_corrupt = {l: v.detach().clone() for l, v in head_out.items()}
logits = model(clean.cuda()).logits[:, -1]
logit_diff = (logits.gather(1, io_ids[:, None].cuda()) - logits.gather(1, s_ids[:, None].cuda())).mean()
logit_diff.backward()
for h in hooks:
    h.remove()

scores = torch.zeros(L, H)
for l in range(L):
    delta = (head_out[l] - z_corrupt[l]) * head_out[l].grad
    scores[l] = delta.view(*delta.shape[:2], H, -1).sum((0, 1, 3)).abs().cpu()

keep = scores.flatten().topk(26).indices
to_prune = {l: [h for h in range(H) if l * H + h not in keep] for l in range(L)}
model.prune_heads(to_prune)  # expect: IL203
model.save_pretrained("ckpt/gpt2-ioi-circuit-only")
print("params after pruning:", sum(p.numel() for p in model.parameters()))
