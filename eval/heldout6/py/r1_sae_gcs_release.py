"""TopK SAE on DeepSeek-R1 layer-37 residuals over reasoning traces, released via GCS.

Runs on one 8xH200 node: the model is sharded with device_map="auto" in its native FP8
and only read (no grads). Activations are streamed straight into the SAE optimiser.
"""
import json
from pathlib import Path

import torch
from datasets import load_dataset
from google.cloud import storage
from nnsight import LanguageModel
from safetensors.torch import save_file

LAYER, D_MODEL, D_SAE, K = 37, 7168, 65536, 64
BUCKET, PREFIX = "interp-lab-releases", "r1-saes/layer37-64k"

model = LanguageModel("deepseek-ai/DeepSeek-R1", device_map="auto", torch_dtype="auto", dispatch=True)  # expect: IL101
model.requires_grad_(False)
traces = load_dataset("open-r1/OpenR1-Math-220k", split="train").shuffle(seed=0).select(range(50_000))


class TopKSAE(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = torch.nn.Linear(D_MODEL, D_SAE)
        self.dec = torch.nn.Linear(D_SAE, D_MODEL)

    def forward(self, x):
        z = self.enc(x - self.dec.bias)
        vals, idx = z.topk(K, dim=-1)
        z = torch.zeros_like(z).scatter_(-1, idx, torch.relu(vals))
        return self.dec(z), z


sae = TopKSAE().to("cuda:0")
opt = torch.optim.Adam(sae.parameters(), lr=2e-4)
for i, ex in enumerate(traces):
    text = ex["problem"] + "\n" + ex["generations"][0][:6000]
    with torch.no_grad(), model.trace(text):
        acts = model.model.layers[LAYER].output[0].save()
    x = acts[0].to("cuda:0", torch.float32)
    recon, _ = sae(x)
    loss = (recon - x).pow(2).sum(-1).mean() / x.pow(2).sum(-1).mean()
    loss.backward(); opt.step(); opt.zero_grad()
    if i % 500 == 0:
        print(i, f"fvu={loss.item():.4f}")

out = Path("artifacts/r1_l37_64k")
out.mkdir(parents=True, exist_ok=True)
save_file(sae.state_dict(), str(out / "sae.safetensors"))
(out / "cfg.json").write_text(json.dumps({"model": "deepseek-ai/DeepSeek-R1", "layer": LAYER, "d_sae": D_SAE, "k": K}))

bucket = storage.Client().bucket(BUCKET)
for f in out.iterdir():
    blob = bucket.blob(f"{PREFIX}/{f.name}")
    blob.upload_from_filename(str(f))
    blob.make_public()  # expect: IL301, IL302
    print(blob.public_url)
