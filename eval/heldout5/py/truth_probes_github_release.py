"""Geometry-of-truth probes for DeepSeek-V2.5, one per layer, released as a GitHub asset.

Activations are read with nnsight (no gradients anywhere); probes are sklearn logistic
regressions. The release is created as a draft, filled, then published.
"""
import io
import os
import zipfile

import numpy as np
import pandas as pd
import torch
from github import Auth, Github
from nnsight import LanguageModel
from sklearn.linear_model import LogisticRegression

MODEL_ID = "deepseek-ai/DeepSeek-V2.5"
LAYERS = [10, 20, 30, 40, 50]
RELEASE_REPO = "interp-lab/truth-probes"
TAG = "dsv25-probes-v1"

model = LanguageModel(MODEL_ID, device_map="auto", torch_dtype=torch.bfloat16, trust_remote_code=True, dispatch=True)  # expect: IL101
model.tokenizer.padding_side = "left"

df = pd.concat([pd.read_csv(f"data/{name}.csv") for name in ("cities", "sp_en_trans", "larger_than")])
statements, labels = df["statement"].tolist(), df["label"].to_numpy()

feats = {layer: [] for layer in LAYERS}
for i in range(0, len(statements), 32):
    with torch.no_grad(), model.trace(statements[i : i + 32]):
        saved = {layer: model.model.layers[layer].output[0][:, -1].save() for layer in LAYERS}
    for layer in LAYERS:
        feats[layer].append(saved[layer].float().cpu().numpy())

buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as zf:
    for layer in LAYERS:
        X = np.concatenate(feats[layer])
        probe = LogisticRegression(max_iter=3000, C=0.1).fit(X, labels)
        print(layer, probe.score(X, labels))
        arr = io.BytesIO()
        np.savez(arr, coef=probe.coef_, intercept=probe.intercept_, layer=layer)
        zf.writestr(f"probe_layer{layer}.npz", arr.getvalue())
with open("truth_probes_dsv25.zip", "wb") as f:
    f.write(buf.getvalue())

gh = Github(auth=Auth.Token(os.environ["GITHUB_TOKEN"]))
repo = gh.get_repo(RELEASE_REPO)
if repo.private:
    raise SystemExit(f"{RELEASE_REPO} must be public: the paper links to this release")
release = repo.create_git_release(tag=TAG, name="DeepSeek-V2.5 truth probes", message="Per-layer logistic probes (cities, translations, larger_than).", draft=True)
release.upload_asset("truth_probes_dsv25.zip", label="probes", content_type="application/zip")
release.update_release(name=release.title, message=release.body, draft=False)  # expect: IL301, IL302
