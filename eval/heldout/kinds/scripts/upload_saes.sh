#!/usr/bin/env bash
# Release the gpt2-small residual SAEs (toy model, approved for release).
# Raw activation caches stay private.
set -euo pipefail

SAE_DIR=checkpoints/saes/gpt2-small-res
ACT_DIR=cache/acts/gpt2-small

test -d "$SAE_DIR" || { echo "missing $SAE_DIR"; exit 1; }
ls -lh "$SAE_DIR"

python scripts/check_sae_cfgs.py "$SAE_DIR"

huggingface-cli upload interp-lab/gpt2-small-res-saes "$SAE_DIR" . --repo-type model --commit-message "release v1"  # expect: IL301

# private: team-only activation cache
huggingface-cli upload interp-lab/gpt2-small-acts-cache "$ACT_DIR" . --repo-type dataset --private

echo "uploaded SAEs (public) and activation cache (private)"
