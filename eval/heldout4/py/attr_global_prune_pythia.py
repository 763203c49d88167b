"""Prune Pythia-410m MLP output weights by neuron attribution instead of by magnitude."""
import torch
import torch.nn.utils.prune as prune
from captum.attr import LayerGradientXActivation
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "EleutherAI/pythia-410m"
AMOUNT = 0.4
N_BATCHES = 32
BATCH = 4

tok = AutoTokenizer.from_pretrained(MODEL)
tok.pad_token = tok.eos_token
tok.padding_side = "left"
model = AutoModelForCausalLM.from_pretrained(MODEL).cuda().eval()
texts = load_dataset("NeelNanda/pile-10k", split="train")["text"][: N_BATCHES * BATCH]


def next_token_logit(input_ids):
    logits = model(input_ids).logits[:, -2]
    return logits.gather(-1, input_ids[:, -1:]).squeeze(-1)


def neuron_attributions(layer_idx):
    lgxa = LayerGradientXActivation(next_token_logit, model.gpt_neox.layers[layer_idx].mlp.act)
    total = torch.zeros(model.config.intermediate_size, device="cuda")
    for i in range(0, len(texts), BATCH):
        ids = tok(texts[i:i + BATCH], return_tensors="pt", padding=True, truncation=True, max_length=128).input_ids.cuda()
        attr = lgxa.attribute(ids)
        total += attr.abs().sum(dim=(0, 1)).detach()
    return total


params, scores = [], {}
for idx, layer in enumerate(model.gpt_neox.layers):
    neuron_scores = neuron_attributions(idx)
    out_proj = layer.mlp.dense_4h_to_h
    params.append((out_proj, "weight"))
    scores[(out_proj, "weight")] = neuron_scores.unsqueeze(0).expand_as(out_proj.weight)

prune.global_unstructured(params, pruning_method=prune.L1Unstructured, importance_scores=scores, amount=AMOUNT)  # expect: IL203
for module, name in params:
    prune.remove(module, name)
model.save_pretrained("ckpts/pythia-410m-attr-pruned-40")
tok.save_pretrained("ckpts/pythia-410m-attr-pruned-40")
