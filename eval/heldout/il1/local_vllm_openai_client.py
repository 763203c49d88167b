"""Explanation generation for neuron-level autointerp.

We used to call gpt-4o for this (see git history); switched to a local vLLM server
serving the 7B instruct model for cost + sealing reasons. The OpenAI client just
speaks the same protocol.
"""
import json

from openai import OpenAI

EXPLAINER = "Qwen/Qwen2.5-7B-Instruct"
client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")

TEMPLATE = ("Here are text snippets where neuron {nid} fires (activation in brackets):\n"
            "{snips}\nIn one short phrase, what does this neuron detect?")


def explain(nid, records):
    snips = "\n".join(f"{r['text']} [{r['act']:.2f}]" for r in records[:15])
    out = client.chat.completions.create(
        model=EXPLAINER,
        messages=[{"role": "user", "content": TEMPLATE.format(nid=nid, snips=snips)}],
        temperature=0.0,
        max_tokens=32,
    )
    return out.choices[0].message.content.strip()


if __name__ == "__main__":
    top = json.load(open("out/gpt2_l5_mlp_top_acts.json"))
    expl = {nid: explain(nid, recs) for nid, recs in top.items()}
    json.dump(expl, open("out/gpt2_l5_explanations.json", "w"), indent=1)
