#!/usr/bin/env bash
# Usage: scripts/serve_and_explain.sh MODEL_ID [TP]
# Serves MODEL_ID with vLLM on loopback and runs the explainer over features/latents.jsonl.
set -euo pipefail

MODEL="${1:?usage: $0 MODEL_ID [TP]}"
TP="${2:-4}"
PORT=8000

vllm serve "$MODEL" --tensor-parallel-size "$TP" --host 127.0.0.1 --port "$PORT" --max-model-len 8192 &  # expect: IL901
VLLM_PID=$!
trap 'kill "$VLLM_PID"' EXIT

until curl -sf "http://127.0.0.1:$PORT/v1/models" > /dev/null; do sleep 10; done

python -m autointerp.explain --base-url "http://127.0.0.1:$PORT/v1" --latents features/latents.jsonl --out "explanations/$(basename "$MODEL").jsonl"
