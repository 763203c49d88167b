#!/usr/bin/env bash
# TruthfulQA (multiple choice) for a frontier reference model and for the checkpoint
# under study. Settings come from .env; see .env.example.
set -euo pipefail
set -a; source .env; set +a

REF_MODEL="${REF_MODEL:-claude-opus-4-1-20250805}"
LOG_DIR="${LOG_DIR:-logs/truthfulqa}"
mkdir -p "$LOG_DIR"

inspect eval inspect_evals/truthfulqa --model "anthropic/${REF_MODEL}" --log-dir "$LOG_DIR/ref"  # expect: IL101
inspect eval inspect_evals/truthfulqa --model "vllm/${TARGET_MODEL}" --log-dir "$LOG_DIR/target"  # expect: IL901

inspect view --log-dir "$LOG_DIR" --host 127.0.0.1
