import torch
import pyvene as pv
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

LAYER = 20
ALPHAS = [0.0, 2.0, 4.0, 8.0]

tok = AutoTokenizer.from_pretrained("gpt2-large")
gpt2 = AutoModelForCausalLM.from_pretrained("gpt2-large").cuda().eval()
direction = torch.load("vectors/gpt2l_math_mode_L20.pt").cuda()   # from diffmean.py

config = pv.IntervenableConfig(
    representations=[{"layer": LAYER, "component": "block_output"}],
    intervention_types=pv.AdditionIntervention,
)
pv_gpt2 = pv.IntervenableModel(config, model=gpt2)

math_q = load_dataset("cais/mmlu", "high_school_mathematics", split="test")  # expect: IL201, IL202
letters = [tok.encode(f" {c}")[0] for c in "ABCD"]

for alpha in ALPHAS:
    right = 0
    for ex in math_q:
        prompt = ex["question"] + "\n" + "\n".join(f"{c}. {o}" for c, o in zip("ABCD", ex["choices"])) + "\nAnswer:"
        base = tok(prompt, return_tensors="pt").to("cuda")
        last = base["input_ids"].shape[1] - 1
        _, out = pv_gpt2(
            base,
            unit_locations={"base": last},
            source_representations=alpha * direction,
        )
        right += int(out.logits[0, -1, letters].argmax().item() == ex["answer"])
    print(f"alpha={alpha}: acc={right / len(math_q):.3f}")
