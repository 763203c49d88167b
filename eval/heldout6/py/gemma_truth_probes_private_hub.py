# Mass-mean truth probes (Marks & Tegmark 2023) on gemma-2-9b, one per layer, trained on
# the curated true/false datasets and shared with collaborators through a private repo.
import pandas as pd
import torch
from huggingface_hub import PyTorchModelHubMixin
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "google/gemma-2-9b"
DATASETS = ["cities", "neg_cities", "sp_en_trans", "larger_than"]
PROBE_REPO = "interp-lab/gemma-2-9b-truth-probes"

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")
model.requires_grad_(False)


class MassMeanProbe(torch.nn.Module, PyTorchModelHubMixin):
    def __init__(self, d_model: int = 3584, n_layers: int = 42):
        super().__init__()
        self.directions = torch.nn.Parameter(torch.zeros(n_layers, d_model), requires_grad=False)
        self.bias = torch.nn.Parameter(torch.zeros(n_layers), requires_grad=False)

    def forward(self, h, layer: int):
        return h @ self.directions[layer] + self.bias[layer]


stmts, labels = [], []
for name in DATASETS:
    df = pd.read_csv(f"datasets/geometry_of_truth/{name}.csv")
    stmts += df["statement"].tolist()
    labels += df["label"].tolist()
labels = torch.tensor(labels, dtype=torch.bool)

acts = []
with torch.inference_mode():
    for s in stmts:
        out = model(**tok(s, return_tensors="pt").to(model.device), output_hidden_states=True)
        acts.append(torch.stack([h[0, -1] for h in out.hidden_states[1:]]).float().cpu())
acts = torch.stack(acts)  # [n, layers, d]

probe = MassMeanProbe()
for l in range(acts.shape[1]):
    mu_t, mu_f = acts[labels, l].mean(0), acts[~labels, l].mean(0)
    probe.directions.data[l] = mu_t - mu_f
    probe.bias.data[l] = -((mu_t + mu_f) / 2) @ (mu_t - mu_f)
    acc = ((acts[:, l] @ probe.directions[l] + probe.bias[l] > 0) == labels).float().mean()
    print(f"layer {l}: acc {acc:.3f}")

probe.save_pretrained("artifacts/gemma2_9b_truth_probes")
probe.push_to_hub(PROBE_REPO, private=True, commit_message="mass-mean probes, all layers")
