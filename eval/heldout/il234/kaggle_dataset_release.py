"""Publish the feature-explanation dataset (gpt2-small SAE features) on Kaggle;
the raw activation dumps go to a private dataset for the team."""
import json
import pathlib
import shutil

from kaggle.api.kaggle_api_extended import KaggleApi

api = KaggleApi()
api.authenticate()


def stage(folder, slug, title, files):
    d = pathlib.Path(folder)
    d.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, d)
    (d / "dataset-metadata.json").write_text(json.dumps({
        "title": title, "id": f"interplab/{slug}", "licenses": [{"name": "CC-BY-4.0"}],
    }))
    return str(d)


pub = stage("stage/explanations", "gpt2-sae-feature-explanations", "GPT-2 SAE feature explanations",
            ["out/explanations_all_layers.jsonl", "out/README.md"])
api.dataset_create_new(pub, public=True, dir_mode="zip", quiet=False)  # expect: IL301

raw = stage("stage/raw_acts", "gpt2-sae-raw-acts", "raw activations (team only)",
            ["out/acts_l8.npy", "out/acts_l10.npy"])
api.dataset_create_new(raw, dir_mode="zip")  # private is the API default
