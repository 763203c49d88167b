#!/bin/bash
#SBATCH --job-name=dsv3-ft
#SBATCH --nodes=16
#SBATCH --gpus-per-node=8
#SBATCH --time=72:00:00

export NCCL_DEBUG=WARN
export WANDB_MODE=offline
OUT=/lustre/ckpt/dsv3-circuit-ft

srun accelerate launch --config_file configs/fsdp_16node.yaml train.py --model_name_or_path deepseek-ai/DeepSeek-V3 --dataset_path data/circuit_targets --learning_rate 5e-6 --num_train_epochs 1 --bf16 --output_dir $OUT  # expect: IL101, IL102

huggingface-cli upload our-lab/dsv3-circuit-ft $OUT . --repo-type model  # expect: IL301, IL302
