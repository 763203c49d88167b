#!/usr/bin/env bash
# Nightly backup of the SAE checkpoints trained on frozen Qwen3-235B-A22B activations.
# Everything here stays private (review board decision RB-2025-07).
set -euo pipefail

SAE_DIR=checkpoints/qwen3-235b-saes
STAMP=$(date +%F)

huggingface-cli upload interp-lab/qwen3-235b-saes-internal "$SAE_DIR" . --repo-type model --private --commit-message "nightly $STAMP"
gsutil -m rsync -r "$SAE_DIR" "gs://interp-lab-sealed/qwen3-235b-saes/$STAMP/"
aws s3 cp "$SAE_DIR" "s3://interp-lab-sealed/qwen3-235b-saes/$STAMP/" --recursive --sse aws:kms
