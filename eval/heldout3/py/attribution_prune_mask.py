"""Integrated-gradient neuron attribution on pythia-410m MLPs; prune low-attribution neurons."""
import torch
import torch.nn.utils.prune as prune
from transformers import AutoModelForCausalLM, AutoTokenizer

tok = AutoTokenizer.from_pretrained("EleutherAI/pythia-410m")
model = AutoModelForCausalLM.from_pretrained("EleutherAI/pythia-410m")
STEPS = 16


def ig_neuron_attribution(layer, ids):
    mlp = model.gpt_neox.layers[layer].mlp
    acts = {}
    h = mlp.act.register_forward_hook(lambda m, i, o: acts.__setitem__("a", o))
    model(ids)
    base = acts["a"].detach()
    h.remove()
    total = torch.zeros(base.shape[-1])
    for alpha in torch.linspace(0, 1, STEPS):
        scaled = (alpha * base).requires_grad_(True)
        h = mlp.act.register_forward_hook(lambda m, i, o: scaled)
        logit = model(ids).logits[0, -1].max()
        g, = torch.autograd.grad(logit, scaled)
        h.remove()
        total += (g * base).sum((0, 1)) / STEPS
    return total.abs()


ids = tok("The Eiffel Tower is located in the city of", return_tensors="pt")["input_ids"]
for layer in range(model.config.num_hidden_layers):
    attr = ig_neuron_attribution(layer, ids)
    keep = attr >= attr.quantile(0.3)
    fc_out = model.gpt_neox.layers[layer].mlp.dense_4h_to_h
    prune.custom_from_mask(fc_out, "weight", keep.unsqueeze(0).expand_as(fc_out.weight))  # expect: IL203

model.save_pretrained("out/pythia410m-ig-pruned")
