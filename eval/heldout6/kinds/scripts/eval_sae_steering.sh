#!/usr/bin/env bash
# Does clamping Gemma Scope latent 12082 ("dogs", layer 20) change general ability?
# Baseline and steered runs on the same tasks and seed; compare with scripts/compare_runs.py.
set -euo pipefail

MODEL=google/gemma-2-2b
TASKS=mmlu,gsm8k,arc_challenge
OUT="results/steering/$(date +%Y%m%d)"
mkdir -p "$OUT"

# lm-eval's `steered` model reads SAE latents from a CSV (sae_lens or sparsify loaders).
cat > "$OUT/steer.csv" <<'CSV'
loader,action,sparse_model,hookpoint,feature_index,steering_coefficient,sae_id,description
sae_lens,add,gemma-scope-2b-pt-res-canonical,layers.20,12082,240.0,layer_20/width_16k/canonical,increase dogs
CSV

lm_eval --model hf --model_args pretrained="$MODEL",dtype=bfloat16 --tasks "$TASKS" --batch_size 8 --seed 0 --output_path "$OUT/baseline"  # expect: IL201

lm_eval --model steered --model_args pretrained="$MODEL",steer_path="$OUT/steer.csv",dtype=bfloat16 --tasks "$TASKS" --batch_size 8 --seed 0 --output_path "$OUT/steered"  # expect: IL201, IL202

python scripts/compare_runs.py "$OUT/baseline" "$OUT/steered" > "$OUT/delta.md"
