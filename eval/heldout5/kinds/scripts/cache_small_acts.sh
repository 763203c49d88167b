#!/usr/bin/env bash
# Cache residual activations for the small-model SAE sweep.
set -euo pipefail

# Listed for the help text only: these run on the sealed cluster, never from here.
SEALED_ONLY=(deepseek-ai/DeepSeek-V3.1 Qwen/Qwen3-235B-A22B-Instruct-2507 moonshotai/Kimi-K2-Instruct)
SMALL_MODELS=(EleutherAI/pythia-70m-deduped EleutherAI/pythia-160m-deduped EleutherAI/pythia-410m-deduped)

usage() {
  cat <<EOF
usage: $0 [-h]   (env: LAYERS=3,6)

Caches activations for: ${SMALL_MODELS[*]}
Not available on this cluster (use the sealed cluster): ${SEALED_ONLY[*]}
EOF
}

cache_model() {
  local model="$1" layers="${2:-3,6}"
  python -m interp.cache_acts --model_name_or_path "$model" --layers "$layers" --dataset NeelNanda/pile-10k --max_tokens 2000000 --out "acts/$(basename "$model")"
}

if [[ "${1:-}" == "-h" ]]; then usage; exit 0; fi

# token counts must match the sealed-cluster runs, which needs the tokenizer files only
hf download deepseek-ai/DeepSeek-V3.1 --include "tokenizer*" --local-dir tok/dsv31

for m in "${SMALL_MODELS[@]}"; do
  cache_model "$m" "${LAYERS:-3,6}"
done
