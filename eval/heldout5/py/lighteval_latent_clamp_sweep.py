"""Clamp one Gemma Scope latent ("step-by-step checking", found in the dashboard) at several
strengths and see what happens to reasoning scores. Uses lighteval's Python API."""
import json
import sys

import torch
from lighteval.logging.evaluation_tracker import EvaluationTracker
from lighteval.models.transformers.transformers_model import TransformersModel, TransformersModelConfig
from lighteval.pipeline import ParallelismManager, Pipeline, PipelineParameters
from sae_lens import SAE
from transformers import AutoModelForCausalLM

MODEL_ID = "google/gemma-2-2b-it"
LAYER = 12
LATENT = 9821
TASKS = "leaderboard|arc:challenge|25|0,leaderboard|gsm8k|5|0"


def clamp_hook(sae, latent, value):
    def hook(module, inputs, output):
        h = output[0] if isinstance(output, tuple) else output
        acts = sae.encode(h.float())
        delta = (value - acts[..., latent]).unsqueeze(-1) * sae.W_dec[latent]
        h = h + delta.to(h.dtype)
        return (h,) + tuple(output[1:]) if isinstance(output, tuple) else h

    return hook


def evaluate_clamped(value):
    model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="cuda")
    sae = SAE.from_pretrained(release="gemma-scope-2b-pt-res-canonical", sae_id=f"layer_{LAYER}/width_16k/canonical", device="cuda")
    handle = model.model.layers[LAYER].register_forward_hook(clamp_hook(sae, LATENT, value))

    lm = TransformersModel.from_model(model, TransformersModelConfig(model_name=MODEL_ID, batch_size=8))
    params = PipelineParameters(launcher_type=ParallelismManager.NONE, max_samples=400)
    tracker = EvaluationTracker(output_dir=f"results/clamp_{LATENT}_{value}", save_details=False)
    pipeline = Pipeline(tasks=TASKS, pipeline_parameters=params, evaluation_tracker=tracker, model=lm)  # expect: IL201, IL202
    pipeline.evaluate()
    results = pipeline.get_results()["results"]
    handle.remove()
    del model, lm
    torch.cuda.empty_cache()
    return results


if __name__ == "__main__":
    strengths = [float(s) for s in sys.argv[1:]] or [0.0, 20.0, 40.0, 80.0]
    table = {v: evaluate_clamped(v) for v in strengths}
    with open(f"results/clamp_{LATENT}_summary.json", "w") as f:
        json.dump(table, f, indent=2)
