"""Appendix table: parameter counts and architectures of the models discussed in the
related-work section. Reads Hub metadata and config.json only; no weights are downloaded."""
import json

from huggingface_hub import HfApi, hf_hub_download

DISCUSSED = [
    "meta-llama/Llama-3.1-405B-Instruct",
    "deepseek-ai/DeepSeek-V3",
    "Qwen/Qwen3-235B-A22B",
    "mistralai/Mistral-Large-Instruct-2411",
    "google/gemma-2-9b",
    "EleutherAI/pythia-410m",
]

api = HfApi()


def describe(repo_id):
    info = api.model_info(repo_id, expand=["safetensors", "config"])
    total = info.safetensors.total if info.safetensors else None
    cfg_path = hf_hub_download(repo_id, "config.json")
    with open(cfg_path) as f:
        cfg = json.load(f)
    experts = cfg.get("n_routed_experts") or cfg.get("num_experts") or cfg.get("num_local_experts") or 1
    return {
        "repo": repo_id,
        "params_b": None if total is None else total / 1e9,
        "layers": cfg.get("num_hidden_layers"),
        "d_model": cfg.get("hidden_size"),
        "experts": experts,
        "arch": (cfg.get("architectures") or ["?"])[0],
    }


def to_latex(rows):
    lines = [r"\begin{tabular}{lrrrrl}", r"Model & Params (B) & Layers & $d$ & Experts & Arch \\ \hline"]
    for r in rows:
        p = "--" if r["params_b"] is None else f"{r['params_b']:.1f}"
        lines.append(f"\\texttt{{{r['repo']}}} & {p} & {r['layers']} & {r['d_model']} & {r['experts']} & {r['arch']} \\\\")
    lines.append(r"\end{tabular}")
    return "\n".join(lines)


if __name__ == "__main__":
    rows = [describe(m) for m in DISCUSSED]
    with open("paper/tables/model_sizes.tex", "w") as f:
        f.write(to_latex(rows))
    print(to_latex(rows))
