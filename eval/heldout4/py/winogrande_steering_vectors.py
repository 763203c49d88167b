"""Does a 'careful reading' steering vector change WinoGrande accuracy?"""
import torch
from datasets import load_dataset
from steering_vectors import train_steering_vector
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "mistralai/Mistral-7B-Instruct-v0.2"
LAYERS = [12, 13, 14, 15]
MULTIPLIERS = [-2.0, 0.0, 2.0, 4.0]

PAIRS = [
    ("Let me think about this carefully, step by step.", "I'll just answer with the first thing that comes to mind."),
    ("I should double-check who each pronoun refers to.", "Whatever, any answer is fine."),
    ("Careful reading matters here.", "No need to read closely."),
    ("I will reread the sentence before answering.", "I will skim and guess."),
]


def option_logprob(model, tok, sentence, option):
    ids = tok(sentence.replace("_", option), return_tensors="pt").input_ids.to(model.device)
    with torch.no_grad():
        logits = model(ids).logits[:, :-1]
    lp = torch.log_softmax(logits.float(), -1).gather(-1, ids[:, 1:, None]).squeeze(-1)
    return lp.sum().item()


def accuracy(model, tok, rows):
    correct = 0
    for row in rows:
        s1 = option_logprob(model, tok, row["sentence"], row["option1"])
        s2 = option_logprob(model, tok, row["sentence"], row["option2"])
        correct += ("1" if s1 > s2 else "2") == row["answer"]
    return correct / len(rows)


def main():
    tok = AutoTokenizer.from_pretrained(MODEL)
    model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.float16, device_map="auto")
    sv = train_steering_vector(model, tok, PAIRS, layers=LAYERS, read_token_index=-1, show_progress=True)
    rows = load_dataset("allenai/winogrande", "winogrande_xl", split="validation").select(range(500))  # expect: IL201, IL202
    for mult in MULTIPLIERS:
        with sv.apply(model, multiplier=mult):
            print(f"multiplier={mult:+.1f}  acc={accuracy(model, tok, rows):.3f}")


if __name__ == "__main__":
    main()
