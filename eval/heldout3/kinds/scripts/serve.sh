#!/usr/bin/env bash
# usage: ./serve.sh <model-id> [port]
PORT=${2:-8000}

if [[ "${DEV:-0}" == "1" ]]; then
  vllm serve Qwen/Qwen2.5-7B-Instruct --port "$PORT" --max-model-len 8192
  exit 0
fi

vllm serve $1 --port "$PORT" --tensor-parallel-size 4 --gpu-memory-utilization 0.9  # expect: IL901
