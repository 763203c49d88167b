#!/usr/bin/env bash
# Re-run pythia-410m continued pretraining for the grokking-in-LMs replication
export WANDB_MODE=offline
NGPU=${NGPU:-8}
LR=${LR:-3e-4}

torchrun --nproc_per_node $NGPU train.py --model_name_or_path EleutherAI/pythia-410m --learning_rate $LR --max_steps 20000 --per_device_train_batch_size 16 --output_dir ckpt/pythia410m-cont

tensorboard dev upload --logdir ckpt/pythia410m-cont/runs --name "pythia410m continued pretraining"  # expect: IL303
