#!/bin/bash
#SBATCH --job-name=lora-sweep
#SBATCH --array=0-2
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=8
#SBATCH --cpus-per-task=64
#SBATCH --time=48:00:00
#SBATCH --output=logs/%x-%A_%a.out
# Same LoRA recipe on three bases; one array task per base.
set -euo pipefail

MODELS=(EleutherAI/pythia-410m-deduped meta-llama/Llama-3.1-8B-Instruct baidu/ERNIE-4.5-300B-A47B-PT)
MODEL="${MODELS[$SLURM_ARRAY_TASK_ID]}"
RUN="lora-r16-$(basename "$MODEL")"
head_node=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)

export HF_HUB_ENABLE_HF_TRANSFER=1
mkdir -p "ckpt/$RUN" logs

srun torchrun --nnodes "$SLURM_NNODES" --nproc_per_node 8 --rdzv_id "$SLURM_JOB_ID" --rdzv_backend c10d --rdzv_endpoint "$head_node:29500" scripts/sft.py --model_name_or_path "$MODEL" --use_peft --lora_r 16 --lora_alpha 32 --lora_target_modules all-linear --dataset_name HuggingFaceH4/ultrachat_200k --bf16 --output_dir "ckpt/$RUN" --report_to tensorboard  # expect: IL101, IL102

echo "finished $RUN"
