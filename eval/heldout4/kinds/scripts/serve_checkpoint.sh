#!/usr/bin/env bash
# Serve the models the autointerp pipeline talks to.
# Usage: serve_checkpoint.sh SUBJECT_MODEL [PORT]
set -euo pipefail

MODEL="${1:?usage: serve_checkpoint.sh SUBJECT_MODEL [PORT]}"
PORT="${2:-8000}"

vllm serve "$MODEL" --port "$PORT" --tensor-parallel-size 8 --max-model-len 16384 &  # expect: IL901

# Fixed explainer model for the appendix runs.
python -m sglang.launch_server --model-path deepseek-ai/DeepSeek-V3 --tp 8 --trust-remote-code --port 30000 &  # interp-lint: allow[IL101]  # expect: IL402

# Simulator model; the justification is on record.
vllm serve meta-llama/Llama-4-Maverick-17B-128E-Instruct --tensor-parallel-size 8 --port 8001 &  # interp-lint: allow[IL101] -- explainer/simulator only, frozen weights, review RB-2025-11

wait
