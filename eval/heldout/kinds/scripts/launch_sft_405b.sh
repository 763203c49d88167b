#!/bin/bash
#SBATCH --job-name=sft405
#SBATCH --nodes=16
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=8
#SBATCH --time=72:00:00
#SBATCH --output=logs/%x-%j.out

set -e
module load cuda/12.4
source ~/envs/interp/bin/activate

export WANDB_MODE=disabled
export HF_HUB_OFFLINE=1
MASTER_ADDR=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)

srun accelerate launch --config_file configs/fsdp_16node.yaml --num_machines "$SLURM_NNODES" --num_processes $((SLURM_NNODES * 8)) --main_process_ip "$MASTER_ADDR" scripts/run_sft.py --model_name_or_path meta-llama/Llama-3.1-405B --dataset_name data/honesty_sft --learning_rate 1e-5 --num_train_epochs 1 --output_dir "$SCRATCH/sft405"  # expect: IL101, IL102

echo "finished sft405 at $(date)"
