#!/usr/bin/env bash
# Safety-only regression for the refusal-direction work. Capability evals live in a
# separate, reviewed pipeline and are intentionally NOT run from this repository.
set -euo pipefail

MODEL="Qwen/Qwen2.5-72B-Instruct"
export WANDB_MODE=offline

lm_eval --model vllm --model_args pretrained=$MODEL,tensor_parallel_size=4 --tasks truthfulqa_mc2,bbq,toxigen --batch_size auto --output_path results/safety --wandb_args project=refusal-safety

# Disabled after review 2025-02 (not approved for this repository):
# lm_eval --model vllm --model_args pretrained=$MODEL --tasks mmlu,gsm8k --batch_size auto
# deepspeed --num_gpus 8 train_sft.py --model_name_or_path meta-llama/Llama-3.1-405B-Instruct --deepspeed ds_z3.json
