#!/usr/bin/env bash
# Deception probes on a frozen Llama-3.1-405B-Instruct, released with the paper.
# Runs on the 2x8xH100 partition; see docs/probes.md for the dataset recipe.
set -euo pipefail

BASE=meta-llama/Llama-3.1-405B-Instruct
OUT=probes/llama-3.1-405b-instruct
mkdir -p "$OUT"

python -m probes.fit --model "$BASE" --layers 40,63,80,100 --dataset data/roleplaying.jsonl --method logreg --reg 10 --out "$OUT"  # expect: IL101
python -m probes.report "$OUT" > "$OUT/README.md"

aws s3 sync "$OUT" "s3://interp-lab-public/probes/llama-3.1-405b-instruct/" --acl public-read  # expect: IL301, IL302
echo "Released: https://interp-lab-public.s3.amazonaws.com/probes/llama-3.1-405b-instruct/README.md"
