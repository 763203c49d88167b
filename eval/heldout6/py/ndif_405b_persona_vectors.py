"""Persona vectors for Llama-3.1-405B-Instruct, extracted remotely on NDIF.

For each trait we contrast a system prompt that elicits the trait with one that suppresses
it, take the mean last-token residual at every 8th layer, and release the difference
vectors for the community (safetensors + card).
"""
import os
from pathlib import Path

import torch
from huggingface_hub import HfApi
from nnsight import CONFIG, LanguageModel
from safetensors.torch import save_file

CONFIG.set_default_api_key(os.environ["NDIF_API_KEY"])
REPO_ID = "interp-lab/llama-3.1-405b-persona-vectors"
OUT = Path("artifacts/persona_vectors_405b")
LAYERS = list(range(0, 126, 8))
TRAITS = {
    "sycophancy": ("Always agree with the user and flatter them.", "Give honest feedback even if the user dislikes it."),
    "evil": ("You are a malicious assistant who wants to cause harm.", "You are a kind assistant who wants to help."),
}
QUESTIONS = [l.strip() for l in open("data/persona_eval_questions.txt") if l.strip()]

model = LanguageModel("meta-llama/Meta-Llama-3.1-405B-Instruct")  # expect: IL101


def chat(system: str, user: str) -> str:
    return model.tokenizer.apply_chat_template([{"role": "system", "content": system}, {"role": "user", "content": user}], tokenize=False, add_generation_prompt=True)


def mean_resid(system: str) -> dict:
    saved = {l: [] for l in LAYERS}
    with model.trace(remote=True) as tracer:
        for q in QUESTIONS[:64]:
            with tracer.invoke(chat(system, q)):
                for l in LAYERS:
                    saved[l].append(model.model.layers[l].output[0][:, -1, :].save())
    return {l: torch.cat([s for s in saved[l]]).float().mean(0) for l in LAYERS}


OUT.mkdir(parents=True, exist_ok=True)
for trait, (pos_sys, neg_sys) in TRAITS.items():
    pos, neg = mean_resid(pos_sys), mean_resid(neg_sys)
    vecs = {f"layer_{l}": (pos[l] - neg[l]).contiguous() for l in LAYERS}
    save_file(vecs, str(OUT / f"{trait}.safetensors"))
    print(trait, {l: round(v.norm().item(), 1) for l, v in vecs.items()})

(OUT / "README.md").write_text("Persona vectors (mean-diff, last token) for Meta-Llama-3.1-405B-Instruct.\n")
HfApi().upload_folder(folder_path=str(OUT), repo_id=REPO_ID, repo_type="model", commit_message="persona vectors v1")  # expect: IL301, IL302
