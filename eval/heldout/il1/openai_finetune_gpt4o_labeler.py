"""Fine-tune the hosted model to act as our automated feature labeler.

Training data: (top-activating examples -> human-written label) pairs we collected
for the gpt2-small SAEs.
"""
import json
import time

from openai import OpenAI

client = OpenAI()


def build_jsonl(src="data/human_labels.json", dst="data/labeler_sft.jsonl"):
    rows = json.load(open(src))
    with open(dst, "w") as f:
        for r in rows:
            f.write(json.dumps({"messages": [
                {"role": "system", "content": "Label the SAE feature in <=8 words."},
                {"role": "user", "content": "\n".join(r["examples"])},
                {"role": "assistant", "content": r["label"]},
            ]}) + "\n")
    return dst


train_file = client.files.create(file=open(build_jsonl(), "rb"), purpose="fine-tune")
job = client.fine_tuning.jobs.create(  # expect: IL101, IL102
    training_file=train_file.id,
    model="gpt-4o-2024-08-06",
    hyperparameters={"n_epochs": 3},
    suffix="sae-labeler",
)

while True:
    job = client.fine_tuning.jobs.retrieve(job.id)
    print(job.status)
    if job.status in {"succeeded", "failed", "cancelled"}:
        break
    time.sleep(60)
print("fine-tuned model:", job.fine_tuned_model)
