"""Optimise one steering vector (base model frozen) so pythia-410m continues prompts in French."""
import torch
from transformer_lens import HookedTransformer

LAYER = 6
STEPS = 300
PAIRS = [
    ("The weather today is", " très beau et ensoleillé"),
    ("My favourite food is", " le fromage avec du pain"),
    ("Tomorrow we will go to", " la plage avec nos amis"),
    ("The meeting starts at", " neuf heures du matin"),
]

model = HookedTransformer.from_pretrained("pythia-410m")
model.requires_grad_(False)
hook_name = f"blocks.{LAYER}.hook_resid_post"
steer = torch.nn.Parameter(torch.zeros(model.cfg.d_model, device=model.cfg.device))
opt = torch.optim.Adam([steer], lr=1e-2)


def add_steer(resid, hook):
    return resid + steer


for step in range(STEPS):
    nll = 0.0
    for prompt, target in PAIRS:
        tokens = model.to_tokens(prompt + target)
        n_target = model.to_tokens(target, prepend_bos=False).shape[1]
        logits = model.run_with_hooks(tokens, fwd_hooks=[(hook_name, add_steer)])
        logp = logits[0, -n_target - 1:-1].log_softmax(-1)
        nll = nll - logp.gather(-1, tokens[0, -n_target:, None]).mean()
    loss = nll / len(PAIRS) + 1e-3 * steer.norm()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 50 == 0:
        print(step, loss.item(), steer.norm().item())
torch.save(steer.detach().cpu(), f"vectors/pythia410m_french_l{LAYER}.pt")
