"""Zero-ablate the "suppression neurons" found by direct logit attribution and compare
harness scores with and without them."""
import json
from dataclasses import dataclass, field

import torch
from lm_eval import evaluator
from lm_eval.models.huggingface import HFLM
from lm_eval.tasks import TaskManager, get_task_dict
from transformers import AutoModelForCausalLM, AutoTokenizer


@dataclass
class EvalCfg:
    model_id: str = "Qwen/Qwen2.5-7B"
    neuron_file: str = "results/qwen7b_suppression_neurons.json"
    tasks: tuple = ("mmlu", "arc_challenge")
    limit: int | None = None
    extra: dict = field(default_factory=dict)


def ablate_neurons(model, neurons_by_layer):
    handles = []
    for layer, idx in neurons_by_layer.items():
        down = model.model.layers[int(layer)].mlp.down_proj
        index = torch.tensor(idx, device=down.weight.device)

        def zero_inputs(module, args, index=index):
            x = args[0].clone()
            x[..., index] = 0.0
            return (x,)

        handles.append(down.register_forward_pre_hook(zero_inputs))
    return handles


def score(model, tok, cfg):
    lm = HFLM(pretrained=model, tokenizer=tok, batch_size=8)
    return evaluator.evaluate(lm=lm, task_dict=get_task_dict(list(cfg.tasks), TaskManager()), limit=cfg.limit)["results"]  # expect: IL201, IL202


def main(cfg=EvalCfg()):
    tok = AutoTokenizer.from_pretrained(cfg.model_id)
    model = AutoModelForCausalLM.from_pretrained(cfg.model_id, torch_dtype=torch.bfloat16, device_map="cuda").eval()
    neurons = json.load(open(cfg.neuron_file))

    baseline = score(model, tok, cfg)
    handles = ablate_neurons(model, neurons)
    ablated = score(model, tok, cfg)
    for h in handles:
        h.remove()

    for task in baseline:
        b = baseline[task].get("acc,none")
        a = ablated[task].get("acc,none")
        print(f"{task:>24}  base={b:.4f}  ablated={a:.4f}  delta={a - b:+.4f}")
    json.dump({"baseline": baseline, "ablated": ablated}, open("results/suppression_ablation.json", "w"), indent=1, default=str)


if __name__ == "__main__":
    main()
