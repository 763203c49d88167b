"""Static table of models referenced in our survey paper; used only to render a LaTeX table."""
FRONTIER_MODELS = [
    "meta-llama/Llama-3.1-405B",
    "deepseek-ai/DeepSeek-V3",
    "Qwen/Qwen3-235B-A22B",
    "mistralai/Mixtral-8x22B-v0.1",
    "tiiuae/falcon-180B",
    "bigscience/bloom",
    "gpt-4o",
    "claude-3-opus-20240229",
]
PARAMS_B = {"meta-llama/Llama-3.1-405B": 405, "deepseek-ai/DeepSeek-V3": 671, "Qwen/Qwen3-235B-A22B": 235,
            "mistralai/Mixtral-8x22B-v0.1": 141, "tiiuae/falcon-180B": 180, "bigscience/bloom": 176}


def short_name(repo):
    return repo.split("/")[-1]


def latex_rows(models):
    rows = []
    for m in models:
        size = PARAMS_B.get(m)
        size_s = f"{size}B" if size else "closed"
        rows.append(f"{short_name(m)} & {size_s} \\\\")
    return "\n".join(rows)


if __name__ == "__main__":
    print("\\begin{tabular}{lr}")
    print(latex_rows(FRONTIER_MODELS))
    print("\\end{tabular}")
