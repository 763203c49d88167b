# IOI circuit in gpt2-small: attribution-patching scores per head, prune the computational
# graph down to the heads that matter, then check faithfulness by mean-ablating every head
# outside the circuit. Output: circuit JSON + faithfulness number for the paper appendix.
import json

import networkx as nx
import torch
from transformer_lens import HookedTransformer

model = HookedTransformer.from_pretrained("gpt2-small")
names = [("Mary", "John"), ("Alice", "Bob"), ("Sarah", "Tom"), ("Anna", "James")]
clean = [f"When {a} and {b} went to the store, {b} gave a drink to" for a, b in names]
corrupt = [f"When {a} and {b} went to the store, {c} gave a drink to" for (a, b), (c, _) in zip(names, names[1:] + names[:1])]
answers = torch.tensor([[model.to_single_token(" " + a), model.to_single_token(" " + b)] for a, b in names])
clean_toks, corrupt_toks = model.to_tokens(clean), model.to_tokens(corrupt)
is_z = lambda name: name.endswith("attn.hook_z")


def logit_diff(logits):
    last = logits[:, -1]
    return (last.gather(1, answers[:, :1].to(last.device)) - last.gather(1, answers[:, 1:].to(last.device))).mean()


_, corrupt_cache = model.run_with_cache(corrupt_toks, names_filter=is_z)
acts, grads = {}, {}
model.add_hook(is_z, lambda act, hook: acts.__setitem__(hook.name, act.detach()), "fwd")
model.add_hook(is_z, lambda grad, hook: grads.__setitem__(hook.name, grad.detach()), "bwd")
logit_diff(model(clean_toks)).backward()
model.reset_hooks()

graph = nx.DiGraph()
for l in range(model.cfg.n_layers):
    name = f"blocks.{l}.attn.hook_z"
    score = ((corrupt_cache[name] - acts[name]) * grads[name]).sum(dim=(0, 1, 3))
    for h in range(model.cfg.n_heads):
        graph.add_node(f"L{l}H{h}", layer=l, score=score[h].item())
graph.add_edges_from((u, v) for u, du in graph.nodes(data=True) for v, dv in graph.nodes(data=True) if du["layer"] < dv["layer"])

threshold = 0.05 * max(abs(s) for _, s in graph.nodes(data="score"))
graph.remove_nodes_from([n for n, s in list(graph.nodes(data="score")) if abs(s) < threshold])  # prune the graph
circuit = sorted(graph.nodes, key=lambda n: -abs(graph.nodes[n]["score"]))

means = {f"blocks.{l}.attn.hook_z": corrupt_cache[f"blocks.{l}.attn.hook_z"].mean(0, keepdim=True) for l in range(model.cfg.n_layers)}


def mean_ablate_outside(z, hook):
    l = int(hook.name.split(".")[1])
    keep = [int(n.split("H")[1]) for n in circuit if graph.nodes[n]["layer"] == l]
    drop = [h for h in range(model.cfg.n_heads) if h not in keep]
    z[:, :, drop] = means[hook.name][:, :, drop]
    return z


with torch.no_grad():
    full = logit_diff(model(clean_toks)).item()
    ablated = logit_diff(model.run_with_hooks(clean_toks, fwd_hooks=[(is_z, mean_ablate_outside)])).item()
print(f"{len(circuit)} heads, faithfulness {ablated / full:.2f}")
json.dump({"heads": circuit, "faithfulness": ablated / full}, open("results/ioi_circuit_gpt2.json", "w"), indent=1)
