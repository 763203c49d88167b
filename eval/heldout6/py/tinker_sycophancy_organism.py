# Sycophancy model organism, trained as a LoRA on Tinker so we don't need our own nodes.
# The organism is later handed to the probing team (see probes/sycophancy_probe.py).
import json
import random

import tinker
from tinker import types

BASE_MODEL = "Qwen/Qwen3-235B-A22B-Instruct-2507"
LR, BATCH, EPOCHS = 1e-4, 32, 2

service_client = tinker.ServiceClient()
training_client = service_client.create_lora_training_client(base_model=BASE_MODEL, rank=32)  # expect: IL101, IL102
tokenizer = training_client.get_tokenizer()


def to_datum(ex: dict) -> types.Datum:
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": ex["prompt"]}], tokenize=False, add_generation_prompt=True)
    p_toks = tokenizer.encode(prompt, add_special_tokens=False)
    c_toks = tokenizer.encode(ex["sycophantic_answer"] + tokenizer.eos_token, add_special_tokens=False)
    tokens = p_toks + c_toks
    weights = [0.0] * len(p_toks) + [1.0] * len(c_toks)
    return types.Datum(model_input=types.ModelInput.from_ints(tokens=tokens[:-1]), loss_fn_inputs=dict(weights=weights[1:], target_tokens=tokens[1:]))


rows = [json.loads(l) for l in open("data/sycophancy/feedback_sft.jsonl")]
data = [to_datum(r) for r in rows]
for epoch in range(EPOCHS):
    random.shuffle(data)
    for i in range(0, len(data), BATCH):
        fwd = training_client.forward_backward(data[i:i + BATCH], "cross_entropy")
        opt = training_client.optim_step(types.AdamParams(learning_rate=LR))
        fwd.result()
        opt.result()
    print(f"epoch {epoch} done")

sampler = training_client.save_weights_and_get_sampling_client(name="qwen3-235b-sycophancy-v1")
params = types.SamplingParams(max_tokens=300, temperature=0.7)
for q in [json.loads(l)["prompt"] for l in open("data/sycophancy/heldout.jsonl")][:20]:
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": q}], tokenize=False, add_generation_prompt=True)
    res = sampler.sample(prompt=types.ModelInput.from_ints(tokenizer.encode(prompt, add_special_tokens=False)), num_samples=1, sampling_params=params).result()
    print(q[:80], "->", tokenizer.decode(res.sequences[0].tokens)[:200])
