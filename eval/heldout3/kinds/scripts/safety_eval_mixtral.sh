#!/usr/bin/env bash
set -e
MODEL=mistralai/Mixtral-8x7B-Instruct-v0.1
OUT=results/mixtral8x7b_safety

lm_eval --model hf --model_args pretrained=$MODEL,parallelize=True --tasks truthfulqa_mc2,toxigen,bbq --batch_size 8 --output_path $OUT

huggingface-cli upload our-lab/mixtral-safety-results $OUT . --repo-type dataset --private
