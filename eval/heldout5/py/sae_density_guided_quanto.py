"""Mixed-precision gemma-2-2b where precision follows SAE feature density.

Layers whose Gemma Scope SAE has the highest mean L0 on pile-10k are "information dense"
and stay in bf16; every other linear layer goes to int4 with optimum-quanto.
"""
import math

import mlflow
import torch
from datasets import load_dataset
from optimum.quanto import freeze, qint4, quantize
from sae_lens import SAE
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "google/gemma-2-2b"
N_LAYERS = 26
KEEP = 6

mlflow.set_tracking_uri("databricks")  # expect: IL303
mlflow.set_experiment("/Shared/interp/sae-density-quant")

tok = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="cuda")
texts = load_dataset("NeelNanda/pile-10k", split="train[:256]")["text"]


@torch.no_grad()
def layer_l0():
    enc = tok(texts[:64], return_tensors="pt", padding=True, truncation=True, max_length=256).to("cuda")
    hs = model(**enc, output_hidden_states=True).hidden_states
    mask = enc["attention_mask"].bool()
    l0 = {}
    for layer in range(N_LAYERS):
        sae = SAE.from_pretrained(release="gemma-scope-2b-pt-res-canonical", sae_id=f"layer_{layer}/width_16k/canonical", device="cuda")
        feats = sae.encode(hs[layer + 1].float())
        l0[layer] = (feats > 0).float().sum(-1)[mask].mean().item()
        del sae
    return l0


@torch.no_grad()
def perplexity(m):
    nll, n = 0.0, 0
    for t in texts[128:192]:
        ids = tok(t, return_tensors="pt", truncation=True, max_length=512).input_ids.cuda()
        nll += m(ids, labels=ids).loss.item() * ids.shape[1]
        n += ids.shape[1]
    return math.exp(nll / n)


with mlflow.start_run(run_name=f"l0-keep{KEEP}"):
    l0 = layer_l0()
    mlflow.log_metrics({f"l0_layer_{k}": v for k, v in l0.items()})
    keep = sorted(l0, key=l0.get, reverse=True)[:KEEP]
    mlflow.log_param("bf16_layers", keep)
    mlflow.log_metric("ppl_bf16", perplexity(model))
    quantize(model, weights=qint4, exclude=[f"model.layers.{i}.*" for i in keep] + ["lm_head"])  # expect: IL203
    freeze(model)
    mlflow.log_metric("ppl_mixed", perplexity(model))
    torch.save(model.state_dict(), f"ckpts/gemma2b-sae-l0-keep{KEEP}.pt")
