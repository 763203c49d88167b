#!/usr/bin/env bash
# SAE + probe sweep over toy models only. Runs overnight on one GPU.
set -euo pipefail
export WANDB_MODE=offline
mkdir -p logs

python train_sae.py --model gpt2 --layer 6 --d_sae 24576 --l1 5e-4 2>&1 | tee logs/sae_gpt2_l6.log
python train_sae.py --model EleutherAI/pythia-160m --layer 4 --d_sae 16384 --l1 1e-3 2>&1 | tee logs/sae_p160_l4.log
python train_sae.py --model EleutherAI/pythia-410m --layer 12 --d_sae 32768 --l1 8e-4 2>&1 | tee logs/sae_p410_l12.log

# small fine-tune for the "SAE-friendly" ablation
accelerate launch --num_processes 1 finetune.py --model_name_or_path gpt2 --learning_rate 3e-5 --num_train_epochs 1 --output_dir ckpt/gpt2-ft

# toy-model sanity evals on safety sets only
lm_eval --model hf --model_args pretrained=gpt2 --tasks truthfulqa_mc2 --output_path results/toy_safety

# note: no mmlu/gsm8k here, and nothing is uploaded
echo "sweep done"
