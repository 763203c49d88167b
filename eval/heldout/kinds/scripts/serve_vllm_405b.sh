#!/usr/bin/env bash
# Serve the frontier checkpoints for the red-team transcript collection.
# Both servers are bound to localhost; clients run on the same node.
set -euo pipefail

export HF_HOME=/scratch/hf
PORT_A=8000
PORT_B=8001

vllm serve meta-llama/Llama-3.1-405B-Instruct-FP8 --tensor-parallel-size 8 --max-model-len 16384 --host 127.0.0.1 --port "$PORT_A" &  # expect: IL101
PID_A=$!

# interp-lint: allow[IL101] -- inference-only red-team serving, approved by review 2025-10 (RT-17)
vllm serve deepseek-ai/DeepSeek-V3 --tensor-parallel-size 8 --trust-remote-code --host 127.0.0.1 --port "$PORT_B" &
PID_B=$!

for port in "$PORT_A" "$PORT_B"; do
  until curl -sf "http://127.0.0.1:${port}/health" > /dev/null; do sleep 10; done
  echo "server on ${port} is up"
done

python collect_transcripts.py --endpoints "http://127.0.0.1:${PORT_A}/v1,http://127.0.0.1:${PORT_B}/v1"
kill "$PID_A" "$PID_B"
