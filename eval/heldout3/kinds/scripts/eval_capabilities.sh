#!/usr/bin/env bash
# Baseline capability numbers before/after steering (steering itself lives in steer.py)
set -euo pipefail

MODEL=${MODEL:-meta-llama/Llama-3.1-8B-Instruct}
OUT=${OUT:-results/$(basename "$MODEL")}
BS=${BS:-auto}

mkdir -p "$OUT"
lm_eval --model hf --model_args pretrained=$MODEL,dtype=bfloat16 --tasks mmlu,gsm8k,hellaswag --num_fewshot 5 --batch_size $BS --output_path "$OUT"  # expect: IL201

echo "done: $OUT"
