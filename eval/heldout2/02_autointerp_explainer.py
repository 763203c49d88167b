"""Auto-interpretability: explain SAE latents with a hosted explainer, score with a second model."""
import json
import os

import anthropic
from openai import OpenAI

EXPLAINER_MODEL = "gpt-4o"
SCORER_MODEL = "claude-3-opus-20240229"
MAX_EXAMPLES = 20


def format_examples(records):
    lines = []
    for r in records[:MAX_EXAMPLES]:
        toks = [f"<<{t}>>" if a > 0.5 else t for t, a in zip(r["tokens"], r["acts"])]
        lines.append("".join(toks))
    return "\n".join(lines)


class Explainer:
    def __init__(self):
        self.client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))
        self.scorer = anthropic.Anthropic()

    def explain(self, records):
        resp = self.client.chat.completions.create(  # expect: IL101
            model=EXPLAINER_MODEL,
            messages=[{"role": "user", "content": "Explain this latent:\n" + format_examples(records)}],
            temperature=0.0,
        )
        return resp.choices[0].message.content

    def score(self, explanation, records):
        msg = self.scorer.messages.create(  # expect: IL101
            model=SCORER_MODEL,
            max_tokens=64,
            messages=[{"role": "user", "content": f"Explanation: {explanation}\n{format_examples(records)}\nScore 0-10."}],
        )
        return msg.content[0].text


if __name__ == "__main__":
    with open(os.environ.get("LATENT_FILE", "latents.json")) as f:
        latents = json.load(f)
    ex = Explainer()
    for idx, recs in latents.items():
        e = ex.explain(recs)
        print(idx, e, ex.score(e, recs))
