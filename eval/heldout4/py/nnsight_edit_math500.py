"""Project out a 'verbosity' direction with a persistent nnsight edit, then check MATH-500."""
import re

import torch
from datasets import load_dataset
from nnsight import LanguageModel

MODEL_ID = "meta-llama/Meta-Llama-3-8B-Instruct"
LAYER = 14
DIRECTION_PATH = "directions/verbosity_l14.pt"


def boxed(text):
    found = re.findall(r"\\boxed\{([^{}]*)\}", text)
    return found[-1].strip() if found else None


def build_edited(model, direction):
    d = direction / direction.norm()
    with model.edit() as edited:
        h = model.model.layers[LAYER].output[0]
        model.model.layers[LAYER].output[0][:] = h - (h @ d).unsqueeze(-1) * d
    return edited


def solve(lm, problem):
    msgs = [{"role": "user", "content": problem + "\nPut the final answer in \\boxed{}."}]
    prompt = lm.tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True)
    with lm.generate(prompt, max_new_tokens=512, do_sample=False):
        out = lm.generator.output.save()
    return lm.tokenizer.decode(out[0], skip_special_tokens=True)


def main():
    model = LanguageModel(MODEL_ID, device_map="auto", torch_dtype=torch.bfloat16, dispatch=True)
    direction = torch.load(DIRECTION_PATH).to("cuda", torch.bfloat16)
    edited = build_edited(model, direction)
    problems = load_dataset("HuggingFaceH4/MATH-500", split="test")  # expect: IL201, IL202
    hits = 0
    for row in problems:
        hits += boxed(solve(edited, row["problem"])) == row["answer"]
    print(f"edited model MATH-500 accuracy: {hits / len(problems):.3f}")


if __name__ == "__main__":
    main()
