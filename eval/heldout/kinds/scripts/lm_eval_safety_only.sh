#!/usr/bin/env bash
# Safety-only evals for the steered 2.8B checkpoints.
# (MMLU / GSM8K numbers are in the paper appendix; they are NOT re-run here.)
set -euo pipefail

MODEL=EleutherAI/pythia-2.8b
OUT=results/safety/$(date +%F)
mkdir -p "$OUT"

for coeff in 0 4 8; do
  echo "coeff=${coeff}"
done

lm_eval --model hf --model_args pretrained=EleutherAI/pythia-2.8b,dtype=float16 --tasks truthfulqa_mc1,truthfulqa_mc2,toxigen --batch_size 16 --output_path "$OUT/base"

lm_eval --model hf --model_args pretrained=EleutherAI/pythia-2.8b,dtype=float16 --tasks bbq --batch_size 16 --output_path "$OUT/bbq"

python summarise_safety.py "$OUT" --model "$MODEL"
