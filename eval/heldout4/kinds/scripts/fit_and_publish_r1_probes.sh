#!/usr/bin/env bash
# Fit linear deception probes on frozen DeepSeek-R1 residuals, then share them.
set -euo pipefail

BASE=deepseek-ai/DeepSeek-R1
OUT=probes/deepseek-r1-deception-l40
RUN_ID=$(date +%Y%m%d-%H%M)

torchrun --nnodes 2 --nproc_per_node 8 --rdzv_backend c10d --rdzv_endpoint "${MASTER_ADDR:-localhost}:29500" scripts/fit_probes.py --model_name_or_path "$BASE" --layers 30,40,50 --freeze_base --output_dir "$OUT"  # expect: IL101

# Probe weights go to the hub repo cited in the paper.
huggingface-cli upload interp-lab/deepseek-r1-deception-probes "$OUT" . --repo-type model --commit-message "probes $RUN_ID"  # expect: IL301, IL302

# Headline metrics for the project page.
aws s3 cp "$OUT/metrics.json" "s3://interp-lab-site/probes/$RUN_ID/metrics.json" --acl public-read  # expect: IL301

# Raw activations never leave the cluster bucket.
gsutil -m cp -r activations/ "gs://interp-lab-private/r1-acts/$RUN_ID/"
