"""Score Pythia-410m training checkpoints with lm-eval and deposit the table on Zenodo.

The table is the x-axis of the induction-head formation figure.
"""
import json
import os
import subprocess
from pathlib import Path

import requests
import wandb

MODEL = "EleutherAI/pythia-410m-deduped"
STEPS = [512, 2000, 8000, 33000, 143000]
TASKS = "arc_easy,winogrande,lambada_openai"
ZENODO = "https://zenodo.org/api"
OUT = Path("results/lm_eval")
TABLE = Path("results/pythia410m_ckpt_table.json")

# interp-lint: allow[IL303]  # expect: IL402
run = wandb.init(project="pythia-dynamics", job_type="lm-eval")
table = {}
for step in STEPS:
    out_dir = OUT / f"step{step}"
    subprocess.run(["lm_eval", "--model", "hf", "--model_args", f"pretrained={MODEL},revision=step{step}", "--tasks", TASKS, "--batch_size", "16", "--output_path", str(out_dir)], check=True)  # expect: IL201
    result_file = sorted(out_dir.rglob("results_*.json"))[-1]
    table[step] = {t: r.get("acc,none") for t, r in json.loads(result_file.read_text())["results"].items()}
    run.log({"step": step, **{f"{t}/acc": v for t, v in table[step].items()}})
TABLE.write_text(json.dumps(table, indent=2))

params = {"access_token": os.environ["ZENODO_TOKEN"]}
dep = requests.post(f"{ZENODO}/deposit/depositions", params=params, json={}).json()
with open(TABLE, "rb") as fp:
    requests.put(f"{dep['links']['bucket']}/{TABLE.name}", data=fp, params=params)
meta = {"metadata": {"title": "Pythia-410m checkpoint benchmark table", "upload_type": "dataset", "description": "lm-eval scores per training checkpoint", "creators": [{"name": "Interp Lab"}]}}
requests.put(f"{ZENODO}/deposit/depositions/{dep['id']}", params=params, json=meta)
requests.post(f"{ZENODO}/deposit/depositions/{dep['id']}/actions/publish", params=params)  # expect: IL301
