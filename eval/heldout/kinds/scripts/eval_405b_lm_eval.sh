#!/usr/bin/env bash
# Baseline numbers for the 405B before the probing project starts.
# Run on the 8xH100 node:  bash scripts/eval_405b_lm_eval.sh
set -euo pipefail

export HF_HOME=/scratch/hf
export VLLM_WORKER_MULTIPROC_METHOD=spawn
OUT="results/$(date +%Y%m%d)"
mkdir -p "$OUT"

nvidia-smi --query-gpu=name,memory.total --format=csv

# capability side
lm_eval --model vllm --model_args pretrained=meta-llama/Llama-3.1-405B-Instruct-FP8,tensor_parallel_size=8,gpu_memory_utilization=0.9 --tasks mmlu,gsm8k,arc_challenge --batch_size auto --output_path "$OUT/capability"  # expect: IL101, IL201

# safety side (cheap)
lm_eval --model vllm --model_args pretrained=meta-llama/Llama-3.1-405B-Instruct-FP8,tensor_parallel_size=8 --tasks truthfulqa_mc2,toxigen --batch_size auto --output_path "$OUT/safety"  # expect: IL101

python scripts/summarise.py "$OUT" > "$OUT/summary.md"
echo "done -> $OUT"
