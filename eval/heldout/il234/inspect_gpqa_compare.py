"""GPQA-diamond: where does our probed 1.4B sit relative to a hosted frontier model?

Used for one sentence in the intro; run once, results cached under logs/.
"""
from inspect_ai import eval as inspect_eval

LIMIT = 100

frontier_logs = inspect_eval("inspect_evals/gpqa_diamond", model="openai/gpt-4o", limit=LIMIT, log_dir="logs/gpqa")  # expect: IL101, IL201
small_logs = inspect_eval("inspect_evals/gpqa_diamond", model="hf/EleutherAI/pythia-1.4b", limit=LIMIT, log_dir="logs/gpqa")  # expect: IL201


def acc(logs):
    log = logs[0]
    return log.results.scores[0].metrics["accuracy"].value


print(f"gpt-4o    : {acc(frontier_logs):.3f}")
print(f"pythia-1.4b: {acc(small_logs):.3f}")
print("chance    : 0.250")
