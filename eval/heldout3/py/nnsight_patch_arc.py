from datasets import load_dataset
from nnsight import LanguageModel

lm = LanguageModel("meta-llama/Llama-3.1-8B", device_map="auto", dispatch=True)
LAYER = 16

clean = "Answer the science question carefully and correctly."
with lm.trace(clean):
    clean_mlp = lm.model.layers[LAYER].mlp.output.save()

arc = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="test")  # expect: IL201, IL202

n_right = 0
for ex in arc:
    labels = ex["choices"]["label"]
    prompt = ex["question"] + "\n" + "\n".join(f"{l}. {t}" for l, t in zip(labels, ex["choices"]["text"])) + "\nAnswer:"
    with lm.trace(prompt):
        lm.model.layers[LAYER].mlp.output[:, -1, :] = clean_mlp[:, -1, :]
        logits = lm.lm_head.output[:, -1, :].save()
    letter_ids = [lm.tokenizer.encode(" " + l, add_special_tokens=False)[0] for l in labels]
    pred = labels[int(logits.value[0, letter_ids].argmax())]
    n_right += pred == ex["answerKey"]

print("patched ARC-C acc:", n_right / len(arc))
