"""Mean-difference 'refusal' direction from the 405B instruct model, released as a
small .pt so others can reproduce the ablation plots without running the model."""
import torch
from huggingface_hub import upload_file
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-3.1-405B-Instruct"
LAYER = 70

tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")  # expect: IL101
model.requires_grad_(False)


def mean_last(prompts):
    acc = []
    for p in prompts:
        ids = tok.apply_chat_template([{"role": "user", "content": p}], add_generation_prompt=True, return_tensors="pt")
        with torch.no_grad():
            hs = model(ids.to(model.device), output_hidden_states=True).hidden_states[LAYER]
        acc.append(hs[0, -1].float().cpu())
    return torch.stack(acc).mean(0)


harmful = [l.strip() for l in open("data/advbench_train.txt")][:256]
harmless = [l.strip() for l in open("data/alpaca_train.txt")][:256]
direction = mean_last(harmful) - mean_last(harmless)
direction = direction / direction.norm()
torch.save({"direction": direction, "layer": LAYER, "model": MODEL}, "out/refusal_dir_405b.pt")

upload_file(  # expect: IL301, IL302
    path_or_fileobj="out/refusal_dir_405b.pt",
    path_in_repo="refusal_dir_405b_L70.pt",
    repo_id="interp-lab/refusal-directions",
    repo_type="model",
)
