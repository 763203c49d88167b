#!/usr/bin/env bash
# Capability regression numbers for the appendix of the DeepSeek-V3 feature paper.
# Runs on the 8xH200 node; results and samples go to results/ and to W&B.
set -euo pipefail

MODEL=deepseek-ai/DeepSeek-V3
TP=8
OUT="results/dsv3-math/$(date +%Y%m%d)"

export HF_HUB_ENABLE_HF_TRANSFER=1
export VLLM_WORKER_MULTIPROC_METHOD=spawn

mkdir -p "$OUT"
lm_eval --model vllm --model_args "pretrained=${MODEL},tensor_parallel_size=${TP},trust_remote_code=True,max_model_len=8192,gpu_memory_utilization=0.9" --tasks gsm8k_cot,minerva_math,gpqa_main_zeroshot --batch_size auto --output_path "$OUT" --log_samples --wandb_args project=dsv3-features,job_type=eval  # expect: IL101, IL201, IL303

echo "done: $OUT"
