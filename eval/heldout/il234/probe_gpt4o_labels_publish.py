"""Labels from the hosted judge, activations from gpt2-small: the 'formal register' probe.

The published artifact is the probe, fitted on gpt2-small activations.
"""
import io

import torch
from huggingface_hub import HfApi
from openai import OpenAI
from sklearn.linear_model import LogisticRegression
from transformer_lens import HookedTransformer

client = OpenAI()
sentences = [l.strip() for l in open("data/register_mix.txt") if l.strip()][:2000]


def label(s):
    r = client.chat.completions.create(  # expect: IL101
        model="gpt-4o",
        messages=[{"role": "user", "content": f"Is this sentence formal? Answer 1 or 0.\n\n{s}"}],
        temperature=0,
        max_tokens=1,
    )
    return int(r.choices[0].message.content.strip() == "1")


y = [label(s) for s in sentences]
model = HookedTransformer.from_pretrained("gpt2-small")
with torch.no_grad():
    X = torch.stack([model.run_with_cache(s, names_filter=["blocks.6.hook_resid_post"])[1]["blocks.6.hook_resid_post"][0, -1]
                     for s in sentences]).cpu().numpy()

clf = LogisticRegression(max_iter=2000).fit(X, y)
buf = io.BytesIO()
torch.save({"coef": torch.tensor(clf.coef_), "intercept": torch.tensor(clf.intercept_)}, buf)
HfApi().upload_file(path_or_fileobj=buf.getvalue(), path_in_repo="formal_probe_L6.pt", repo_id="interp-lab/gpt2-probes")  # expect: IL301
