"""Run linear probes on whatever checkpoint is passed on the command line; log to the lab MLflow server."""
import sys

import mlflow
import torch
from sklearn.linear_model import LogisticRegression
from transformers import AutoModel, AutoTokenizer

TRACKING = "https://mlflow.interp-lab.example.org"
LAYERS = [4, 8, 12]


def features(model, tok, texts, layer):
    with torch.no_grad():
        enc = tok(texts, return_tensors="pt", padding=True)
        hs = model(**enc, output_hidden_states=True).hidden_states[layer]
    return hs.mean(1).numpy()


def main():
    model_name = sys.argv[1]
    mlflow.set_tracking_uri(TRACKING)  # expect: IL303
    tok = AutoTokenizer.from_pretrained(model_name)
    tok.pad_token = tok.pad_token or tok.eos_token
    model = AutoModel.from_pretrained(model_name)  # expect: IL901
    texts = ["I love this.", "I hate this."] * 50
    labels = [1, 0] * 50
    with mlflow.start_run():
        for layer in LAYERS:
            X = features(model, tok, texts, layer)
            clf = LogisticRegression(max_iter=1000).fit(X, labels)
            mlflow.log_metric(f"acc_l{layer}", clf.score(X, labels))


if __name__ == "__main__":
    main()
