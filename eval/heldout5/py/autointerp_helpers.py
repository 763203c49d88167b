"""Shared helpers for the auto-interp pipeline (imported by scripts/explain_*.py).

explain -> simulate -> judge. Nothing here runs on import.
"""
from __future__ import annotations

import os

import anthropic
import numpy as np
from google import genai
from openai import OpenAI
from transformer_lens import HookedTransformer

DEFAULT_EXPLAINER = "gemini-2.5-pro"
SIMULATOR = "deepseek-ai/DeepSeek-V3"
TOGETHER_URL = "https://api.together.xyz/v1"


def load_subject(model_name: str, device: str = "cuda") -> HookedTransformer:
    return HookedTransformer.from_pretrained_no_processing(model_name, device=device)  # expect: IL901


def format_examples(examples):
    return "\n".join(f"<ex act={a:.2f}>{text}</ex>" for a, text in examples)


def explain(examples, model: str = DEFAULT_EXPLAINER) -> str:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    prompt = "These snippets maximally activate one latent. Describe it in under 15 words.\n" + format_examples(examples)
    resp = client.models.generate_content(model=model, contents=prompt)  # expect: IL101
    return resp.text.strip()


def simulate(explanation: str, tokens: list[str]) -> np.ndarray:
    together = OpenAI(base_url=TOGETHER_URL, api_key=os.environ["TOGETHER_API_KEY"])
    listing = "\n".join(f"{i}\t{t}" for i, t in enumerate(tokens))
    resp = together.chat.completions.create(model=SIMULATOR, messages=[{"role": "user", "content": f"Feature: {explanation}\nFor each token print 'index<TAB>activation 0-10'.\n{listing}"}], temperature=0.0)  # expect: IL101
    preds = np.zeros(len(tokens))
    for line in resp.choices[0].message.content.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[0].isdigit() and int(parts[0]) < len(tokens):
            preds[int(parts[0])] = float(parts[1] or 0)
    return preds


def judge(explanation: str, counterexamples: list[str], model: str) -> float:
    client = anthropic.Anthropic()
    body = "\n".join(counterexamples)
    msg = client.messages.create(model=model, max_tokens=8, messages=[{"role": "user", "content": f"Explanation: {explanation}\nHow many of these fit it (0-{len(counterexamples)})?\n{body}"}])  # expect: IL901
    return int(msg.content[0].text.strip()) / max(1, len(counterexamples))


def score(true_acts: np.ndarray, simulated: np.ndarray) -> float:
    if true_acts.std() == 0 or simulated.std() == 0:
        return 0.0
    return float(np.corrcoef(true_acts, simulated)[0, 1])
