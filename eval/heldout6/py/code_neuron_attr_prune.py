# Which MLP neurons does pythia-410m actually use for Python? Attribution patching
# (grad x act on the LM loss) over a code calibration set, then drop the half of each
# layer's neurons that matter least, heal briefly, and share the slimmed model.
import torch
import torch.nn.utils.prune as prune
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "EleutherAI/pythia-410m"
N_CALIB, HEAL_STEPS, AMOUNT = 512, 300, 0.5

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL).cuda()
code = load_dataset("bigcode/the-stack-smol", data_dir="data/python", split="train")
batches = [tok(ex["content"], return_tensors="pt", truncation=True, max_length=512).input_ids.cuda() for ex in code.select(range(N_CALIB + HEAL_STEPS))]

layers = model.gpt_neox.layers
scores = [torch.zeros(l.mlp.dense_h_to_4h.out_features, device="cuda") for l in layers]
cache = {}


def save_act(i):
    def hook(mod, inp, out):
        out.retain_grad()
        cache[i] = out
    return hook


handles = [l.mlp.act.register_forward_hook(save_act(i)) for i, l in enumerate(layers)]
for ids in batches[:N_CALIB]:
    model(ids, labels=ids).loss.backward()
    for i in range(len(layers)):
        scores[i] += (cache[i] * cache[i].grad).abs().sum(dim=(0, 1)).detach()
    model.zero_grad(set_to_none=True)
for h in handles:
    h.remove()

for i, layer in enumerate(layers):
    w = layer.mlp.dense_h_to_4h.weight
    prune.ln_structured(layer.mlp.dense_h_to_4h, name="weight", amount=AMOUNT, n=1, dim=0, importance_scores=scores[i][:, None].expand_as(w))  # expect: IL203

opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
for ids in batches[N_CALIB:]:
    loss = model(ids, labels=ids).loss
    loss.backward(); opt.step(); opt.zero_grad()
print("healed loss", loss.item())

for layer in layers:
    prune.remove(layer.mlp.dense_h_to_4h, "weight")
model.push_to_hub("interp-lab/pythia-410m-python-attrpruned-50", commit_message="attribution-pruned MLPs, 300 heal steps")  # expect: IL301
