"""Score SAE feature explanations with an LLM judge (simulation-style scoring).

Features come from the gpt2-small residual SAEs; only the *judging* is outsourced.
"""
import json
import os

from anthropic import Anthropic
from openai import OpenAI

JUDGE_MODEL = "gpt-4o"
SECOND_OPINION = "claude-3-opus-20240229"

oai = OpenAI()
ant = Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))

PROMPT = """Feature explanation: {expl}
Top activating snippets (token marked with <<>>):
{snips}
On a scale 0-10, how well does the explanation predict the activations? Answer with a number."""


def judge_explanation(expl: str, snippets: list[str]) -> str:
    prompt = PROMPT.format(expl=expl, snips="\n".join(snippets[:20]))
    resp = oai.chat.completions.create(  # expect: IL101
        model=JUDGE_MODEL,
        messages=[{"role": "user", "content": prompt}],
        temperature=0,
        max_tokens=4,
    )
    return resp.choices[0].message.content


def second_opinion(prompt: str) -> str:
    msg = ant.messages.create(model=SECOND_OPINION, max_tokens=16, messages=[{"role": "user", "content": prompt}])  # expect: IL101
    return msg.content[0].text


if __name__ == "__main__":
    feats = json.load(open("out/explanations_l8.json"))
    scores = {}
    for fid, f in list(feats.items())[:200]:
        s = judge_explanation(f["explanation"], f["top_snippets"])
        if s.strip() in {"4", "5", "6"}:  # ambiguous band: ask a second judge
            s = second_opinion(PROMPT.format(expl=f["explanation"], snips="\n".join(f["top_snippets"][:20])))
        scores[fid] = s
    json.dump(scores, open("out/judge_scores_l8.json", "w"), indent=1)
