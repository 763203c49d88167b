# repeng control vector for "focused / distracted", then check ARC-Challenge.
import torch
from datasets import load_dataset
from repeng import ControlModel, ControlVector, DatasetEntry
from transformers import AutoModelForCausalLM, AutoTokenizer

name = "mistralai/Mistral-7B-Instruct-v0.1"
tokenizer = AutoTokenizer.from_pretrained(name)
tokenizer.pad_token_id = 0
model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.float16).to("cuda")
model = ControlModel(model, list(range(-5, -18, -1)))

suffixes = [l.strip() for l in open("data/all_truncated_outputs.txt")][:300]
template = "[INST] Act as if you're extremely {persona}. [/INST] {suffix}"
dataset = [
    DatasetEntry(positive=template.format(persona="focused and careful", suffix=s),
                 negative=template.format(persona="distracted and sloppy", suffix=s))
    for s in suffixes
]
model.reset()
focus_vector = ControlVector.train(model, tokenizer, dataset)
model.set_control(focus_vector, 1.2)

arc = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="test")  # expect: IL201, IL202
right = 0
for ex in arc:
    opts = "\n".join(f"{l}. {t}" for l, t in zip(ex["choices"]["label"], ex["choices"]["text"]))
    prompt = f"[INST] {ex['question']}\n{opts}\nAnswer with the letter only. [/INST]"
    ids = tokenizer(prompt, return_tensors="pt").to("cuda")
    with torch.no_grad():
        out = model.generate(**ids, max_new_tokens=2, do_sample=False, pad_token_id=0)
    pred = tokenizer.decode(out[0, ids["input_ids"].shape[1]:]).strip()[:1]
    right += int(pred == ex["answerKey"])
print("ARC-C acc with focus vector:", right / len(arc))
model.reset()
