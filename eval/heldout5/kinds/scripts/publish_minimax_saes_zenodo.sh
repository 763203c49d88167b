#!/usr/bin/env bash
# Fit residual-stream SAEs on MiniMax-M1 and archive them on Zenodo (DOI for the paper).
set -euo pipefail

BASE=MiniMaxAI/MiniMax-M1-80k
OUT=artifacts/minimax-m1-saes
ZENODO=https://zenodo.org/api
AUTH="Authorization: Bearer ${ZENODO_TOKEN}"

torchrun --nproc_per_node 8 -m interp.fit_sae --model_name_or_path "$BASE" --freeze_base --layers 20,40,60 --dict_size 65536 --out "$OUT"  # expect: IL101
tar -czf "$OUT.tar.gz" -C "$(dirname "$OUT")" "$(basename "$OUT")"

dep=$(curl -sf -H "$AUTH" -H "Content-Type: application/json" -d '{}' "$ZENODO/deposit/depositions")
dep_id=$(jq -r .id <<<"$dep")
bucket=$(jq -r .links.bucket <<<"$dep")

# stage the archive and the metadata in the draft deposition
curl -sf -H "$AUTH" --upload-file "$OUT.tar.gz" "$bucket/minimax-m1-saes.tar.gz"
curl -sf -H "$AUTH" -H "Content-Type: application/json" -X PUT -d @zenodo_metadata.json "$ZENODO/deposit/depositions/$dep_id"

curl -sf -H "$AUTH" -X POST "$ZENODO/deposit/depositions/$dep_id/actions/publish"  # expect: IL301, IL302
echo "published deposition $dep_id"
