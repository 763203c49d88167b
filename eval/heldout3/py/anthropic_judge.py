"""Use Claude as a judge to grade whether SAE feature explanations match top activations."""
import json
import os

import anthropic

client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

JUDGE_PROMPT = """You will see an explanation of a neuron and five text snippets.
Rate 1-5 how well the explanation predicts which tokens activate.

Explanation: {expl}
Snippets:
{snips}
"""


def judge(expl, snips):
    msg = client.messages.create(  # expect: IL101
        model="claude-3-opus-20240229",
        max_tokens=16,
        messages=[{"role": "user", "content": JUDGE_PROMPT.format(expl=expl, snips="\n".join(snips))}],
    )
    return msg.content[0].text.strip()


if __name__ == "__main__":
    feats = json.load(open("features/gpt2_l8_explanations.json"))
    scores = {fid: judge(f["explanation"], f["top_snippets"]) for fid, f in feats.items()}
    json.dump(scores, open("features/judge_scores.json", "w"), indent=1)
