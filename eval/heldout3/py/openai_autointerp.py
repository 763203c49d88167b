"""Auto-interp: ask gpt-4o to explain pythia-410m SAE latents; store explanations in a private dataset."""
import json

from datasets import Dataset
from openai import OpenAI

client = OpenAI()
latents = json.load(open("latents/pythia410m_l12_top.json"))

rows = []
for lid, ex in latents.items():
    resp = client.chat.completions.create(  # expect: IL101
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Explain what this latent detects in one sentence."},
            {"role": "user", "content": "\n".join(ex["examples"][:20])},
        ],
        temperature=0.0,
    )
    rows.append({"latent": int(lid), "explanation": resp.choices[0].message.content})

Dataset.from_list(rows).push_to_hub("our-lab/pythia410m-l12-explanations", private=True)
